"""The ``ocopkit`` command line: check content, list and export criteria, score answers.

Every failure prints ``file:line:col: key: message`` lines and exits 1, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ocopkit.content import Content, check_content
from ocopkit.criteria.catalogue import Catalogue, check_catalogue
from ocopkit.criteria.export import export_edition
from ocopkit.criteria.model import Edition, ProductSet
from ocopkit.errors import Problem, format_problems
from ocopkit.scoring import AnswerError, Council, Score, council, explain, finding_issues, score
from ocopkit.source.checker import describe, is_int, is_text
from ocopkit.source.layers import criteria_folders
from ocopkit.source.project import DEFAULT_LAYOUT, Project
from ocopkit.source.yaml import MAX_PAGE_BYTES, Located, load_yaml, printable
from ocopkit.system.publish import replace_folder, staging_folder, temporary_folder

if TYPE_CHECKING:
    from ocopkit.render.bundle import BundleInfo

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
OPTIONAL_MODULES = {"mkdocs": "site", "material": "site", "mkdocstrings": "site",
                    "weasyprint": "site", "jinja2": "site", "markupsafe": "site",
                    "libzim": "site"}
"""Packages of the ``site`` extra (building, handouts, bundles), imported only by the commands
that need them: a missing one is named, with the command that installs it."""


class CommandError(Exception):
    """A failure to report as plain lines with exit status 1."""


def _catalogue(project: Project) -> Catalogue:
    layers = project.layers
    pin = (layers.current_edition, *layers.pinned_at) if layers.current_edition else None
    catalogue, problems = check_catalogue(_criteria_folders(project), root=Path.cwd(), pin=pin)
    if catalogue is None:
        raise CommandError(format_problems(problems, nothing_built=False))
    return catalogue


def _criteria_folders(project: Project) -> list[Path]:
    return criteria_folders(project.docs_dir, project.layout, project.layers)


def _checked(project: Project) -> Content | None:
    """All content of the project, or ``None`` after printing every problem."""
    docs = project.docs_dir
    if not docs.is_dir():
        raise CommandError(f"{docs}: expected the content folder, got no such folder")
    content, problems = check_content(docs, root=Path.cwd(), layout=project.layout,
                                      layers=project.layers)
    if content is None:
        print(format_problems(problems, nothing_built=False), file=sys.stderr)
    return content


def cmd_check(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    content = _checked(_project(args))
    if content is None:
        return EXIT_PROBLEMS
    print(_summary(content, time.perf_counter() - started))
    return EXIT_OK


def _summary(content: Content, elapsed: float) -> str:
    editions = content.catalogue.editions
    sets = sum(len(e.product_sets) for e in editions)
    criteria = sum(len(s.criteria) for e in editions for s in e.product_sets)
    options = sum(len(c.options) for e in editions for s in e.product_sets for c in s.criteria)
    return (f"ok: {len(editions)} editions, {sets} product sets, {criteria} criteria, "
            f"{options} options, {len(content.guides)} guides, {len(content.courses)} courses, "
            f"{len(content.templates)} toolkit templates, {len(content.glossary)} abbreviations, "
            f"{len(content.sessions)} training sessions checked in {elapsed:.2f} s")


def cmd_criteria_list(args: argparse.Namespace) -> int:
    catalogue = _catalogue(_project(args))
    rows = [{"edition": e.id, "decision": e.decision, "date": e.date.isoformat(),
             "status": e.status, "product_sets": [s.code for s in e.product_sets]}
            for e in catalogue.editions]
    if args.json:
        print(_json(rows, 2))
        return EXIT_OK
    for e in catalogue.editions:
        print(printable(f"{e.id}  {e.decision}  {e.date}  {e.status}  "
                        f"{len(e.product_sets)} product sets"))
        for s in e.product_sets:
            print(printable(f"  {s.code:8} {s.name}  ({len(s.criteria)} criteria)"))
    return EXIT_OK


def cmd_criteria_export(args: argparse.Namespace) -> int:
    catalogue = _catalogue(_project(args))
    edition = catalogue.get(args.edition)
    if edition is None:
        known = ", ".join(e.id for e in catalogue.editions)
        raise CommandError(f"unknown edition '{args.edition}'; expected one of: {known}")
    if args.xlsx is not None:
        from ocopkit.criteria.spreadsheet import SpreadsheetError, write_workbook

        try:
            info = write_workbook(edition, Path(args.xlsx), force=args.force)
        except SpreadsheetError as err:
            raise CommandError("\n".join(err.lines)) from None
        print(printable(f"wrote {args.xlsx}: {edition.id}, {info.product_sets} product sets, "
                        f"{info.criteria} criteria, {info.options} options"))
        return EXIT_OK
    data = export_edition(edition)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        print(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), end="")
    return EXIT_OK


def cmd_criteria_import(args: argparse.Namespace) -> int:
    from ocopkit.criteria.spreadsheet import SpreadsheetError, import_workbook

    try:
        edition = import_workbook(Path(args.workbook), Path(args.out), force=args.force,
                                  shown=args.workbook)
    except SpreadsheetError as err:
        raise CommandError("\n".join(err.lines)) from None
    criteria = sum(len(s.criteria) for s in edition.product_sets)
    options = sum(len(c.options) for s in edition.product_sets for c in s.criteria)
    print(printable(f"wrote {args.out}: {edition.id}, {len(edition.product_sets)} product "
                    f"sets, {criteria} criteria, {options} options; next: ocopkit check"))
    return EXIT_OK


def cmd_criteria_diff(args: argparse.Namespace) -> int:
    from ocopkit.criteria.diff import describe, diff_editions, load_mappings

    project = _project(args)
    catalogue = _catalogue(project)
    editions = []
    for edition_id in (args.old, args.new):
        edition = catalogue.get(edition_id)
        if edition is None:
            known = ", ".join(e.id for e in catalogue.editions)
            raise CommandError(f"unknown edition '{edition_id}'; expected one of: {known}")
        editions.append(edition)
    mappings, problems = load_mappings(_criteria_folders(project), root=Path.cwd())
    if problems:
        raise CommandError(_report(problems))
    old, new = editions
    result = diff_editions(old, new, mappings.get((args.old, args.new)))
    if args.json:
        print(_json(result.as_dict(), 1))
    else:
        print(printable(describe(result)))
    return EXIT_OK


ANSWER_KEYS = ("edition", "product_set", "answers", "findings", "dossier_rejected")


def _read_answers(path: Path) -> tuple[dict[str, Any], Located, list[Problem]]:
    """The answers file as data with the positions of its values, or every problem with it:
    types are checked here (a quoted ``"no"`` is not false), codes against the sheet by the
    scoring."""
    located, problems = load_yaml(path, max_bytes=MAX_PAGE_BYTES, anchors=False)
    if problems:
        return {}, located, problems
    data = located.data
    if not isinstance(data, dict):
        return {}, located, [located.problem((), "expected a mapping with edition, product_set "
                                             "and answers")]
    for key in data:
        if key not in ANSWER_KEYS:
            problems.append(located.problem((key,), f"unknown key '{key}'; expected one of: "
                                            + ", ".join(ANSWER_KEYS), key=True))
    for key in ("edition", "product_set"):
        if not isinstance(data.get(key), str):
            problems.append(located.problem((key,) if key in data else (),
                                            f"expected '{key}' as text, got "
                                            f"{data.get(key)!r}"))
    if not isinstance(data.get("answers"), dict):
        problems.append(located.problem(("answers",) if "answers" in data else (),
                                        "expected 'answers' as a mapping of criterion code to "
                                        "option number"))
    else:
        for code in data["answers"]:
            if not _is_code(code):
                problems.append(located.problem(("answers", code), "expected a criterion code "
                                                f"as text such as \"1.1\", got {describe(code)}",
                                                key=True))
    findings = data.get("findings")
    if findings is not None and not isinstance(findings, list):
        problems.append(located.problem(("findings",), "expected a list of criterion codes "
                                        f"such as [\"6.1\"], got {describe(findings)}"))
    for i, finding in enumerate(findings if isinstance(findings, list) else []):
        if not _is_code(finding):
            problems.append(located.problem(("findings", i), "expected a criterion code as "
                                            f"text such as \"6.1\", got {describe(finding)}"))
    rejected = data.get("dossier_rejected")
    if rejected is not None and not isinstance(rejected, bool):
        problems.append(located.problem(("dossier_rejected",), "expected true or false, got "
                                        f"{describe(rejected)}"))
    return data, located, problems


def _is_code(value: Any) -> bool:
    """A criterion code as an answers file may write it: text, or a whole number (``4``); not a
    decimal number, which loses digits (``1.10`` reads as 1.1)."""
    return is_text(value) or is_int(value)


def _answer_problems(located: Located, error: AnswerError) -> list[Problem]:
    written = {str(code): code for code in located.data.get("answers") or {}}
    out = []
    for code, message in error.issues:
        if message.startswith("dossier_rejected:") and "dossier_rejected" in located.data:
            out.append(located.problem(("dossier_rejected",),
                                       message.removeprefix("dossier_rejected: ")))
        elif code in written and ("answers", written[code]) in located.positions:
            # Shown as written in the file (a code written 4 is the key '4', not an index).
            line, col = located.where(("answers", written[code]))
            out.append(Problem(located.path, line, col, f"answers.{code}", message))
        else:
            out.append(located.problem(("answers",), message, key=True))
    return out


def _report(problems: list[Problem]) -> str:
    """The problems as ``ocopkit check`` prints them, safe for a terminal."""
    return printable(format_problems(problems, nothing_built=False))


def _json(data: Any, indent: int) -> str:
    """JSON for the terminal: ``json`` escapes C0 controls; escape DEL and C1 ones too."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return re.sub(r"[\x7f-\x9f]", lambda m: f"\\u{ord(m[0]):04x}", text)


def cmd_score(args: argparse.Namespace) -> int:
    """One answers file: the product's score; several: a council's members' sheets for one
    product, and the council's result."""
    catalogue: Catalogue | None = None
    results: list[Score] = []
    problems: list[Problem] = []
    first: tuple[str, str] | None = None
    for name in args.answers:
        data, located, found = _read_answers(Path(name))
        if found:
            problems += found
            continue
        catalogue = catalogue or _catalogue(_project(args))
        result, found = _score_file(catalogue, data, located)
        if result is not None and first is not None and (
                result.edition, result.product_set) != first:
            found.append(located.problem(("product_set",), f"expected the sheet of the other "
                                         f"members ({first[0]} {first[1]}), got "
                                         f"{result.edition} {result.product_set}"))
        problems += found
        if result is not None:
            first = first or (result.edition, result.product_set)
            results.append(result)
    if problems:
        raise CommandError(_report(problems))
    assert catalogue is not None
    edition = catalogue.get(results[0].edition)
    assert edition is not None
    if len(results) == 1:
        if args.json:
            print(_json(results[0].as_dict(), 2))
        else:
            sheet = edition.product_set(results[0].product_set)
            assert sheet is not None
            print(describe_score(results[0], edition, sheet))
        return EXIT_OK
    outcome = council(edition, results)
    if args.json:
        print(_json({"council": outcome.as_dict(),
                     "members": [m.as_dict() for m in results]}, 2))
    else:
        print(describe_council(outcome))
    return EXIT_OK


def _score_file(catalogue: Catalogue, data: dict[str, Any],
                located: Located) -> tuple[Score | None, list[Problem]]:
    edition = catalogue.get(data["edition"])
    if edition is None:
        known = ", ".join(e.id for e in catalogue.editions)
        return None, [located.problem(("edition",), f"expected one of {known}, got "
                                      f"'{data['edition']}'")]
    sheet = edition.product_set(data["product_set"])
    if sheet is None:
        known = ", ".join(s.code for s in edition.product_sets) or "none (sheets not available)"
        return None, [located.problem(("product_set",), f"expected a product set of "
                                      f"{edition.id} ({known}), got '{data['product_set']}'")]
    findings = [str(f) for f in data.get("findings") or []]
    unknown = finding_issues(sheet, findings)
    problems = [located.problem(("findings", i), message) for i, message in unknown]
    refused = {i for i, _ in unknown}
    try:
        result = score(edition, data["product_set"], data["answers"],
                       findings=[f for i, f in enumerate(findings) if i not in refused],
                       dossier_rejected=data.get("dossier_rejected") is True)
    except AnswerError as err:
        return None, problems + _answer_problems(located, err)
    return (None if problems else result), problems


def describe_score(result: Score, edition: Edition, sheet: ProductSet) -> str:
    """A short Vietnamese summary of a score for the terminal: the calculator's sentences."""
    parts = ", ".join(f"{k}: {v}" for k, v in result.parts.items())
    lines = [f"{result.edition} / {result.product_set}",
             f"Tổng điểm: {result.total} ({parts})"]
    words = explain(result, edition, sheet)
    lines += [line for line in (words.band, words.minima, words.outcome) if line]
    if result.rejected:
        lines.append(result.verdict)
    lines += [f"Không đánh giá (điều kiện dừng): {', '.join(result.gated)}"] if result.gated else []
    lines += [f"Điều kiện: {e}" for e in dict.fromkeys(result.eligibility)]
    if result.next_stars is not None and not result.rejected:
        lines.append(f"{'Để được công nhận' if result.stars is None else 'Để lên'} "
                     f"{result.next_stars} sao:")
    if not result.rejected:
        lines += [f"- {line}" for line in words.advice]
    return printable("\n".join(lines))


def describe_council(result: Council) -> str:
    """A council's result for the terminal: each member's total and parts, the average."""
    lines = [f"{result.edition} / {result.product_set}: Hội đồng {len(result.members)} "
             "thành viên"]
    for i, member in enumerate(result.members, start=1):
        parts = ", ".join(f"{k}: {v}" for k, v in member.parts.items())
        lines.append(f"  Thành viên {i}: {member.total} ({parts})")
    lines.append(f"Tổng điểm trung bình: {_decimal(result.average)}")
    if not result.rejected:
        lines.append(f"Hạng theo điểm trung bình: {result.band_stars} sao")
    lines.append(result.verdict)
    for m in result.unmet:
        lines.append(f"  Tiêu chí {m.criterion} (tối thiểu {m.stars} sao, {m.needed_points} "
                     f"điểm): trung bình {_decimal(m.average_points)}, "
                     f"{m.members_reaching}/{len(result.members)} thành viên cho đạt")
    lines.append("Có thể được công nhận: " + ("có" if result.certifiable else "không"))
    return printable("\n".join(lines))


def _decimal(value: float) -> str:
    """A number as Vietnamese writes it, decimals kept: 89,6."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _project(args: argparse.Namespace) -> Project:
    """The project of ``--config`` (``mkdocs.yml``, read and validated by MkDocs with the
    plugin's options: the same reading the plugin makes), its docs folder replaced by
    ``--docs`` when given. Without a configuration file, ``--docs`` (or ``docs``) with the
    default layout."""
    config = Path(args.config)
    if not config.is_file():
        return Project(config, Path(args.docs or "docs"), config.parent / "site", "", None,
                       DEFAULT_LAYOUT)
    from ocopkit.mkdocs_plugin.project import ProjectError, load_project

    try:
        project = load_project(config)
    except ProjectError as err:
        raise CommandError("\n".join(f"{config}: {line}" for line in err.lines)) from None
    return replace(project, docs_dir=Path(args.docs)) if args.docs else project


def _site_project(args: argparse.Namespace) -> Project:
    """The project of ``--config`` for the commands that build from it (the docs folder is
    the configuration's own ``docs_dir``)."""
    if args.docs is not None:
        raise CommandError(f"ocopkit {args.command}: --docs is for check, criteria and score; "
                           "this command reads docs_dir from --config")
    if not Path(args.config).is_file():
        raise CommandError(f"{args.config}: expected the site configuration (mkdocs.yml), got "
                           "no such file")
    return _project(args)


def _site_url(project: Project) -> str:
    if not project.site_url.startswith(("http://", "https://")):
        raise CommandError(f"{project.config_file}: site_url: expected the site's address "
                           "(http… or https…), used by the handouts' QR codes, got "
                           f"{project.site_url!r}")
    return project.site_url


def _render(project: Project, content: Content) -> str:
    """Render the handouts of already validated ``content``; return the summary line."""
    from ocopkit.render.handouts import plan_handouts, render_handouts

    docs = project.docs_dir
    started = time.perf_counter()
    documents = plan_handouts(content, _site_url(project), project.markdown)
    assert project.handouts_dir is not None  # a site command: read from mkdocs.yml
    manifest = render_handouts(documents, project.handouts_dir, docs.resolve())
    pages = sum(e.pages for e in manifest.entries)
    return (f"handouts: {len(manifest.entries)} PDFs ({pages} pages), {manifest.rendered} "
            f"rendered, {len(manifest.entries) - manifest.rendered} unchanged, in "
            f"{time.perf_counter() - started:.1f} s")


def _content_of(project: Project) -> Content:
    """The validated content of the project."""
    content = _checked(project)
    if content is None:
        raise CommandError("nothing was built; the previous site is unchanged.")
    return content


def cmd_handouts(args: argparse.Namespace) -> int:
    project = _site_project(args)
    print(_render(project, _content_of(project)))
    return EXIT_OK


def _build_into(config: Path, site: Path, content: Content, failed: str) -> None:
    """Build the site of checked ``content`` into ``site``; on errors, or on any exception of
    MkDocs, a plugin or a template, raise :class:`CommandError` with the messages (no
    traceback) and ``failed``."""
    from ocopkit.mkdocs_plugin.engine.build import build_site  # the only MkDocs entry point

    try:
        errors = build_site(config, site, content=content)
    except Exception as error:
        errors = [f"{type(error).__name__}: {error}"]
    if errors:
        raise CommandError("\n".join([*errors, failed]))


def cmd_build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    project = _site_project(args)
    config = project.config_file
    content = _content_of(project)
    print(_summary(content, time.perf_counter() - started))
    print(_render(project, content))
    site = Path(args.site_dir) if args.site_dir else project.site_dir
    with staging_folder(site) as staged:  # also removes what killed runs left beside site/
        _build_into(config, staged, content, f"build failed; nothing was published and "
                    f"{site}/ is unchanged.")
    replace_folder(staged, site)
    pages = sum(1 for _ in site.rglob("*.html"))
    print(f"built {site}/: {pages} HTML pages in {time.perf_counter() - started:.1f} s")
    return EXIT_OK


def cmd_bundle(args: argparse.Namespace) -> int:
    from ocopkit.render import bundle

    if args.action:
        if args.action[0] != "verify" or len(args.action) != 2:
            raise CommandError("usage: ocopkit bundle [verify ZIP_OR_DIR]")
        if args.action[1].endswith(".zim"):
            from ocopkit.render.zim import verify_zim

            problems = verify_zim(Path(args.action[1]))
            for line in problems:
                print(line, file=sys.stderr)
            if problems:
                return EXIT_PROBLEMS
            print(f"ok: {args.action[1]} is whole (its MD5 checksum matches)")
            return EXIT_OK
        verdict = bundle.verify(Path(args.action[1]))
        for line in verdict.problems:
            print(line, file=sys.stderr)
        if verdict.problems:
            print(f"{len(verdict.problems)} problems: the copy is not whole.", file=sys.stderr)
            return EXIT_PROBLEMS
        print(f"ok: {args.action[1]} is whole (every file matches {bundle.SUMS})")
        print(f"SHA-256 of {bundle.SUMS}: {verdict.sums_sha256} (compare it with the value the "
              "organiser publishes: the checksums do not show who made the copy)")
        return EXIT_OK
    started = time.perf_counter()
    project = _site_project(args)
    config, site_url = project.config_file, _site_url(project)
    content = _content_of(project)
    print(_render(project, content))
    epoch = bundle.build_epoch()
    name = bundle.bundle_name(content.catalogue.current.id, epoch)
    out = Path(args.out) / f"{name}.{args.format}"
    previous = os.environ.get("OCOPKIT_OFFLINE")
    os.environ["OCOPKIT_OFFLINE"] = "true"
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(epoch))
    try:
        # .bundle-<pid>-<hex>: those of killed runs are removed first
        with temporary_folder(Path.cwd(), ".bundle-") as tmp:
            site = tmp / "site"
            _build_into(config, site, content, "bundle failed; nothing was written.")
            if args.format == "zim":
                info = _write_zim(project, content, site, out, epoch)
            else:
                readme = bundle.readme_text(name, content.catalogue.current.decision,
                                            site_url, bundle.site_size(site))
                info = bundle.write_bundle(site, out, name, readme, epoch)
    finally:
        if previous is None:
            os.environ.pop("OCOPKIT_OFFLINE", None)
        else:
            os.environ["OCOPKIT_OFFLINE"] = previous
    print(f"bundle {info.path}: {info.files} files, {info.bytes / 1048576:.1f} MB in "
          f"{time.perf_counter() - started:.1f} s")
    return EXIT_OK


def _write_zim(project: Project, content: Content, site: Path, out: Path,
               epoch: int) -> BundleInfo:
    """The offline build as a ZIM file for Kiwix, described by the site's ``mkdocs.yml``."""
    from ocopkit.render.bundle import BundleInfo
    from ocopkit.render.zim import ZimMetadata, write_zim

    edition = content.catalogue.current
    name = project.site_name or "OCOP"
    meta = ZimMetadata(
        name=f"ocop_vie_{edition.id}",
        title=name, creator=project.copyright or name, publisher=name,
        date=dt.datetime.fromtimestamp(epoch, dt.UTC).date(),
        description=project.site_description or f"Tài liệu đào tạo OCOP: {name}",
        long_description=(f"{project.site_description} Bộ tiêu chí theo {edition.decision}. "
                          "Tìm kiếm gõ không dấu được; có công cụ tự đánh giá và tài liệu in "
                          "(PDF)."),
        source=project.site_url)
    info = write_zim(site, out, meta)
    return BundleInfo(info.path, info.entries, info.bytes)


def cmd_serve(args: argparse.Namespace) -> int:
    import logging

    from ocopkit.mkdocs_plugin.engine.serve import serve

    project = _site_project(args)
    config = project.config_file
    _content_of(project)  # refuse to start on invalid content, with the usual messages
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    logging.getLogger("mkdocs").propagate = True
    serve(config, dev_addr=args.dev_addr)
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from ocopkit.scaffold import ScaffoldError, new_project

    target = Path(args.folder)
    try:
        written = new_project(target, name=args.name, province=args.province,
                              site_url=args.site_url)
    except ScaffoldError as err:
        raise CommandError(printable(str(err))) from None
    print(f"new site in {printable(str(target))}: {len(written)} files")
    for path in written:
        print(f"  {printable(str(path))}")
    print(f"next: cd {printable(str(target))} && ocopkit build && ocopkit bundle")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ocopkit", description=__doc__.splitlines()[0])
    parser.add_argument("--config", default="mkdocs.yml",
                        help="site configuration (default: mkdocs.yml); the docs folder, site "
                        "address and folders of the ocopkit plugin are read from it")
    parser.add_argument("--docs", default=None, help="content folder for check, criteria and "
                        "score (default: docs_dir of --config, else docs)")
    sub = parser.add_subparsers(dest="command", required=True)

    new = sub.add_parser("new", help="start a training site of your own in a new folder")
    new.add_argument("folder", help="the folder to create (it must be new or empty)")
    new.add_argument("--name", required=True, help='the site\'s name, e.g. "OCOP Cần Thơ"')
    new.add_argument("--province", default=None, help='the province, e.g. "Cần Thơ"')
    new.add_argument("--site-url", default=None, help="the site's address (https://…/); the "
                     "handouts' QR codes point to it")
    new.set_defaults(func=cmd_new)

    check = sub.add_parser("check", help="validate all content under the docs folder")
    check.set_defaults(func=cmd_check)

    criteria = sub.add_parser("criteria", help="list, export or import criteria editions")
    csub = criteria.add_subparsers(dest="criteria_command", required=True)
    listing = csub.add_parser("list", help="list editions and their product sets")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_criteria_list)
    export = csub.add_parser("export", help="print an edition's normalised data, or write it "
                             "as an Excel workbook (--xlsx)")
    export.add_argument("edition")
    formats = export.add_mutually_exclusive_group()
    formats.add_argument("--json", action="store_true")
    formats.add_argument("--xlsx", metavar="FILE", default=None, help="write the edition as "
                         "a workbook to edit in Excel or LibreOffice (one sheet per product "
                         "set); read it back with 'ocopkit criteria import'")
    export.add_argument("--force", action="store_true", help="with --xlsx: replace FILE if "
                        "it exists (without it, an existing file is never overwritten)")
    export.set_defaults(func=cmd_criteria_export)
    importing = csub.add_parser(
        "import", help="read a workbook written by 'criteria export --xlsx' (and edited) "
        "and write the edition YAML",
        description="Read FILE.xlsx cell by cell, write the edition YAML to --out and "
        "validate it; every problem is listed as FILE.xlsx:SHEET!CELL: field: expected …, "
        "got … and nothing is written (exit status 1). Formulas are refused.")
    importing.add_argument("workbook", metavar="FILE.xlsx")
    importing.add_argument("--out", required=True, metavar="NEW.yml", help="the edition file "
                           "to write, e.g. docs/criteria/qd-xx-2027.yml (its name must be the "
                           "edition id of the workbook); then run 'ocopkit check'")
    importing.add_argument("--force", action="store_true", help="replace --out if it exists "
                           "(without it, an existing file is never overwritten)")
    importing.set_defaults(func=cmd_criteria_import)

    building = sub.add_parser("build", help="check, build into a temporary folder, then "
                              "replace the site folder only on success")
    building.add_argument("--config", default=argparse.SUPPRESS)
    building.add_argument("--site-dir", default=None,
                          help="where to publish the site (default: site_dir of --config)")
    building.set_defaults(func=cmd_build)

    serving = sub.add_parser("serve", help="preview the site at http://127.0.0.1:8000/ and "
                             "rebuild only what changed after each edit")
    serving.add_argument("--config", default=argparse.SUPPRESS)
    serving.add_argument("--dev-addr", default=None, help="IP:PORT (default: mkdocs.yml's)")
    serving.set_defaults(func=cmd_serve)

    handouts = sub.add_parser("handouts", help="render the printable PDFs (unchanged ones are "
                              "skipped)")
    handouts.add_argument("--config", default=argparse.SUPPRESS)
    handouts.set_defaults(func=cmd_handouts)

    bundling = sub.add_parser("bundle", help="write the offline zip to dist/, or check one: "
                              "'ocopkit bundle verify ZIP_OR_DIR'")
    bundling.add_argument("action", nargs="*", help="verify ZIP_OR_DIR")
    bundling.add_argument("--config", default=argparse.SUPPRESS)
    bundling.add_argument("--out", default="dist")
    bundling.add_argument("--format", choices=("zip", "zim"), default="zip",
                          help="zip: the folder for computers (file://); zim: one file for "
                               "the Kiwix apps and kiwix-serve")
    bundling.set_defaults(func=cmd_bundle)

    diff = csub.add_parser("diff", help="what changed between two editions")
    diff.add_argument("old")
    diff.add_argument("new")
    diff.add_argument("--json", action="store_true")
    diff.set_defaults(func=cmd_criteria_diff)

    scoring = sub.add_parser("score", help="score an answers file")
    scoring.add_argument("answers", nargs="+", help="YAML with edition, product_set and "
                         "answers; several files: one council member's sheet each, for the "
                         "same product")
    scoring.add_argument("--json", action="store_true")
    scoring.set_defaults(func=cmd_score)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except CommandError as err:
        print(str(err), file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        return EXIT_OK
    except ModuleNotFoundError as err:
        extra = OPTIONAL_MODULES.get((err.name or "").split(".")[0])
        if extra is None:
            raise
        print(f"ocopkit {args.command}: needs the Python package '{err.name}', which is not "
              f"installed; install it with: pip install 'ocopkit[{extra}]'", file=sys.stderr)
        return EXIT_PROBLEMS


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
