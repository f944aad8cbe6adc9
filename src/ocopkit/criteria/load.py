"""Read YAML into plain Python data while remembering where every value came from.

The validator needs ``file:line:col`` for every problem, so loading keeps a map from each value's
key path (``("product_sets", 3, "parts", 0)``) to its position in the file. YAML syntax errors,
tab indentation and duplicate keys become :class:`Problem` objects rather than exceptions.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ocopkit.problems import Problem

KeyPath = tuple[str | int, ...]


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
        if isinstance(k, int):
            out += f"[{k}]"
        else:
            out += ("." if out else "") + k
    return out


_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML has it (about ten times faster), else the pure-Python one."""


class _Builder:
    def __init__(self, located: Located, problems: list[Problem], line_offset: int) -> None:
        self.located = located
        self.problems = problems
        self.offset = line_offset
        self.constructor = SafeConstructor()

    def build(self, node: Node, keys: KeyPath) -> Any:
        self.located.positions[keys] = (node.start_mark.line + 1 + self.offset,
                                        node.start_mark.column + 1)
        if isinstance(node, MappingNode):
            out: dict[Any, Any] = {}
            first_seen: dict[Any, int] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    self.problems.append(self._at(key_node, keys, "expected a plain key, got a "
                                                  "complex key"))
                    continue
                key = self.constructor.construct_object(key_node)
                if isinstance(key, str):
                    key = _nfc(key)
                line = key_node.start_mark.line + 1 + self.offset
                if key in first_seen:
                    self.problems.append(self._at(
                        key_node, (*keys, key),
                        f"duplicate key '{key}' (first at line {first_seen[key]})"))
                    continue
                first_seen[key] = line
                self.located.key_positions[(*keys, key)] = (line, key_node.start_mark.column + 1)
                out[key] = self.build(value_node, (*keys, key))
            return out
        if isinstance(node, SequenceNode):
            return [self.build(item, (*keys, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        value = self.constructor.construct_object(node)
        if isinstance(value, str):
            value = _nfc(value)
        if node.tag == _TIMESTAMP_TAG and isinstance(value, dt.datetime):
            value = value.date()
        return value

    def _at(self, node: Node, keys: KeyPath, message: str) -> Problem:
        return Problem(self.located.path, node.start_mark.line + 1 + self.offset,
                       node.start_mark.column + 1, format_path(keys), message)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def load_yaml(path: Path | str, *,
              display_path: str | None = None) -> tuple[Located, list[Problem]]:
    """Parse a YAML file into :class:`Located` data and the problems found while parsing.

    Strings are NFC-normalised. When the file cannot be parsed at all, ``data`` is ``None`` and
    the problem list names the line and column the parser stopped at.
    """
    path = Path(path)
    shown = display_path or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        return Located(shown, None), [Problem(shown, 1, 1, "", "expected UTF-8 text, got "
                                              f"undecodable bytes at byte {err.start}")]
    except OSError as err:
        return Located(shown, None), [Problem(shown, 1, 1, "",
                                              f"cannot read the file: {err.strerror}")]
    return parse_yaml(text, shown)


def parse_yaml(text: str, shown: str, *, line_offset: int = 0) -> tuple[Located, list[Problem]]:
    """Parse YAML text; ``line_offset`` is added to every line (for front matter in a page)."""
    located = Located(shown, None)
    problems = _tab_problems(shown, text, line_offset)
    if problems:
        return located, problems
    try:
        try:
            node = yaml.compose(text, Loader=_LOADER)
        except yaml.YAMLError:
            # Parse again with the pure-Python parser: same verdict, clearer messages.
            node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1 + line_offset, mark.column + 1) if mark else (1, 1)
        what = err.problem or "cannot parse"
        if err.context and err.context_mark:
            what += f" ({err.context} started at line {err.context_mark.line + 1 + line_offset})"
        return located, [Problem(shown, line, col, "", f"invalid YAML: {what}")]
    except yaml.YAMLError as err:  # pragma: no cover - PyYAML marks nearly everything
        return located, [Problem(shown, 1, 1, "", f"invalid YAML: {err}")]
    if node is None:
        return located, [Problem(shown, 1 + line_offset, 1, "",
                                 "expected a YAML mapping, got nothing")]
    try:
        located.data = _Builder(located, problems, line_offset).build(node, ())
    except ConstructorError as err:
        mark = err.problem_mark
        line, col = (mark.line + 1 + line_offset, mark.column + 1) if mark else (1, 1)
        problems.append(Problem(shown, line, col, "", f"invalid value: {err.problem}"))
    return located, problems


def _tab_problems(path: str, text: str, line_offset: int = 0) -> list[Problem]:
    """Tabs in indentation: YAML forbids them, and PyYAML's own message is obscure."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            col = len(line) - len(stripped) + 1
            problems.append(Problem(path, number + line_offset, col, "",
                                    "expected spaces for indentation, got a tab character"))
    return problems
