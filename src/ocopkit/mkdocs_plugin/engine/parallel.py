"""MkDocs' build on every core.

``mkdocs.commands.build.build`` converts and renders one page after another, so a build uses
one core however many the machine has. This module runs the same steps and plugin events, with
the two expensive loops spread over forked worker processes (each page still sees its events
in MkDocs' order; across pages, every ``on_page_markdown`` now comes before the first
``on_page_content``, as the conversions in between run at the same time):

1. **Converting Markdown.** The parent reads every page and runs its ``on_pre_page`` and
   ``on_page_markdown`` events itself, so that plugins see every page as usual; workers then
   run only :meth:`Page.render` (a pure function of the page's Markdown, the files and the
   configuration) and send back the HTML, table of contents, title and anchors. The parent
   stores them and runs ``on_page_content``. Pages whose conversion calls into plugins with
   state (mkdocstrings' ``:::`` blocks) are converted in the parent while the workers run.
2. **Rendering pages.** Workers run MkDocs' ``_build_page`` (``on_page_context``, the theme's
   template, ``on_post_page``, writing the file) for their share of pages and send back the
   search entries that Material's search plugin collected, which the parent puts in page order.

Two kinds of state that plugins build during these steps are carried back: log records
(replayed in the parent, so strict mode counts warnings as usual) and the headings that
mkdocs-autorefs registers during conversion (replayed as the same ``register_anchor`` calls).
The output is the same as MkDocs' own build; ``tests/site/test_parallel_build.py`` compares
both byte for byte. When the plugins in use are not all known here, or only one core is
available, :func:`build` falls back to MkDocs' own function.

For ``ocopkit serve``, a :class:`BuildCache` kept between rebuilds remembers each page's
conversion (keyed by its Markdown) and rendering (keyed by its HTML, title, table of contents
and the whole navigation), so that after one guide changes only that guide is converted and
rendered again. Both keys also carry a signature of every other input (``mkdocs.yml``, data
files, includes, theme overrides), so any other change rebuilds everything.

MkDocs 1.6.1 is pinned and no longer changes, so using its module-level helpers
(``_populate_page``, ``_build_page``…) is safe for the life of this adapter.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import multiprocessing
import os
import pickle
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler, clean_directory

from ocopkit.system.cores import available_cores
from ocopkit.system.procs import die_with_parent

log = logging.getLogger("mkdocs.plugins.ocopkit")

#: Plugins whose page events are known to be safe to run this way.
KNOWN_PLUGINS = frozenset({"search", "material/search", "ocopkit", "offline", "material/offline",
                           "tags", "material/tags", "mkdocstrings", "autorefs"})
#: A mkdocstrings block: converting it loads and registers API objects in the plugin.
MKDOCSTRINGS_BLOCK = re.compile(r"^\s*::: ", re.M)


@dataclass
class Converted:
    """What :meth:`Page.render` leaves on a page, as sent back by a worker."""

    content: str
    toc: Any
    title: str | None
    present_anchor_ids: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None
    anchors: list[tuple[str, str | None, str | None, bool]] = field(default_factory=list)


@dataclass
class _Outcome:
    """A worker's answer for one page: a result or an error, and the log records it made."""

    result: Any = None
    records: list[logging.LogRecord] = field(default_factory=list)
    error: BaseException | None = None


@dataclass
class _Shared:
    """The state workers inherit when they are forked (nothing of it is pickled)."""

    config: MkDocsConfig
    files: Files
    pages: list[Page]
    nav: Navigation | None = None
    env: Any = None
    doc_files: Any = None


_SHARED: _Shared | None = None


@dataclass
class BuildCache:
    """Results of earlier builds in the same process (``ocopkit serve``), by content key."""

    converted: dict[str, _Outcome] = field(default_factory=dict)
    rendered: dict[str, _Outcome] = field(default_factory=dict)
    signature: str = ""
    nav_signature: str = ""
    hits: int = 0
    misses: int = 0


def _digest(*parts: object) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        text = part if isinstance(part, str) else repr(part)
        h.update(text.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def _inputs_signature(config: MkDocsConfig, files: Files) -> str:
    """Everything a page's output depends on besides its own Markdown: ``mkdocs.yml``, every
    file that is not a page (data, excluded includes, assets, generated scripts), the list of
    pages and their addresses, and the templates of the theme's ``custom_dir``."""
    parts: list[object] = []
    config_file = config.config_file_path
    if config_file and os.path.exists(config_file):
        with open(config_file, "rb") as handle:
            parts.append(handle.read())
    for file in files:
        if file.is_documentation_page() and not file.inclusion.is_excluded():  # type: ignore[no-untyped-call]  # unannotated in mkdocs 1.6.1
            parts.append((file.src_uri, file.url))  # its Markdown is in its own keys
        elif file.generated_by:
            parts.append((file.src_uri, _digest(file.content_bytes)))
        else:
            stat = os.stat(file.abs_src_path) if file.abs_src_path else None
            parts.append((file.src_uri, stat and (stat.st_mtime_ns, stat.st_size)))
    for folder in [config.theme.custom_dir] if config.theme.custom_dir else []:
        for root, _, names in os.walk(folder):  # the installed theme does not change
            for name in names:
                stat = os.stat(os.path.join(root, name))
                parts.append((root, name, stat.st_mtime_ns, stat.st_size))
    return _digest(*parts)


def _nav_signature(nav: Navigation) -> str:
    def walk(items: list[Any]) -> list[object]:
        return [(type(item).__name__, item.title, getattr(item, "url", None),
                 walk(item.children) if item.children else None) for item in items]
    return _digest(walk(nav.items))


def can_run_parallel(config: MkDocsConfig, workers: int) -> bool:
    """Whether :func:`build` may spread the work: several cores, ``fork``, known plugins."""
    return (workers > 1 and "fork" in multiprocessing.get_all_start_methods()
            and set(config.plugins) <= KNOWN_PLUGINS)


class _Capture(logging.Handler):
    """Keeps a worker's log records so that the parent can replay them."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None
        record.exc_info = record.exc_text = None
        self.records.append(record)

    def take(self) -> list[logging.LogRecord]:
        records, self.records = self.records, []
        return records


_CAPTURE = _Capture()


def _worker_start(parent: int) -> None:
    """In a new worker: end with the ``parent`` process, and send every log record to
    :data:`_CAPTURE` instead of the console."""
    die_with_parent(parent)
    for name in ("", "mkdocs"):
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.addHandler(_CAPTURE)
    logging.getLogger("mkdocs").propagate = False  # each record is captured once


def _replay(records: list[logging.LogRecord]) -> None:
    for record in records:
        logger = logging.getLogger(record.name)
        if logger.isEnabledFor(record.levelno):
            logger.handle(record)


def _run(task: Any, index: int) -> _Outcome:
    _CAPTURE.take()
    try:
        return _Outcome(result=task(index), records=_CAPTURE.take())
    except Exception as error:  # sent to the parent, which raises it after replaying the log
        try:
            pickle.dumps(error)
        except Exception:
            error = BuildError(f"{type(error).__name__}: {error}")
        return _Outcome(records=_CAPTURE.take(), error=error)


def _render_current(page: Page, config: MkDocsConfig, files: Files) -> None:
    """:meth:`Page.render` with ``page`` as the current page (of MkDocs and of autorefs, whose
    heading scanner registers headings with it)."""
    autorefs = config.plugins.get("autorefs")
    if autorefs is not None:
        autorefs.current_page = page
    config._current_page = page
    try:
        page.render(config, files)
    except Exception as error:
        log.error(f"Error reading page '{page.file.src_uri}': {error}")
        raise
    finally:
        config._current_page = None


def _convert(index: int) -> Converted:
    assert _SHARED is not None
    config, files, page = _SHARED.config, _SHARED.files, _SHARED.pages[index]
    anchors: list[tuple[str, str | None, str | None, bool]] = []
    autorefs = config.plugins.get("autorefs")
    if autorefs is not None:

        def record(_page: Page, identifier: str, anchor: str | None = None, *,
                   title: str | None = None, primary: bool = True) -> None:
            anchors.append((identifier, anchor, title, primary))

        autorefs.register_anchor = record
    _render_current(page, config, files)
    links = page.links_to_anchors
    return Converted(
        content=page.content or "", toc=page.toc, title=page._title_from_render,
        present_anchor_ids=page.present_anchor_ids,
        links_to_anchors=None if links is None else {f.src_uri: d for f, d in links.items()},
        anchors=anchors)


def _convert_task(index: int) -> _Outcome:
    return _run(_convert, index)


def _render(index: int) -> list[dict[str, Any]]:
    assert _SHARED is not None
    shared = _SHARED
    file = shared.doc_files[index]
    entries = _search_entries(shared.config)
    before = len(entries) if entries is not None else 0
    assert shared.nav is not None  # _render_pages shares the navigation
    mkdocs_build._build_page(file.page, shared.config, shared.doc_files, shared.nav, shared.env,
                             False, excluded=file.inclusion.is_excluded())
    return entries[before:] if entries is not None else []


def _render_task(index: int) -> _Outcome:
    return _run(_render, index)


def _search_entries(config: MkDocsConfig) -> list[dict[str, Any]] | None:
    """The list Material's search plugin appends page entries to, if it is in use."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(plugin, "search_index", None)
    return getattr(index, "entries", None)


def _pool_map(task: Any, count: int, workers: int,
              meanwhile: Callable[[], None] | None = None) -> list[_Outcome]:
    """Run ``task(0..count-1)`` in ``workers`` forked processes; results in order. The
    parent runs ``meanwhile`` while the workers work."""
    if count == 0:
        if meanwhile is not None:
            meanwhile()
        return []
    gc.freeze()  # objects inherited by fork are not copied again by the garbage collector
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(workers, initializer=_worker_start, initargs=(os.getpid(),)) as pool:
            chunk = max(1, min(4, count // (workers * 8)))  # small: workers finish together
            results = pool.imap(task, range(count), chunksize=chunk)
            if meanwhile is not None:
                meanwhile()
            return list(results)
    finally:
        gc.unfreeze()


def _settle(outcome: _Outcome) -> Any:
    _replay(outcome.records)
    if outcome.error is not None:
        raise outcome.error
    return outcome.result


def _apply(page: Page, converted: Converted, files: Files, config: MkDocsConfig) -> None:
    page.content = converted.content
    page.toc = converted.toc
    page._title_from_render = converted.title
    page.present_anchor_ids = converted.present_anchor_ids
    if converted.links_to_anchors is not None:
        # ignore: every uri is the src_uri of one of these files, so no key is None.
        page.links_to_anchors = {files.get_file_from_path(uri): links  # type: ignore[misc]
                                 for uri, links in converted.links_to_anchors.items()}
    autorefs = config.plugins.get("autorefs")
    for identifier, anchor, title, primary in converted.anchors:
        assert autorefs is not None  # anchors are recorded only when autorefs is in use
        autorefs.register_anchor(page, identifier, anchor, title=title, primary=primary)


def _read(page: Page, config: MkDocsConfig, files: Files) -> Page:
    """``_populate_page`` up to the Markdown events (the parent's half of step 1)."""
    config._current_page = page
    try:
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        assert page.markdown is not None
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config,
                                                        files=files)
        return page
    except Exception as error:
        message = f"Error reading page '{page.file.src_uri}':"
        if not isinstance(error, BuildError):
            message += f" {error}"
        log.error(message)
        raise
    finally:
        config._current_page = None


def _finish(page: Page, config: MkDocsConfig, files: Files) -> None:
    config._current_page = page
    try:
        assert page.content is not None  # as in MkDocs' _populate_page
        page.content = config.plugins.on_page_content(page.content, page=page, config=config,
                                                      files=files)
    finally:
        config._current_page = None


def _cached_map(task: Any, items: list[Any], keys: list[str], store: dict[str, _Outcome] | None,
                workers: int, cache: BuildCache | None,
                meanwhile: Callable[[], None] | None = None) -> list[_Outcome]:
    """``task`` over ``items`` in worker processes, reusing outcomes cached under ``keys``;
    the parent runs ``meanwhile`` while the workers work."""
    global _SHARED
    assert _SHARED is not None
    if store is None or cache is None:
        return _pool_map(task, len(items), workers, meanwhile)
    missing = [i for i, key in enumerate(keys) if key not in store]
    cache.hits += len(items) - len(missing)
    cache.misses += len(missing)
    shared = _SHARED
    _SHARED = _Shared(shared.config, shared.files, [shared.pages[i] for i in missing]
                      if shared.pages else [], nav=shared.nav, env=shared.env,
                      doc_files=[shared.doc_files[i] for i in missing]
                      if shared.doc_files else None)
    try:
        fresh = _pool_map(task, len(missing), workers, meanwhile)
    finally:
        _SHARED = shared
    for i, outcome in zip(missing, fresh, strict=True):
        if outcome.error is None:
            store[keys[i]] = outcome
        else:
            store.pop(keys[i], None)
    by_index = dict(zip(missing, fresh, strict=True))
    outcomes = [by_index[i] if i in by_index else store[keys[i]] for i in range(len(items))]
    current = set(keys)
    for key in [k for k in store if k not in current]:  # pages edited since: forget them
        del store[key]
    return outcomes


def _populate(pages: list[Page], config: MkDocsConfig, files: Files, workers: int,
              cache: BuildCache | None) -> None:
    global _SHARED
    deferred: list[Page] = []
    own: list[Page] = []
    for page in pages:
        page = _read(page, config, files)
        (own if MKDOCSTRINGS_BLOCK.search(page.markdown or "") else deferred).append(page)

    def convert_own() -> None:
        for page in own:
            _render_current(page, config, files)
            _finish(page, config, files)

    keys = [_digest(cache.signature, p.file.src_uri, p.markdown) if cache else ""
            for p in deferred]
    _SHARED = _Shared(config, files, deferred)
    try:
        outcomes = _cached_map(_convert_task, deferred, keys,
                               cache.converted if cache else None, workers, cache,
                               meanwhile=convert_own)
    finally:
        _SHARED = None
    for page, outcome in zip(deferred, outcomes, strict=True):
        _apply(page, _settle(outcome), files, config)
        _finish(page, config, files)


def _render_key(cache: BuildCache, file: Any) -> str:
    page = file.page
    return _digest(cache.signature, cache.nav_signature, file.src_uri, page.url, page.title,
                   page.content, _toc_outline(page.toc),
                   json.dumps(page.meta, sort_keys=True, default=str), file.inclusion)


def _toc_outline(items: Any) -> list[object]:
    return [(item.title, item.id, item.level, _toc_outline(item.children)) for item in items]


def _render_pages(config: MkDocsConfig, doc_files: Any, nav: Navigation, env: Any,
                  workers: int, cache: BuildCache | None) -> None:
    global _SHARED
    files = list(doc_files)
    keys = [_render_key(cache, f) if cache else "" for f in files]
    for key, file in zip(keys, files, strict=True):
        if cache and not os.path.exists(file.abs_dest_path):
            cache.rendered.pop(key, None)  # its file is gone: render it again
    _SHARED = _Shared(config, Files([]), [], nav=nav, env=env, doc_files=files)
    try:
        outcomes = _cached_map(_render_task, files, keys,
                               cache.rendered if cache else None, workers, cache)
    finally:
        _SHARED = None
    entries = _search_entries(config)
    for outcome in outcomes:
        added = _settle(outcome)
        if entries is not None:
            entries.extend(added)


def build(config: MkDocsConfig, *, serve_url: str | None = None, dirty: bool = False,
          workers: int | None = None, cache: BuildCache | None = None) -> None:
    """Build the site as :func:`mkdocs.commands.build.build` does, using ``workers``
    processes (default: every available core).

    With a ``cache`` (kept by the caller between rebuilds), pages whose inputs did not change
    are neither converted nor rendered again, and ``site_dir`` is not emptied first: their
    files from the previous build stay. Only ``ocopkit serve`` passes one."""
    workers = available_cores() if workers is None else workers
    if dirty or not can_run_parallel(config, workers):
        mkdocs_build.build(config, serve_url=serve_url, dirty=dirty)
        return
    logger = logging.getLogger("mkdocs")
    warning_counter = CountHandler()
    warning_counter.setLevel(logging.WARNING)
    if config.strict:
        logger.addHandler(warning_counter)
    inclusion = InclusionLevel.is_in_serve if serve_url else InclusionLevel.is_included
    try:
        start = time.monotonic()
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        if cache is None:
            clean_directory(config.site_dir)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        if cache is not None:
            cache.signature = _inputs_signature(config, files)

        pages: list[Page] = []
        excluded: list[str] = []
        for file in files.documentation_pages(inclusion=inclusion):
            if file.page is None and file.inclusion.is_not_in_nav():  # type: ignore[no-untyped-call]  # unannotated in mkdocs 1.6.1
                if serve_url and file.inclusion.is_excluded():  # type: ignore[no-untyped-call]  # as above
                    excluded.append(urljoin(serve_url, file.url))
                Page(None, file, config)
            assert file.page is not None
            pages.append(file.page)
        _populate(pages, config, files, workers, cache)
        if excluded:
            log.info("Built only for the preview (draft_docs):\n  - " + "\n  - ".join(excluded))

        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files(dirty=cache is not None, inclusion=inclusion)
        for template in config.theme.static_templates:
            mkdocs_build._build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            mkdocs_build._build_extra_template(template, files, config, nav)

        doc_files = files.documentation_pages(inclusion=inclusion)
        if cache is not None:
            cache.nav_signature = _nav_signature(nav)
        _render_pages(config, doc_files, nav, env, workers, cache)

        log_level = config.validation.links.anchors
        for file in doc_files:
            assert file.page is not None
            file.page.validate_anchor_links(files=files, log_level=log_level)

        config.plugins.on_post_build(config=config)
        if counts := warning_counter.get_counts():
            msg = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
            raise Abort(f"Aborted with {msg} in strict mode!")
        logging.getLogger("mkdocs.commands.build").info(
            f"Documentation built in {time.monotonic() - start:.2f} seconds "
            f"({workers} processes)")
    except Exception as error:
        config.plugins.on_build_error(error=error)
        if isinstance(error, BuildError):
            log.error(str(error))
            raise Abort("Aborted with a BuildError!") from error
        raise
    finally:
        logger.removeHandler(warning_counter)
