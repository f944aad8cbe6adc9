"""The criteria of an OCOP edition as frozen, validated data.

Everything here is built by :func:`ocopkit.criteria.validate.validate_edition` from the YAML in
``docs/criteria/``; nothing in this module reads files or imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

NoteKind = Literal["note", "rejection", "gate", "eligibility"]
"""``note``: explanation; ``rejection``: the product is eliminated when it applies;
``gate``: when it applies, criteria of its ``scope`` are not assessed; ``eligibility``: a
precondition ("Không đánh giá những sản phẩm …"): a product it applies to is not assessed."""
GateScope = Literal["group", "sheet"]
"""What a gate stops, read from its wording: ``group`` — "Không xem xét các chỉ tiêu khác"
(the other indicators of its group, after it); ``sheet`` — "không đánh giá các bước tiếp
theo" (every criterion after it on the sheet)."""
GateTrigger = Literal["zero", "zero_above"]
"""A gate the answers decide: ``zero`` — "Nếu bị 0 điểm" (the criterion itself scores 0);
``zero_above`` — "Nếu được 0 điểm tại một trong các chỉ tiêu trên" (a criterion before it in
its group scores 0). Without one, a gate applies when the assessor records a finding."""

EditionStatus = Literal["current", "replaced", "draft"]
"""``draft``: a site's local edition not in force (a proposal), shown with a banner."""


@dataclass(frozen=True)
class Option:
    """One box on the sheet ("□ … 3")."""

    number: int
    """1-based position within its criterion (or within its case), in sheet order."""
    text: str
    points: int
    marker: int | None = None
    """Star level this option is the minimum for (``****`` → 4), or ``None``."""
    key: str = ""
    """Answer value that selects this option: ``"3"``, or ``"b2"`` inside case ``b``."""


@dataclass(frozen=True)
class Case:
    """One alternative way of scoring a criterion ("a. Trường hợp 1: …")."""

    key: str
    name: str
    options: tuple[Option, ...]


@dataclass(frozen=True)
class Note:
    """A "Ghi chú" printed under a criterion."""

    kind: NoteKind
    text: str
    scope: GateScope | None = None
    """For a gate: what it stops."""
    derived: GateTrigger | None = None
    """For a gate the answers decide: when it applies."""


@dataclass(frozen=True)
class Condition:
    """"Chỉ áp dụng khi …": the criterion counts only when another criterion's answer is one of
    ``options``; otherwise it scores 0 and needs no answer."""

    text: str
    criterion: str
    options: tuple[int, ...]


@dataclass(frozen=True)
class Criterion:
    """A scored line of the sheet, identified by its number (``"1.5"``, ``"7"``)."""

    code: str
    name: str
    max: int
    options: tuple[Option, ...]
    """All options in sheet order; for a criterion with cases, the options of every case."""
    description: str | None = None
    requirement: str | None = None
    applies_if: Condition | None = None
    notes: tuple[Note, ...] = ()
    cases: tuple[Case, ...] = ()
    cases_text: str | None = None
    yes_no: bool = False

    def option(self, key: str) -> Option | None:
        """The option an answer selects, or ``None`` for an unknown key."""
        return next((o for o in self.options if o.key == key), None)


@dataclass(frozen=True)
class Section:
    """A heading inside a group that sums its sub-criteria ("6.1. Ngoại hình", 4 points = 6.1.1 +
    6.1.2); it is not scored itself."""

    code: str
    name: str
    max: int
    criteria: tuple[str, ...]
    """Codes of its sub-criteria, in sheet order."""


@dataclass(frozen=True)
class Group:
    """A criterion group ("1. TỔ CHỨC SẢN XUẤT", 18 points)."""

    code: str
    name: str
    max: int
    criteria: tuple[Criterion, ...]
    """The scored criteria, in sheet order (sub-criteria of a section included)."""
    sections: tuple[Section, ...] = ()

    def section_of(self, code: str) -> Section | None:
        """The section a criterion belongs to, or ``None``."""
        return next((s for s in self.sections if code in s.criteria), None)


@dataclass(frozen=True)
class SheetPart:
    """The groups of one part (A, B or C) within one sheet."""

    part: str
    groups: tuple[Group, ...]
    sum_note: str | None = None
    """Why the printed points of this part do not add up to the edition's part maximum (the
    decision's own arithmetic, recorded rather than corrected); ``None`` when they do."""

    @property
    def max(self) -> int:
        """The part's maximum on this sheet: the sum of its groups."""
        return sum(g.max for g in self.groups)


@dataclass(frozen=True)
class ProductSet:
    """One scoring sheet ("Bộ sản phẩm"), identified by its Phụ lục I code (``"I.1.a"``)."""

    code: str
    sheet: int
    name: str
    category: str
    managing_agency: str
    rejection_rules: tuple[str, ...]
    parts: tuple[SheetPart, ...]
    sheet_notes: tuple[str, ...] = ()
    """Notes printed for the whole sheet (not the per-star legend)."""
    transcription_notes: tuple[str, ...] = ()

    @property
    def product_group(self) -> str:
        """The Roman-numeral product group (``"I"`` for ``"I.1.a"``)."""
        return self.code.split(".")[0]

    @property
    def groups(self) -> tuple[Group, ...]:
        """Every criterion group of the sheet, in sheet order."""
        return tuple(g for p in self.parts for g in p.groups)

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        """Every scored criterion of the sheet, in sheet order."""
        return tuple(c for g in self.groups for c in g.criteria)

    def criterion(self, code: str) -> Criterion | None:
        """The scored criterion with that code, or ``None``."""
        return next((c for c in self.criteria if c.code == code), None)


@dataclass(frozen=True)
class Part:
    """A part of every sheet of an edition (A, B, C) and its maximum points."""

    code: str
    name: str
    max: int


MAX_TOTAL = 100
"""The highest total of a sheet (Art. 3.3: "Tổng điểm … tối đa là 100 điểm")."""


@dataclass(frozen=True)
class StarBand:
    """Totals (a council's average, decimals kept) from ``start`` inclusive to ``below``
    exclusive give ``stars``; the highest band has ``below`` ``None`` and ends at 100
    inclusive (Art. 3.3: "từ 70 đến dưới 90 điểm", "từ 90 đến 100 điểm")."""

    stars: int
    start: int
    below: int | None = None

    def contains(self, total: float) -> bool:
        return self.start <= total and (total <= MAX_TOTAL if self.below is None
                                        else total < self.below)

    @property
    def label(self) -> str:
        """The band as the decision words it: ``dưới 30``, ``từ 70 đến dưới 90``, ``từ 90 đến
        100``."""
        if self.below is None:
            return f"từ {self.start} đến {MAX_TOTAL}"
        if self.start == 0:
            return f"dưới {self.below}"
        return f"từ {self.start} đến dưới {self.below}"


@dataclass(frozen=True)
class Recognition:
    """Whether a star level is recognised with a certificate, and by whom."""

    stars: int
    certificate: bool
    authority: str | None


@dataclass(frozen=True)
class ProductGroup:
    """A Phụ lục I product group (``"I"`` Sản phẩm thực phẩm) and the codes of its sets."""

    code: str
    name: str
    product_sets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    """The text the edition was transcribed from."""

    file: str
    description: str


@dataclass(frozen=True)
class Amendment:
    """A later decision that changed the edition without replacing it."""

    decision: str
    date: dt.date
    summary: str


@dataclass(frozen=True)
class Edition:
    """One decision's criteria: metadata, parts, star bands and (when available) its sheets."""

    id: str
    decision: str
    title: str
    date: dt.date
    signer: str
    status: EditionStatus
    source: Source
    confidence: str
    parts: tuple[Part, ...]
    star_bands: tuple[StarBand, ...]
    recognition: tuple[Recognition, ...]
    certificate_validity_months: int
    product_groups: tuple[ProductGroup, ...]
    product_sets: tuple[ProductSet, ...]
    sheets_available: bool = True
    replaces: tuple[str, ...] = ()
    replaced_by: str | None = None
    amendments: tuple[Amendment, ...] = ()
    untranscribed: tuple[ProductGroup, ...] = ()
    """Product sets the edition has but whose sheets are not in the data (code and name)."""
    confidence_note: str | None = None
    path: str = field(default="", compare=False)
    """The file the edition was loaded from (for messages)."""

    @property
    def star_levels(self) -> tuple[int, ...]:
        """The star levels of the bands, lowest first."""
        return tuple(b.stars for b in self.star_bands)

    @property
    def max_stars(self) -> int:
        """The highest star level (5)."""
        return max(self.star_levels)

    def product_set(self, code: str) -> ProductSet | None:
        """The product set with that Phụ lục I code, or ``None``."""
        return next((s for s in self.product_sets if s.code == code), None)

    def band_for(self, total: float) -> StarBand:
        """The one star band a total from 0 to 100 falls in (decimals kept: the decision sets
        no rounding); a total outside 0–100 is a :class:`ValueError`."""
        for band in self.star_bands:
            if band.contains(total):
                return band
        raise ValueError(f"expected a total from 0 to {MAX_TOTAL}, got {total}")

    def recognition_for(self, stars: int) -> Recognition | None:
        """How products rated ``stars`` are recognised, or ``None`` when not stated."""
        return next((r for r in self.recognition if r.stars == stars), None)
