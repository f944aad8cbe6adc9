"""The browser side of Vietnamese search folding (:func:`ocopkit.source.text.fold_diacritics`).

:func:`search_script` builds a script that gives every document of the search index the folded
forms of its words (in two extra fields with lower boosts than the originals, so an accented
query still matches and ranks the exact words first), normalises queries to NFC and puts results
that contain the whole query as a phrase first. The script folds with a table generated from
:func:`~ocopkit.source.text.fold_table`, so the browser and the tests fold the same way.
"""

from __future__ import annotations

import json
from importlib.resources import files

from ocopkit.source.text import fold_table

FOLDED_TITLE, FOLDED_TEXT = "folded_title", "folded_text"
FOLDED_BOOST = 0.9
"""Boost of the folded fields relative to title and text."""
def search_script() -> str:
    """The browser script (``search_fold.js``) with the fold table and field names filled in."""
    template = files("ocopkit.render").joinpath("search_fold.js").read_text(encoding="utf-8")
    fields = {"title": FOLDED_TITLE, "text": FOLDED_TEXT, "boost": FOLDED_BOOST}
    return (template.replace("__FOLD_TABLE__", json.dumps(fold_table(), ensure_ascii=False))
            .replace("__FOLDED_FIELDS__", json.dumps(fields)))


SEARCH_INDEX = "search/search_index.json"
"""Where Material's search plugin writes the index, in the built site."""


def compact_index(text: str) -> str:
    """Material's search index (JSON) written as UTF-8 rather than ``\\uXXXX`` escapes, with no
    spaces: the same data, a third smaller for Vietnamese text (a phone on a slow connection
    downloads it before the first result; servers that do not compress send it as is)."""
    return json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))

