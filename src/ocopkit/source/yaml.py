"""Read YAML into plain Python data while remembering where every value came from.

The validator needs ``file:line:col`` for every problem, so loading keeps a map from each value's
key path (``("product_sets", 3, "parts", 0)``) to its position in the file. YAML syntax errors,
tab indentation and duplicate keys become :class:`Problem` objects rather than exceptions.

This is also the one place where hostile or broken input is stopped, for every YAML file and
every Markdown page (:func:`read_source`): files are read up to a size limit, must be UTF-8
(the byte order mark is dropped) without control characters, and are NFC-normalised; YAML
values must be plain (no ``!!binary``, ``!foo``, impossible dates like ``2026-02-30``), nested
at most :data:`MAX_DEPTH` deep, at most :data:`MAX_VALUES` in all and at most
:data:`MAX_ALIAS_VALUES` through aliases, so an alias bomb is refused in milliseconds.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    NodeEvent,
    ScalarEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode
from yaml.reader import ReaderError

from ocopkit.errors import Problem

KeyPath = tuple[str | int, ...]

MAX_DATA_BYTES = 5 * 1024 * 1024
"""Largest YAML data file read (criteria editions, change notes, mappings, evidence notes);
the largest real edition is about 0.7 MB."""
MAX_PAGE_BYTES = 1024 * 1024
"""Largest Markdown page, glossary or answers file read; the largest real page is about 31 kB."""
MAX_ALIAS_VALUES = 2000
"""Most values one YAML file may reach through aliases (``*name`` repeating ``&name``): enough
to share a few option lists, far too few for an alias bomb."""
MAX_DEPTH = 50
"""Deepest nesting of mappings and lists (a criterion's option is about 12 levels deep)."""
MAX_VALUES = 250_000
"""Most values (texts, numbers, lists, mappings) in one file: the largest real edition has
about 36,000; a file of millions of tiny values is refused before it floods the report."""
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 and C1 control characters except tab and newline: never wanted in author text, and a
terminal acts on some of them (``\\x1b[2J`` clears the screen)."""
_RAW_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""The same in a file's text, where a carriage return may end a line."""


@dataclass
class Located:
    """Parsed YAML data plus the position (1-based line and column) of every value in it."""

    path: str
    data: Any
    positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def where(self, keys: KeyPath, *, key: bool = False) -> tuple[int, int]:
        """Position of the value at ``keys`` (or of its key), falling back to the nearest parent."""
        table = self.key_positions if key else self.positions
        probe = keys
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.positions:
                return self.positions[probe]
            probe = probe[:-1]
        return self.positions.get((), (1, 1))

    def problem(self, keys: KeyPath, message: str, *, key: bool = False) -> Problem:
        line, col = self.where(keys, key=key)
        return Problem(self.path, line, col, format_path(keys), message)


def format_path(keys: KeyPath) -> str:
    """``("product_sets", 8, "parts", 0)`` → ``product_sets[8].parts[0]``."""
    out = ""
    for k in keys:
        if isinstance(k, int) and not isinstance(k, bool):
            out += f"[{k}]"
        else:  # keys may be any scalar: text mostly, but also a date or a number
            out += ("." if out else "") + printable(str(k))
    return out


_YAML_TAG = "tag:yaml.org,2002:"
_TIMESTAMP_TAG = _YAML_TAG + "timestamp"
_MAP_TAG, _SEQ_TAG, _MERGE_TAG = _YAML_TAG + "map", _YAML_TAG + "seq", _YAML_TAG + "merge"
_SCALAR_TAGS = {_YAML_TAG + tag: what for tag, what in (
    ("null", "nothing"), ("str", "text"), ("bool", "true or false"), ("int", "an integer"),
    ("float", "a number"), ("timestamp", "a date YYYY-MM-DD"))}
"""The plain scalar types, with what a value of each must look like."""
_CONSTRUCTION_ERRORS = (ValueError, TypeError, KeyError, IndexError, AttributeError,
                        OverflowError, ConstructorError)
"""What PyYAML's scalar constructors raise on a value that does not fit its tag
(``!!int abc``, ``2026-02-30``, ``!!bool maybe``)."""
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML has it (about ten times faster), else the pure-Python one."""


def printable(text: str) -> str:
    """``text`` with its control characters (except tab and newline) written as ``\\x1b``-style
    escapes, safe to print on a terminal."""
    return CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", text)


def _shown(text: str) -> str:
    """A value as a message quotes it: printable and at most 40 characters."""
    return printable(text if len(text) <= 40 else text[:37] + "...")


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag


class _AliasLimit(Exception):
    """More values reached through aliases than allowed; ``keys``: where the alias is used."""

    def __init__(self, keys: KeyPath) -> None:
        super().__init__(format_path(keys))
        self.keys = keys


class _ValueLimit(_AliasLimit):
    """More than :data:`MAX_VALUES` values; ``keys``: the first one too many."""


class _Builder:
    """Builds plain data from composed nodes, checking tags, values, nesting and aliases.

    Composed YAML shares one node between an anchor and its aliases, so a node met a second
    time is an alias: building it again is what an alias bomb multiplies, and is counted.
    """

    def __init__(self, located: Located, problems: list[Problem], line_offset: int,
                 max_alias_values: int, times: bool = False) -> None:
        self.located = located
        self.times = times
        """Keep the time of a timestamp (``2027-01-12 08:00:00`` → a datetime)."""
        self.problems = problems
        self.offset = line_offset
        self.constructor = SafeConstructor()
        self.max_alias_values = max_alias_values
        self.built: set[int] = set()
        """Ids of the nodes built once."""
        self.open: set[int] = set()
        """Ids of the collections being built (one met again inside itself is recursive)."""
        self.recursive: set[int] = set()
        """Ids of the collections found inside themselves (reported)."""
        self.expanding = 0
        """How many alias expansions are being built, one inside the other."""
        self.alias_keys: KeyPath = ()
        self.alias_values = 0
        self.too_deep = False
        self.values = 0

    def build(self, node: Node, keys: KeyPath, depth: int = 0) -> Any:
        node_id = id(node)
        if node_id not in self.built:
            self.built.add(node_id)
            return self._build(node, keys, depth)
        if not self.expanding:
            self.alias_keys = keys
        if node_id in self.open:
            if node_id not in self.recursive:  # once, though it may be aliased a million times
                self.recursive.add(node_id)
                self.problems.append(self._at(node, keys, "expected an alias outside the value "
                                              "of its anchor, got a value that contains itself"))
            return None
        self.expanding += 1
        try:
            return self._build(node, keys, depth)
        finally:
            self.expanding -= 1

    def _build(self, node: Node, keys: KeyPath, depth: int) -> Any:
        self.located.positions[keys] = (node.start_mark.line + 1 + self.offset,
                                        node.start_mark.column + 1)
        self.values += 1
        if self.values > MAX_VALUES:
            raise _ValueLimit(keys)
        if self.expanding:
            self.alias_values += 1
            if self.alias_values > self.max_alias_values:
                raise _AliasLimit(self.alias_keys)
        if isinstance(node, ScalarNode):
            return self._scalar(node, keys)[1]
        if depth >= MAX_DEPTH:
            if not self.too_deep:
                self.problems.append(self._at(node, keys, f"expected at most {MAX_DEPTH} levels "
                                              "of nesting, got more"))
            self.too_deep = True
            return None
        expected = _MAP_TAG if isinstance(node, MappingNode) else _SEQ_TAG
        if node.tag != expected:
            self.problems.append(self._tag_problem(node, keys))
            return None
        self.open.add(id(node))
        try:
            if isinstance(node, MappingNode):
                return self._mapping(node, keys, depth)
            return [self.build(item, (*keys, i), depth + 1)
                    for i, item in enumerate(node.value)]
        finally:
            self.open.discard(id(node))

    def _mapping(self, node: MappingNode, keys: KeyPath, depth: int) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        first_seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problems.append(self._at(key_node, keys, "expected a plain key, got a "
                                              "complex key"))
                continue
            if key_node.tag == _MERGE_TAG:
                self.problems.append(self._at(key_node, keys, "expected a plain key, got the "
                                              "merge key '<<'; write the keys out instead"))
                continue
            ok, key = self._scalar(key_node, (*keys, key_node.value))
            if not ok:
                continue
            line = key_node.start_mark.line + 1 + self.offset
            if key in first_seen:
                self.problems.append(self._at(
                    key_node, (*keys, key),
                    f"duplicate key '{key}' (first at line {first_seen[key]})"))
                continue
            first_seen[key] = line
            self.located.key_positions[(*keys, key)] = (line, key_node.start_mark.column + 1)
            out[key] = self.build(value_node, (*keys, key), depth + 1)
        return out

    def _scalar(self, node: ScalarNode, keys: KeyPath) -> tuple[bool, Any]:
        """``(True, value)``, or ``(False, None)`` after recording why the scalar is refused."""
        what = _SCALAR_TAGS.get(node.tag)
        if self.times and node.tag == _TIMESTAMP_TAG:
            what = "a date and time 'YYYY-MM-DD HH:MM'"
        if what is None:
            self.problems.append(self._tag_problem(node, keys))
            return False, None
        try:
            value = SafeConstructor.yaml_constructors[node.tag](self.constructor, node)
        except _CONSTRUCTION_ERRORS:
            self.problems.append(self._at(node, keys, f"expected {what}, got "
                                          f"'{_shown(node.value)}'"))
            return False, None
        if isinstance(value, str):
            value = unicodedata.normalize("NFC", value)  # escapes can spell out NFD text
            if CONTROL.search(value):
                self.problems.append(self._at(node, keys, "expected text without control "
                                              "characters (only tab and newline are allowed), "
                                              f"got '{_shown(value)}'"))
                return False, None
        if node.tag == _TIMESTAMP_TAG and isinstance(value, dt.datetime) and not self.times:
            value = value.date()
        return True, value

    def _tag_problem(self, node: Node, keys: KeyPath) -> Problem:
        return self._at(node, keys, "expected a plain YAML value (text, number, true/false, "
                        f"date, list or mapping), got the tag '{_short_tag(node.tag)}'")

    def _at(self, node: Node, keys: KeyPath, message: str) -> Problem:
        return Problem(self.located.path, node.start_mark.line + 1 + self.offset,
                       node.start_mark.column + 1, format_path(keys), message)


def load_yaml(path: Path | str, *, display_path: str | None = None,
              max_bytes: int = MAX_DATA_BYTES, anchors: bool = True,
              times: bool = False) -> tuple[Located, list[Problem]]:
    """Parse a YAML file into :class:`Located` data and the problems found while parsing.

    The file is read with :func:`read_source` (at most ``max_bytes``, UTF-8, NFC); strings are
    NFC-normalised. ``anchors=False`` refuses anchors and aliases altogether. When the file
    cannot be parsed at all, ``data`` is ``None`` and the problem list names the line and
    column the parser stopped at. A timestamp is a date unless ``times`` keeps its time (a
    datetime, aware when the value has an offset).
    """
    path = Path(path)
    shown = display_path or str(path)
    text, problems = read_source(path, shown, max_bytes=max_bytes)
    if text is None:
        return Located(shown, None), problems
    return parse_yaml(text, shown, anchors=anchors, times=times)


def read_source(path: Path, shown: str, *,
                max_bytes: int) -> tuple[str | None, list[Problem]]:
    """The text of a YAML or Markdown source file, or ``None`` and why it cannot be used.

    At most ``max_bytes`` are read; the text must be UTF-8 (a byte order mark is dropped) and
    free of control characters other than tab and line ends; it is returned NFC-normalised.
    Problems name the line and column of the first undecodable byte or each control character.
    """
    try:
        with path.open("rb") as stream:
            raw = stream.read(max_bytes + 1)
            info = os.fstat(stream.fileno())
    except OSError as err:
        return None, [Problem(shown, 1, 1, "", f"cannot read the file: {err.strerror or err}")]
    if len(raw) > max_bytes:
        size = _megabytes(info.st_size) if stat.S_ISREG(info.st_mode) else "more"
        return None, [Problem(shown, 1, 1, "", f"expected a file of at most "
                              f"{_megabytes(max_bytes)}, got {size}")]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(shown, 1, 1, "", "expected UTF-8 text, got UTF-16 (the file "
                              "starts with a UTF-16 byte order mark); save it as UTF-8")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[:err.start].decode("utf-8")
        line, col = _position(before, len(before))
        return None, [Problem(shown, line, col, "", f"expected UTF-8 text, got the byte "
                              f"0x{raw[err.start]:02x}, which is not UTF-8 here; save the "
                              "file as UTF-8")]
    text = text.removeprefix("\ufeff")
    problems: list[Problem] = []
    lines = text.split("\n") if _RAW_CONTROL.search(text) else []
    for number, line_text in enumerate(lines, start=1):
        found = _RAW_CONTROL.search(line_text)
        if found is None:
            continue
        if len(problems) == 10:
            problems.append(Problem(shown, number, 1, "", "more control characters follow; "
                                    "showing the first 10 lines"))
            break
        problems.append(Problem(shown, number, found.start() + 1, "", "expected text without "
                                "control characters (only tab and newline are allowed), got "
                                f"'{printable(found[0])}'"))
    if problems:
        return None, problems
    return unicodedata.normalize("NFC", text), []


def _megabytes(size: int) -> str:
    """``5242880`` → ``5 MB``; rounded up to a tenth, so a file over a limit never reads as the
    limit itself."""
    return f"{math.ceil(size * 10 / 1048576) / 10:.1f}".removesuffix(".0") + " MB"


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of character ``index`` of ``text``."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def parse_yaml(text: str, shown: str, *, line_offset: int = 0,
               max_alias_values: int = MAX_ALIAS_VALUES,
               anchors: bool = True, times: bool = False) -> tuple[Located, list[Problem]]:
    """Parse YAML text; ``line_offset`` is added to every line (for front matter in a page).

    Values must be plain (no tags but the standard scalar ones), well-formed (``2026-02-30``
    is refused), at most :data:`MAX_DEPTH` deep and without control characters; at most
    ``max_alias_values`` values may be reached through aliases, none when ``anchors`` is false.
    A timestamp becomes a date, or with ``times`` a datetime (aware when it has an offset).
    """
    located = Located(shown, None)
    problems = _tab_problems(shown, text, line_offset)
    if problems:
        return located, problems
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1 + line_offset, mark.column + 1) if mark else (1, 1)
        what = f"invalid YAML: {err.problem or 'cannot parse'}"
        if err.problem == "exceeded maximum nesting depth":
            what = f"expected at most {MAX_DEPTH} levels of nesting, got more"
        elif err.context and err.context_mark:
            what += f" ({err.context} started at line {err.context_mark.line + 1 + line_offset})"
        return located, [Problem(shown, line, col, "", what)]
    except ReaderError as err:
        line, col = _position(text, err.position)
        return located, [Problem(shown, line + line_offset, col, "", "expected printable text, "
                                 f"got the character U+{int(err.character):04X}")]
    except RecursionError:
        return located, [Problem(shown, 1 + line_offset, 1, "", f"expected at most {MAX_DEPTH} "
                                 "levels of nesting, got more")]
    except yaml.YAMLError as err:  # pragma: no cover - PyYAML marks nearly everything
        return located, [Problem(shown, 1, 1, "", f"invalid YAML: {printable(str(err))}")]
    if node is None:
        return located, [Problem(shown, 1 + line_offset, 1, "",
                                 "expected a YAML mapping, got nothing")]
    if not anchors:
        found = _first_anchor(text)
        if found is not None:
            mark, what = found
            return located, [Problem(shown, mark.line + 1 + line_offset, mark.column + 1, "",
                                     f"expected values written out, got {what} (anchors and "
                                     "aliases are not allowed here)")]
        max_alias_values = 0
    builder = _Builder(located, problems, line_offset, max_alias_values, times)
    try:
        located.data = builder.build(node, ())
    except _ValueLimit as err:
        located.data = None
        line, col = located.where(err.keys)
        problems.append(Problem(shown, line, col, format_path(err.keys), f"expected at most "
                                f"{MAX_VALUES} values in one file, got more"))
    except _AliasLimit as err:
        located.data = None
        mark = _alias_over(text, max_alias_values)
        line, col = ((mark.line + 1 + line_offset, mark.column + 1) if mark is not None
                     else located.where(err.keys))
        problems.append(Problem(shown, line, col, format_path(err.keys), f"expected at most "
                                f"{max_alias_values} values reached through aliases "
                                "(&anchor/*alias), got more"))
    return located, problems


def _compose(text: str) -> Node | None:
    try:
        return yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as fast:
        # Parse again with the pure-Python parser: same verdict, clearer messages (but it
        # recurses once per level, so on very deep nesting libyaml's message is kept).
        try:
            return yaml.compose(text, Loader=yaml.SafeLoader)
        except RecursionError:
            raise fast from None


def _first_anchor(text: str) -> tuple[Any, str] | None:
    """Mark and description of the first anchor or alias of (parseable) YAML text."""
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, AliasEvent):
            return event.start_mark, f"the alias '*{event.anchor}'"
        if isinstance(event, NodeEvent) and event.anchor is not None:
            return event.start_mark, f"the anchor '&{event.anchor}'"
    return None


def _alias_over(text: str, limit: int) -> Any:
    """Mark of the alias at which more than ``limit`` values have been reached through
    aliases, walking the events (sizes only, nothing expanded)."""
    sizes: dict[str | None, int] = {}  # no None key: an alias event's anchor is typed optional
    stack: list[list[Any]] = []  # [anchor, values so far] of each open collection
    total = 0
    for event in yaml.parse(text, Loader=_LOADER):
        size = 0
        if isinstance(event, AliasEvent):
            size = sizes.get(event.anchor, 1)
            total += size
            if total > limit:
                return event.start_mark
        elif isinstance(event, ScalarEvent):
            size = 1
            if event.anchor is not None:
                sizes[event.anchor] = 1
        elif isinstance(event, CollectionStartEvent):
            stack.append([event.anchor, 1])
        elif isinstance(event, CollectionEndEvent) and stack:
            anchor, size = stack.pop()
            if anchor is not None:
                sizes[anchor] = size
        if size and stack:
            stack[-1][1] += size
    return None


def _tab_problems(path: str, text: str, line_offset: int = 0) -> list[Problem]:
    """Tabs in indentation: YAML forbids them, and PyYAML's own message is obscure."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            col = len(line) - len(stripped) + 1
            problems.append(Problem(path, number + line_offset, col, "",
                                    "expected spaces for indentation, got a tab character"))
    return problems
