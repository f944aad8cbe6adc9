"""Score a product against a sheet: pure functions, no I/O.

Rules applied (from the decision texts; see the site's "Cách tính điểm" page):

* each criterion scores the points of the chosen option; ``0`` as an answer means "none of the
  printed options is met" and scores 0 points;
* a criterion with ``applies_if`` scores 0 and needs no answer when its condition is not met;
* the star band comes from the total; the star level is the lower of the band and the highest
  level whose per-star minima (``***``/``****``/``*****`` markers) are all reached, a level's
  minima including those of every lower level;
* a rejection note that applies (``findings``) or a sheet-level rejection eliminates the product;
* a gate note that applies makes the criteria after it in the same part score 0;
* a product can be certified when it is not eliminated and its star level carries a certificate.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ocopkit.criteria.model import Criterion, Edition, Option, ProductSet

NONE_MET = "0"
"""Answer meaning that none of a criterion's printed options is met (0 points)."""


class AnswerError(ValueError):
    """The answers do not fit the sheet: missing, unknown or impossible values, all listed."""

    def __init__(self, issues: Iterable[tuple[str | None, str]]) -> None:
        self.issues = list(issues)
        """``(criterion code or None, message)`` pairs."""
        super().__init__("\n".join(message for _, message in self.issues))


@dataclass(frozen=True)
class Blocker:
    """A criterion that keeps a product below ``stars``: move it from ``current`` to ``needed``."""

    criterion: str
    name: str
    stars: int
    current: str | None
    """Answer key of the chosen option (``None``: not applicable or none met)."""
    current_points: int
    needed: str
    needed_points: int


@dataclass(frozen=True)
class Score:
    """The result of scoring one set of answers."""

    edition: str
    product_set: str
    total: int
    parts: dict[str, int]
    groups: dict[str, int]
    criteria: dict[str, int]
    band_stars: int
    minima_stars: int
    """Highest star level whose per-star minima are all reached."""
    stars: int
    certifiable: bool
    rejected: bool
    rejections: tuple[str, ...]
    not_applicable: tuple[str, ...]
    next_stars: int | None
    points_needed: int
    """Points missing to reach the band of ``next_stars`` (0 when the band is already reached)."""
    blocking: tuple[Blocker, ...] = field(default=())

    def as_dict(self) -> dict[str, object]:
        """The JSON form printed by ``ocopkit score --json``."""
        return {
            "edition": self.edition,
            "product_set": self.product_set,
            "total": self.total,
            "parts": self.parts,
            "groups": self.groups,
            "criteria": self.criteria,
            "band_stars": self.band_stars,
            "minima_stars": self.minima_stars,
            "stars": self.stars,
            "certifiable": self.certifiable,
            "rejected": self.rejected,
            "rejections": list(self.rejections),
            "not_applicable": list(self.not_applicable),
            "next_stars": self.next_stars,
            "points_needed": self.points_needed,
            "blocking": [b.__dict__ for b in self.blocking],
        }


def _normalise(product_set: ProductSet, answers: Mapping[str, object]
               ) -> tuple[dict[str, str], list[tuple[str | None, str]]]:
    """Raw answers (``{"1.1": 3, "8": "b2"}``) as option keys, with an issue for every unknown
    code and impossible value."""
    errors: list[tuple[str | None, str]] = []
    out: dict[str, str] = {}
    for code, value in answers.items():
        code = str(code)
        criterion = product_set.criterion(code)
        if criterion is None:
            errors.append((code, f"unknown criterion '{code}' for product set "
                                 f"{product_set.code}"))
            continue
        key = str(value).strip() if isinstance(value, int | str) and not isinstance(
            value, bool) else None
        if key is None or (key != NONE_MET and criterion.option(key) is None):
            errors.append((code, f"criterion {code}: expected one of {_choices(criterion)}, "
                                 f"got {value!r}"))
            continue
        out[code] = key
    return out, errors


def _choices(criterion: Criterion) -> str:
    return ", ".join([NONE_MET, *(o.key for o in criterion.options)])


def _applies(criterion: Criterion, chosen: Mapping[str, str], product_set: ProductSet) -> bool:
    cond = criterion.applies_if
    if cond is None:
        return True
    target = product_set.criterion(cond.criterion)
    key = chosen.get(cond.criterion)
    option = target.option(key) if target and key else None
    return option is not None and option.number in cond.options


def score(edition: Edition, product_set: ProductSet | str, answers: Mapping[str, object], *,
          findings: Iterable[str] = (), dossier_rejected: bool = False) -> Score:
    """Score ``answers`` (criterion code → option number or key) on one sheet of ``edition``.

    ``findings`` lists the criteria whose rejection or gate note applies to the product;
    ``dossier_rejected`` says a sheet-level rejection rule applies. Raises :class:`AnswerError`
    when an answer is missing, unknown or impossible.
    """
    sheet = _resolve(edition, product_set)
    chosen, errors = _normalise(sheet, answers)
    findings = [str(f) for f in findings]
    errors += [(None, message) for _, message in finding_issues(sheet, findings)]
    not_applicable = tuple(c.code for c in sheet.criteria if not _applies(c, chosen, sheet))
    given = {str(code) for code in answers}
    missing = [c.code for c in sheet.criteria
               if c.code not in given and c.code not in not_applicable]
    if missing:
        errors.append((None, "missing answers for criteria: " + ", ".join(missing)))
    if errors:
        raise AnswerError(errors)

    gated: set[str] = set()
    rejections: list[str] = []
    if dossier_rejected:
        rejections.extend(f"Hồ sơ bị loại: {rule}" for rule in sheet.rejection_rules or
                          ("hồ sơ không hợp lệ",))
    for part in sheet.parts:
        codes = [c.code for g in part.groups for c in g.criteria]
        for code in codes:
            if code not in findings:
                continue
            criterion = sheet.criterion(code)
            assert criterion is not None
            for note in criterion.notes:
                if note.kind == "rejection":
                    rejections.append(f"{code}: {note.text}")
                elif note.kind == "gate":
                    gated.update(codes[codes.index(code) + 1:])

    points: dict[str, int] = {}
    for criterion in sheet.criteria:
        option = _chosen_option(criterion, chosen)
        counts = criterion.code not in not_applicable and criterion.code not in gated
        points[criterion.code] = option.points if (option and counts) else 0
    groups = {g.code: sum(points[c.code] for c in g.criteria) for g in sheet.groups}
    parts = {p.part: sum(groups[g.code] for g in p.groups) for p in sheet.parts}
    total = sum(parts.values())
    band = edition.band_for(total).stars
    minima = _minima_stars(edition, sheet, points, not_applicable)
    stars = min(band, minima)
    rejected = bool(rejections)
    recognition = edition.recognition_for(stars)
    certifiable = not rejected and recognition is not None and recognition.certificate
    next_stars = stars + 1 if stars < edition.max_stars else None
    points_needed = 0
    blocking: tuple[Blocker, ...] = ()
    if next_stars is not None:
        target_band = next(b for b in edition.star_bands if b.stars == next_stars)
        points_needed = max(0, target_band.min - total)
        blocking = _blockers(sheet, chosen, points, not_applicable, next_stars)
    return Score(edition=edition.id, product_set=sheet.code, total=total, parts=parts,
                 groups=groups, criteria=points, band_stars=band, minima_stars=minima,
                 stars=stars, certifiable=certifiable, rejected=rejected,
                 rejections=tuple(rejections), not_applicable=not_applicable,
                 next_stars=next_stars, points_needed=points_needed, blocking=blocking)


def finding_issues(sheet: ProductSet, findings: Iterable[str]) -> list[tuple[int, str]]:
    """``(index, message)`` for each finding that is not a criterion of ``sheet`` with a
    rejection or gate note (only those notes can apply to a product)."""
    return [(i, f"finding '{f}': expected a criterion of {sheet.code} with a rejection or gate "
             "note") for i, f in enumerate(findings)
            if (cr := sheet.criterion(f)) is None
            or not any(n.kind in ("rejection", "gate") for n in cr.notes)]


def _resolve(edition: Edition, product_set: ProductSet | str) -> ProductSet:
    if isinstance(product_set, ProductSet):
        return product_set
    found = edition.product_set(product_set)
    if found is None:
        known = ", ".join(s.code for s in edition.product_sets) or "none (sheets not available)"
        raise AnswerError([(None, f"unknown product set '{product_set}' in edition "
                                  f"{edition.id}; expected one of: {known}")])
    return found


def _chosen_option(criterion: Criterion, chosen: Mapping[str, str]) -> Option | None:
    key = chosen.get(criterion.code)
    return criterion.option(key) if key and key != NONE_MET else None


def _required(criterion: Criterion, stars: int) -> Option | None:
    """The option a product must reach on ``criterion`` to be rated ``stars``: the marked option
    of the highest marker level not above ``stars`` (``None`` when nothing is required)."""
    marked = [o for o in criterion.options if o.marker is not None and o.marker <= stars]
    return max(marked, key=lambda o: (o.points, o.marker or 0)) if marked else None


def _minima_stars(edition: Edition, sheet: ProductSet, points: Mapping[str, int],
                  not_applicable: Iterable[str]) -> int:
    skip = set(not_applicable)
    reached = 0
    for level in sorted(edition.star_levels):
        for criterion in sheet.criteria:
            need = _required(criterion, level)
            if need is not None and criterion.code not in skip and (
                    points[criterion.code] < need.points):
                return reached or min(edition.star_levels)
        reached = level
    return reached


def _blockers(sheet: ProductSet, chosen: Mapping[str, str], points: Mapping[str, int],
              not_applicable: Iterable[str], stars: int) -> tuple[Blocker, ...]:
    skip = set(not_applicable)
    out = []
    for criterion in sheet.criteria:
        need = _required(criterion, stars)
        if need is None or criterion.code in skip or points[criterion.code] >= need.points:
            continue
        current = _chosen_option(criterion, chosen)
        out.append(Blocker(criterion=criterion.code, name=criterion.name, stars=stars,
                           current=current.key if current else None,
                           current_points=points[criterion.code], needed=need.key,
                           needed_points=need.points))
    return tuple(out)
