"""The browser side of Vietnamese search folding (:func:`ocopkit.source.text.fold_diacritics`).

:func:`search_script` builds a script that gives every document of the search index the folded
forms of its words (in two extra fields with lower boosts than the originals, so an accented
query still matches and ranks the exact words first), normalises queries to NFC and puts results
that contain the whole query as a phrase first. The script folds with a table generated from
:func:`~ocopkit.source.text.fold_table`, so the browser and the tests fold the same way.

:func:`split_index` turns Material's index into two stages: titles and headings, which a phone
downloads before its first result, and the whole index, which the first query loads.
"""

from __future__ import annotations

import html
import json
import re
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
            .replace("__FOLDED_FIELDS__", json.dumps(fields))
            .replace("__FULL_INDEX__", json.dumps({"json": SEARCH_FULL,
                                                   "script": SEARCH_FULL_SCRIPT})))


SEARCH_INDEX = "search/search_index.json"
"""Where Material's search plugin writes the index, in the built site. ocopkit leaves the
first stage there (what Material's page script downloads) and the whole index beside it."""
SEARCH_FULL = "search/search_full.json"
"""The whole index, which the search wrapper loads once the first stage answers."""
SEARCH_FULL_SCRIPT = "search/search_full.js"
"""The whole index as a script (``var __ocopFullIndex = …``), for copies opened from
``file://``, where a page cannot fetch a file (as Material's own ``search_index.js``)."""
FIRST_STAGE_TEXT = 160
"""Characters of a page's opening text kept in the first stage (sections keep none)."""


TAG = re.compile(r"<[^>]*>")


def _compact(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _opening(text: str, limit: int) -> str:
    """The words of ``text`` (HTML) before ``limit`` characters, cut at a word boundary with
    "…" if cut, as escaped text (tags dropped: a cut must not leave one open)."""
    words = " ".join(html.unescape(TAG.sub(" ", text)).split())
    if len(words) > limit:
        head = words[:limit]
        cut = head.rfind(" ")
        words = (head[:cut] if cut > limit // 2 else head).rstrip(" ,;:") + "…"
    return html.escape(words, quote=False)


def split_index(text: str) -> tuple[str, str]:
    """Material's search index (JSON) as two compact indexes: ``(first, full)``.

    ``first`` is what a phone downloads before its first result: every page's title, tags and
    opening words and every section's heading, with no section text. It answers what people
    type most (a guide's or a criterion's name, a heading) and grows by a few dozen bytes per
    section, where the whole index grows with every word. ``full`` is the index itself; the
    search wrapper loads it after the first stage answers and asks the question again.

    Both are written as UTF-8 rather than ``\\uXXXX`` escapes, with no spaces: the same data,
    a third smaller for Vietnamese text (servers that do not compress send it as is).
    """
    data = json.loads(text)
    docs = []
    for doc in data.get("docs", []):
        short = dict(doc)
        if "#" in str(doc.get("location", "")):
            short["text"] = ""
        else:
            short["text"] = _opening(str(doc.get("text", "")), FIRST_STAGE_TEXT)
        docs.append(short)
    return _compact({**data, "docs": docs}), _compact(data)
