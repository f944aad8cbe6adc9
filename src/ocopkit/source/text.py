"""Text folding for Vietnamese search: queries typed without diacritics find accented words.

:func:`fold_diacritics` maps text to lower-case letters without tone marks the way a trainee
types on a phone without a Vietnamese keyboard ("Đạt chuẩn" → "dat chuan"); :func:`fold_table`
is the same mapping letter by letter, for the browser script of :mod:`ocopkit.render.search`.
"""

from __future__ import annotations

import unicodedata

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
