"""Courses: sessions built from guides, with totals computed from the guides' durations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ocopkit.content.guides import AUDIENCES, TOPICS, Guide
from ocopkit.errors import Problem
from ocopkit.source.checker import Checker, is_int
from ocopkit.source.frontmatter import checked_pages
from ocopkit.source.layers import Sources

FORMATS = {"lop-hoc": "Lớp học", "tham-quan": "Tham quan học tập",
           "ngay-hoi": "Ngày hội sản phẩm"}
COURSE_KEYS = ("title", "description", "format", "audience", "topics", "classes", "objectives",
               "sessions", "last_reviewed", "replaces")


@dataclass(frozen=True)
class Session:
    """One session of a course: a guide (``guide`` set) or a titled activity."""

    title: str
    minutes: int
    guide: str | None = None


@dataclass(frozen=True)
class Course:
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
        reviewed = c.date(raw, "last_reviewed", ())
        # A required value is None only with a problem; the None tests are for the type checker.
        if (len(problems) == before and title is not None and description is not None
                and classes is not None and reviewed is not None):
            courses.append(Course(path.stem, page.path, title, description, fmt,
                                  audience, topics, classes, objectives,
                                  tuple(sessions), reviewed))
    return courses, problems


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
