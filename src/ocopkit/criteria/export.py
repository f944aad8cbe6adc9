"""The normalised JSON form of an edition, consumed by the calculator and the handouts.

Shape (``schema`` 2: half-open star bands, gate scopes, eligibility notes)::

    {"schema": 2, "edition": "qd-26-2026", "decision": "26/2026/QĐ-TTg", "title": …,
     "date": "2026-05-22", "signer": …, "status": "current", "replaces": [], "replaced_by": null,
     "source": {"file": …, "description": …}, "confidence": "M", "confidence_note": …,
     "sheets_available": true,
     "parts": [{"code": "A", "name": …, "max": 40}, …],
     "star_bands": [{"stars": 1, "from": 0, "below": 30}, …, {"stars": 5, "from": 90,
                    "below": null}],
     "recognition": [{"stars": 3, "certificate": true, "authority": …}, …],
     "certificate_validity_months": 36,
     "product_groups": [{"code": "I", "name": …, "product_sets": ["I.1.a", …]}, …],
     "product_sets": [{"code": "I.1.a", "sheet": 1, "name": …, "category": …,
        "managing_agency": …, "rejection_rules": [...], "sheet_notes": [...],
        "transcription_notes": [...],
        "parts": [{"part": "A", "max": 40, "sum_note": null | …,
           "groups": [{"code": "1", "name": …, "max": 18,
           "criteria": [{"code": "1.1", "name": …, "max": 3, "description": null,
              "requirement": …, "yes_no": false, "cases_text": null,
              "applies_if": {"text": …, "criterion": "5.1", "options": [2, 3]} | null,
              "notes": [{"kind": "gate", "scope": "group" | "sheet" | null,
                         "derived": "zero" | "zero_above" | null, "text": …}],
              "cases": [{"key": "a", "name": …, "options": ["a1", "a2"]}],
              "options": [{"number": 1, "key": "1", "text": …, "points": 1,
                           "marker": 4 | null}]}]}]}]}]}

``sum_note`` says why a part's printed points do not add up to the edition's part maximum
(1048's tourism sheet: Phần A adds up to 34); the part's ``max`` is then the printed sum.
``options`` always lists every option of a criterion; for a criterion with cases each option's
``key`` is the case letter plus its number (``"b2"``) and ``cases`` names the keys of each case.
"""

from __future__ import annotations

from typing import Any

from ocopkit.criteria.model import Criterion, Edition, ProductSet

SCHEMA_VERSION = 2


def export_edition(edition: Edition) -> dict[str, Any]:
    """The edition as plain JSON-ready data (see the module docstring for the shape)."""
    return {
        "schema": SCHEMA_VERSION,
        "edition": edition.id,
        "decision": edition.decision,
        "title": edition.title,
        "date": edition.date.isoformat(),
        "signer": edition.signer,
        "status": edition.status,
        "replaces": list(edition.replaces),
        "replaced_by": edition.replaced_by,
        "amendments": [{"decision": a.decision, "date": a.date.isoformat(),
                        "summary": a.summary} for a in edition.amendments],
        "source": {"file": edition.source.file, "description": edition.source.description},
        "confidence": edition.confidence,
        "confidence_note": edition.confidence_note,
        "sheets_available": edition.sheets_available,
        "parts": [{"code": p.code, "name": p.name, "max": p.max} for p in edition.parts],
        "star_bands": [{"stars": b.stars, "from": b.start, "below": b.below}
                       for b in edition.star_bands],
        "recognition": [{"stars": r.stars, "certificate": r.certificate,
                         "authority": r.authority} for r in edition.recognition],
        "certificate_validity_months": edition.certificate_validity_months,
        "product_groups": [{"code": g.code, "name": g.name, "product_sets": list(g.product_sets)}
                           for g in edition.product_groups],
        "untranscribed_sets": [{"code": u.code, "name": u.name} for u in edition.untranscribed],
        "product_sets": [export_product_set(s) for s in edition.product_sets],
    }


def export_product_set(product_set: ProductSet) -> dict[str, Any]:
    return {
        "code": product_set.code,
        "sheet": product_set.sheet,
        "name": product_set.name,
        "category": product_set.category,
        "managing_agency": product_set.managing_agency,
        "rejection_rules": list(product_set.rejection_rules),
        "sheet_notes": list(product_set.sheet_notes),
        "transcription_notes": list(product_set.transcription_notes),
        "parts": [{"part": p.part, "max": p.max, "sum_note": p.sum_note, "groups": [
            {"code": g.code, "name": g.name, "max": g.max,
             "criteria": [_criterion(c) for c in g.criteria]} for g in p.groups]}
            for p in product_set.parts],
    }


def _criterion(c: Criterion) -> dict[str, Any]:
    cond = c.applies_if
    return {
        "code": c.code,
        "name": c.name,
        "max": c.max,
        "description": c.description,
        "requirement": c.requirement,
        "yes_no": c.yes_no,
        "cases_text": c.cases_text,
        "applies_if": None if cond is None else {
            "text": cond.text, "criterion": cond.criterion, "options": list(cond.options)},
        "notes": [{"kind": n.kind, "scope": n.scope, "derived": n.derived, "text": n.text}
                  for n in c.notes],
        "cases": [{"key": k.key, "name": k.name, "options": [o.key for o in k.options]}
                  for k in c.cases],
        "options": [{"number": o.number, "key": o.key, "text": o.text, "points": o.points,
                     "marker": o.marker} for o in c.options],
    }
