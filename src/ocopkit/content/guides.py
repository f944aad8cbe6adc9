"""Guides: the front matter model of a lesson page, and its validation against the criteria.

A guide declares its audience, duration, level, objectives, key points, prerequisites, product
groups and the criteria it helps with; the body must carry a checklist, self-check questions and
a trainer block (the answers). Every problem is reported as ``file:line:col``.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import Any

from ocopkit.content.questions import Question, check_questions
from ocopkit.criteria.catalogue import Catalogue
from ocopkit.criteria.model import Criterion, Edition, ProductSet
from ocopkit.errors import Problem
from ocopkit.source.checker import Checker
from ocopkit.source.filememo import FileMemo, file_digest
from ocopkit.source.frontmatter import PageSource, read_page, shown_path
from ocopkit.source.layers import Sources
from ocopkit.system.cores import available_cores

AUDIENCES = {"hoc-vien": "Học viên", "giang-vien": "Giảng viên", "can-bo": "Cán bộ quản lý",
             "to-chuc": "Đơn vị tổ chức tập huấn"}
LEVELS = {"co-ban": "Cơ bản", "nang-cao": "Nâng cao", "chuyen-sau": "Chuyên sâu"}
TOPICS = {"tong-quan": "Tổng quan OCOP", "tieu-chi": "Bộ tiêu chí và chấm điểm",
          "ho-so": "Hồ sơ, thủ tục", "san-xuat": "Tổ chức sản xuất, nguyên liệu",
          "chat-luong": "Chất lượng, an toàn thực phẩm", "tiep-thi": "Tiếp thị, thương mại",
          "phap-ly": "Nhãn hiệu, pháp lý", "cong-dong": "Liên kết, cộng đồng",
          "moi-truong": "Môi trường", "chuyen-doi-so": "Chuyển đổi số",
          "du-lich": "Du lịch"}
HANDOUTS = {"hoc-vien": "Bản cho học viên", "giang-vien": "Bản cho giảng viên"}
"""The printed editions a guide can have: without the trainer blocks, and with them."""
GUIDE_KEYS = ("title", "description", "audience", "duration", "level", "topics", "objectives",
              "key_points", "prerequisites", "product_groups", "criteria", "last_reviewed",
              "handouts", "replaces")
MIN_WORDS = 800
TRAINER_BLOCK = re.compile(r"^(\?\?\?\+?|!!!) trainer\b", re.M)
CHECKLIST = re.compile(r"^\s*[-*] \[[ xX]\] ", re.M)
SELF_CHECK = re.compile(r"^#{2,3} Câu hỏi tự kiểm tra", re.M)


@dataclass(frozen=True)
class CriterionRef:
    """A guide's reference to a criterion, resolved against the criteria data."""

    text: str
    edition: str
    product_set: str | None
    """``None``: the code exists in every sheet of the edition."""
    code: str
    name: str
    """The criterion's name (of the named product set, or of the first sheet)."""


@dataclass(frozen=True)
class Guide:
    """A validated guide page."""

    slug: str
    path: str
    title: str
    description: str
    audience: tuple[str, ...]
    duration: int
    level: str
    topics: tuple[str, ...]
    objectives: tuple[str, ...]
    key_points: tuple[str, ...]
    prerequisites: tuple[str, ...]
    product_groups: tuple[str, ...]
    criteria: tuple[CriterionRef, ...]
    last_reviewed: dt.date
    words: int
    questions: tuple[Question, ...] = ()
    """The review questions of its ```` ```questions ```` block
    (:mod:`ocopkit.content.questions`)."""
    handouts: tuple[str, ...] = tuple(HANDOUTS)
    """The printed editions (PDFs) of the guide, from ``HANDOUTS``: both unless its front
    matter says ``handouts: [giang-vien]`` (e.g. a guide for officials, with no trainee
    edition) or ``[hoc-vien]``."""


def count_words(markdown: str) -> int:
    """Words of a page body as a reader sees them (Vietnamese syllables count as words)."""
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    return len(re.findall(r"\w+", text))


def resolve_reference(text: str, catalogue: Catalogue) -> CriterionRef | str:
    """Resolve ``EDITION/SET/CODE``, ``SET/CODE`` or ``CODE``; return the reference or the
    reason it does not resolve."""
    parts = text.split("/")
    if len(parts) > 3 or not all(parts):
        return "expected EDITION/SET/CODE, SET/CODE or CODE"
    edition: Edition | None = catalogue.current
    if len(parts) == 3:
        edition = catalogue.get(parts[0])
        if edition is None:
            return f"no edition '{parts[0]}'"
        parts = parts[1:]
    assert edition is not None
    if len(parts) == 2:
        product_set = edition.product_set(parts[0])
        if product_set is None:
            return f"no product set '{parts[0]}' in edition {edition.id}"
        criterion = product_set.criterion(parts[1])
        if criterion is None:
            return f"no criterion '{parts[1]}' in {edition.id}/{product_set.code}"
        return CriterionRef(text, edition.id, product_set.code, criterion.code, criterion.name)
    code = parts[0]
    lacking = [s.code for s in edition.product_sets if s.criterion(code) is None]
    if not edition.product_sets or lacking:
        shown = ", ".join(lacking[:5]) + (" …" if len(lacking) > 5 else "")
        return (f"criterion '{code}' is not in every sheet of {edition.id} (missing in "
                f"{shown or 'all'}); name the product set, e.g. 'I.1.a/{code}'")
    first = edition.product_sets[0].criterion(code)
    assert first is not None
    return CriterionRef(text, edition.id, None, code, first.name)


def referenced_criterion(ref: CriterionRef, catalogue: Catalogue) -> tuple[ProductSet,
                                                                           Criterion] | None:
    """The product set and criterion a set-qualified reference points to."""
    edition = catalogue.get(ref.edition)
    product_set = edition.product_set(ref.product_set) if edition and ref.product_set else None
    criterion = product_set.criterion(ref.code) if product_set else None
    return (product_set, criterion) if product_set and criterion else None


#: From this many guides to read on, reading is spread over every core while the criteria
#: are checked (below it, starting worker processes costs more than it saves).
PARALLEL_FROM = 200
_Read = tuple[PageSource | None, list[Problem], int]


@dataclass
class GuideMemo:
    """What checking guides remembers between two checks of the same project (``ocopkit
    serve`` keeps one for its life; a one-off command uses a new one)."""

    pages: FileMemo[_Read] = field(default_factory=FileMemo)
    """Read guides (page, reading problems, words), by path and bytes."""
    checked: FileMemo[tuple[Guide | None, list[Problem]]] = field(default_factory=FileMemo)
    """Checked guides, by path and bytes and the other inputs (editions, guide names)."""


def _read_guide(path: Path, root: Path | None) -> _Read:
    """The costly, catalogue-free part of checking a guide: parse its front matter and count
    the words of its body."""
    page, problems = read_page(path, shown_path(path, root))
    return page, problems, count_words(page.body) if page is not None else 0


def _read_guide_at(job: tuple[Path, Path | None]) -> tuple[str | None, _Read]:
    """In a worker: the digest of the guide's bytes before reading, and what was read."""
    return file_digest(job[0]), _read_guide(*job)


@contextmanager
def reading_guides(sources: Sources, memo: GuideMemo, *,
                   root: Path | None = None) -> Iterator[None]:
    """Read the guides that are not remembered yet in worker processes while the body of the
    ``with`` block runs (``check_content`` checks the criteria meanwhile); on exit, remember
    what they read in ``memo``, so that :func:`check_guides` finds it."""
    todo = [p for p in sources.guides if memo.pages.known(p, root) is None]
    workers = available_cores()
    if len(todo) < PARALLEL_FROM or workers < 2 or "fork" not in get_all_start_methods():
        yield
        return
    with get_context("fork").Pool(workers) as pool:
        pending = pool.map_async(_read_guide_at, [(p, root) for p in todo], chunksize=16)
        yield
        for path, (digest, read) in zip(todo, pending.get(), strict=True):
            memo.pages.put(path, root, read, digest)


def check_guides(sources: Sources, catalogue: Catalogue, *, root: Path | None = None,
                 memo: GuideMemo | None = None) -> tuple[list[Guide], list[Problem]]:
    """Validate every guide; return the guides that are valid and every problem found, in
    file order. Results are remembered in ``memo`` per guide while the guide, the edition
    files and the list of guides stay the same."""
    memo = memo or GuideMemo()
    files = list(sources.guides)
    slugs = {p.stem for p in files}
    inputs = (tuple(file_digest(p) for p in sources.edition_files), frozenset(slugs),
              catalogue.current.id, root)
    checked = [memo.checked.get(path, inputs,
                                partial(_check_guide, path, catalogue, slugs, root, memo.pages))
               for path in files]
    guides = [guide for guide, _ in checked if guide is not None]
    return guides, [problem for _, found in checked for problem in found]


def _check_guide(path: Path, catalogue: Catalogue, slugs: set[str], root: Path | None,
                 pages: FileMemo[_Read]) -> tuple[Guide | None, list[Problem]]:
    page, found, words = pages.get(path, root, partial(_read_guide, path, root))
    problems = list(found)
    if page is None or problems:
        return None, problems
    checker = Checker(page.meta, problems)
    raw = checker.mapping(page.meta.data, (), GUIDE_KEYS)
    if raw is None:
        return None, problems
    return _guide(page, path.stem, catalogue, slugs, checker, raw, words), problems


def _guide(page: PageSource, slug: str, catalogue: Catalogue, slugs: set[str], c: Checker,
           raw: dict[str, Any], words: int) -> Guide | None:
    problems = c.problems
    before = len(problems)
    title = c.text(raw, "title", ())
    description = c.text(raw, "description", ())
    audience = c.choices(raw, "audience", (), tuple(AUDIENCES))
    duration = c.integer(raw, "duration", (), low=15, high=480,
                         what="a duration in minutes from 15 to 480")
    level = c.field(raw, "level", (), lambda v: v in LEVELS, "one of: " + ", ".join(LEVELS))
    topics = c.choices(raw, "topics", (), tuple(TOPICS))
    objectives = _text_list(c, raw, "objectives")
    key_points = _text_list(c, raw, "key_points")
    prerequisites = c.texts(raw, "prerequisites", ())
    for i, other in enumerate(prerequisites):
        if other not in slugs or other == slug:
            c.add(("prerequisites", i), f"expected the name of another guide (a file of the "
                  f"guides folder, without .md), got '{other}'")
    groups = {g.code for g in catalogue.current.product_groups}
    product_groups = c.choices(raw, "product_groups", (), tuple(sorted(groups)))
    refs = []
    for i, text in enumerate(c.texts(raw, "criteria", ())):
        resolved = resolve_reference(text, catalogue)
        if isinstance(resolved, str):
            c.add(("criteria", i), f"criterion reference '{text}' does not resolve: {resolved}")
        else:
            refs.append(resolved)
    if "criteria" in raw and not refs and not raw.get("criteria"):
        c.add(("criteria",), "expected at least one criterion reference, got an empty list")
    reviewed = c.date(raw, "last_reviewed", ())
    handouts = _handouts(c, raw)
    _check_body(page, title, problems)
    questions, found = check_questions(page.body, page.path, page.body_line, catalogue)
    problems += found
    if words < MIN_WORDS:
        problems.append(Problem(page.path, page.body_line, 1, "",
                                f"expected a body of at least {MIN_WORDS} words, got {words}"))
    # A required value is None only with a problem; the None tests are for the type checker.
    if (len(problems) > before or title is None or description is None or duration is None
            or reviewed is None):
        return None
    return Guide(slug=slug, path=page.path, title=title, description=description,
                 audience=audience, duration=duration, level=level,
                 topics=topics, objectives=objectives, key_points=key_points,
                 prerequisites=prerequisites, product_groups=product_groups,
                 criteria=tuple(refs), last_reviewed=reviewed, words=words,
                 questions=questions, handouts=handouts)


def _handouts(c: Checker, raw: dict[str, Any]) -> tuple[str, ...]:
    """``handouts``: when given, a non-empty list of distinct printed editions."""
    if "handouts" not in raw:
        return tuple(HANDOUTS)
    values = c.choices(raw, "handouts", (), tuple(HANDOUTS))
    seen: dict[str, int] = {}
    for i, value in enumerate(raw["handouts"] if isinstance(raw["handouts"], list) else []):
        if value in HANDOUTS:
            c.unique(seen, value, ("handouts", i), "printed edition")
    return tuple(dict.fromkeys(values))


def _text_list(c: Checker, raw: dict[str, object], name: str) -> tuple[str, ...]:
    values = c.texts(raw, name, ())
    if name not in raw:
        c.add((), f"missing required key '{name}'; expected a list of sentences")
    elif not values:
        c.add((name,), "expected at least one sentence, got an empty list")
    return values


_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>&])")


def _heading_text(heading: str) -> str:
    """The text a Markdown heading shows, for comparing with the front matter title: an author
    writes a title containing ``<`` or ``&`` as ``&lt;`` and ``&amp;`` (or with a backslash)
    in the heading, since the body is Markdown and HTML."""
    return html.unescape(_MD_ESCAPE.sub(r"\1", heading.strip()))


def _check_body(page: PageSource, title: str | None, problems: list[Problem]) -> None:
    first = next((line for line in page.body.split("\n") if line.strip()), "")
    line = page.body_line

    def need(ok: bool, message: str) -> None:
        if not ok:
            problems.append(Problem(page.path, line, 1, "", message))

    need(first.startswith("# "), f"expected the body to start with '# {title}', got "
         f"'{first[:40]}'")
    if first.startswith("# ") and title and _heading_text(first[2:]) != title:
        need(False, f"expected the heading to equal the title '{title}', got '{first[2:]}'")
    need(bool(CHECKLIST.search(page.body)), "expected a checklist ('- [ ] …' items), got none")
    need(bool(SELF_CHECK.search(page.body)), "expected a '## Câu hỏi tự kiểm tra' section, "
         "got none")
    need(bool(TRAINER_BLOCK.search(page.body)), "expected a trainer block ('??? trainer "
         "\"Ghi chú cho giảng viên\"') with the answers, got none")
