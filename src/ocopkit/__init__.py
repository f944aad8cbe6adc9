"""ocopkit: the OCOP criteria as data, scoring, and the tools that publish them.

The public API::

    from ocopkit import load_catalogue, score
    catalogue = load_catalogue()  # the official editions the package carries
    # or load_catalogue(Path("docs/criteria")) for the editions of a folder
    result = score(catalogue.current, "I.1.a", {"1.1": 3, ...})
    result.total, result.stars, result.blocking
"""

from ocopkit.criteria import (
    Catalogue,
    Criterion,
    Edition,
    Option,
    ProductSet,
    check_catalogue,
    load_catalogue,
    load_edition,
)
from ocopkit.criteria.export import export_edition
from ocopkit.errors import ContentError, Problem
from ocopkit.scoring import AnswerError, Blocker, Score, score

__version__ = "0.1.0"

__all__ = [
    "AnswerError",
    "Blocker",
    "Catalogue",
    "ContentError",
    "Criterion",
    "Edition",
    "Option",
    "Problem",
    "ProductSet",
    "Score",
    "check_catalogue",
    "export_edition",
    "load_catalogue",
    "load_edition",
    "score",
]
