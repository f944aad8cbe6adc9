"""Score a product against a sheet, and a council's sheets for one product: pure functions.

Rules applied, each resting on the decision's words (26/2026/QĐ-TTg; the same in 1048/QĐ-TTg);
:data:`INTERPRETATION` lists them for ``--json`` and the "Cách tính điểm" page:

* each criterion scores the points of the chosen option; ``0`` as an answer means "none of the
  printed options is met" and scores 0 points;
* a criterion with ``applies_if`` scores 0 and needs no answer when its condition is not met;
* the star band is the half-open interval the total falls in (Art. 3.3 "từ 70 đến dưới 90
  điểm"); a council's total is the plain average of its members' totals, decimals kept
  ("Tổng điểm trung bình"; the decision sets no rounding);
* a level is recognisable only when every marked minimum up to that level is reached (sheet
  note "Dấu sao là yêu cầu tối thiểu phải đạt theo các cấp độ sao"); the engine reports the band
  by points, the highest level whose minima all hold, and ``stars``: the band when its minima
  hold; else, with the criteria that fall short of the band, the highest level whose minima hold
  when that level is one that is recognised (3 to 5 stars), and ``None`` when it is not
  (1 and 2 stars are only bands of points: Art. 3.3 defines 2 stars as 30 to under 50 points);
* a rejected dossier or product (a rejection note that applies, a sheet-level rejection rule,
  an eligibility note that applies) gets no stars at all and no "what to improve";
* a gate stops what its own words say: ``group`` ("Không xem xét các chỉ tiêu khác") the rest
  of its group, ``sheet`` ("không đánh giá các bước tiếp theo") every later criterion; gates
  worded on points ("Nếu bị 0 điểm", "Nếu được 0 điểm tại một trong các chỉ tiêu trên") apply
  from the answers, the others from a finding;
* 1 and 2 stars carry no certificate (Art. 4.1.a), so a product is certifiable only at a
  recognisable level with a certificate.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ocopkit.criteria.model import Criterion, Edition, Note, Option, ProductSet

INTERPRETATION = (
    "band: half-open intervals of the total, 'từ 70 đến dưới 90 điểm' (Điều 3 khoản 3); "
    "5 stars 'từ 90 đến 100 điểm'",
    "council total: the plain average of the members' totals, decimals kept ('Tổng điểm trung "
    "bình', Điều 3 khoản 3; no rounding is set)",
    "minima: 'Dấu sao là yêu cầu tối thiểu phải đạt theo các cấp độ sao' (note under each "
    "sheet): a level is recognised only when every marked minimum up to it is reached; a "
    "product short of its band's minima may be recognised at the highest level whose minima "
    "all hold if that level is recognised at all (3 to 5 stars, Điều 4 khoản 1); otherwise "
    "stars is null (1 and 2 stars are bands of points, 'từ 30 đến dưới 50 điểm')",
    "council minima: a marked minimum holds for the council when the average of the members' "
    "points on that criterion reaches the marked option's points (the same averaging as the "
    "total; the decision says nothing more); the count of members who gave it is reported",
    "rejection: a product or dossier that is rejected ('Bị loại', sheet rejection rules) or not "
    "eligible ('Không đánh giá những sản phẩm …') gets no stars; in a council, one member's "
    "finding is reported for the council to decide and makes the council result rejected",
    "gates: 'Không xem xét các chỉ tiêu khác' stops the rest of its group; 'không đánh giá các "
    "bước tiếp theo' every later criterion; 'Nếu bị 0 điểm' and 'Nếu được 0 điểm tại một trong "
    "các chỉ tiêu trên' apply from the answers",
    "certificate: 1 and 2 stars get no recognition decision or certificate (Điều 4 khoản 1 "
    "điểm a)",
)
"""The readings of the decision the engine makes, as ``--json`` states them."""
RANK_RULE = (
    "Hạng được công nhận là hạng theo tổng điểm khi sản phẩm đạt mọi ô có dấu sao đến hạng đó. "
    "Còn thiếu ô thì sản phẩm chỉ có thể được công nhận ở hạng cao nhất mà nó đạt đủ dấu sao, "
    "nếu hạng đó từ 3 sao trở lên; thiếu một ô *** thì không được công nhận hạng nào (Quyết định "
    "chỉ định nghĩa 2 sao là từ 30 đến dưới 50 điểm). Sản phẩm bị loại thì không xếp hạng.")
"""How a level is recognised, in Vietnamese: criteria pages, score sheets and guides say it
this way."""

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
    band_stars: int | None
    """The band of the total; ``None`` when rejected."""
    minima_stars: int | None
    """Highest star level whose per-star minima are all reached; ``None`` when rejected."""
    stars: int | None
    """The recognisable level: the band when its minima hold; ``None`` otherwise or when
    rejected."""
    certifiable: bool
    rejected: bool
    rejections: tuple[str, ...]
    not_applicable: tuple[str, ...]
    next_stars: int | None
    points_needed: int
    """Points missing to reach the band of ``next_stars`` (0 when the band is already reached)."""
    blocking: tuple[Blocker, ...] = field(default=())
    unmet: tuple[Blocker, ...] = field(default=())
    """The marked minima of the band's level that are not reached (why ``stars`` is None)."""
    gated: tuple[str, ...] = field(default=())
    """Criteria not assessed because a gate applies."""
    eligibility: tuple[str, ...] = field(default=())
    """The sheet's preconditions ("Không đánh giá những sản phẩm …"), shown with the result."""

    @property
    def verdict(self) -> str:
        """The outcome in the decision's words, one line (Vietnamese)."""
        return _verdict("Theo điểm", self.rejections, self.band_stars, self.stars,
                        [b.criterion for b in self.unmet])

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
            "verdict": self.verdict,
            "certifiable": self.certifiable,
            "rejected": self.rejected,
            "rejections": list(self.rejections),
            "not_applicable": list(self.not_applicable),
            "gated": list(self.gated),
            "unmet": [b.__dict__ for b in self.unmet],
            "eligibility": list(self.eligibility),
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

    ``findings`` lists the criteria whose rejection, eligibility or gate note applies to the
    product; ``dossier_rejected`` says a sheet-level rejection rule applies. Raises
    :class:`AnswerError` when an answer is missing, unknown or impossible.
    """
    sheet = _resolve(edition, product_set)
    chosen, errors = _normalise(sheet, answers)
    findings = [str(f) for f in findings]
    errors += [(None, message) for _, message in finding_issues(sheet, findings)]
    if dossier_rejected and not sheet.rejection_rules:
        errors.append((None, f"dossier_rejected: sheet {sheet.code} has no rejection rule; "
                             "expected false"))
    not_applicable = tuple(c.code for c in sheet.criteria if not _applies(c, chosen, sheet))
    given = {str(code) for code in answers}
    missing = [c.code for c in sheet.criteria
               if c.code not in given and c.code not in not_applicable]
    if missing:
        errors.append((None, "missing answers for criteria: " + ", ".join(missing)))
    if errors:
        raise AnswerError(errors)

    rejections: list[str] = []
    if dossier_rejected:
        rejections.extend(f"Hồ sơ bị loại: {rule}" for rule in sheet.rejection_rules)
    points, gated = _points(sheet, chosen, set(not_applicable), set(findings), rejections)
    groups = {g.code: sum(points[c.code] for c in g.criteria) for g in sheet.groups}
    parts = {p.part: sum(groups[g.code] for g in p.groups) for p in sheet.parts}
    total = sum(parts.values())
    eligibility = tuple(n.text for c in sheet.criteria for n in c.notes
                        if n.kind == "eligibility")
    common = {"edition": edition.id, "product_set": sheet.code, "total": total, "parts": parts,
              "groups": groups, "criteria": points, "not_applicable": not_applicable,
              "gated": tuple(sorted(gated, key=_order(sheet))), "eligibility": eligibility}
    if rejections:
        return Score(band_stars=None, minima_stars=None, stars=None, certifiable=False,
                     rejected=True, rejections=tuple(rejections), next_stars=None,
                     points_needed=0, **common)  # type: ignore[arg-type]
    band = edition.band_for(total).stars
    level = _rating(edition, sheet, band, lambda c, need: points[c.code] >= need.points,
                    set(not_applicable))
    unmet = () if level.minima >= band else _blockers(sheet, chosen, points, not_applicable,
                                                      band)
    next_stars, needed, blocking = _next(edition, sheet, chosen, points, not_applicable, total,
                                         level)
    recognition = edition.recognition_for(level.stars) if level.stars else None
    return Score(band_stars=band, minima_stars=level.minima, stars=level.stars,
                 certifiable=bool(recognition and recognition.certificate), rejected=False,
                 rejections=(), next_stars=next_stars, points_needed=needed, blocking=blocking,
                 unmet=unmet, **common)  # type: ignore[arg-type]


def _verdict(by: str, rejections: Sequence[str], band: int | None, stars: int | None,
             short: list[str]) -> str:
    """The one-line outcome of a sheet or a council: rejected, short of its band's minima,
    or its level."""
    if rejections:
        return "Bị loại, không xếp hạng: " + "; ".join(rejections)
    if not short:
        return f"Xếp hạng: {stars} sao"
    codes = ", ".join(dict.fromkeys(short))
    head = (f"{by}: {band} sao; không đủ điều kiện công nhận {band} sao: tiêu chí {codes} "
            "chưa đạt ô tối thiểu")
    return (f"{head}; xếp hạng: {stars} sao" if stars is not None
            else f"{head}; không đủ điều kiện công nhận ở hạng nào")


@dataclass(frozen=True)
class _Level:
    minima: int
    """Highest level whose minima (and those of every lower level) hold."""
    stars: int | None
    """The band when its minima hold, else the minima's level when it is recognised."""


def _rating(edition: Edition, sheet: ProductSet, band: int,
            reached: Callable[[Criterion, Option], bool], skip: set[str]) -> _Level:
    """The level the minima allow, with ``reached(criterion, needed option)`` telling whether
    a marked minimum holds."""
    minima = 0
    for level in sorted(edition.star_levels):
        if not all(reached(c, need) for c in sheet.criteria if c.code not in skip
                   and (need := _required(c, level)) is not None):
            break
        minima = level
    minima = minima or min(edition.star_levels)
    if minima >= band:
        return _Level(minima, band)
    recognition = edition.recognition_for(minima)
    return _Level(minima, minima if recognition and recognition.certificate else None)


def _next(edition: Edition, sheet: ProductSet, chosen: Mapping[str, str],
          points: Mapping[str, int], not_applicable: Iterable[str], total: float,
          level: _Level) -> tuple[int | None, int, tuple[Blocker, ...]]:
    """The level above the one reached (by points and minima), the points it needs and the
    criteria whose minima block it."""
    reached = level.stars if level.stars is not None else level.minima
    if reached >= edition.max_stars:
        return None, 0, ()
    target = next(b for b in edition.star_bands if b.stars == reached + 1)
    needed = max(0, int(-(-(target.start - total) // 1)))  # whole points, rounded up
    return reached + 1, needed, _blockers(sheet, chosen, points, not_applicable, reached + 1)


def _order(sheet: ProductSet) -> Callable[[str], int]:
    codes = [c.code for c in sheet.criteria]
    return codes.index


def _points(sheet: ProductSet, chosen: Mapping[str, str], not_applicable: set[str],
            findings: set[str], rejections: list[str]) -> tuple[dict[str, int], set[str]]:
    """Each criterion's points in sheet order, gates applied as they are met; rejection and
    eligibility findings are added to ``rejections``."""
    gated: set[str] = set()
    points: dict[str, int] = {}
    for group in sheet.groups:
        for i, criterion in enumerate(group.criteria):
            option = _chosen_option(criterion, chosen)
            counts = criterion.code not in not_applicable and criterion.code not in gated
            points[criterion.code] = option.points if (option and counts) else 0
            for note in criterion.notes:
                if note.kind == "rejection" and criterion.code in findings:
                    rejections.append(f"{criterion.code}: {note.text}")
                elif note.kind == "eligibility" and criterion.code in findings:
                    rejections.append(f"Không thuộc đối tượng đánh giá ({criterion.code}): "
                                      f"{note.text}")
                elif note.kind == "gate" and _gate_applies(note, criterion, group.criteria[:i],
                                                           points, findings, not_applicable):
                    gated.update(_stopped(sheet, group.criteria, criterion, note))
    return points, gated


def _gate_applies(note: Note, criterion: Criterion, above: Sequence[Criterion],
                  points: Mapping[str, int], findings: set[str],
                  not_applicable: set[str]) -> bool:
    if note.derived == "zero":
        return criterion.code not in not_applicable and points[criterion.code] == 0
    if note.derived == "zero_above":
        return any(c.code not in not_applicable and points[c.code] == 0 for c in above)
    return criterion.code in findings


def _stopped(sheet: ProductSet, group: Sequence[Criterion], criterion: Criterion,
             note: Note) -> list[str]:
    """The criteria a gate stops: after it in its group, or after it on the sheet."""
    codes = [c.code for c in (group if note.scope == "group" else sheet.criteria)]
    return codes[codes.index(criterion.code) + 1:]


FINDING_KINDS = ("rejection", "gate", "eligibility")


def finding_issues(sheet: ProductSet, findings: Iterable[str]) -> list[tuple[int, str]]:
    """``(index, message)`` for each finding that is not a criterion of ``sheet`` with a
    rejection, eligibility or assessor-decided gate note (only those can be found)."""
    return [(i, f"finding '{f}': expected a criterion of {sheet.code} with a rejection, "
             "eligibility or gate note") for i, f in enumerate(findings)
            if (cr := sheet.criterion(f)) is None
            or not any(n.kind in FINDING_KINDS and n.derived is None for n in cr.notes)]


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


@dataclass(frozen=True)
class CouncilMinimum:
    """One marked minimum up to the band's level, as the council reaches it."""

    criterion: str
    stars: int
    needed: str
    needed_points: int
    average_points: float
    members_reaching: int


@dataclass(frozen=True)
class Council:
    """A council's result for one product: each member's sheet and the average."""

    edition: str
    product_set: str
    members: tuple[Score, ...]
    average: float
    band_stars: int | None
    minima_stars: int | None
    stars: int | None
    certifiable: bool
    rejected: bool
    rejections: tuple[str, ...]
    minima: tuple[CouncilMinimum, ...]
    """Every marked minimum up to the band's level, reached or not."""

    @property
    def unmet(self) -> tuple[CouncilMinimum, ...]:
        """The marked minima up to the band's level that the council's average misses."""
        return tuple(m for m in self.minima if m.average_points < m.needed_points)

    @property
    def verdict(self) -> str:
        return _verdict("Theo điểm trung bình", self.rejections, self.band_stars, self.stars,
                        [m.criterion for m in self.unmet])

    def as_dict(self) -> dict[str, object]:
        return {
            "edition": self.edition, "product_set": self.product_set,
            "members": [{"total": m.total, "parts": m.parts, "rejections": list(m.rejections)}
                        for m in self.members],
            "average": self.average, "band_stars": self.band_stars,
            "minima_stars": self.minima_stars, "stars": self.stars, "verdict": self.verdict,
            "certifiable": self.certifiable, "rejected": self.rejected,
            "rejections": list(self.rejections),
            "minima": [m.__dict__ for m in self.minima],
            "interpretation": list(INTERPRETATION),
        }


def council(edition: Edition, members: Sequence[Score]) -> Council:
    """The council's result from its members' scores of one product on one sheet (see
    :data:`INTERPRETATION` for how minima and rejections are read for a council)."""
    if not members:
        raise AnswerError([(None, "expected at least one member's sheet, got none")])
    sheet = _resolve(edition, members[0].product_set)
    other = [m for m in members if (m.edition, m.product_set) != (edition.id, sheet.code)]
    if other:
        raise AnswerError([(None, f"expected every sheet for {edition.id}/{sheet.code}, got "
                                  f"{other[0].edition}/{other[0].product_set}")])
    average = sum(m.total for m in members) / len(members)
    rejections = tuple(f"thành viên {i}: {r}" for i, m in enumerate(members, start=1)
                       for r in m.rejections)
    common = {"edition": edition.id, "product_set": sheet.code, "members": tuple(members),
              "average": average}
    if rejections:
        return Council(band_stars=None, minima_stars=None, stars=None, certifiable=False,
                       rejected=True, rejections=rejections, minima=(), **common)  # type: ignore[arg-type]
    band = edition.band_for(average).stars
    skip = {c for m in members for c in m.not_applicable}

    def mean(criterion: Criterion) -> float:
        return sum(m.criteria[criterion.code] for m in members) / len(members)

    level = _rating(edition, sheet, band, lambda c, need: mean(c) >= need.points, skip)
    minima = tuple(
        CouncilMinimum(c.code, o.marker, o.key, o.points, mean(c),
                       sum(1 for m in members if m.criteria[c.code] >= o.points))
        for c in sheet.criteria if c.code not in skip
        for o in c.options if o.marker is not None and o.marker <= band)
    recognition = edition.recognition_for(level.stars) if level.stars else None
    return Council(band_stars=band, minima_stars=level.minima, stars=level.stars,
                   certifiable=bool(recognition and recognition.certificate), rejected=False,
                   rejections=(), minima=minima, **common)  # type: ignore[arg-type]


# --- the result in words ---------------------------------------------------------------------

@dataclass(frozen=True)
class Wording:
    """A score told in Vietnamese, one sentence each, as the calculator tells it (its
    ``wording()`` in ``calculator.js`` words them the same way; a test compares the two)."""

    band: str
    """The band by points (empty for a rejected product)."""
    minima: str
    """What the marked minima allow (empty for a rejected product)."""
    outcome: str
    """The recognisable level, or why there is none."""
    advice: tuple[str, ...]
    """What to improve for the next level: points, then each blocking criterion with the
    option to reach named by its words."""


def explain(result: Score, edition: Edition, sheet: ProductSet) -> Wording:
    """The sentences of ``result`` (scored on ``sheet`` of ``edition``)."""
    if result.rejected:
        return Wording("", "", "Kết quả: bị loại, không xếp hạng.", ())
    band, stars = result.band_stars, result.stars
    assert band is not None
    markers = [o.marker for c in sheet.criteria for o in c.options if o.marker is not None]
    lowest = min(markers) if markers else None
    unmet = ", ".join(b.criterion for b in result.unmet)
    band_text = (f"Theo tổng điểm: {band} sao ({_number(result.total)} điểm, trong khoảng "
                 f"{_range(edition, band)}).")
    if lowest is None:
        minima = "Phiếu này không có ô tối thiểu (ô có dấu sao)."
    elif band < lowest:
        minima = (f"Hạng {band} sao không có ô tối thiểu; ô tối thiểu (ô có dấu sao) chỉ đặt "
                  f"cho hạng {lowest} sao trở lên.")
    elif not result.unmet:
        minima = f"Đạt mọi ô tối thiểu (ô có dấu sao) của hạng {band} sao."
    else:
        minima = (f"Chưa đạt ô tối thiểu của hạng {band} sao ở tiêu chí {unmet}; "
                  + (f"các ô tối thiểu chỉ đủ cho hạng {stars} sao." if stars is not None
                     else "các ô tối thiểu chưa đủ cho hạng nào được công nhận."))
    if stars is None:
        outcome = "Kết quả: chưa đủ điều kiện để được công nhận ở hạng nào."
    elif stars < band:
        outcome = (f"Kết quả: {stars} sao, hạng được công nhận và cấp giấy chứng nhận; thấp "
                   "hơn hạng theo tổng điểm vì còn thiếu ô tối thiểu.")
    elif result.certifiable:
        outcome = f"Kết quả: {stars} sao, hạng được công nhận và cấp giấy chứng nhận."
    else:
        outcome = (f"Kết quả: {stars} sao; hạng {stars} sao không được công nhận và không "
                   "được cấp giấy chứng nhận.")
    return Wording(band_text, minima, outcome, _advice(result, edition, sheet))


def _advice(result: Score, edition: Edition, sheet: ProductSet) -> tuple[str, ...]:
    if result.next_stars is None:
        return ("Sản phẩm đã ở hạng cao nhất.",)
    lines = []
    if result.points_needed:
        lines.append(f"Cần thêm ít nhất {result.points_needed} điểm (hạng {result.next_stars} "
                     f"sao là {_range(edition, result.next_stars)}).")
    for b in result.blocking:
        criterion = sheet.criterion(b.criterion)
        assert criterion is not None
        needed = criterion.option(b.needed)
        assert needed is not None
        current = _option_words(criterion, b.current)
        lines.append(f"Tiêu chí {b.criterion}. {criterion.name}: cần đạt ít nhất “"
                     f"{_option_words(criterion, b.needed)}” ({b.needed_points} điểm, ô tối "
                     f"thiểu {needed.marker} sao); hiện "
                     + (f"đang ở “{current}”." if current else "chưa đạt lựa chọn nào."))
    return tuple(lines)


def _option_words(criterion: Criterion, key: str | None) -> str | None:
    """An option by its words (with its case, inside cases), never by its number."""
    option = criterion.option(key) if key is not None else None
    if option is None:
        return None
    case = next((c for c in criterion.cases if any(o.key == key for o in c.options)), None)
    return (f"{case.name}: " if case else "") + option.text


def _range(edition: Edition, stars: int) -> str:
    band = next(b for b in edition.star_bands if b.stars == stars)
    return f"{band.label} điểm"


def _number(value: float) -> str:
    """A total as the calculator shows it (JavaScript's number to text: 72, 89.5)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))
