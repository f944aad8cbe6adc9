"""The training calendar's YAML files, read from real files: valid sessions become
:class:`TrainingSession` objects, and every problem is one ``file:line:col`` line, all reported
in one pass."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ocopkit.content.sessions import (
    STATUSES,
    Place,
    TrainingSession,
    check_sessions,
    session_files,
)

COURSES = {"lop-co-ban-ocop", "tham-quan-mo-hinh"}
SESSION = """\
course: lop-co-ban-ocop
start: 2027-01-12 08:00
end: 2027-01-13 16:30
place:
  venue: Hội trường UBND xã Phong Điền
  commune: Xã Phong Điền
  province: Thành phố Cần Thơ
trainers: [Nguyễn Văn A, Trần Thị B]
capacity: 40
contact: "Trung tâm Khuyến nông, 0292 3xxx xxx"
status: planned
"""
"""A valid session without its optional keys; ``course`` on line 1, ``start`` 2, ``end`` 3,
``place`` 4-7, ``trainers`` 8, ``capacity`` 9, ``contact`` 10, ``status`` 11."""
KEYS = ("id, course, title, start, end, place, trainers, capacity, contact, registration, "
        "status")


def session_text(extra: str = "", **values: str | None) -> str:
    """:data:`SESSION` with the value of some top-level keys replaced (on the same line), or
    the key dropped (``None``), and ``extra`` lines appended."""
    lines = []
    for line in SESSION.splitlines():
        key = line.split(":", 1)[0]
        if key in values:
            if values[key] is None:
                continue
            line = f"{key}: {values[key]}"
        lines.append(line)
    return "\n".join(lines) + "\n" + extra


def write(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "sessions"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def check(tmp_path: Path) -> tuple[list[TrainingSession], list[str]]:
    sessions, problems = check_sessions(session_files(tmp_path / "sessions"), COURSES,
                                        root=tmp_path)
    return sessions, [str(p) for p in problems]


def test_a_file_of_one_session(tmp_path: Path) -> None:
    write(tmp_path, "phong-dien.yml", session_text(
        'registration: "Đăng ký qua UBND xã trước ngày 05/01/2027."\n'))
    sessions, problems = check(tmp_path)
    assert problems == []
    assert sessions == [TrainingSession(
        id="phong-dien", course="lop-co-ban-ocop", title=None,
        start=dt.datetime(2027, 1, 12, 8, 0), end=dt.datetime(2027, 1, 13, 16, 30),
        place=Place("Hội trường UBND xã Phong Điền", "Xã Phong Điền", "Thành phố Cần Thơ"),
        trainers=("Nguyễn Văn A", "Trần Thị B"), capacity=40,
        contact="Trung tâm Khuyến nông, 0292 3xxx xxx",
        registration="Đăng ký qua UBND xã trước ngày 05/01/2027.", status="planned",
        path="sessions/phong-dien.yml", line=1)]
    assert sessions[0].start.tzinfo is None
    assert STATUSES[sessions[0].status] == "Dự kiến"


def test_a_file_of_a_list_of_sessions_sorted_by_start(tmp_path: Path) -> None:
    write(tmp_path, "dot-1.yml", """\
- course: lop-co-ban-ocop
  title: Lớp cơ bản cụm xã Phong Điền
  start: 2027-03-02 08:00
  end: 2027-03-02 11:30
  place: {venue: Nhà văn hóa ấp 3, commune: Xã Phong Điền, province: Thành phố Cần Thơ}
  trainers: [Nguyễn Văn A]
  capacity: 25
  contact: UBND xã
  status: planned
- id: tham-quan-2027
  course: tham-quan-mo-hinh
  start: 2027-01-20T07:30
  end: 2027-01-20 17:00
  place: {venue: HTX Rau sạch, commune: Phường Cái Khế, province: Thành phố Cần Thơ}
  trainers: [Trần Thị B]
  capacity: 30
  contact: UBND phường
  status: cancelled
- course: lop-co-ban-ocop
  start: 2026-11-05 13:30
  end: 2026-11-05 17:00
  place: {venue: Hội trường xã, commune: Xã Thới Lai, province: Thành phố Cần Thơ}
  trainers: [Lê Văn C, "  Phạm Thị D  "]
  capacity: 20
  contact: UBND xã
  status: done
""")
    sessions, problems = check(tmp_path)
    assert problems == []
    assert [(s.id, s.line, s.status) for s in sessions] == [
        ("dot-1-3", 19, "done"), ("tham-quan-2027", 10, "cancelled"), ("dot-1-1", 1, "planned")]
    assert sessions[0].trainers == ("Lê Văn C", "Phạm Thị D")
    assert sessions[1].start == dt.datetime(2027, 1, 20, 7, 30)
    assert sessions[2].title == "Lớp cơ bản cụm xã Phong Điền"


def test_times_may_be_yaml_timestamps_or_carry_the_vietnam_offset(tmp_path: Path) -> None:
    write(tmp_path, "a.yml", session_text(start="2027-01-12 08:00:00",
                                          end="2027-01-12T16:30:00+07:00"))
    write(tmp_path, "b.yml", session_text(start="2027-01-12 08:00+07:00",
                                          end='"2027-01-12T16:30"'))
    sessions, problems = check(tmp_path)
    assert problems == []
    assert {(s.start, s.end) for s in sessions} == {
        (dt.datetime(2027, 1, 12, 8, 0), dt.datetime(2027, 1, 12, 16, 30))}
    assert all(s.start.tzinfo is None and s.end.tzinfo is None for s in sessions)


def test_no_folder_means_no_files(tmp_path: Path) -> None:
    assert session_files(tmp_path / "sessions") == []
    write(tmp_path, "b.yml", SESSION)
    write(tmp_path, "a.yml", SESSION)
    write(tmp_path, "notes.md", "not a session")
    assert [p.name for p in session_files(tmp_path / "sessions")] == ["a.yml", "b.yml"]


def test_every_problem_of_every_file_is_reported_at_once(tmp_path: Path) -> None:
    cases = {
        "date-text.yml": session_text(start="12/01/2027 08:00"),
        "date-calendar.yml": session_text(start="2027-02-30 10:00"),
        "date-calendar-stamp.yml": session_text(end="2027-02-30 10:00:00"),
        "date-bare.yml": session_text(end="2027-01-13"),
        "date-seconds.yml": session_text(start="2027-01-12 08:00:30"),
        "date-utc.yml": session_text(start="2027-01-12T01:00Z"),
        "date-offset.yml": session_text(end="2027-01-13 16:30:00-05:00"),
        "end-before.yml": session_text(end="2027-01-12 07:59"),
        "end-equal.yml": session_text(end="2027-01-12 08:00"),
        "course-unknown.yml": session_text(course="lop-khong-co"),
        "capacity-0.yml": session_text(capacity="0"),
        "capacity-minus.yml": session_text(capacity="-3"),
        "capacity-text.yml": session_text(capacity='"40"'),
        "capacity-bool.yml": session_text(capacity="true"),
        "capacity-decimal.yml": session_text(capacity="2.5"),
        "capacity-huge.yml": session_text(capacity="10001"),
        "key-unknown.yml": session_text("colour: red\n"),
        "key-missing.yml": session_text(contact=None, trainers=None),
        "status-bad.yml": session_text(status="maybe"),
        "trainers.yml": session_text(trainers="[Nguyễn Văn A, 3, '  ']"),
        "trainers-empty.yml": session_text(trainers="[]"),
        "place-text.yml": session_text(place="Hội trường xã").replace(
            "  venue: Hội trường UBND xã Phong Điền\n  commune: Xã Phong Điền\n"
            "  province: Thành phố Cần Thơ\n", ""),
        "place-keys.yml": session_text().replace("  province: Thành phố Cần Thơ",
                                                 "  tinh: Thành phố Cần Thơ"),
        "id-bad.yml": session_text("id: Phong Dien\n"),
        "Tên Có Dấu.yml": session_text(),
        "dup-a.yml": session_text("id: trung-lap\n"),
        "dup-b.yml": session_text("id: trung-lap\n"),
        "empty-list.yml": "[]\n",
        "scalar.yml": "just text\n",
        "list-bad.yml": "- 3\n- " + session_text().replace("\n", "\n  ").rstrip() + "\n- "
                        + session_text("id: date-text\n").replace("\n", "\n  ").rstrip() + "\n",
    }
    for name, text in cases.items():
        write(tmp_path, name, text)
    sessions, problems = check(tmp_path)
    at = "sessions/"
    moment = "expected a date and time 'YYYY-MM-DD HH:MM', got"
    places = "expected a number of places from 1 to 10000, got"
    local = "expected local Vietnam time (no offset, or +07:00), got the offset"
    assert sorted(problems) == sorted([
        f"{at}date-text.yml:2:8: start: {moment} '12/01/2027 08:00' (text)",
        f"{at}date-calendar.yml:2:8: start: expected a real date and time, got "
        "'2027-02-30 10:00' (day is out of range for month)",
        f"{at}date-calendar-stamp.yml:3:6: end: {moment} '2027-02-30 10:00:00'",
        f"{at}date-bare.yml:3:6: end: {moment} 2027-01-13 (date)",
        f"{at}date-seconds.yml:2:8: start: expected a time in whole minutes, got 08:00:30",
        f"{at}date-utc.yml:2:8: start: {local} +00:00 (UTC); write the time as it is in "
        "Vietnam",
        f"{at}date-offset.yml:3:6: end: {local} -05:00; write the time as it is in Vietnam",
        f"{at}end-before.yml:3:6: end: expected an end after the start (2027-01-12 08:00), "
        "got 2027-01-12 07:59",
        f"{at}end-equal.yml:3:6: end: expected an end after the start (2027-01-12 08:00), "
        "got 2027-01-12 08:00",
        f"{at}course-unknown.yml:1:9: course: expected the name of a course (a file of the "
        "courses folder, without .md), got 'lop-khong-co'",
        f"{at}capacity-0.yml:9:11: capacity: {places} 0",
        f"{at}capacity-minus.yml:9:11: capacity: {places} -3",
        f"{at}capacity-text.yml:9:11: capacity: {places} '40' (text)",
        f"{at}capacity-bool.yml:9:11: capacity: {places} true (boolean)",
        f"{at}capacity-decimal.yml:9:11: capacity: {places} 2.5 (decimal number)",
        f"{at}capacity-huge.yml:9:11: capacity: {places} 10001",
        f"{at}key-unknown.yml:12:1: colour: unknown key 'colour'; expected one of: {KEYS}",
        f"{at}key-missing.yml:1:1: missing required key 'trainers'; expected a list",
        f"{at}key-missing.yml:1:1: missing required key 'contact'; expected non-empty text",
        f"{at}status-bad.yml:11:9: status: expected planned, cancelled or done, got 'maybe' "
        "(text)",
        f"{at}trainers.yml:8:26: trainers[1]: expected a trainer's name, got 3 (integer)",
        f"{at}trainers.yml:8:29: trainers[2]: expected a trainer's name, got '  ' (text)",
        f"{at}trainers-empty.yml:8:11: trainers: expected a non-empty list, got an empty list",
        f"{at}place-text.yml:4:8: place: expected a mapping of venue, commune and province, "
        "got 'Hội trường xã' (text)",
        f"{at}place-keys.yml:7:3: place.tinh: unknown key 'tinh'; expected one of: venue, "
        "commune, province",
        f"{at}place-keys.yml:5:3: place: missing required key 'province'; expected non-empty "
        "text",
        f"{at}id-bad.yml:12:5: id: expected an id of lower-case letters, digits and hyphens, "
        "got 'Phong Dien' (text)",
        f"{at}Tên Có Dấu.yml:1:1: expected an id of lower-case letters, digits and hyphens: "
        "without an 'id' key the session takes the file name, got 'Tên Có Dấu'; rename the "
        "file or add an id",
        f"{at}dup-b.yml:12:5: id: duplicate session id 'trung-lap' (first at "
        f"{at}dup-a.yml:12)",
        f"{at}empty-list.yml:1:1: expected at least one session, got an empty list",
        f"{at}scalar.yml:1:1: expected a session (a mapping) or a list of sessions, got "
        "'just text' (text)",
        f"{at}list-bad.yml:1:3: [0]: expected a mapping, got 3 (integer)",
        f"{at}list-bad.yml:24:7: [2].id: duplicate session id 'date-text' (first at "
        f"{at}date-text.yml:1)",
    ])
    # The only valid sessions: the first of two with one id, and the valid item of a list.
    assert sorted(s.id for s in sessions) == ["list-bad-2", "trung-lap"]


def test_a_file_that_is_not_yaml_is_one_problem_and_the_others_are_still_read(
        tmp_path: Path) -> None:
    write(tmp_path, "a.yml", "course: [unclosed\n")
    write(tmp_path, "b.yml", SESSION)
    sessions, problems = check(tmp_path)
    assert [s.id for s in sessions] == ["b"]
    assert len(problems) == 1 and problems[0].startswith("sessions/a.yml:2:1: invalid YAML")
