"""The MkDocs adapter: the only package of ocopkit that imports mkdocs."""
