"""Courses: sessions built from guides, with totals computed from the guides' durations.

Besides the sessions, a course's front matter may say how a class is organised
(``logistics``: place, time, what learners bring), what to prepare (``materials``) and how
learning is checked (``assessment``); the course pack prints them. With ``quiz: N`` a course
gets a pre-test and a post-test of N questions each, drawn by :func:`draw_tests` from the
review questions of its guides. :func:`reading_order` puts the courses, and the guides they
teach, in the order a learner meets them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ocopkit.content.guides import AUDIENCES, LEVELS, TOPICS, Guide
from ocopkit.content.questions import Question
from ocopkit.errors import Problem
from ocopkit.source.checker import Checker, is_int
from ocopkit.source.frontmatter import checked_pages
from ocopkit.source.layers import Sources
from ocopkit.source.text import fold_diacritics
from ocopkit.source.yaml import KeyPath

FORMATS = {"lop-hoc": "Lớp học", "tham-quan": "Tham quan học tập",
           "ngay-hoi": "Ngày hội sản phẩm"}
COURSE_KEYS = ("title", "description", "format", "audience", "topics", "classes", "objectives",
               "sessions", "logistics", "materials", "assessment", "quiz", "last_reviewed",
               "replaces")
LOGISTICS_KEYS = ("place", "time", "bring")


@dataclass(frozen=True)
class Session:
    """One session of a course: a guide (``guide`` set) or a titled activity."""

    title: str
    minutes: int
    guide: str | None = None


@dataclass(frozen=True)
class Logistics:
    """How a class of the course is organised (front matter ``logistics``); every part is
    optional, as a course may leave it to the organiser of each class."""

    place: str | None = None
    """Where a class is held and what the room needs ("Địa điểm")."""
    time: str | None = None
    """When in the year, or the rhythm between classes ("Thời gian")."""
    bring: tuple[str, ...] = ()
    """What each learner brings ("Học viên mang theo")."""


@dataclass(frozen=True)
class Course:
    """A validated course: its front matter, the sessions resolved against the guides."""

    slug: str
    path: str
    title: str
    description: str
    format: str
    audience: tuple[str, ...]
    topics: tuple[str, ...]
    classes: int
    objectives: tuple[str, ...]
    sessions: tuple[Session, ...]
    last_reviewed: dt.date
    logistics: Logistics = field(default_factory=Logistics)
    materials: tuple[str, ...] = ()
    """What the organiser prepares besides the printed pack (front matter ``materials``)."""
    assessment: tuple[str, ...] = ()
    """How learning is checked (front matter ``assessment``), one way per item."""
    quiz: int = 0
    """Questions of the pre-test and of the post-test, drawn from the review questions of its
    guides (front matter ``quiz``); 0: no tests."""

    @property
    def minutes(self) -> int:
        """Total teaching time of one class of the course."""
        return sum(s.minutes for s in self.sessions)

    @property
    def total_minutes(self) -> int:
        """Teaching time of all its classes in the year."""
        return self.minutes * self.classes


def check_courses(sources: Sources, guides: list[Guide], guide_slugs: set[str], *,
                  root: Path | None = None) -> tuple[list[Course], list[Problem]]:
    """Validate every course; ``guide_slugs`` are all guide files (valid or not), so a course
    naming a broken guide reports only the guide's own problems."""
    by_slug = {g.slug: g for g in guides}
    courses: list[Course] = []
    problems: list[Problem] = []
    for path, page, c, raw in checked_pages(sources.courses, COURSE_KEYS, problems,
                                            root=root):
        before = len(problems)
        title = c.text(raw, "title", ())
        description = c.text(raw, "description", ())
        fmt = c.field(raw, "format", (), lambda v: v in FORMATS, "one of: " + ", ".join(FORMATS))
        audience = c.choices(raw, "audience", (), tuple(AUDIENCES))
        topics = c.choices(raw, "topics", (), tuple(TOPICS))
        classes = c.integer(raw, "classes", (), low=1, high=200)
        objectives = c.texts(raw, "objectives", ())
        if not objectives:
            c.add(("objectives",) if "objectives" in raw else (),
                  "expected at least one objective, got none")
        sessions = [s for i, item in enumerate(c.items(raw, "sessions", ()))
                    if (s := _session(c, item, i, by_slug, guide_slugs)) is not None]
        logistics = _logistics(c, raw)
        materials = _optional_texts(c, raw, "materials", ())
        assessment = _optional_texts(c, raw, "assessment", ())
        quiz = c.integer(raw, "quiz", (), low=2, high=60, required=False,
                         what="a number of questions from 2 to 60") or 0
        reviewed = c.date(raw, "last_reviewed", ())
        # A required value is None only with a problem; the None tests are for the type checker.
        if (len(problems) == before and title is not None and description is not None
                and classes is not None and reviewed is not None):
            courses.append(Course(path.stem, page.path, title, description, fmt,
                                  audience, topics, classes, objectives,
                                  tuple(sessions), reviewed, logistics, materials, assessment,
                                  quiz))
    return courses, problems


def _optional_texts(c: Checker, raw: dict[str, Any], name: str, keys: KeyPath) -> tuple[str, ...]:
    """An optional list of texts: absent is fine, present it must hold at least one text."""
    values = c.texts(raw, name, keys)
    if raw.get(name) == []:
        c.add((*keys, name), "expected a non-empty list of texts, got an empty list")
    return values


def _logistics(c: Checker, raw: dict[str, Any]) -> Logistics:
    """``logistics``: when given, a mapping of at least one of :data:`LOGISTICS_KEYS`."""
    if "logistics" not in raw:
        return Logistics()
    keys: KeyPath = ("logistics",)
    found = c.mapping(raw["logistics"], keys, LOGISTICS_KEYS)
    if found is None:
        return Logistics()
    if not any(k in found for k in LOGISTICS_KEYS):
        c.add(keys, "expected at least one of: " + ", ".join(LOGISTICS_KEYS) + "; got none")
    return Logistics(c.text(found, "place", keys, required=False),
                     c.text(found, "time", keys, required=False),
                     _optional_texts(c, found, "bring", keys))


def course_order(courses: Sequence[Course], guides: Sequence[Guide]) -> list[Course]:
    """Courses in the order a learner takes them: classes before study tours and fairs (the
    order of :data:`FORMATS`), then the course whose hardest guide is easier (its
    :data:`~ocopkit.content.guides.LEVELS`), then by title."""
    levels = {g.slug: list(LEVELS).index(g.level) for g in guides}

    def hardest(course: Course) -> int:
        return max((levels[s.guide] for s in course.sessions if s.guide in levels), default=0)

    return sorted(courses, key=lambda c: (list(FORMATS).index(c.format), hardest(c),
                                          fold_diacritics(c.title), c.title))


def reading_order(courses: Sequence[Course], guides: Sequence[Guide]
                  ) -> list[tuple[Course | None, tuple[Guide, ...]]]:
    """Every guide once, in the order the courses teach them: per course of
    :func:`course_order`, the guides no earlier course taught, in session order (a course
    teaching none is left out); last (``None``) the guides no course teaches, by title."""
    by_slug = {g.slug: g for g in guides}
    seen: set[str] = set()
    out: list[tuple[Course | None, tuple[Guide, ...]]] = []
    for course in course_order(courses, guides):
        new: list[Guide] = []
        for session in course.sessions:
            guide = by_slug.get(session.guide or "")
            if guide is not None and guide.slug not in seen:
                seen.add(guide.slug)
                new.append(guide)
        if new:
            out.append((course, tuple(new)))
    rest = sorted((g for g in guides if g.slug not in seen),
                  key=lambda g: (fold_diacritics(g.title), g.title))
    if rest:
        out.append((None, tuple(rest)))
    return out


def _session(c: Checker, item: Any, i: int, guides: dict[str, Guide],
             slugs: set[str]) -> Session | None:
    keys = ("sessions", i)
    raw = c.mapping(item, keys, ("guide", "title", "minutes"))
    if raw is None:
        return None
    if ("guide" in raw) == ("title" in raw):
        c.add(keys, "expected exactly one of 'guide' or 'title'")
        return None
    minutes = c.integer(raw, "minutes", keys, low=5, high=600, required="title" in raw,
                        what="minutes from 5 to 600")
    if "title" in raw:
        title = c.text(raw, "title", keys)
        return Session(title, minutes) if title and minutes else None
    slug = raw["guide"]
    if not isinstance(slug, str) or slug not in slugs:
        c.add((*keys, "guide"), "expected the name of a guide (a file of the guides folder, "
              f"without .md), got {slug!r}")
        return None
    guide = guides.get(slug)
    if guide is None:  # the guide exists but has problems of its own, reported there
        return None
    if "minutes" in raw and not is_int(raw["minutes"]):
        return None
    return Session(guide.title, minutes or guide.duration, slug)


def draw_tests(course: Course, guides: Sequence[Guide]) -> tuple[list[Question], list[Question]]:
    """The pre-test and the post-test of ``course``: ``course.quiz`` questions each, taken in
    turn from its guides (in session order) so every guide is asked about, the pre-test from
    each guide's odd questions, the post-test from its even ones; a test short of questions
    takes the other's, and the post-test repeats pre-test questions only when the guides have
    fewer than twice ``course.quiz``. The same content gives the same tests."""
    by_slug = {g.slug: g for g in guides}
    pools = [list(by_slug[slug].questions)
             for slug in dict.fromkeys(s.guide for s in course.sessions if s.guide)
             if slug in by_slug]
    def in_turn(lists: list[list[Question]]) -> list[Question]:
        longest = max((len(items) for items in lists), default=0)
        return [items[i] for i in range(longest) for items in lists if i < len(items)]

    first = in_turn([pool[0::2] for pool in pools])  # each guide's 1st, 3rd, … question
    second = in_turn([pool[1::2] for pool in pools])  # its 2nd, 4th, …
    size = min(course.quiz, len(first) + len(second))
    pre = (first + second)[:size]
    post = [q for q in second + first if q not in pre][:size]
    post += [q for q in pre if q not in post][:size - len(post)]
    return pre, post
