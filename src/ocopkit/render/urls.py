"""Where generated pages live on a site: their paths under the docs folder and their URLs."""

from __future__ import annotations

from ocopkit.criteria.model import Edition, ProductSet

SECTION = "criteria"
"""The folder of the criteria pages."""


def slug(code: str) -> str:
    """``"I.1.a"`` → ``"i-1-a"`` (file and URL name of a product set page)."""
    return code.lower().replace(".", "-")


def edition_path(edition: Edition) -> str:
    return f"{SECTION}/{edition.id}/index.md"


def product_set_path(edition: Edition, product_set: ProductSet) -> str:
    return f"{SECTION}/{edition.id}/{slug(product_set.code)}.md"


def page_url(site_url: str, page: str) -> str:
    """The URL of a docs page (``guides/x.md`` → ``{site_url}guides/x/``)."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    path = page.removesuffix(".md").removesuffix("index")
    return base + (path + "/" if path and not path.endswith("/") else path)
