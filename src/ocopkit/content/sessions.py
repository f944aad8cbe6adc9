"""The training calendar ("Lịch tập huấn"): dated sessions of the courses, one YAML file each
(or a list of them per file) in the sessions folder.

Times are local Vietnam time (UTC+7, no daylight saving time) and are kept naive. A value may
be a YAML timestamp (``2027-01-12 08:00:00``) or the text ``2027-01-12 08:00`` (``T`` between
date and time allowed); either may end with the offset ``+07:00``, which is dropped. Any other
offset (``Z``, ``+00:00``, ``-05:00``) is refused rather than converted, so that a value
always reads as the local time it means.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ocopkit.errors import Problem
from ocopkit.source.checker import Checker, describe, is_text
from ocopkit.source.frontmatter import shown_path
from ocopkit.source.yaml import KeyPath, load_yaml, printable

STATUSES = {"planned": "Dự kiến", "cancelled": "Đã hủy", "done": "Đã tổ chức"}
SESSION_KEYS = ("id", "course", "title", "start", "end", "place", "trainers", "capacity",
                "contact", "registration", "status")
PLACE_KEYS = ("venue", "commune", "province")
MAX_CAPACITY = 10_000
LOCAL_OFFSET = dt.timedelta(hours=7)
"""Vietnam's offset from UTC (no daylight saving time)."""

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MOMENT = re.compile(r"(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?:[ ]?([+-]\d{2}:?\d{2}|Z))?")
"""``YYYY-MM-DD HH:MM`` (or with ``T``), optionally followed by an offset."""
_EXPECTED_MOMENT = "a date and time 'YYYY-MM-DD HH:MM'"
_EXPECTED_ID = "an id of lower-case letters, digits and hyphens"


@dataclass(frozen=True)
class Place:
    venue: str
    commune: str
    province: str

    def __str__(self) -> str:
        return f"{self.venue}, {self.commune}, {self.province}"


@dataclass(frozen=True)
class TrainingSession:
    """One dated class of a course."""

    id: str
    course: str
    title: str | None
    """The session's own title; ``None`` means the course title."""
    start: dt.datetime
    """Naive, local time (UTC+7)."""
    end: dt.datetime
    place: Place
    trainers: tuple[str, ...]
    capacity: int
    contact: str
    registration: str | None
    status: str
    """A key of :data:`STATUSES`."""
    path: str
    """The file, as messages show it."""
    line: int
    """The line of the session's mapping in that file."""


def session_files(folder: Path) -> list[Path]:
    """The ``*.yml`` files of the sessions folder, sorted; none when there is no folder."""
    return sorted(folder.glob("*.yml")) if folder.is_dir() else []


def check_sessions(files: Sequence[Path], course_slugs: Collection[str], *,
                   root: Path | None = None) -> tuple[list[TrainingSession], list[Problem]]:
    """Validate every session of ``files``; ``course_slugs`` are the course files (valid or
    not, without ``.md``). Returns the valid sessions sorted by start and id, and every
    problem found."""
    sessions: list[TrainingSession] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}  # each id with where it first stands (file:line)
    for path in files:
        shown = shown_path(path, root)
        located, found = load_yaml(path, display_path=shown, times=True)
        problems.extend(found)
        if found:
            continue
        c = Checker(located, problems)
        data = located.data
        if isinstance(data, dict):
            entries: list[tuple[KeyPath, Any, str]] = [((), data, path.stem)]
        elif isinstance(data, list) and data:
            entries = [((i,), item, f"{path.stem}-{i + 1}") for i, item in enumerate(data)]
        elif isinstance(data, list):
            c.add((), "expected at least one session, got an empty list")
            continue
        else:
            c.add((), f"expected a session (a mapping) or a list of sessions, got "
                  f"{describe(data)}")
            continue
        for keys, item, default_id in entries:
            session = _session(c, item, keys, default_id, course_slugs, seen)
            if session is not None:
                sessions.append(session)
    return sorted(sessions, key=lambda s: (s.start, s.id)), problems


def _session(c: Checker, item: Any, keys: KeyPath, default_id: str,
             course_slugs: Collection[str], seen: dict[str, str]) -> TrainingSession | None:
    before = len(c.problems)
    raw = c.mapping(item, keys, SESSION_KEYS)
    if raw is None:
        return None
    session_id = _session_id(c, raw, keys, default_id, seen)
    course = c.field(raw, "course", keys, is_text, "the name of a course (a file of the "
                     "courses folder, without .md)")
    if isinstance(course, str):
        course = course.strip()
        if course not in course_slugs:
            c.add((*keys, "course"), "expected the name of a course (a file of the courses "
                  f"folder, without .md), got '{_quoted(course)}'")
    title = c.text(raw, "title", keys, required=False)
    start = _moment(c, raw, "start", keys)
    end = _moment(c, raw, "end", keys)
    if start is not None and end is not None and end <= start:
        c.add((*keys, "end"), f"expected an end after the start ({_iso(start)}), got "
              f"{_iso(end)}")
    place = _place(c, raw, keys)
    trainers = _trainers(c, raw, keys)
    capacity = c.integer(raw, "capacity", keys, low=1, high=MAX_CAPACITY,
                         what=f"a number of places from 1 to {MAX_CAPACITY}")
    contact = c.text(raw, "contact", keys)
    registration = c.text(raw, "registration", keys, required=False)
    status = c.field(raw, "status", keys, lambda v: isinstance(v, str) and v in STATUSES,
                     "planned, cancelled or done")
    # A required value is None only with a problem; the None tests are for the type checker.
    if (len(c.problems) != before or session_id is None or not isinstance(course, str)
            or start is None or end is None or place is None or capacity is None
            or contact is None or not isinstance(status, str)):
        return None
    return TrainingSession(session_id, course, title, start, end, place, trainers, capacity,
                           contact, registration, status, c.located.path,
                           c.located.where(keys)[0])


def _session_id(c: Checker, raw: dict[str, Any], keys: KeyPath, default_id: str,
                seen: dict[str, str]) -> str | None:
    """The session's id (given, or from the file name), recorded in ``seen`` or reported as
    a duplicate."""
    if "id" in raw:
        value = raw["id"]
        at: KeyPath = (*keys, "id")
        if not (isinstance(value, str) and _ID.fullmatch(value)):
            c.add(at, f"expected {_EXPECTED_ID}, got {describe(value)}")
            return None
        session_id = value
    else:
        at = keys
        if not _ID.fullmatch(default_id):
            c.add(keys, f"expected {_EXPECTED_ID}: without an 'id' key the session takes the "
                  f"file name, got '{_quoted(default_id)}'; rename the file or add an id")
            return None
        session_id = default_id
    line = c.located.where(at)[0]
    if session_id in seen:
        c.add(at, f"duplicate session id '{session_id}' (first at {seen[session_id]})")
    else:
        seen[session_id] = f"{c.located.path}:{line}"
    return session_id


def _moment(c: Checker, raw: dict[str, Any], name: str, keys: KeyPath) -> dt.datetime | None:
    """A local date and time: a YAML timestamp or text ``YYYY-MM-DD HH:MM``."""
    if name not in raw:
        c.add(keys, f"missing required key '{name}'; expected {_EXPECTED_MOMENT}")
        return None
    value, at = raw[name], (*keys, name)
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, str) and (match := _MOMENT.fullmatch(value.strip())):
        year, month, day, hour, minute = (int(g) for g in match.groups()[:5])
        try:
            moment = dt.datetime(year, month, day, hour, minute)
        except ValueError as err:
            c.add(at, f"expected a real date and time, got '{_quoted(value)}' ({err})")
            return None
        if match[6] is not None:
            moment = moment.replace(tzinfo=_offset(match[6]))
    else:
        c.add(at, f"expected {_EXPECTED_MOMENT}, got {describe(value)}")
        return None
    if moment.tzinfo is not None:
        offset = moment.utcoffset()
        if offset != LOCAL_OFFSET:
            c.add(at, "expected local Vietnam time (no offset, or +07:00), got the offset "
                  f"{_offset_text(offset)}; write the time as it is in Vietnam")
            return None
        moment = moment.replace(tzinfo=None)
    if moment.second or moment.microsecond:
        c.add(at, f"expected a time in whole minutes, got {moment.time().isoformat()}")
        return None
    return moment


def _offset(text: str) -> dt.timezone:
    if text == "Z":
        return dt.UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _offset_text(offset: dt.timedelta | None) -> str:
    if not offset:
        return "+00:00 (UTC)"
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{rest:02d}"


def _iso(moment: dt.datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M}"


def _quoted(text: str) -> str:
    return printable(text if len(text) <= 40 else text[:37] + "...")


def _place(c: Checker, raw: dict[str, Any], keys: KeyPath) -> Place | None:
    value = c.field(raw, "place", keys, lambda v: isinstance(v, dict),
                    "a mapping of venue, commune and province")
    if value is None:
        return None
    at = (*keys, "place")
    place = c.mapping(value, at, PLACE_KEYS)
    if place is None:
        return None
    venue, commune, province = (c.text(place, k, at) for k in PLACE_KEYS)
    if venue is None or commune is None or province is None:
        return None
    return Place(venue, commune, province)


def _trainers(c: Checker, raw: dict[str, Any], keys: KeyPath) -> tuple[str, ...]:
    """At least one trainer, each a non-empty text."""
    out = []
    for i, item in enumerate(c.items(raw, "trainers", keys)):
        if is_text(item):
            out.append(item.strip())
        else:
            c.add((*keys, "trainers", i), f"expected a trainer's name, got {describe(item)}")
    return tuple(out)
