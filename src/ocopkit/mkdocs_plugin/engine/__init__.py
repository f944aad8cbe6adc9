"""The build engine on MkDocs 1.6.1: parallel build, search index parser, nav pruning,
development server. See :mod:`ocopkit.mkdocs_plugin.engine.parallel` for its contract."""
