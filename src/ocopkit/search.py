"""Vietnamese search folding: queries typed without diacritics find the accented words.

:func:`fold_diacritics` maps text to lower-case ASCII letters the way a trainee types on a phone
without a Vietnamese keyboard ("Đạt chuẩn" → "dat chuan"). :func:`add_folded_fields` adds, to
each document of a Material/lunr search index, the folded forms of its words that differ from
the words themselves, in two extra fields with lower boosts than the originals: an accented
query still matches (and ranks) the exact words first, an unaccented one matches the folded
forms.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

FOLDED_TITLE, FOLDED_TEXT = "folded_title", "folded_text"
_TAGS = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+")
_SPECIAL = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


def fold_diacritics(text: str) -> str:
    """Lower-case ``text`` and strip Vietnamese diacritics (``đ`` → ``d`` included).

    Works on NFC or NFD input: text is decomposed, combining marks dropped, and ``đ``, which
    has no decomposition, is mapped on its own.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).lower()


def folded_words(text: str) -> list[str]:
    """The distinct folded forms of the words of ``text`` (HTML tags ignored) that differ from
    the word itself, in first-seen order."""
    out: dict[str, None] = {}
    for word in _WORD.findall(_TAGS.sub(" ", text)):
        folded = fold_diacritics(word)
        if folded != word.lower():
            out.setdefault(folded, None)
    return list(out)


def add_folded_fields(index: dict[str, Any], *, boost: float = 0.9) -> dict[str, Any]:
    """Return ``index`` (Material's ``search_index.json`` data) with folded fields added to its
    configuration and documents. Boosts are ``boost`` times those of title and text."""
    fields = index["config"]["fields"]
    fields[FOLDED_TITLE] = {"boost": fields["title"]["boost"] * boost}
    fields[FOLDED_TEXT] = {"boost": fields["text"]["boost"] * boost}
    for doc in index["docs"]:
        title = folded_words(doc.get("title", ""))
        text = folded_words(doc.get("text", ""))
        if title:
            doc[FOLDED_TITLE] = " ".join(title)
        if text:
            doc[FOLDED_TEXT] = " ".join(text)
    return index
