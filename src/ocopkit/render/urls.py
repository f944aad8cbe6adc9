"""Where generated pages live on a site: their paths under the docs folder and their URLs."""

from __future__ import annotations

from ocopkit.criteria.model import Edition, ProductSet
from ocopkit.source.project import DEFAULT_LAYOUT, Layout

ONLINE_SCHEMES = ("http", "https", "mailto", "tel")
"""Link targets a printed page may keep: addresses on the web, e-mail and phone links."""


def slug(code: str) -> str:
    """``"I.1.a"`` → ``"i-1-a"`` (file and URL name of a product set page)."""
    return code.lower().replace(".", "-")


def edition_path(edition: Edition, layout: Layout = DEFAULT_LAYOUT) -> str:
    """``criteria/<edition>/index.md`` (in the layout's criteria folder)."""
    return f"{layout.criteria}/{edition.id}/index.md"


def product_set_path(edition: Edition, product_set: ProductSet,
                     layout: Layout = DEFAULT_LAYOUT) -> str:
    """``criteria/<edition>/<slug>.md`` (in the layout's criteria folder)."""
    return f"{layout.criteria}/{edition.id}/{slug(product_set.code)}.md"


def evidence_path(product_set: ProductSet, layout: Layout = DEFAULT_LAYOUT) -> str:
    """``toolkits/minh-chung/<slug>.md``: the evidence checklist of a product set."""
    return f"{layout.toolkits}/minh-chung/{slug(product_set.code)}.md"


FEED = "feed.xml"
"""The Atom feed of change notes, at the site's root: Material fetches ``sitemap.xml`` beside
every ``<link rel="alternate">`` of a page (for its language switch), and only at the root is
one there."""


def feed_path() -> str:
    """The Atom feed of change notes (:data:`FEED`), relative to the docs folder."""
    return FEED


def changes_folder(layout: Layout = DEFAULT_LAYOUT) -> str:
    """The pages of what changed between editions."""
    return f"{layout.criteria}/changes"


def feed_stylesheet_path() -> str:
    """The stylesheet a browser shows the Atom feed with, beside the feed."""
    return "feed.css"


def feed_help_path(layout: Layout = DEFAULT_LAYOUT) -> str:
    """The page that says what the feed is and how to follow it."""
    return f"{changes_folder(layout)}/theo-doi.md"


def page_url(site_url: str, page: str) -> str:
    """The URL of a docs page (``guides/x.md`` → ``{site_url}guides/x/``)."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    path = page.removesuffix(".md").removesuffix("index")
    return base + (path + "/" if path and not path.endswith("/") else path)
