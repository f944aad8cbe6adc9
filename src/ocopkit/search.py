"""Vietnamese search folding: queries typed without diacritics find the accented words.

:func:`fold_diacritics` maps text to lower-case ASCII letters the way a trainee types on a phone
without a Vietnamese keyboard ("Đạt chuẩn" → "dat chuan"). :func:`search_script` builds the
browser side: a script that gives every document of the search index the folded forms of its
words (in two extra fields with lower boosts than the originals, so an accented query still
matches and ranks the exact words first), normalises queries to NFC and puts results that
contain the whole query as a phrase first. The script folds with a table generated here, from
:func:`fold_diacritics`, so the browser and the tests fold the same way.
"""

from __future__ import annotations

import json
import unicodedata
from importlib.resources import files

FOLDED_TITLE, FOLDED_TEXT = "folded_title", "folded_text"
FOLDED_BOOST = 0.9
"""Boost of the folded fields relative to title and text."""
VIETNAMESE_LETTERS = ("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
                      "ñçðäëïöüÿ")
_SPECIAL = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


def fold_diacritics(text: str) -> str:
    """Lower-case ``text`` and strip Vietnamese diacritics (``đ`` → ``d`` included).

    Works on NFC or NFD input: text is decomposed, combining marks dropped, and ``đ``, which
    has no decomposition, is mapped on its own.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).lower()


def fold_table() -> dict[str, str]:
    """Lower-case letter → folded letter, for every letter that folding changes."""
    return {ch: fold_diacritics(ch) for ch in VIETNAMESE_LETTERS if fold_diacritics(ch) != ch}


def search_script() -> str:
    """The browser script (``search_fold.js``) with the fold table and field names filled in."""
    template = files("ocopkit").joinpath("search_fold.js").read_text(encoding="utf-8")
    fields = {"title": FOLDED_TITLE, "text": FOLDED_TEXT, "boost": FOLDED_BOOST}
    return (template.replace("__FOLD_TABLE__", json.dumps(fold_table(), ensure_ascii=False))
            .replace("__FOLDED_FIELDS__", json.dumps(fields)))
