"""What changed between two editions: parts, star bands, recognition, product sets, criteria.

Product sets are matched by an explicit mapping (``docs/criteria/_mappings.yml``) where names
changed, otherwise by name (compared without case, diacritics or punctuation). Within a matched
pair, criteria are matched by name, then by code; a matched criterion may be re-pointed (its
maximum changed), have its options changed, or gain per-star minima.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ocopkit.criteria.model import Criterion, Edition, ProductSet
from ocopkit.errors import Problem
from ocopkit.source.checker import Checker
from ocopkit.source.frontmatter import shown_path
from ocopkit.source.text import fold_diacritics
from ocopkit.source.yaml import load_yaml

MAPPINGS_FILE = "_mappings.yml"


@dataclass(frozen=True)
class CriterionChange:
    """One change to one criterion: ``added``, ``removed``, ``renamed``, ``repointed``,
    ``options`` or ``minima``."""

    kind: str
    old_code: str | None
    new_code: str | None
    name: str
    detail: str = ""


@dataclass(frozen=True)
class SetDiff:
    old: str
    new: str
    old_name: str
    new_name: str
    renamed: bool
    matched_by: str
    """``mapping`` or ``name``."""
    changes: tuple[CriterionChange, ...]


@dataclass(frozen=True)
class EditionDiff:
    old: str
    new: str
    parts: tuple[tuple[str, int | None, int | None], ...]
    """(part, old max, new max) for each part whose maximum changed."""
    bands: tuple[str, ...]
    recognition: tuple[str, ...]
    sheets_compared: bool
    added_sets: tuple[tuple[str, str], ...] = ()
    removed_sets: tuple[tuple[str, str], ...] = ()
    uncompared_sets: tuple[tuple[str, str, str], ...] = ()
    """(old code, new code, new name): matched, but one side's sheet is not in the data."""
    sets: tuple[SetDiff, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold_diacritics(text)).strip()


def load_mappings(criteria_dir: Path | Sequence[Path], *, root: Path | None = None
                  ) -> tuple[dict[tuple[str, str], dict[str, str]], list[Problem]]:
    """``{(old, new): {old set code: new set code}}`` from the ``_mappings.yml`` of each
    criteria folder that has one; problems name the file relative to ``root`` when given."""
    folders = [criteria_dir] if isinstance(criteria_dir, Path) else list(criteria_dir)
    out: dict[tuple[str, str], dict[str, str]] = {}
    problems: list[Problem] = []
    for folder in folders:
        found, found_problems = _mappings_of(folder / MAPPINGS_FILE, root)
        out.update(found)
        problems += found_problems
    return out, problems


def _mappings_of(path: Path, root: Path | None
                 ) -> tuple[dict[tuple[str, str], dict[str, str]], list[Problem]]:
    if not path.is_file():
        return {}, []
    located, problems = load_yaml(path, display_path=shown_path(path, root))
    if problems:
        return {}, problems
    c = Checker(located, problems)
    out: dict[tuple[str, str], dict[str, str]] = {}
    for i, item in enumerate(located.data if isinstance(located.data, list) else []):
        raw = c.mapping(item, (i,), ("old", "new", "product_sets"))
        if raw is None:
            continue
        old, new = c.text(raw, "old", (i,)), c.text(raw, "new", (i,))
        sets = c.field(raw, "product_sets", (i,), lambda v: isinstance(v, dict) and all(
            isinstance(k, str) and isinstance(x, str) for k, x in v.items()),
            "a mapping of old product set code to new code")
        if old and new and sets is not None:
            out[(old, new)] = dict(sets)
    if not isinstance(located.data, list):
        c.add((), "expected a list of {old, new, product_sets} entries")
    return out, problems


def _has_set(edition: Edition, code: str) -> bool:
    return edition.product_set(code) is not None or any(u.code == code
                                                         for u in edition.untranscribed)


def check_mappings(mappings: dict[tuple[str, str], dict[str, str]],
                   editions: dict[str, Edition], path: str) -> list[Problem]:
    """Every mapped edition and product set code must exist."""
    problems = []
    for (old, new), sets in mappings.items():
        for edition_id in (old, new):
            if edition_id not in editions:
                problems.append(Problem(path, 1, 1, "", f"mapping {old} → {new}: expected an "
                                        f"edition id, got '{edition_id}'"))
        if old in editions and new in editions:
            for a, b in sets.items():
                if not _has_set(editions[old], a) or not _has_set(editions[new], b):
                    problems.append(Problem(path, 1, 1, "", f"mapping {old} → {new}: expected "
                                            f"product set codes of both editions, got {a} → {b}"))
    return problems


def diff_editions(old: Edition, new: Edition,
                  mapping: dict[str, str] | None = None) -> EditionDiff:
    """Compare ``old`` with ``new``; ``mapping`` pairs product set codes whose names changed."""
    mapping = mapping or {}
    old_parts = {p.code: p.max for p in old.parts}
    new_parts = {p.code: p.max for p in new.parts}
    parts = tuple((code, old_parts.get(code), new_parts.get(code))
                  for code in sorted(old_parts.keys() | new_parts.keys())
                  if old_parts.get(code) != new_parts.get(code))
    bands = tuple(
        f"{b.stars} sao: {ob.label} → {b.label}"
        for b in new.star_bands for ob in old.star_bands
        if ob.stars == b.stars and (ob.start, ob.below) != (b.start, b.below))
    recognition = tuple(
        f"{r.stars} sao: {_rec(old, r.stars)} → {_rec(new, r.stars)}"
        for r in new.recognition if _rec(old, r.stars) != _rec(new, r.stars))
    if not (old.sheets_available and new.sheets_available):
        return EditionDiff(old.id, new.id, parts, bands, recognition, sheets_compared=False)
    pairs: list[tuple[ProductSet, ProductSet, str]] = []
    new_left = list(new.product_sets)
    old_left = []
    for old_set in old.product_sets:
        target = mapping.get(old_set.code)
        match = new.product_set(target) if target else None
        how = "mapping"
        if match is None:
            match = next((s for s in new_left if _key(s.name) == _key(old_set.name)), None)
            how = "name"
        if match is not None and match in new_left:
            pairs.append((old_set, match, how))
            new_left.remove(match)
        else:
            old_left.append(old_set)
    uncompared = []
    for missing in old.untranscribed:
        target = mapping.get(missing.code)
        match = next((s for s in new_left if s.code == target or
                      _key(s.name) == _key(missing.name)), None)
        if match is not None:
            uncompared.append((missing.code, match.code, match.name))
            new_left.remove(match)
    sets = tuple(_diff_set(a, b, how) for a, b, how in pairs)
    return EditionDiff(old.id, new.id, parts, bands, recognition, sheets_compared=True,
                       added_sets=tuple((s.code, s.name) for s in new_left),
                       removed_sets=tuple((s.code, s.name) for s in old_left),
                       uncompared_sets=tuple(uncompared), sets=sets)


def _rec(edition: Edition, stars: int) -> str:
    rec = edition.recognition_for(stars)
    if rec is None:
        return "không nêu"
    if not rec.certificate:
        return "không cấp giấy chứng nhận"
    return rec.authority or "có cấp giấy chứng nhận"


def _diff_set(old: ProductSet, new: ProductSet, how: str) -> SetDiff:
    old_left = list(old.criteria)
    new_left = list(new.criteria)
    changes: list[CriterionChange] = []
    matched: list[tuple[Criterion, Criterion]] = []
    for a in list(old_left):
        b = next((c for c in new_left if _key(c.name) == _key(a.name)), None)
        if b is not None:
            matched.append((a, b))
            old_left.remove(a)
            new_left.remove(b)
    for a in list(old_left):
        b = next((c for c in new_left if c.code == a.code), None)
        if b is not None:
            changes.append(CriterionChange("renamed", a.code, b.code, b.name,
                                           f"«{a.name}» → «{b.name}»"))
            matched.append((a, b))
            old_left.remove(a)
            new_left.remove(b)
    for a, b in matched:
        changes += _diff_criterion(a, b)
    changes += [CriterionChange("removed", a.code, None, a.name, f"{a.max} điểm")
                for a in old_left]
    changes += [CriterionChange("added", None, b.code, b.name, f"{b.max} điểm")
                for b in new_left]
    order = {c.code: i for i, c in enumerate(new.criteria)}
    changes.sort(key=lambda ch: (order.get(ch.new_code or "", 10**6), ch.old_code or ""))
    return SetDiff(old.code, new.code, old.name, new.name, _key(old.name) != _key(new.name),
                   how, tuple(changes))


def _diff_criterion(a: Criterion, b: Criterion) -> list[CriterionChange]:
    out = []
    if a.max != b.max:
        out.append(CriterionChange("repointed", a.code, b.code, b.name,
                                   f"tối đa {a.max} → {b.max} điểm"))
    old_opts = [(o.key, _key(o.text), o.points) for o in a.options]
    new_opts = [(o.key, _key(o.text), o.points) for o in b.options]
    if old_opts != new_opts:
        out.append(CriterionChange("options", a.code, b.code, b.name, _options_detail(a, b)))
    old_markers = {o.marker for o in a.options if o.marker}
    added = [o for o in b.options if o.marker and o.marker not in old_markers]
    if added:
        out.append(CriterionChange("minima", a.code, b.code, b.name, "; ".join(
            f"lựa chọn {o.key} là mức tối thiểu {o.marker} sao" for o in added)))
    return out


def _points_summary(criterion: Criterion) -> str:
    """``3 lựa chọn (1, 3, 5 điểm)``."""
    points = ", ".join(str(o.points) for o in criterion.options)
    return f"{len(criterion.options)} lựa chọn ({points} điểm)"


def _options_detail(a: Criterion, b: Criterion) -> str:
    """What differs between the options of two matched criteria, never ``X → X``.

    The points, when they changed (``3 lựa chọn (1, 3, 5 điểm) → 3 lựa chọn (1, 4, 5 điểm)``);
    the options whose wording changed, by their answer key in the new edition, when both have
    as many options (``lời văn lựa chọn 2 thay đổi``); when only the answer keys differ (the
    options were split into cases or merged), the keys."""
    before, after = _points_summary(a), _points_summary(b)
    worded = ([n.key for o, n in zip(a.options, b.options, strict=True)
               if _key(o.text) != _key(n.text)] if len(a.options) == len(b.options) else [])
    if len(worded) == len(b.options) > 1:
        wording = f"lời văn cả {len(worded)} lựa chọn thay đổi"
    else:
        wording = f"lời văn lựa chọn {', '.join(worded)} thay đổi" if worded else ""
    if before != after:
        return f"{before} → {after}" + (f"; {wording}" if wording else "")
    if wording:
        return f"{wording}; điểm giữ nguyên ({', '.join(str(o.points) for o in b.options)} điểm)"
    return (f"mã trả lời của lựa chọn: {', '.join(o.key for o in a.options)} → "
            f"{', '.join(o.key for o in b.options)}")


KIND_VI = {"added": "thêm", "removed": "bỏ", "renamed": "đổi tên", "repointed": "đổi điểm",
           "options": "đổi lựa chọn", "minima": "thêm yêu cầu tối thiểu"}


def describe(diff: EditionDiff) -> str:
    """A plain-text report of the diff (used by ``ocopkit criteria diff``)."""
    lines = [f"{diff.old} → {diff.new}"]
    lines += [f"Phần {p}: {a} → {b} điểm" for p, a, b in diff.parts]
    lines += [f"Phân hạng {b}" for b in diff.bands]
    lines += [f"Công nhận {r}" for r in diff.recognition]
    if not diff.sheets_compared:
        lines.append("Phiếu đánh giá: không so sánh được (một phiên bản chưa có dữ liệu phiếu).")
        return "\n".join(lines)
    lines += [f"Bộ sản phẩm mới: {c} {n}" for c, n in diff.added_sets]
    lines += [f"Bộ sản phẩm bỏ: {c} {n}" for c, n in diff.removed_sets]
    lines += [f"Không so sánh được (phiếu cũ chưa có dữ liệu): {a} → {b} {n}"
              for a, b, n in diff.uncompared_sets]
    for s in diff.sets:
        head = f"{s.old} → {s.new} {s.new_name}"
        if s.renamed:
            head += f" (đổi tên từ «{s.old_name}»)"
        lines.append(head + f": {len(s.changes)} thay đổi")
        for ch in s.changes:
            code = ch.new_code or ch.old_code
            lines.append(f"  {KIND_VI[ch.kind]} {code} {ch.name}: {ch.detail}".rstrip(": "))
    return "\n".join(lines)
