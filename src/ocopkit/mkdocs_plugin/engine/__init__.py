"""The build engine: MkDocs 1.6.1 and Material 9.8.2 driven faster than their own commands.

The plugin (:mod:`ocopkit.mkdocs_plugin.plugin`) uses only MkDocs' public plugin API. This
package is where the adapter leans on the internals of the exact versions pinned in
``requirements.lock``; each use is listed here with the test that fails if an upgrade changes
it. MkDocs 1.x is no longer developed and Material 9.x ends on 2027-05-05, so the pins stay
exact until the engine is replaced.

- :mod:`.parallel` relies on ``mkdocs.commands.build._build_page``,
  ``_build_theme_template``, ``_build_extra_template`` and the steps of ``_populate_page``; on
  ``MkDocsConfig._current_page``; on the order of plugin events of
  ``mkdocs.commands.build.build``; and on a module-level ``_SHARED`` that forked workers
  inherit. Proved by ``tests/site/test_parallel_build.py``:
  ``test_parallel_build_of_the_real_site_equals_mkdocs_build`` compares every file of the real
  site byte for byte with MkDocs' own build, and the cache tests beside it.
- :mod:`.searchparser` relies on Material's ``material.plugins.search.plugin``
  (``SearchIndex``, ``Section``, ``Element``, ``void``) and its plugin's ``search_index``
  attribute. Proved by ``tests/site/test_search_parser.py`` (the same sections as Material's
  parser on every real page and on tricky HTML).
- :mod:`.navprune` relies on ``Navigation``, ``Section`` and ``Page`` of
  ``mkdocs.structure`` and on the names Material's templates read from ``nav``. Proved by
  ``tests/mkdocs_plugin/test_navprune.py`` and the byte-for-byte build.
- :mod:`.serve` relies on ``mkdocs.livereload.LiveReloadServer`` with its private
  ``_serve_url`` and ``_inject_js_into_html``. Proved by ``tests/site/test_serve.py``.
- :mod:`.build` relies on ``mkdocs.config.load_config`` and the ``on_startup`` and
  ``on_shutdown`` events. Proved by every site test.
"""
