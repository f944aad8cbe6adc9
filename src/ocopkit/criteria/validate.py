"""Turn loaded YAML into an :class:`~ocopkit.criteria.model.Edition`, or list every problem.

Validation never stops at the first problem: each check appends to a list, and the caller gets
either a complete edition or the complete list.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, TypeVar

from ocopkit.criteria.model import (
    Amendment,
    Case,
    Condition,
    Criterion,
    Edition,
    Group,
    Note,
    Option,
    Part,
    ProductGroup,
    ProductSet,
    Recognition,
    Section,
    SheetPart,
    Source,
    StarBand,
)
from ocopkit.errors import ContentError, Problem
from ocopkit.source.checker import Checker, describe, is_int, sum_text
from ocopkit.source.yaml import KeyPath, Located, load_yaml

T = TypeVar("T")

EDITION_KEYS = ("edition", "decision", "title", "date", "signer", "status", "replaces",
                "replaced_by", "amendments", "source", "confidence", "confidence_note",
                "sheets_available", "parts", "star_bands", "recognition",
                "certificate_validity_months", "product_groups", "untranscribed_sets",
                "product_sets")
PRODUCT_SET_KEYS = ("code", "sheet", "name", "category", "managing_agency", "rejection_rules",
                    "sheet_notes", "transcription_notes", "parts")
CRITERION_KEYS = ("code", "name", "description", "requirement", "max", "applies_if",
                  "yes_no", "cases_text", "cases", "options", "notes")
MARKERS = {"***": 3, "****": 4, "*****": 5}
NOTE_KINDS = ("note", "rejection", "gate", "eligibility")
GATE_SCOPES = ("group", "sheet")
GATE_TRIGGERS = ("zero", "zero_above")
CONFIDENCE = ("H", "M", "L")
PRODUCT_SET_CODE = re.compile(r"^[IVX]+(\.\d+(\.(\d+|[a-z]))?)?$")
CRITERION_CODE = re.compile(r"^\d+(\.\d+){0,2}$")
SECTION_KEYS = ("code", "name", "max", "criteria")
EDITION_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def validate_edition(located: Located) -> tuple[Edition | None, list[Problem]]:
    """Build an edition from loaded data; return it with ``[]``, or ``None`` with every problem."""
    c = Checker(located)
    raw = c.mapping(located.data, (), EDITION_KEYS)
    if raw is None:
        return None, c.problems
    edition_id = c.text(raw, "edition", ())
    if edition_id and not EDITION_ID.match(edition_id):
        c.add(("edition",), f"expected an id of lower-case letters, digits and '-', "
              f"got '{edition_id}'")
    stem = Path(located.path).stem
    if edition_id and edition_id != stem:
        c.add(("edition",), f"expected the file name's stem '{stem}', got '{edition_id}'")
    date = c.field(raw, "date", (), lambda v: isinstance(v, dt.date), "a date (YYYY-MM-DD)")
    status = c.field(raw, "status", (), lambda v: v in ("current", "replaced", "draft"),
                     "'current', 'replaced' or 'draft'")
    replaced_by = c.text(raw, "replaced_by", (), required=False)
    if status == "replaced" and not replaced_by:
        c.add(("replaced_by",), "expected the id of the edition that replaced this one, got "
              "nothing")
    if status in ("current", "draft") and replaced_by:
        c.add(("replaced_by",), f"expected nothing for a {status} edition, got '{replaced_by}'")
    source = _source(c, raw)
    confidence = c.field(raw, "confidence", (), lambda v: v in CONFIDENCE, "one of H, M, L")
    sheets_available = c.field(raw, "sheets_available", (), lambda v: isinstance(v, bool),
                               "true or false", required=False, default=True)
    parts = _parts(c, raw)
    star_bands = _star_bands(c, raw)
    levels = {b.stars for b in star_bands}
    recognition = _recognition(c, raw, levels)
    validity = c.integer(raw, "certificate_validity_months", (), low=1, high=120)
    groups = _product_groups(c, raw)
    untranscribed = _untranscribed(c, raw)
    product_sets = _product_sets(c, raw, parts, levels, groups, sheets_available is not False,
                                 {u.code for u in untranscribed})
    decision, title = c.text(raw, "decision", ()), c.text(raw, "title", ())
    signer = c.text(raw, "signer", ())
    replaces = c.texts(raw, "replaces", ())
    amendments = _amendments(c, raw, date)
    confidence_note = c.text(raw, "confidence_note", (), required=False)
    # A required value is None only with a problem; the None tests are for the type checker.
    if (c.problems or edition_id is None or decision is None or title is None or signer is None
            or validity is None):
        return None, c.problems
    return Edition(
        id=edition_id, decision=decision, title=title, date=date,
        signer=signer, status=status, source=source, confidence=confidence,
        parts=parts, star_bands=star_bands, recognition=recognition,
        certificate_validity_months=validity, product_groups=groups,
        product_sets=product_sets, sheets_available=bool(sheets_available), replaces=replaces,
        replaced_by=replaced_by, amendments=amendments, untranscribed=untranscribed,
        confidence_note=confidence_note,
        path=located.path), []


def _amendments(c: Checker, raw: dict[str, Any], signed: Any) -> tuple[Amendment, ...]:
    out = []
    for keys, araw in c.records(raw, "amendments", (), ("decision", "date", "summary"),
                                required=False):
        decision, summary = c.text(araw, "decision", keys), c.text(araw, "summary", keys)
        date = c.date(araw, "date", keys)
        if isinstance(signed, dt.date) and date is not None and date <= signed:
            c.add((*keys, "date"), f"expected a date after the edition's ({signed}), got {date}")
        if decision and summary and date:
            out.append(Amendment(decision, date, summary))
    return tuple(out)


def _source(c: Checker, raw: dict[str, Any]) -> Source:
    keys: KeyPath = ("source",)
    value = raw.get("source")
    if value is None:
        c.add((), "missing required key 'source'; expected a mapping with file and description")
        return Source("", "")
    sraw = c.mapping(value, keys, ("file", "description"))
    if sraw is None:
        return Source("", "")
    return Source(c.text(sraw, "file", keys) or "", c.text(sraw, "description", keys) or "")


def _parts(c: Checker, raw: dict[str, Any]) -> tuple[Part, ...]:
    parts: list[Part] = []
    seen: dict[str, int] = {}
    for keys, praw in c.records(raw, "parts", (), ("code", "name", "max")):
        code, name = c.text(praw, "code", keys), c.text(praw, "name", keys)
        high = c.integer(praw, "max", keys, low=1, high=100)
        c.unique(seen, code or None, (*keys, "code"), "part code")
        if code and name and high is not None:
            parts.append(Part(code, name, high))
    if parts and len(parts) == len(raw.get("parts") or []):
        total = sum(p.max for p in parts)
        if total != 100:
            c.add(("parts",), "expected part maxima summing to 100, got "
                  + sum_text([p.max for p in parts]))
    return tuple(parts)


def _star_bands(c: Checker, raw: dict[str, Any]) -> tuple[StarBand, ...]:
    """Bands are half-open intervals of the (average) total, as Art. 3 writes them: ``from``
    inclusive, ``below`` exclusive; the highest band has no ``below`` and runs to 100
    inclusive. They must cover 0–100 without gap or overlap; a band with a bad star count still
    takes part in the coverage check, so one typo gives one message."""
    bands: list[tuple[KeyPath, int | None, int, int | None]] = []
    items = c.items(raw, "star_bands", ())
    for i, item in enumerate(items):
        keys: KeyPath = ("star_bands", i)
        braw = c.mapping(item, keys, ("stars", "from", "below"))
        if braw is None:
            continue
        stars = c.integer(braw, "stars", keys, low=1, high=5)
        low = c.integer(braw, "from", keys, low=0, high=100)
        high = c.integer(braw, "below", keys, low=1, high=100, required=False)
        if low is None or ("below" in braw and high is None):
            continue
        if high is not None and high <= low:
            c.add((*keys, "below"), f"expected a bound above from ({low}), got {high}")
            continue
        bands.append((keys, stars, low, high))
    ordered = sorted(bands, key=lambda b: b[2])
    expected = 0
    for n, (keys, _, low, high) in enumerate(ordered):
        if low > expected:
            c.add((*keys, "from"), f"gap in star bands: no band covers {expected} to below "
                  f"{low}; expected from {expected}, got {low}")
        elif low < expected:
            c.add((*keys, "from"), f"star bands overlap: {low} to below {expected} is in two "
                  f"bands; expected from {expected}, got {low}")
        if high is None and n != len(ordered) - 1:
            c.add((*keys, "below"), "expected a 'below' bound (only the highest band runs to "
                  "100), got none")
        expected = 101 if high is None else high
    if ordered and ordered[-1][3] is not None:
        c.add((*ordered[-1][0], "below"), "expected no 'below' on the highest band (it runs "
              f"to 100 inclusive), got {ordered[-1][3]}")
    star_counts = [b[1] for b in ordered if b[1] is not None]
    if len(star_counts) != len(ordered) or len(bands) != len(items):
        return ()
    if star_counts != sorted(star_counts) or len(set(star_counts)) != len(star_counts):
        c.add(("star_bands",), "expected one band per star level, more stars for more points, "
              f"got stars {star_counts} in order of points")
    return tuple(StarBand(s, low, high) for _, s, low, high in ordered if s is not None)


def _recognition(c: Checker, raw: dict[str, Any], levels: set[int]) -> tuple[Recognition, ...]:
    out = []
    for keys, rraw in c.records(raw, "recognition", (), ("stars", "certificate", "authority")):
        stars = c.integer(rraw, "stars", keys, low=1, high=5)
        if stars is not None and levels and stars not in levels:
            c.add((*keys, "stars"), f"expected a star level of star_bands {sorted(levels)}, "
                  f"got {stars}")
        cert = c.field(rraw, "certificate", keys, lambda v: isinstance(v, bool), "true or false")
        authority = c.text(rraw, "authority", keys, required=False)
        if cert and not authority:
            c.add((*keys, "authority"), "expected the authority that issues the certificate, "
                  "got nothing")
        if stars is not None and cert is not None:
            out.append(Recognition(stars, cert, authority))
    return tuple(out)


def _product_groups(c: Checker, raw: dict[str, Any]) -> tuple[ProductGroup, ...]:
    out = []
    required = raw.get("sheets_available") is not False
    for keys, graw in c.records(raw, "product_groups", (), ("code", "name", "product_sets"),
                                required=required):
        code, name = c.text(graw, "code", keys), c.text(graw, "name", keys)
        sets = c.texts(graw, "product_sets", keys)
        for k, set_code in enumerate(sets):
            if code and set_code != code and not set_code.startswith(code + "."):
                c.add((*keys, "product_sets", k), f"expected a code starting with '{code}.', "
                      f"got '{set_code}'")
        if code and name:
            out.append(ProductGroup(code, name, sets))
    return tuple(out)


def _untranscribed(c: Checker, raw: dict[str, Any]) -> tuple[ProductGroup, ...]:
    """``untranscribed_sets``: product sets of the edition whose sheets are not in the data."""
    out = []
    for keys, uraw in c.records(raw, "untranscribed_sets", (), ("code", "name"),
                                required=False):
        code, name = c.text(uraw, "code", keys), c.text(uraw, "name", keys)
        if code and not PRODUCT_SET_CODE.match(code):
            c.add((*keys, "code"), f"expected a Phụ lục I code such as 'I.1.a' or 'I.3.5', got "
                  f"'{code}'")
        elif code and name:
            out.append(ProductGroup(code, name))
    return tuple(out)


def _product_sets(c: Checker, raw: dict[str, Any], parts: tuple[Part, ...], levels: set[int],
                  groups: tuple[ProductGroup, ...], sheets_available: bool,
                  untranscribed: set[str]) -> tuple[ProductSet, ...]:
    group_codes = {g.code for g in groups}
    items = c.items(raw, "product_sets", (), required=sheets_available)
    if not sheets_available:
        if items:
            c.add(("product_sets",), "expected no product sets when sheets_available is false, "
                  f"got {len(items)}")
        return ()
    out: list[ProductSet] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        keys: KeyPath = ("product_sets", i)
        product_set = _product_set(c, item, keys, parts, levels, group_codes)
        if product_set is None:
            continue
        c.unique(seen, product_set.code, (*keys, "code"), "product set code")
        out.append(product_set)
    listed = {code: g.code for g in groups for code in g.product_sets}
    present = {item["code"] for item in items
               if isinstance(item, dict) and isinstance(item.get("code"), str)}
    for code in sorted(set(listed) - present - untranscribed):
        c.add(("product_sets",), f"missing product set '{code}': product group {listed[code]} "
              "lists it, but no sheet has that code (list it in untranscribed_sets if its sheet "
              "is not available)")
    for code in sorted(untranscribed & present):
        c.add(("untranscribed_sets",), f"expected only product sets without a sheet, got "
              f"'{code}', which has one")
    for s in out:
        if listed and s.code not in listed:
            c.add(("product_sets", out.index(s), "code"), f"expected a product set listed in "
                  f"product_groups, got '{s.code}'")
    # Numbers as written (a product set dropped for its own problems must not look missing).
    sheets = [item.get("sheet") for item in items if isinstance(item, dict)]
    if sheets and sheets != list(range(1, len(sheets) + 1)):
        c.add(("product_sets",), "expected sheets numbered 1, 2, 3, … in order, got "
              + ", ".join(map(str, sheets)))
    return tuple(out)


def _product_set(c: Checker, item: Any, keys: KeyPath, parts: tuple[Part, ...],
                 levels: set[int], group_codes: set[str]) -> ProductSet | None:
    sraw = c.mapping(item, keys, PRODUCT_SET_KEYS)
    if sraw is None:
        return None
    code = c.text(sraw, "code", keys)
    if code and not PRODUCT_SET_CODE.match(code):
        c.add((*keys, "code"), f"expected a Phụ lục I code such as 'I.1.a', 'I.3.5' or 'VI.1', "
              f"got '{code}'")
    elif code and group_codes and code.split(".")[0] not in group_codes:
        c.add((*keys, "code"), f"expected a code in a product group {sorted(group_codes)}, got "
              f"'{code}'")
    sheet = c.integer(sraw, "sheet", keys, low=1, high=999)
    name = c.text(sraw, "name", keys)
    category = c.text(sraw, "category", keys)
    agency = c.text(sraw, "managing_agency", keys)
    rules = c.texts(sraw, "rejection_rules", keys)
    sheet_notes = c.texts(sraw, "sheet_notes", keys)
    notes = c.texts(sraw, "transcription_notes", keys)
    before = len(c.problems)
    sheet_parts = _sheet_parts(c, sraw, keys, parts, levels)
    if (len(c.problems) > before or code is None or sheet is None or name is None
            or category is None or agency is None):
        return None
    return ProductSet(code=code, sheet=sheet, name=name, category=category,
                      managing_agency=agency, rejection_rules=rules,
                      parts=sheet_parts, sheet_notes=sheet_notes, transcription_notes=notes)


def _sheet_parts(c: Checker, sraw: dict[str, Any], keys: KeyPath, parts: tuple[Part, ...],
                 levels: set[int]) -> tuple[SheetPart, ...]:
    out: list[SheetPart] = []
    expected_codes = [p.code for p in parts]
    criterion_lines: dict[str, int] = {}
    group_lines: dict[str, int] = {}
    items = c.items(sraw, "parts", keys)
    for i, item in enumerate(items):
        pkeys: KeyPath = (*keys, "parts", i)
        praw = c.mapping(item, pkeys, ("part", "sum_note", "groups"))
        if praw is None:
            continue
        code = c.text(praw, "part", pkeys)
        sum_note = c.text(praw, "sum_note", pkeys, required=False)
        if code is not None and i < len(expected_codes) and code != expected_codes[i]:
            c.add((*pkeys, "part"), f"expected part '{expected_codes[i]}' (the edition's parts "
                  f"in order: {', '.join(expected_codes)}), got '{code}'")
        groups = []
        for j, graw in enumerate(c.items(praw, "groups", pkeys)):
            group = _group(c, graw, (*pkeys, "groups", j), levels, criterion_lines, group_lines)
            if group is not None:
                groups.append(group)
        sheet_part = SheetPart(code or "", tuple(groups), sum_note)
        edition_part = next((p for p in parts if p.code == code), None)
        if edition_part and len(groups) == len(praw.get("groups") or []):
            total = sheet_part.max
            if total != edition_part.max and sum_note is None:
                c.add((*pkeys, "groups"), f"expected groups of part {code} summing to "
                      f"{edition_part.max} (the edition's part maximum), got "
                      + sum_text([g.max for g in groups]) + " (if the decision prints it so, "
                      "record why in sum_note)")
            elif total == edition_part.max and sum_note is not None:
                c.add((*pkeys, "sum_note"), f"expected no sum_note, as the groups of part "
                      f"{code} sum to the edition's part maximum ({edition_part.max}), got "
                      "a note")
        out.append(sheet_part)
    if items and len(items) != len(expected_codes) and expected_codes:
        c.add((*keys, "parts"), f"expected {len(expected_codes)} parts "
              f"({', '.join(expected_codes)}), got {len(items)}")
    _check_conditions(c, out, keys)
    return tuple(out)


def _check_conditions(c: Checker, parts: list[SheetPart], keys: KeyPath) -> None:
    criteria = {cr.code: cr for p in parts for g in p.groups for cr in g.criteria}
    for criterion in criteria.values():
        cond = criterion.applies_if
        if cond is None:
            continue
        if cond.criterion not in criteria:
            c.add((*keys, "parts"), f"criterion {criterion.code}: applies_if.criterion expected "
                  f"a criterion of this sheet, got '{cond.criterion}'")
            continue
        target = criteria[cond.criterion]
        numbers = {o.number for o in target.options}
        bad = [n for n in cond.options if n not in numbers]
        if bad:
            c.add((*keys, "parts"), f"criterion {criterion.code}: applies_if.options expected "
                  f"option numbers of criterion {target.code} (1–{len(target.options)}), got {bad}")


def _group(c: Checker, item: Any, keys: KeyPath, levels: set[int],
           criterion_lines: dict[str, int], group_lines: dict[str, int]) -> Group | None:
    graw = c.mapping(item, keys, ("code", "name", "max", "criteria"))
    if graw is None:
        return None
    code = c.text(graw, "code", keys)
    _code_shape(c, graw, keys)
    c.unique(group_lines, code, (*keys, "code"), "group code", scope=" in this product set")
    name = c.text(graw, "name", keys)
    high = c.integer(graw, "max", keys, low=1, high=100)
    criteria: list[Criterion] = []
    sections: list[Section] = []
    entry_max: list[int] = []
    items = c.items(graw, "criteria", keys)
    complete = True
    for j, craw in enumerate(items):
        ckeys: KeyPath = (*keys, "criteria", j)
        if isinstance(craw, dict) and "criteria" in craw:
            section = _section(c, craw, ckeys, levels, criterion_lines, criteria)
            if section is None:
                complete = False
            else:
                sections.append(section)
                entry_max.append(section.max)
            continue
        criterion = _criterion(c, craw, ckeys, levels, criterion_lines)
        if criterion is None:
            complete = False
        else:
            criteria.append(criterion)
            entry_max.append(criterion.max)
    if high is not None and entry_max and complete and sum(entry_max) != high:
        c.add((*keys, "max"), "expected the sum of its criteria maxima ("
              + sum_text(entry_max) + f"), got {high}")
    if code is None or name is None or high is None:
        return None
    return Group(code, name, high, tuple(criteria), tuple(sections))


def _section(c: Checker, raw: dict[str, Any], keys: KeyPath, levels: set[int],
             criterion_lines: dict[str, int], leaves: list[Criterion]) -> Section | None:
    """A heading with sub-criteria; its leaves are appended to ``leaves``."""
    c.mapping(raw, keys, SECTION_KEYS)
    code = c.text(raw, "code", keys)
    _code_shape(c, raw, keys)
    name = c.text(raw, "name", keys)
    high = c.integer(raw, "max", keys, low=1, high=100)
    children: list[Criterion] = []
    items = c.items(raw, "criteria", keys)
    for j, craw in enumerate(items):
        child = _criterion(c, craw, (*keys, "criteria", j), levels, criterion_lines)
        if child is not None:
            children.append(child)
            if code and not child.code.startswith(code + "."):
                c.add((*keys, "criteria", j, "code"), f"expected a sub-criterion code starting "
                      f"with '{code}.', got '{child.code}'")
    if high is not None and children and len(children) == len(items):
        total = [ch.max for ch in children]
        if sum(total) != high:
            c.add((*keys, "max"), "expected the sum of its sub-criteria maxima ("
                  + sum_text(total) + f"), got {high}")
    c.unique(criterion_lines, code, (*keys, "code"), "criterion code",
             scope=" in this product set")
    leaves.extend(children)
    if code is None or name is None or high is None or len(children) != len(items):
        return None
    return Section(code, name, high, tuple(ch.code for ch in children))


def _code_shape(c: Checker, raw: dict[str, Any], keys: KeyPath) -> None:
    code = raw.get("code")
    if is_int(code) or isinstance(code, float):
        c.add((*keys, "code"), f"expected a quoted code such as \"1.5\", got {describe(code)}")
    elif isinstance(code, str) and not CRITERION_CODE.match(code.strip()):
        c.add((*keys, "code"), f"expected a code of numbers such as '1.5', '6.1.2' or '7', got "
              f"'{code}'")


def _criterion(c: Checker, item: Any, keys: KeyPath, levels: set[int],
               seen: dict[str, int]) -> Criterion | None:
    craw = c.mapping(item, keys, CRITERION_KEYS)
    if craw is None:
        return None
    before = len(c.problems)
    code = c.text(craw, "code", keys)
    _code_shape(c, craw, keys)
    c.unique(seen, code, (*keys, "code"), "criterion code", scope=" in this product set")
    name = c.text(craw, "name", keys)
    high = c.integer(craw, "max", keys, low=1, high=100)
    description = c.text(craw, "description", keys, required=False)
    requirement = c.text(craw, "requirement", keys, required=False)
    yes_no = c.field(craw, "yes_no", keys, lambda v: isinstance(v, bool), "true or false",
                     required=False, default=False)
    has_options, has_cases = "options" in craw, "cases" in craw
    kinds = sum((bool(yes_no), has_options, has_cases))
    if kinds != 1:
        got = " and ".join(k for k, on in (("yes_no", bool(yes_no)), ("options", has_options),
                                           ("cases", has_cases)) if on) or "none of them"
        c.add(keys, f"expected exactly one of 'options', 'cases' or 'yes_no: true', got {got}")
    options: list[Option] = []
    cases: list[Case] = []
    if yes_no and high is not None:
        options = [Option(1, "Không", 0, None, "1"), Option(2, "Có", high, None, "2")]
    if has_options:
        options = _options(c, craw, keys, levels, high, case_key="")
    if has_cases:
        for ckeys, kraw in c.records(craw, "cases", keys, ("key", "name", "options")):
            key = c.text(kraw, "key", ckeys)
            if key is not None and not re.fullmatch(r"[a-z]", key):
                c.add((*ckeys, "key"), f"expected one lower-case letter, got '{key}'")
                key = None
            case_name = c.text(kraw, "name", ckeys)
            case_options = _options(c, kraw, ckeys, levels, high, case_key=key or "?")
            if key and case_name:
                cases.append(Case(key, case_name, tuple(case_options)))
                options.extend(case_options)
        keys_seen = [cs.key for cs in cases]
        if len(set(keys_seen)) != len(keys_seen):
            c.add((*keys, "cases"), f"expected distinct case keys, got {keys_seen}")
    elif "cases_text" in craw:
        c.add((*keys, "cases_text"), "expected cases_text only together with cases")
    if high is not None and options and len(c.problems) == before:
        best = max(o.points for o in options)
        if best != high:
            c.add((*keys, "max"), f"expected the highest option's points ({best}), got {high}")
    applies_if = _condition(c, craw, keys)
    notes = _notes(c, craw, keys)
    # A required value is None only with a problem; the None tests are for the type checker.
    if len(c.problems) > before or code is None or name is None or high is None:
        return None
    return Criterion(code=code, name=name, max=high, options=tuple(options),
                     description=description, requirement=requirement, applies_if=applies_if,
                     notes=notes, cases=tuple(cases),
                     cases_text=c.text(craw, "cases_text", keys, required=False),
                     yes_no=bool(yes_no))


def _options(c: Checker, raw: dict[str, Any], keys: KeyPath, levels: set[int],
             high: int | None, *, case_key: str) -> list[Option]:
    out = []
    for n, item in enumerate(c.items(raw, "options", keys), start=1):
        okeys: KeyPath = (*keys, "options", n - 1)
        oraw = c.mapping(item, okeys, ("text", "points", "marker"))
        if oraw is None:
            continue
        text = c.text(oraw, "text", okeys)
        limit = high if high is not None else 100
        points = c.integer(oraw, "points", okeys, low=0, high=limit,
                           what=f"an integer from 0 to {limit} (criterion max)")
        marker_text = c.field(oraw, "marker", okeys, lambda v: v in MARKERS,
                              "'***', '****' or '*****'", required=False)
        marker = MARKERS.get(marker_text) if isinstance(marker_text, str) else None
        if marker is not None and levels and marker not in levels:
            c.add((*okeys, "marker"), f"expected a marker for a star level of the edition "
                  f"{sorted(levels)}, got '{marker_text}'")
        if text is not None and points is not None:
            out.append(Option(n, text, points, marker, f"{case_key}{n}"))
    return out


def _condition(c: Checker, raw: dict[str, Any], keys: KeyPath) -> Condition | None:
    if raw.get("applies_if") is None:
        return None
    akeys: KeyPath = (*keys, "applies_if")
    araw = c.mapping(raw["applies_if"], akeys, ("text", "criterion", "options"))
    if araw is None:
        return None
    text = c.text(araw, "text", akeys)
    target = c.text(araw, "criterion", akeys)
    numbers = c.items(araw, "options", akeys)
    if not all(is_int(n) and n >= 1 for n in numbers):
        c.add((*akeys, "options"), f"expected a list of option numbers (1, 2, …), got {numbers}")
        return None
    if target == raw.get("code"):
        c.add((*akeys, "criterion"), f"expected another criterion, got its own code '{target}'")
        return None
    if text is None or target is None or not numbers:
        return None
    return Condition(text, target, tuple(numbers))


def _notes(c: Checker, raw: dict[str, Any], keys: KeyPath) -> tuple[Note, ...]:
    out = []
    for nkeys, nraw in c.records(raw, "notes", keys, ("kind", "scope", "derived", "text"),
                                 required=False):
        kind = c.field(nraw, "kind", nkeys, lambda v: v in NOTE_KINDS,
                       "one of " + ", ".join(NOTE_KINDS))
        text = c.text(nraw, "text", nkeys)
        scope = derived = None
        if kind == "gate":
            scope = c.field(nraw, "scope", nkeys, lambda v: v in GATE_SCOPES,
                            "the gate's scope, one of " + ", ".join(GATE_SCOPES))
            if "derived" in nraw:
                derived = c.field(nraw, "derived", nkeys, lambda v: v in GATE_TRIGGERS,
                                  "one of " + ", ".join(GATE_TRIGGERS))
        else:
            for extra in ("scope", "derived"):
                if extra in nraw:
                    c.add((*nkeys, extra), f"expected '{extra}' only on a gate note, got it on "
                          f"a {kind} note")
        if kind and text:
            out.append(Note(kind, text, scope, derived))
    return tuple(out)


def load_edition(path: Path | str, *, display_path: str | None = None) -> Edition:
    """Load and validate one edition file; raise :class:`ContentError` listing every problem."""
    located, problems = load_yaml(path, display_path=display_path)
    if problems:
        raise ContentError(problems)
    edition, problems = validate_edition(located)
    if edition is None:
        raise ContentError(problems)
    return edition


def check_edition_file(path: Path | str, *,
                       display_path: str | None = None) -> tuple[Edition | None, list[Problem]]:
    """Like :func:`load_edition` but returns the problems instead of raising."""
    located, problems = load_yaml(path, display_path=display_path)
    if problems:
        return None, problems
    return validate_edition(located)
