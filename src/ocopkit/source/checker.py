"""Read typed fields out of loaded YAML mappings, recording a :class:`Problem` per mismatch.

Shared by every validator (criteria editions, guides, courses, toolkits): each check appends to
one list, so a file's problems are all reported at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from ocopkit.errors import Problem
from ocopkit.source.yaml import KeyPath, Located, printable


def describe(value: Any) -> str:
    """A value as a message names it: ``'abc' (text)``, ``4 (integer)``, ``a list``."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (boolean)"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"'{printable(shown)}' (text)"
    if isinstance(value, int):
        return f"{value} (integer)"
    if isinstance(value, float):
        return f"{value} (decimal number)"
    if isinstance(value, dt.date):
        return f"{value.isoformat()} (date)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


class Checker:
    """Reads typed fields out of raw mappings, recording a problem for each mismatch."""

    def __init__(self, located: Located, problems: list[Problem] | None = None) -> None:
        self.located = located
        self.problems: list[Problem] = [] if problems is None else problems

    def add(self, keys: KeyPath, message: str, *, key: bool = False) -> None:
        self.problems.append(self.located.problem(keys, message, key=key))

    def unique(self, seen: dict[str, int], value: str | None, keys: KeyPath, noun: str, *,
               scope: str = "") -> None:
        """Record where ``value`` (found at ``keys``) first stands in ``seen``, or add the
        problem "duplicate <noun> '<value>'<scope> (first at line N)"."""
        if value is None:
            return
        if value in seen:
            self.add(keys, f"duplicate {noun} '{value}'{scope} (first at line {seen[value]})")
        else:
            seen[value] = self.located.where(keys)[0]

    def mapping(self, value: Any, keys: KeyPath, allowed: tuple[str, ...]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.add(keys, f"expected a mapping, got {describe(value)}")
            return None
        for key in value:
            if key not in allowed:
                self.add((*keys, key), f"unknown key '{key}'; expected one of: "
                         + ", ".join(allowed), key=True)
        return value

    def field(self, raw: dict[str, Any], name: str, keys: KeyPath, kind: Callable[[Any], bool],
              expected: str, *, required: bool = True, default: Any = None) -> Any:
        if name not in raw or (raw[name] is None and not required):
            if required:
                self.add(keys, f"missing required key '{name}'; expected {expected}")
            return default
        value = raw[name]
        if not kind(value):
            self.add((*keys, name), f"expected {expected}, got {describe(value)}")
            return default
        return value

    def text(self, raw: dict[str, Any], name: str, keys: KeyPath, *,
             required: bool = True) -> str | None:
        value = self.field(raw, name, keys, is_text, "non-empty text", required=required)
        return value.strip() if isinstance(value, str) else None

    def integer(self, raw: dict[str, Any], name: str, keys: KeyPath, *, low: int = 0,
                high: int = 100, required: bool = True, what: str = "") -> int | None:
        expected = what or f"an integer from {low} to {high}"
        value: int | None = self.field(raw, name, keys, is_int, expected, required=required)
        if value is not None and not low <= value <= high:
            self.add((*keys, name), f"expected {expected}, got {value}")
            return None
        return value

    def items(self, raw: dict[str, Any], name: str, keys: KeyPath, *,
              required: bool = True) -> list[Any]:
        value: list[Any] = self.field(raw, name, keys, lambda v: isinstance(v, list), "a list",
                                      required=required, default=[])
        if required and value == [] and name in raw:
            self.add((*keys, name), "expected a non-empty list, got an empty list")
        return value

    def records(self, raw: dict[str, Any], name: str, keys: KeyPath,
                allowed: tuple[str, ...], *,
                required: bool = True) -> Iterator[tuple[KeyPath, dict[str, Any]]]:
        """The mappings of the list ``name`` with their key paths, skipping (and reporting)
        items that are not mappings of ``allowed`` keys."""
        for i, item in enumerate(self.items(raw, name, keys, required=required)):
            item_keys: KeyPath = (*keys, name, i)
            record = self.mapping(item, item_keys, allowed)
            if record is not None:
                yield item_keys, record

    def texts(self, raw: dict[str, Any], name: str, keys: KeyPath) -> tuple[str, ...]:
        out = []
        for i, item in enumerate(self.items(raw, name, keys, required=False)):
            if is_text(item):
                out.append(item.strip())
            else:
                self.add((*keys, name, i), f"expected non-empty text, got {describe(item)}")
        return tuple(out)

    def choices(self, raw: dict[str, Any], name: str, keys: KeyPath,
                allowed: tuple[str, ...], *, required: bool = True) -> tuple[str, ...]:
        """A non-empty list of values, each one of ``allowed``."""
        values = self.items(raw, name, keys, required=required)
        out = []
        for i, value in enumerate(values):
            if value in allowed:
                out.append(value)
            else:
                self.add((*keys, name, i), f"expected one of: {', '.join(allowed)}; got "
                         f"{describe(value)}")
        return tuple(out)

    def date(self, raw: dict[str, Any], name: str, keys: KeyPath) -> dt.date | None:
        value: dt.date | None = self.field(raw, name, keys, lambda v: isinstance(v, dt.date),
                                           "a date (YYYY-MM-DD)")
        return value


def sum_text(values: list[int]) -> str:
    """``[20, 20]`` → ``20 + 20 = 40``; ``[40]`` → ``40``."""
    total = sum(values)
    return " + ".join(map(str, values)) + f" = {total}" if len(values) > 1 else str(total)


def is_text(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
