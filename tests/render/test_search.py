"""Vietnamese diacritic folding, on its own and applied to a search index."""

from __future__ import annotations

import unicodedata

from ocopkit.render.search import search_script
from ocopkit.source.text import fold_diacritics, fold_table


def test_folds_every_vietnamese_vowel_and_tone() -> None:
    assert fold_diacritics("Sản phẩm đạt chuẩn") == "san pham dat chuan"
    assert fold_diacritics("ăâêôơư ĂÂÊÔƠƯ àáảãạ ằắẳẵặ ầấẩẫậ") == (
        "aaeoou aaeoou aaaaa aaaaa aaaaa")
    assert fold_diacritics("Hợp tác xã Ước Mơ, Nguyễn Thị Hường") == (
        "hop tac xa uoc mo, nguyen thi huong")


def test_d_with_stroke_has_its_own_rule() -> None:
    assert unicodedata.decomposition("đ") == ""  # does not decompose, hence the rule
    assert fold_diacritics("đ Đ đồng ĐỒNG THÁP") == "d d dong dong thap"


def test_decomposed_and_precomposed_input_fold_alike() -> None:
    nfc = "Mã số vùng trồng Đồng Tháp"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    assert fold_diacritics(nfd) == fold_diacritics(nfc) == "ma so vung trong dong thap"


def test_mixed_case_and_ascii_pass_through() -> None:
    assert fold_diacritics("OCOP HTX VietGAP") == "ocop htx vietgap"
    assert fold_diacritics("") == ""


def test_fold_table_covers_every_vietnamese_letter() -> None:
    table = fold_table()
    letters = "aăâeêioôơuưy"  # the vowels that carry tones
    tones = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
    for base in letters:
        for tone in tones:
            letter = unicodedata.normalize("NFC", base + tone)
            if len(letter) == 1:
                assert table.get(letter, letter) == fold_diacritics(letter), letter
    assert table["đ"] == "d" and table["ự"] == "u" and table["ỹ"] == "y"
    assert all(len(k) == 1 and v.isascii() for k, v in table.items())


def test_browser_script_embeds_the_table_and_field_names() -> None:
    script = search_script()
    assert "__FOLD_TABLE__" not in script and "__FOLDED_FIELDS__" not in script
    assert '"ự": "u"' in script
    assert '"title": "folded_title"' in script and '"boost": 0.9' in script


def test_the_index_is_split_into_titles_first_and_the_whole_compact_utf8() -> None:
    import html
    import json

    from ocopkit.render.search import FIRST_STAGE_TEXT, split_index

    long = "<p>Bước " + " ".join(f"đóng gói {i} &amp; nhãn" for i in range(40)) + "</p>"
    data = {"config": {"lang": ["vi"]}, "docs": [
        {"location": "a/", "title": "Sản phẩm <b>", "text": long, "tags": ["Học viên"]},
        {"location": "a/#phan-1", "title": "Phần 1", "text": "<p>đạt \u2028 chuẩn \"x\"</p>"},
        {"location": "b/", "title": "Ngắn", "text": "<p>Một câu &lt;b&gt;.</p>", "boost": 2}]}
    original = json.dumps(data)  # as Material writes it: \\u escapes
    first, full = split_index(original)
    assert json.loads(full) == data
    assert "Sản phẩm" in full and "\\u1ea3" not in full and ", " not in full
    assert len(full.encode()) < len(original.encode())
    page, section, short = json.loads(first)["docs"]
    assert json.loads(first)["config"] == data["config"]
    assert section == {**data["docs"][1], "text": ""}  # headings, no section text
    assert {k: v for k, v in page.items() if k != "text"} == {
        k: v for k, v in data["docs"][0].items() if k != "text"}
    # The page's opening words: no tag left open, no entity cut, at a word boundary.
    assert page["text"].startswith("Bước đóng gói 0 &amp; nhãn đóng gói 1")
    assert page["text"].endswith("…") and "<" not in page["text"]
    words = html.unescape(page["text"])[:-1]
    plain = "Bước " + " ".join(f"đóng gói {i} & nhãn" for i in range(40))
    assert len(words) <= FIRST_STAGE_TEXT and plain.startswith(words + " ")
    assert short == {**data["docs"][2], "text": "Một câu &lt;b&gt;."}
    assert len(first.encode()) < len(full.encode()) / 2
