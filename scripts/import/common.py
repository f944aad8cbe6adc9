"""What the one-off importers of this folder have in common (``qd26.py``, ``qd1048.py``).

Each importer reads the plain-text transcript of one OCOP criteria decision, applies its
table of explicit corrections, parses the scoring sheets, checks them arithmetically and
writes the edition YAML in the layout of ``docs/developers/criteria-format.md``. What only
one decision needs (the layout of its text, its corrections, its checks and its report)
stays in that decision's importer; this module holds the rest: text helpers, the corrected
source text, the parser state both sheet parsers share, small verification helpers, the
transcription-note summary of the corrections, the product-set output data, the
hand-rolled YAML writer and the command line (arguments, source look-up, round trip and
write).

Running: the folder is called ``import``, a Python keyword, so it is not a package and
cannot be run with ``python -m``. The importers are run as scripts, from anywhere:

    python scripts/import/qd26.py [--source PATH] [--output PATH] [--check]
    python scripts/import/qd1048.py [--source PATH] [--output PATH] [--check] [--dump N]

Each importer puts its own folder first on ``sys.path`` (Python does so too for a script,
but not under ``python -P``) and imports this module as ``common``. Python 3.11, standard
library + PyYAML (only used to re-read the generated file).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NoReturn

REPO = Path(__file__).resolve().parents[2]
CRITERIA_DIR = REPO / "docs" / "criteria"


def source_candidates(name: str) -> list[Path]:
    """Where the transcript ``name`` is looked for when ``--source`` is not given: the
    shared reference folder next to the repository, or inside it."""
    return [REPO.parent / "shared" / "reference" / "sources" / name,
            REPO / "shared" / "reference" / "sources" / name]


# ---------------------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------------------


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def clean(s: str) -> str:
    """NFC, non-breaking spaces and tabs to spaces, whitespace runs collapsed, stripped."""
    s = nfc(s).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).strip()


def join(a: str | None, b: str) -> str:
    return clean(f"{a or ''} {b}")


def strip_parens(s: str) -> str:
    """Remove the parentheses around a description, keeping inner balanced ones."""
    if not s.startswith("("):
        return s
    s = s[1:].strip()
    if s.endswith(")") and s.count(")") > s.count("("):
        s = s[:-1].strip()
    return s


def note_kind(text: str) -> str:
    t = text.lower()
    if "bị loại" in t:
        return "rejection"
    if ("không xem xét các chỉ tiêu" in t or "không đánh giá các bước tiếp theo" in t
            or "không đánh giá các chỉ tiêu" in t):
        return "gate"
    if t.startswith("không đánh giá những sản phẩm"):
        return "eligibility"
    return "note"


def gate_fields(text: str) -> dict:
    """A gate's scope and trigger, read from its own words: "Không xem xét các chỉ tiêu khác"
    stops the rest of its group; "không đánh giá các bước tiếp theo" every later criterion;
    "Nếu được 0 điểm tại một trong các chỉ tiêu trên" and "Nếu bị 0 điểm" are decided by the
    answers."""
    t = " ".join(text.lower().split())
    out = {"scope": "group" if "các chỉ tiêu khác" in t else "sheet"}
    if "0 điểm tại một trong các chỉ tiêu trên" in t:
        out["derived"] = "zero_above"
    elif "nếu bị 0 điểm" in t:
        out["derived"] = "zero"
    return out


# Headings common to both decisions: "N. GROUP", "N.M. Criterion", "N.M.K. Sub-criterion".
RE_GROUP = re.compile(r"^(\d+)\. (\S.*)$")
RE_CRIT = re.compile(r"^(\d+)\.(\d+)\. (\S.*)$")
RE_C3 = re.compile(r"^(\d+)\.(\d+)\.(\d+)\. (\S.*)$")


# ---------------------------------------------------------------------------------------
# Source text and its corrections
# ---------------------------------------------------------------------------------------


class Source:
    """The transcript as NFC lines (``orig``) and as corrected (``lines``); index 0 is
    line 1. ``applied`` records every correction for the report and the notes."""

    def __init__(self, path: Path):
        self.path = path
        raw = path.read_text(encoding="utf-8")
        self.was_nfc = raw == nfc(raw)
        self.orig = [nfc(x) for x in raw.split("\n")]
        self.lines = list(self.orig)
        self.applied: list[dict] = []

    def apply_text_fixes(self, fixes: Iterable[tuple]) -> None:
        """Apply ``(line, old, new, kind, note[, where])`` corrections; ``old`` must occur
        exactly once in the (1-based) line, else the script stops."""
        seen = set()
        for fix in fixes:
            n, old, new, kind, note = fix[:5]
            where = fix[5] if len(fix) > 5 else None
            if (n, old) in seen:
                raise SystemExit(f"duplicate correction at line {n}: {old!r}")
            seen.add((n, old))
            cur = self.lines[n - 1]
            cnt = cur.count(old)
            if cnt != 1:
                raise SystemExit(
                    f"correction at line {n}: expected {old!r} once, found {cnt}x in "
                    f"{cur[:300]!r}")
            self.lines[n - 1] = cur.replace(old, new)
            self.applied.append({"line": n, "old": old, "new": new, "kind": kind, "note": note,
                                 "where": where})


# ---------------------------------------------------------------------------------------
# Sheet parser state
# ---------------------------------------------------------------------------------------


class ParseError(Exception):
    pass


class SheetParserBase:
    """What both sheet parsers keep while reading a sheet: the open part, group, criterion
    and case, and the ``(dict, key)`` collector that receives continuation text."""

    sheet: int
    start: int
    end: int

    def __init__(self, sheet: int, src: Source):
        self.sheet = sheet
        self.src = src
        self.parts: list[dict] = []
        self.part = self.group = self.crit = self.case = None
        self.collector = None  # (dict, key) receiving continuation text
        self.loc: dict[int, str] = {}  # line -> where (criterion code) for the notes
        self.events: list[str] = []  # structural observations for the notes

    def err(self, msg: str) -> NoReturn:
        raise NotImplementedError

    def add(self, t: str):
        if self.collector is None:
            self.err("text with nowhere to go")
        obj, key = self.collector
        obj[key] = join(obj.get(key), t)

    def here(self) -> str:
        if self.crit is not None:
            return self.crit["code"]
        if self.group is not None:
            return f"nhóm {self.group['code']}"
        if self.part is not None:
            return f"Phần {self.part['part']}"
        return "đầu phiếu"

    @staticmethod
    def iter_options(c):
        yield from c["options"]
        for cs in c["cases"]:
            yield from cs["options"]


# ---------------------------------------------------------------------------------------
# Verification helpers
# ---------------------------------------------------------------------------------------


def part_order_errors(parts: list[dict]) -> list[str]:
    if [x["part"] for x in parts] != ["A", "B", "C"]:
        return [f"parts {[x['part'] for x in parts]}"]
    return []


def duplicate_code_errors(codes: list[str]) -> list[str]:
    dup = {c for c in codes if codes.count(c) > 1}
    return [f"duplicate codes {sorted(dup)}"] if dup else []


def option_order_warnings(c: dict) -> list[str]:
    """Options (of each case) not in ascending order of points, or with repeated points."""
    out = []
    for og in [cs["options"] for cs in c["cases"]] or [c["options"]]:
        pts = [o["points"] for o in og]
        if pts != sorted(pts):
            out.append(f"{c['code']}: option points not ascending {pts}")
        if len(set(pts)) != len(pts):
            out.append(f"{c['code']}: repeated option points {pts}")
    return out


def bad_spacing(t: str) -> bool:
    """A space before a punctuation mark or after an opening parenthesis."""
    return bool(re.search(r" [,.;:)](?!\.)|\( ", t.replace("...", "…")))


# ---------------------------------------------------------------------------------------
# Transcription notes
# ---------------------------------------------------------------------------------------


def line_location(p: SheetParserBase, a: dict) -> str:
    """Where a correction landed: the criterion in force at its line."""
    return p.loc.get(a["line"], "?")


def correction_notes(p: SheetParserBase, src: Source, kind_summary: dict[str, str],
                     extra_notes: Iterable[tuple[int, str]],
                     locate: Callable[[SheetParserBase, dict], str] = line_location
                     ) -> list[str]:
    """The first transcription notes of a product set: the mechanical corrections of the
    sheet summarised per kind of ``kind_summary`` ("«old» → «new» (where, …)"), then each
    other correction with its note, the sheet's ``extra_notes`` and the parser's events."""
    notes: list[str] = []
    fixes = [a for a in src.applied if p.start <= a["line"] < p.end]
    by_kind = defaultdict(list)
    for a in fixes:
        by_kind[a["kind"]].append(a)
    for kind, label in kind_summary.items():
        items = by_kind.get(kind)
        if not items:
            continue
        grouped: dict[tuple[str, str], list[str]] = {}
        for a in items:
            locs = grouped.setdefault((a["old"], a["new"]), [])
            loc = locate(p, a)
            if loc not in locs:
                locs.append(loc)
        parts = [f"«{o}» → «{w}» ({', '.join(locs)})" for (o, w), locs in grouped.items()]
        notes.append(f"{label}: " + "; ".join(parts) + ".")
    for a in fixes:
        if a["kind"] in kind_summary:
            continue
        notes.append(f"{locate(p, a)}: {a['note']}")
    for sh, txt in extra_notes:
        if sh == p.sheet:
            notes.append(txt)
    notes.extend(p.events)
    return notes


def label_notes(crits: Iterable[dict], usual: Iterable[str]) -> list[str]:
    """A note for every criterion note printed with a label other than the ``usual`` ones."""
    return [f"{c['code']}: ghi chú được in với nhãn «{nt['_label']}:» thay cho «Ghi chú:»."
            for c in crits for nt in c["notes"] if nt["_label"] not in usual]


# ---------------------------------------------------------------------------------------
# Output data
# ---------------------------------------------------------------------------------------


def crit_out(c: dict) -> dict:
    out = {"code": c["code"], "name": c["name"]}
    if c["description"]:
        out["description"] = c["description"]
    if c.get("requirement"):
        out["requirement"] = c["requirement"]
    out["max"] = c["max"]
    if c.get("applies_if"):
        out["applies_if"] = c["applies_if"]
    if c.get("yes_no"):
        out["yes_no"] = True
    elif c["cases"]:
        out["cases_text"] = c["cases_text"]
        out["cases"] = [{"key": cs["key"], "name": cs["name"],
                         "options": [opt_out(o) for o in cs["options"]]} for cs in c["cases"]]
    else:
        out["options"] = [opt_out(o) for o in c["options"]]
    if c["notes"]:
        out["notes"] = [{"kind": nt["kind"],
                         **(gate_fields(nt["text"]) if nt["kind"] == "gate" else {}),
                         "text": nt["text"]} for nt in c["notes"]]
    return out


def opt_out(o: dict) -> dict:
    out = {"text": o["text"], "points": o["points"]}
    if o.get("marker"):
        out["marker"] = o["marker"]
    return out


def entry_out(e: dict) -> dict:
    """A criterion, or a section (``_is_section``: a heading over sub-criteria)."""
    if e.get("_is_section"):
        return {"code": e["code"], "name": e["name"], "max": e["max"],
                "criteria": [crit_out(c) for c in e["criteria"]]}
    return crit_out(e)


def product_set_out(*, code: str, sheet: int, name: str, category: str, agency: str,
                    rules: list[str], sheet_notes: list[str], notes: list[str],
                    parts: list[dict], entries: str) -> dict:
    """One product set; ``entries`` names the key of a parsed group that lists its
    criteria (and sections)."""
    out = {"code": code, "sheet": sheet, "name": name, "category": category,
           "managing_agency": agency}
    if rules:
        out["rejection_rules"] = rules
    if sheet_notes:
        out["sheet_notes"] = sheet_notes
    if notes:
        out["transcription_notes"] = notes
    out["parts"] = [
        {"part": part["part"],
         **({"sum_note": part["sum_note"]} if part.get("sum_note") else {}),
         "groups": [{"code": g["code"], "name": g["name"], "max": g["max"],
                     "criteria": [entry_out(e) for e in g[entries]]}
                    for g in part["groups"]]}
        for part in parts]
    return out


def strip_private(x):
    if isinstance(x, dict):
        return {k: strip_private(v) for k, v in x.items() if not k.startswith("_")}
    if isinstance(x, list):
        return [strip_private(v) for v in x]
    return x


# ---------------------------------------------------------------------------------------
# YAML writer (hand-rolled for a stable, readable layout; re-read with PyYAML to check)
# ---------------------------------------------------------------------------------------

_YAML_SPECIAL_START = set("-?:,[]{}#&*!|>'\"%@`")
_YAML_RESERVED = re.compile(
    r"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|"
    r"off|Off|OFF|y|Y|n|N|[-+]?(?:\d[\d_]*)?(?:\.\d*)?(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|"
    r"\d{4}-\d\d?-\d\d?.*|[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)|<<|=)$")


def q(s: str, flow: bool = False, force: bool = False) -> str:
    plain = (not force and s != "" and s == s.strip() and s[0] not in _YAML_SPECIAL_START
             and ": " not in s and " #" not in s and not s.endswith(":") and "\n" not in s
             and "\t" not in s and not _YAML_RESERVED.match(s)
             and not (flow and any(ch in s for ch in ",[]{}")))
    if plain:
        return s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def scalar(v, flow=False, force=False) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    return q(v, flow=flow, force=force)


QUOTED_KEYS = {"code", "part", "criterion", "key"}
INLINE_LIST_KEYS = ("replaces", "options", "product_sets")  # lists of scalars on one line
FLOW_KEYS = ("parts", "star_bands", "recognition")  # header lists of one-line mappings


def flow_map(d: dict) -> str:
    return "{" + ", ".join(f"{k}: {scalar(v, flow=True, force=k in QUOTED_KEYS)}"
                           for k, v in d.items()) + "}"


def emit_block(d: dict, indent: int, out: list[str], first_prefix=None):
    """Emit mapping d at indent; the first line may carry a '- ' prefix."""
    pad = " " * indent
    first = True
    for k, v in d.items():
        lead = first_prefix if first and first_prefix is not None else pad
        first = False
        if isinstance(v, dict):
            out.append(f"{lead}{k}:")
            emit_block(v, indent + 2, out)
        elif isinstance(v, list):
            if not v:
                out.append(f"{lead}{k}: []")
            elif k in INLINE_LIST_KEYS and not isinstance(v[0], dict):
                out.append(f"{lead}{k}: [" + ", ".join(scalar(x, flow=True) for x in v) + "]")
            elif isinstance(v[0], dict):
                out.append(f"{lead}{k}:")
                for item in v:
                    emit_block(item, indent + 4, out, first_prefix=f"{pad}  - ")
            else:
                out.append(f"{lead}{k}:")
                for item in v:
                    out.append(f"{pad}  - {scalar(item)}")
        else:
            out.append(f"{lead}{k}: {scalar(v, force=k in QUOTED_KEYS)}")


def to_yaml(data: dict, head_comment: list[str], flow_keys: Iterable[str] = FLOW_KEYS) -> str:
    """The edition file: the comment, the header keys (those in ``flow_keys`` as lists of
    one-line mappings), then the product sets, each under a comment line."""
    out = [*head_comment, ""]
    for k, v in data.items():
        if k == "product_sets":
            continue
        if k in flow_keys:
            out.append(f"{k}:")
            for item in v:
                out.append(f"  - {flow_map(item)}")
        else:
            emit_block({k: v}, 0, out)
    out.append("product_sets:")
    for ps in data["product_sets"]:
        out.append("")
        out.append(f"  # --- {ps['code']} {ps['name']} (phiếu {ps['sheet']}) ---")
        emit_block(ps, 4, out, first_prefix="  - ")
    return "\n".join(out) + "\n"


def origin_comment(script: str) -> list[str]:
    """Lines 2–3 of an edition file's comment. ``script`` is written as given: the committed
    files name the importer by the path it had when they were generated."""
    return [f"# Tạo lần đầu bằng {script} từ bản chép văn bản; từ nay tệp này là",
            "# nguồn chính, sửa trực tiếp bằng tay. Định dạng: docs/developers/criteria-format.md."]


# ---------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------


def arg_parser(doc: str, default_output: Path) -> argparse.ArgumentParser:
    """--source, --output, --check; the description is the first line of ``doc``."""
    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    ap.add_argument("--source", type=Path)
    ap.add_argument("--output", type=Path, default=default_output)
    ap.add_argument("--check", action="store_true", help="verify only, do not write")
    return ap


def find_source(given: Path | None, candidates: list[Path]) -> Path | None:
    """``--source`` if given, else the first candidate that exists (None, reported, if
    there is none)."""
    source = given or next((c for c in candidates if c.exists()), None)
    if source is None:
        print("source not found; pass --source", file=sys.stderr)
    return source


def write_edition(data: dict, head_comment: list[str], output: Path, check: bool,
                  flow_keys: Iterable[str] = FLOW_KEYS) -> int:
    """Write the edition YAML (private ``_`` keys dropped) after proving that it reads back
    as the same data, without tabs, anchors or aliases, in NFC. Returns the exit status."""
    data = strip_private(data)
    text = to_yaml(data, head_comment, flow_keys)
    import yaml  # PyYAML: only to prove that the file reads back as the same data

    back = yaml.safe_load(text)
    if back != data:
        print("YAML round trip differs", file=sys.stderr)
        return 1
    anchors = [e for e in yaml.parse(text)
               if isinstance(e, yaml.AliasEvent) or getattr(e, "anchor", None)]
    if "\t" in text or anchors:
        print("tabs or anchors/aliases in output", file=sys.stderr)
        return 1
    if text != nfc(text):
        print("output not NFC", file=sys.stderr)
        return 1
    print(f"\nYAML round trip OK ({len(text.splitlines())} lines)")
    if not check:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        print(f"written {output}")
    return 0
