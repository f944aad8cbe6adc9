"""``ocopkit new``: the small, working project a province or training centre starts its site with.

The national criteria, guides, courses and toolkit come from the installed package; the
scaffold writes only the organiser's own pages: ``mkdocs.yml``, a home page, an about page, one
example guide, one example course with one dated session, a README and a ``.gitignore``.

The files are text templates in ``template/`` (read with :mod:`importlib.resources`) with
``{{key}}`` placeholders. Every value the user gives is text in every output, escaped for where
it goes:

- ``mkdocs.yml``: a placeholder is a whole YAML scalar, written with :func:`yaml.safe_dump`;
- YAML data (a page's front matter, the session file): the template is loaded, placeholders
  are filled in the loaded strings and the data is dumped again with :func:`yaml.safe_dump`;
- Markdown bodies: values go through :func:`ocopkit.render.html.md_esc`.

Writing is all or nothing: the files are written into a new folder beside the target and that
folder is renamed to the target (or, when the target is an existing empty folder, its entries
are moved in, and removed again should one move fail).
"""

from __future__ import annotations

import calendar
import datetime as dt
import ipaddress
import os
import re
import shutil
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import yaml

from ocopkit.render.html import md_esc
from ocopkit.system.publish import owned_name, remove_stale

__all__ = ["DEFAULT_SITE_URL", "MAX_TEXT", "ScaffoldError", "new_project", "session_day",
           "session_file"]

DEFAULT_SITE_URL = "https://ocop.example.vn/"
"""``site_url`` when none is given; the README and a comment in ``mkdocs.yml`` say to change it."""
MAX_TEXT = 120
"""Longest name or province, in characters."""
MAX_URL = 2000

GUIDE = "chuan-bi-dot-danh-gia"
"""The example local guide (``docs/guides/<GUIDE>.md``); no national guide has this name."""
COURSE = "lop-chuan-bi-danh-gia"
"""The example local course (``docs/courses/<COURSE>.md``); no national course has this name."""
NEUTRAL_PROVINCE = "tỉnh, thành phố"
"""Where a text speaks of the province and none was given."""
UNKNOWN_PROVINCE = "(điền tỉnh, thành phố)"
"""Where a field names the province and none was given."""

_PLACEHOLDER = re.compile(r"\{\{([a-z_]+)\}\}")
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
_URL_FORBIDDEN = frozenset('"<>\\^`{|}')
_HOST_LABEL = r"[^\W_](?:[\w-]*[^\W_])?"
_HOST = re.compile(rf"{_HOST_LABEL}(?:\.{_HOST_LABEL})*\.?")
_TEMPLATE_NAMES = {"gitignore": ".gitignore"}
"""Template files stored under another name than they are written with."""
_SESSION_TEMPLATE = "docs/sessions/session.yml"


class ScaffoldError(Exception):
    """Why no project was written; the message is one line to show the user, e.g.
    ``DIR: expected an empty or new folder, got 3 entries``."""


def new_project(target: Path, *, name: str, province: str | None = None,
                site_url: str | None = None, today: dt.date | None = None) -> list[Path]:
    """Write a new site project into ``target`` (a new or empty folder) and return the files
    written, relative to ``target``, sorted.

    ``name`` is the organiser (the site's name), ``province`` the province or city it serves,
    ``site_url`` the address the site will be published at (``http://`` or ``https://`` with
    a host; default :data:`DEFAULT_SITE_URL`), ``today`` the day the example session is
    planned from (three months later, on a Tuesday). Raise :class:`ScaffoldError`, having
    written nothing, when a value is refused, the target is not a new or empty folder, or
    writing fails."""
    target = Path(target)
    name = _text("--name", name)
    province = None if province is None else _text("--province", province)
    url = _site_url(site_url)
    files = _render(_values(name, province, url, today or dt.date.today()))
    _check_target(target)
    _write(target, files)
    return sorted(Path(path) for path in files)


# --- the values the user gives ----------------------------------------------------------------

def _escaped(char: str) -> str:
    code = ord(char)
    return (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000
            else f"\\U{code:08x}")


def _one_line(text: str) -> str:
    """``text`` for a one-line message: control, format and line-break characters written as
    ``\\x1b``, ``\\u2028``-style escapes."""
    return "".join(_escaped(char) if unicodedata.category(char)[0] == "C"
                   or char in _LINE_BREAKS else char for char in text)


def _text(option: str, value: object) -> str:
    """A name or province: one line of printable text, 1 to :data:`MAX_TEXT` characters
    (NFC, surrounding spaces removed)."""
    if not isinstance(value, str):
        raise ScaffoldError(f"{option}: expected text, got {type(value).__name__}")
    value = unicodedata.normalize("NFC", value)
    for char in value:
        if char in _LINE_BREAKS:
            raise ScaffoldError(f"{option}: expected one line of text, got a line break "
                                f"(U+{ord(char):04X})")
        if unicodedata.category(char)[0] == "C":
            raise ScaffoldError(f"{option}: expected printable text, got the control "
                                f"character U+{ord(char):04X}")
    value = value.strip()
    if not value:
        raise ScaffoldError(f"{option}: expected text of 1 to {MAX_TEXT} characters, got none")
    if len(value) > MAX_TEXT:
        raise ScaffoldError(f"{option}: expected text of 1 to {MAX_TEXT} characters, got "
                            f"{len(value)}")
    return value


def _site_url(value: object) -> str:
    """The site's address: ``http://`` or ``https://``, a host, maybe a port and a path, no
    query, fragment or credentials; always ending with ``/``."""
    if value is None:
        return DEFAULT_SITE_URL
    if not isinstance(value, str):
        raise ScaffoldError(f"--site-url: expected an address, got {type(value).__name__}")
    shown = _one_line(value if len(value) <= 60 else value[:57] + "...")
    if not value or len(value) > MAX_URL or any(
            char.isspace() or char in _URL_FORBIDDEN or unicodedata.category(char)[0] == "C"
            for char in value):
        raise ScaffoldError(f"--site-url: expected an address such as {DEFAULT_SITE_URL} "
                            f"(no spaces or control characters), got '{shown}'")
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https"):
        raise ScaffoldError(f"--site-url: expected an address starting with http:// or "
                            f"https://, got '{shown}'")
    if "@" in parts.netloc:
        raise ScaffoldError(f"--site-url: expected an address without a user name or "
                            f"password, got '{shown}'")
    host = parts.hostname or ""
    try:
        parts.port  # noqa: B018  # raises ValueError for a port that is not a number 0–65535
    except ValueError:
        raise ScaffoldError(f"--site-url: expected a port number from 0 to 65535, got "
                            f"'{shown}'") from None
    if not (_HOST.fullmatch(host) or (":" in host and _is_ip(host))):
        raise ScaffoldError(f"--site-url: expected an address with a host name, such as "
                            f"{DEFAULT_SITE_URL}, got '{shown}'")
    if parts.query or parts.fragment or value.endswith(("?", "#")):
        raise ScaffoldError(f"--site-url: expected an address without '?' or '#', got "
                            f"'{shown}'")
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, "", ""))


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def session_day(today: dt.date) -> dt.date:
    """The example session's day: three months after ``today`` (the same day of the month,
    or the month's last), then the first Tuesday from there."""
    month = today.month + 2
    year, month = today.year + month // 12, month % 12 + 1
    day = min(today.day, calendar.monthrange(year, month)[1])
    planned = dt.date(year, month, day)
    return planned + dt.timedelta(days=(calendar.TUESDAY - planned.weekday()) % 7)


def _values(name: str, province: str | None, url: str,
            today: dt.date) -> dict[str, str | dt.date]:
    """Every placeholder's value, as text (or a date, for front matter dates)."""
    day = session_day(today)
    deadline = day - dt.timedelta(days=7)
    where = f" tại {province}" if province else ""
    return {
        "name": name,
        "province": province or NEUTRAL_PROVINCE,
        "province_place": province or UNKNOWN_PROVINCE,
        "at_province": f" ở {province}" if province else "",
        "site_url": url,
        "site_name": name,
        "site_description": (f"Lịch tập huấn, khóa học, tự đánh giá sản phẩm và tài liệu in về "
                             f"Chương trình Mỗi xã một sản phẩm (OCOP) của {name}{where}."),
        "today": today,
        "start": f"{day.isoformat()} 08:00",
        "end": f"{day.isoformat()} 16:30",
        "session_day_text": _day_text(day),
        "deadline_text": _day_text(deadline),
        "guide": GUIDE,
        "course": COURSE,
        "session_file": session_file(today).name,
    }


def session_file(today: dt.date) -> PurePosixPath:
    """Where the example session is written, relative to the project."""
    return PurePosixPath(f"docs/sessions/{session_day(today).isoformat()}-{COURSE}.yml")


def _day_text(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


# --- rendering the templates ------------------------------------------------------------------

def _templates() -> Iterator[tuple[PurePosixPath, str]]:
    """The template files: path relative to ``template/``, text."""
    def walk(folder: Traversable, prefix: PurePosixPath) -> Iterator[tuple[PurePosixPath, str]]:
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_dir():
                yield from walk(entry, prefix / entry.name)
            else:
                yield prefix / entry.name, entry.read_text(encoding="utf-8")

    yield from walk(resources.files(__package__).joinpath("template"), PurePosixPath())


def _render(values: Mapping[str, str | dt.date]) -> dict[PurePosixPath, str]:
    """Every file of the project: path relative to the target, text."""
    files: dict[PurePosixPath, str] = {}
    for path, text in _templates():
        where = f"template/{path}"
        if str(path) == _SESSION_TEMPLATE:
            out = PurePosixPath("docs/sessions") / str(values["session_file"])
            files[out] = _data_file(text, values, where)
        elif path.name == "mkdocs.yml":
            files[path] = _fill(text, values, _yaml_scalar, where)
        elif path.suffix == ".md":
            files[path] = _page(text, values, where)
        else:
            files[PurePosixPath(_TEMPLATE_NAMES.get(str(path), str(path)))] = _fill(
                text, {}, str, where)
    return files


def _fill(text: str, values: Mapping[str, str | dt.date],
          encode: Callable[[str | dt.date], str], where: str) -> str:
    """``text`` with each ``{{key}}`` replaced by ``encode(value)``; values are never scanned
    again, so a value containing ``{{…}}`` stays as it is."""
    def replace(match: re.Match[str]) -> str:
        if match[1] not in values:
            raise KeyError(f"{where}: unknown placeholder {match[0]}")
        return encode(values[match[1]])
    return _PLACEHOLDER.sub(replace, text)


def _markdown(value: str | dt.date) -> str:
    return md_esc(_day_text(value) if isinstance(value, dt.date) else value)


def _yaml_scalar(value: str | dt.date) -> str:
    """``value`` as one YAML scalar on one line (plain when that reads back the same)."""
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True,
                            width=1_000_000)
    dumped = dumped.removesuffix("\n").removesuffix("\n...")
    if "\n" in dumped:  # safe_dump folds nothing this wide; a line break cannot come in
        raise ValueError(f"expected a one-line YAML scalar, got {dumped!r}")
    return dumped


def _fill_data(data: Any, values: Mapping[str, str | dt.date], where: str) -> Any:
    """Loaded YAML with the placeholders of its strings filled: a string that is just one
    placeholder becomes the value itself (a date stays a date), others get the text."""
    if isinstance(data, str):
        whole = _PLACEHOLDER.fullmatch(data)
        if whole:
            if whole[1] not in values:
                raise KeyError(f"{where}: unknown placeholder {whole[0]}")
            return values[whole[1]]
        return _fill(data, values, str, where)
    if isinstance(data, list):
        return [_fill_data(item, values, where) for item in data]
    if isinstance(data, dict):
        return {key: _fill_data(item, values, where) for key, item in data.items()}
    return data


class _Dumper(yaml.SafeDumper):
    """``yaml.safe_dump`` as people write front matter: lists indented under their key, short
    lists of names (``[hoc-vien, can-bo]``) on one line."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    short = all(isinstance(item, str) and re.fullmatch(r"[\w.\-/]{1,24}", item)
                for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=short)


_Dumper.add_representer(list, _represent_list)


def _dump(data: Any) -> str:
    text: str = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                          default_flow_style=False, width=1_000_000)
    return text


def _split_comments(text: str) -> tuple[str, str]:
    """A YAML template's leading comment lines and the rest."""
    lines = text.splitlines(keepends=True)
    head = 0
    while head < len(lines) and lines[head].startswith("#"):
        head += 1
    return "".join(lines[:head]), "".join(lines[head:])


def _data_file(text: str, values: Mapping[str, str | dt.date], where: str) -> str:
    """A YAML data template: its leading comments kept, the data filled and dumped again."""
    comments, body = _split_comments(text)
    return comments + _dump(_fill_data(yaml.safe_load(body), values, where))


def _page(text: str, values: Mapping[str, str | dt.date], where: str) -> str:
    """A Markdown template: front matter as YAML data, the body as Markdown."""
    if not text.startswith("---\n"):
        return _fill(text, values, _markdown, where)
    end = text.index("\n---\n", 3)
    meta = _fill_data(yaml.safe_load(text[4:end]), values, where)
    return f"---\n{_dump(meta)}---\n{_fill(text[end + 5:], values, _markdown, where)}"


# --- writing ----------------------------------------------------------------------------------

def _entries(count: int) -> str:
    return f"{count} entry" if count == 1 else f"{count} entries"


def _check_target(target: Path) -> None:
    """Refuse a target that is not a new or empty folder."""
    shown = _one_line(str(target))
    if not os.path.lexists(target):
        return
    if not target.exists():
        raise ScaffoldError(f"{shown}: expected an empty or new folder, got a broken link")
    if not target.is_dir():
        raise ScaffoldError(f"{shown}: expected an empty or new folder, got a file")
    try:
        count = len(os.listdir(target))
    except OSError as error:
        raise ScaffoldError(f"{shown}: cannot read the folder: {error.strerror}") from None
    if count:
        raise ScaffoldError(f"{shown}: expected an empty or new folder, got {_entries(count)}")


def _write(target: Path, files: Mapping[PurePosixPath, str]) -> None:
    """Write ``files`` into ``target``, all of them or none."""
    shown = _one_line(str(target))
    real = target.resolve()
    made: list[Path] = []  # parent folders created here, removed again on failure
    moved: list[Path] = []
    staging: Path | None = None
    try:
        missing = [p for p in (real.parent, *real.parent.parents) if not p.exists()]
        for folder in reversed(missing):
            folder.mkdir()
            made.append(folder)
        prefix = f".{real.name}.new-"
        remove_stale(real.parent, prefix)
        staging = real.parent / owned_name(prefix)
        staging.mkdir()  # 0o777 less the umask, like a folder the user makes
        for path, text in files.items():
            out = staging.joinpath(*path.parts)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(text.encode("utf-8"))
        if not os.path.lexists(real):
            staging.rename(real)
            staging = None
        else:
            _check_target(target)
            for entry in sorted(os.listdir(staging)):
                if os.path.lexists(real / entry):
                    raise ScaffoldError(f"{shown}: expected an empty or new folder, got "
                                        f"'{_one_line(entry)}' written by another program")
                (staging / entry).rename(real / entry)
                moved.append(real / entry)
    except BaseException as error:
        for entry_path in reversed(moved):
            _remove(entry_path)
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
            staging = None
        for folder in reversed(made):
            try:
                folder.rmdir()
            except OSError:
                break
        if isinstance(error, OSError):
            reason = error.strerror or str(error)
            where = f" ({_one_line(str(error.filename))})" if error.filename else ""
            raise ScaffoldError(f"{shown}: could not write the project: {reason}"
                                f"{where}") from None
        raise
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
