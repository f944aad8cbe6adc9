"""MkDocs events: validate all content, add the generated pages, list pages in nav, and put
each guide's and course's generated header under its title.

All the work is done by the core (:mod:`ocopkit.content`, :mod:`ocopkit.render.pages`); this module
only converts between MkDocs objects and the core's.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ocopkit.content import Content, Memos, check_content
from ocopkit.content.guides import AUDIENCES, TRAINER_BLOCK
from ocopkit.content.questions import find_block
from ocopkit.errors import format_problems
from ocopkit.mkdocs_plugin.config import OcopConfig
from ocopkit.mkdocs_plugin.engine.navprune import page_nav
from ocopkit.mkdocs_plugin.engine.searchparser import use_fast_parser
from ocopkit.mkdocs_plugin.nav import expand, folder_tree
from ocopkit.mkdocs_plugin.project import ProjectError, project_of
from ocopkit.render.bundle import build_epoch
from ocopkit.render.handouts.render import Manifest, load_manifest
from ocopkit.render.html import esc
from ocopkit.render.htmlspace import collapse_whitespace
from ocopkit.render.icons import star_icon
from ocopkit.render.pages import GeneratedPage
from ocopkit.render.pages.base import Blocks, fill_blocks
from ocopkit.render.pages.calculator import SCRIPT as CALCULATOR
from ocopkit.render.pages.calculator import calculator_pages, calculator_script
from ocopkit.render.pages.changes import FEED_CSS, atom_feed, change_pages
from ocopkit.render.pages.courses import course_header, course_organisation, courses_index
from ocopkit.render.pages.criteria import criteria_pages
from ocopkit.render.pages.glossary import glossary_page
from ocopkit.render.pages.guides import guide_header, guides_index
from ocopkit.render.pages.handouts import FOLDER as HANDOUTS
from ocopkit.render.pages.handouts import handout_box, handouts_index
from ocopkit.render.pages.products import INDEX as PRODUCTS
from ocopkit.render.pages.products import product_pages
from ocopkit.render.pages.questions import SCRIPT as QUIZ
from ocopkit.render.pages.questions import TITLE as QUIZ_TITLE
from ocopkit.render.pages.questions import quiz_html, quiz_script
from ocopkit.render.pages.sessions import FEED_PATH as ICS
from ocopkit.render.pages.sessions import course_sessions_block, sessions_ics, sessions_page
from ocopkit.render.pages.toolkits import evidence_pages, toolkits_index
from ocopkit.render.quickinline import QuickInlineExtension
from ocopkit.render.savesite import (
    ICONS,
    SAVE_SCRIPT,
    WEB_MANIFEST,
    save_block,
    save_script,
    web_manifest,
    write_save_files,
)
from ocopkit.render.search import (
    SEARCH_FULL,
    SEARCH_FULL_SCRIPT,
    SEARCH_INDEX,
    search_script,
    split_index,
)
from ocopkit.render.tables import SCRIPT as TABLES
from ocopkit.render.tables import tables_script
from ocopkit.render.urls import feed_path, feed_stylesheet_path
from ocopkit.render.vendored import SITE_STYLESHEETS, THEME_OVERRIDES, vendored_files

log = logging.getLogger("mkdocs.plugins.ocopkit")
IFRAME_WORKER_SHIM = "assets/vendor/iframe-worker/shim.js"
SEARCH_FOLD = "assets/javascripts/ocop-search-fold.js"
H1 = re.compile(r"^# .*$", re.M)
VIETNAM = dt.timezone(dt.timedelta(hours=7))


GUIDE_BOOST = 2
"""Guides rank above the rows of criteria sheets that share their words (search)."""
TEXT_META = ("title", "description", "author", "subtitle")
"""Front matter keys that Material writes into pages unescaped (``<title>``, ``<meta>``, header,
nav): the plugin escapes them, so an author's text shows as text."""


def _striptags_as_text(value: object) -> Markup:
    """Jinja's ``striptags``, but the result stays escaped HTML.

    Material writes ``page.title | striptags`` into ``<title>``; Jinja's filter also unescapes
    entities, so a title ``&lt;/title&gt;&lt;script&gt;`` became markup. The result is
    :class:`~markupsafe.Markup`, so a following ``| e`` does not escape it twice."""
    return Markup.escape(Markup(str(value)).striptags())


def _escape_text_meta(meta: MutableMapping[str, Any]) -> None:
    for key in TEXT_META:
        if isinstance(meta.get(key), str):
            meta[key] = esc(unicodedata.normalize("NFC", meta[key]))


def _boost(meta: MutableMapping[str, Any], boost: float) -> None:
    """Material's per-page search boost, unless the page's front matter sets its own."""
    search = meta.get("search")
    if search is None:
        meta["search"] = {"boost": boost}
    elif isinstance(search, dict):
        search.setdefault("boost", boost)


def _after_title(markdown: str, block: str) -> str:
    match = H1.search(markdown)
    if match is None:
        return block + "\n\n" + markdown
    return markdown[:match.end()] + "\n\n" + block + "\n" + markdown[match.end():]


def _before_trainer_notes(markdown: str, block: str) -> str:
    """``block`` at the end of the page, or before its first trainer notes (which close it)."""
    if not block:
        return markdown
    match = TRAINER_BLOCK.search(markdown)
    if match is None:
        return markdown.rstrip("\n") + "\n\n" + block
    return markdown[:match.start()] + block + "\n" + markdown[match.start():]


class OcopPlugin(BasePlugin[OcopConfig]):  # type: ignore[no-untyped-call]  # MkDocs' untyped __init_subclass__
    """Generate criteria, catalogue, toolkit and glossary pages from the project's data."""

    def __init__(self) -> None:
        self.checked: Content | None = None
        """Content already checked by the command that runs the build (see
        :func:`~ocopkit.mkdocs_plugin.engine.build.build_site`); checked here when ``None``."""
        self.memos: Memos | None = None
        """What checks remember from one build to the next (``ocopkit serve``)."""
        self.content: Content | None = None
        self.pages: list[GeneratedPage] = []
        self.titles: dict[str, str] = {}
        """Full titles of generated pages whose menu title is shorter, by source path."""
        self.manifest: Manifest | None = None
        self.feed = ""
        self.blocks: dict[str, tuple[str, ...]] = {}
        self.handouts_dir = Path()
        self.ics = ""
        self.today = dt.date.today()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            project = project_of(config, self.config)  # as the CLI reads it (load_project)
        except ProjectError as err:
            raise PluginError(str(err)) from None
        layout = project.layout
        content = self.checked
        if content is None:
            content, problems = check_content(Path(config.docs_dir), root=Path.cwd(),
                                              memos=self.memos, layout=layout,
                                              layers=project.layers)
            if content is None:
                raise PluginError(format_problems(problems))
        self.content = content
        # The package's template overrides, after the site's own custom_dir (if any).
        if str(THEME_OVERRIDES) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_OVERRIDES))
        for sheet in reversed(SITE_STYLESHEETS):
            if sheet not in config.extra_css:
                config.extra_css.insert(0, sheet)
        epoch = dt.datetime.fromtimestamp(build_epoch(), dt.UTC)
        self.today = epoch.astimezone(VIETNAM).date()
        course_titles = {c.slug: c.title for c in content.courses}
        self.ics = sessions_ics(content.sessions, course_titles,
                                config.site_url or "https://example.org/", layout, epoch)
        # Tooltips for abbreviations: Python-Markdown's `abbr` with the glossary as its
        # configuration (as fast as no glossary; appending the definitions to every page
        # made conversion a third slower).
        if "abbr" not in config.markdown_extensions:
            config.markdown_extensions.append("abbr")
        config.mdx_configs.setdefault("abbr", {})["glossary"] = {
            a.abbr: a.text for a in content.glossary}
        criteria = [*criteria_pages(content.catalogue, layout),
                    *change_pages(content.catalogue, content.mappings or {},
                                  list(content.change_notes), layout, config.site_url or "")]
        self.feed = atom_feed(list(content.change_notes), content.catalogue,
                              config.site_url or "https://example.org/", layout)
        evidence = evidence_pages(content)
        # Scripts in `extra.polyfills` load before Material's bundle: the iframe-worker shim
        # (file:// only) first, then the search wrapper, which wraps whichever Worker exists.
        polyfills = list(config.extra.get("polyfills") or [])
        if self.config.offline:
            polyfills.append(IFRAME_WORKER_SHIM)
        if self.config.search_folding:
            polyfills.append(SEARCH_FOLD)
        config.extra["polyfills"] = polyfills
        assert project.handouts_dir is not None
        self.handouts_dir = project.handouts_dir
        self.manifest = load_manifest(self.handouts_dir)
        if self.manifest is None:
            log.info("no rendered handouts in %s: the 'Tài liệu in' page lists none (run "
                     "'ocopkit build' or 'ocopkit handouts')", self.handouts_dir)
        calculators = calculator_pages(content.catalogue, layout, config.site_url or "")
        scripts = [CALCULATOR, TABLES, QUIZ] + ([] if self.config.offline else [SAVE_SCRIPT])
        for script in scripts:
            if script not in config.extra_javascript:
                config.extra_javascript.append(script)
        # Online sites save themselves on phones (manifest, service worker); offline copies
        # (zip, ZIM) are already offline and carry neither.
        config.extra["ocop_manifest"] = None if self.config.offline else WEB_MANIFEST
        self.pages = [*criteria, *calculators, guides_index(content), courses_index(content),
                      toolkits_index(content), *evidence, glossary_page(content),
                      handouts_index(self.manifest),
                      sessions_page(content.sessions, course_titles, layout, self.today)]
        products = product_pages(content, self.manifest, layout)
        self.pages += products
        self.titles = {p.path: p.title for p in self.pages if p.label != p.title}
        # Material's footer line "Made with Material for MkDocs" is English: off unless the
        # site asks for it.
        config.extra.setdefault("generator", False)
        if config.nav is not None:
            # Nav titles are HTML to MkDocs and Material: data reaches them escaped.
            crit, guides, courses, kits = (layout.criteria, layout.guides, layout.courses,
                                           layout.toolkits)
            config.nav = expand(config.nav, {
                f"{crit}/index.md": folder_tree(criteria, f"{crit}/index.md"),
                f"{guides}/index.md": [{esc(g.title): f"{guides}/{g.slug}.md"}
                                       for g in sorted(content.guides, key=lambda g: g.title)],
                f"{courses}/index.md": [{esc(c.title): f"{courses}/{c.slug}.md"}
                                        for c in content.courses],
                "self-assessment/index.md": [{esc(p.label): p.path} for p in calculators[1:]],
                PRODUCTS: [{esc(p.label): p.path} for p in products[1:]],
                f"{kits}/index.md": [
                    *({esc(t.title): f"{kits}/{t.slug}.md"} for t in content.templates),
                    {"Danh mục minh chứng": [{esc(p.label): p.path} for p in evidence]}],
            })
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        search = config.plugins.get("material/search")
        if search is not None:
            use_fast_parser(search)
        # Last of all extensions, after every plugin added its own in `on_config`.
        if not any(isinstance(e, QuickInlineExtension) for e in config.markdown_extensions):
            # MkDocs types the list as names, but takes extension instances too (as Markdown).
            extensions: list[Any] = config.markdown_extensions
            extensions.append(QuickInlineExtension())

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        for page in self.pages:
            if files.get_file_from_path(page.path) is not None:
                raise PluginError(f"{page.path}: generated by ocopkit, but the docs folder "
                                  "has a file of that name; remove it")
            files.append(File.generated(config, page.path, content=page.content))
            if page.blocks:
                self.blocks[page.path] = page.blocks
        assert self.content is not None and self.content.sources is not None
        for site_path, source in self.content.sources.packaged_pages:  # national pages
            files.append(File.generated(config, site_path, abs_src_path=str(source)))
        for site_path, source in vendored_files():  # a file of the docs folder wins
            if files.get_file_from_path(site_path) is None:
                files.append(File.generated(config, site_path, abs_src_path=str(source)))
        if self.config.search_folding:
            files.append(File.generated(config, SEARCH_FOLD, content=search_script()))
        files.append(File.generated(config, CALCULATOR, content=calculator_script()))
        files.append(File.generated(config, TABLES, content=tables_script()))
        files.append(File.generated(config, QUIZ, content=quiz_script()))
        files.append(File.generated(config, feed_path(), content=self.feed))
        files.append(File.generated(config, feed_stylesheet_path(),
                                    content=FEED_CSS))
        files.append(File.generated(config, ICS, content=self.ics))
        if not self.config.offline:
            name = config.site_name or "OCOP"
            files.append(File.generated(config, SAVE_SCRIPT, content=save_script()))
            files.append(File.generated(config, WEB_MANIFEST, content=web_manifest(
                name, name.split(" — ")[0][:12], config.site_description or name)))
            for size, path in ICONS.items():
                files.append(File.generated(config, path, content=star_icon(size)))
        for entry in self.manifest.entries if self.manifest else ():
            files.append(File.generated(config, f"{HANDOUTS}/{entry.path}",
                                        abs_src_path=str(self.handouts_dir / entry.path)))
        return files

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        blocks = self.blocks.get(page.file.src_uri)
        return fill_blocks(html, blocks) if blocks else html

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        env.filters["striptags"] = _striptags_as_text
        return env

    def on_template_context(self, context: TemplateContext, /, *, template_name: str,
                            config: MkDocsConfig) -> TemplateContext:
        if context.get("nav") is not None:  # 404.html: every section shows its index only
            context["nav"] = page_nav(context["nav"], None)
        return context

    def on_page_context(self, context: TemplateContext, /, *, page: Page,
                        config: MkDocsConfig, nav: Navigation) -> TemplateContext:
        context["nav"] = page_nav(nav, page)
        return context

    @event_priority(-100)  # after Material's search plugin wrote its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        self._split_search_index(site)
        if not self.config.offline:  # last: the list covers every file written above
            write_save_files(site, config.use_directory_urls)

    def _split_search_index(self, site: Path) -> None:
        index = site / SEARCH_INDEX
        if not index.is_file():
            return
        # Two stages: a small index of titles and headings, which Material's page script
        # loads, then the whole index, which the search wrapper loads after it.
        first, full = split_index(index.read_text(encoding="utf-8"))
        index.write_text(first, encoding="utf-8")
        (site / SEARCH_FULL).write_text(full, encoding="utf-8")
        if self.config.offline:  # file:// copies load scripts (Material's offline plugin
            # writes search_index.js from the first stage too, if it runs after this)
            (site / SEARCH_INDEX).with_suffix(".js").write_text(
                f"var __index = {first}", encoding="utf-8")
            (site / SEARCH_FULL_SCRIPT).write_text(f"var __ocopFullIndex = {full}",
                                                   encoding="utf-8")

    @event_priority(-100)  # last: after every other plugin changed the page
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        return collapse_whitespace(output)

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        assert self.content is not None
        _escape_text_meta(page.meta)
        generated = self.titles.get(page.file.src_uri)
        if generated is not None:
            # The browser tab and search results get the full title ("Tự đánh giá I.1.a …")
            # where the menu shows a short one: sheet, calculator and evidence list differ.
            page.meta["title"] = esc(generated)
        # Decomposed input (NFD, as some editors save Vietnamese) is published composed, so
        # search, anchors and copied text match what readers type.
        markdown = unicodedata.normalize("NFC", markdown)
        path = page.file.src_uri
        entries = self.manifest.for_page(path) if self.manifest else []
        box = handout_box(entries, path) if entries else ""
        folder, _, name = path.rpartition("/")
        slug = name.removesuffix(".md")
        layout = self.content.layout
        if folder == layout.guides and (guide := self.content.guide(slug)) is not None:
            page.meta["tags"] = [AUDIENCES[a] for a in guide.audience]
            _boost(page.meta, GUIDE_BOOST)
            block = find_block(markdown)
            if block is not None and guide.questions:  # answered on the page (quiz.js)
                blocks = Blocks()
                markdown = (markdown[:block.start()] + f"## {QUIZ_TITLE}\n\n"
                            + blocks.add(quiz_html(guide.questions, guide.slug)) + "\n"
                            + markdown[block.end():])
                self.blocks[path] = tuple(blocks.items)
            return _after_title(markdown, guide_header(guide, self.content) + "\n" + box)
        if folder == layout.courses and (course := self.content.course(slug)) is not None:
            page.meta["tags"] = [AUDIENCES[a] for a in course.audience]
            calendar = course_sessions_block(course.slug, self.content.sessions, layout,
                                             self.today)
            markdown = _before_trainer_notes(markdown, course_organisation(course))
            return _after_title(markdown, course_header(course, layout) + "\n" + box
                                + ("\n" + calendar if calendar else ""))
        if folder == layout.toolkits and (template := next(
                (t for t in self.content.templates if t.slug == slug), None)) is not None:
            page.meta["tags"] = [AUDIENCES[a] for a in template.audience]
        if path == "index.md" and not self.config.offline:  # the home page saves the site
            markdown = (markdown.rstrip("\n") + "\n\n## Đọc khi không có mạng\n\n"
                        "Trên điện thoại hay máy tính đang có mạng, bấm nút dưới đây một lần: "
                        "toàn bộ trang (bài, phiếu chấm, công cụ tự đánh giá, tìm kiếm) được lưu "
                        "trên máy và mở được cả khi mất mạng. Trên điện thoại, chọn thêm \"Thêm "
                        "vào màn hình chính\" trong trình duyệt để mở trang như một ứng dụng.\n\n"
                        + save_block() + "\n")
        return _after_title(markdown, box) if box else markdown
