"""Editions on the real site: archive, banners, "Những thay đổi" pages and the Atom feed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from ocopkit.criteria import load_catalogue
from ocopkit.criteria.changes import check_change_notes

from ..conftest import DOCS
from ..htmlpage import Page, text

CATALOGUE = load_catalogue(DOCS / "criteria")
ATOM = "{http://www.w3.org/2005/Atom}"


def test_three_editions_exactly_one_current() -> None:
    assert [e.id for e in CATALOGUE.editions] == ["qd-26-2026", "qd-148-2023", "qd-1048-2019"]
    assert [e.id for e in CATALOGUE.editions if e.status == "current"] == ["qd-26-2026"]
    old = CATALOGUE.get("qd-1048-2019")
    assert old is not None and old.replaced_by == "qd-148-2023"
    # All 26 sheets from the complete text. VI.1's printed Part A adds up to 34, not 35, and
    # the text does not show which figure is wrong: written as printed, with its sum_note.
    assert len(old.product_sets) == 26 and not old.untranscribed
    assert {p.code: p.max for p in old.parts} == {"A": 35, "B": 25, "C": 40}
    for sheet in old.product_sets:
        expected = [34, 25, 40] if sheet.code == "VI.1" else [35, 25, 40]
        assert [p.max for p in sheet.parts] == expected, sheet.code
        notes = [p.part for p in sheet.parts if p.sum_note]
        assert notes == (["A"] if sheet.code == "VI.1" else []), sheet.code
    assert not CATALOGUE.get("qd-148-2023").sheets_available  # type: ignore[union-attr]


def test_old_edition_pages_carry_a_banner_and_the_current_do_not(built_site: Path) -> None:
    old = Page(built_site / "criteria" / "qd-1048-2019" / "i-1-1" / "index.html")
    banner = [d for d in old.all("div", class_="warning")]
    assert banner and "Phiên bản cũ, không còn áp dụng" in text(banner[0])
    assert "26/2026/QĐ-TTg" in text(banner[0])
    current = Page(built_site / "criteria" / "qd-26-2026" / "i-1-a" / "index.html")
    assert not current.all("div", class_="warning")
    no_sheets = Page(built_site / "criteria" / "qd-148-2023" / "index.html")
    assert "Chưa có dữ liệu phiếu" in text(no_sheets.root)


def test_archive_lists_every_edition(built_site: Path) -> None:
    index = Page(built_site / "criteria" / "index.html")
    rows = [text(r) for t in index.all("table")
            for r in t.iter("{http://www.w3.org/1999/xhtml}tr")][1:]
    assert [r.split()[0] for r in rows] == ["26/2026/QĐ-TTg", "148/QĐ-TTg", "1048/QĐ-TTg"]


def test_changes_pages_for_consecutive_pairs_and_1048_to_2026(built_site: Path) -> None:
    folder = built_site / "criteria" / "changes"
    names = sorted(p.name for p in folder.iterdir() if p.is_dir())
    assert names == ["qd-1048-2019--qd-148-2023", "qd-1048-2019--qd-26-2026",
                     "qd-148-2023--qd-26-2026", "theo-doi"]  # and how to follow the feed
    direct = Page(folder / "qd-1048-2019--qd-26-2026" / "index.html")
    body = text(direct.root)
    assert "Phần A: 35 → 40 điểm" in body and "Phần C: 40 → 35 điểm" in body
    # Every 1048 sheet is in the data (VI.1 too, as printed), each matched to its 2026 set.
    assert len(direct.all("h3")) == 23
    assert "Chưa so sánh được" not in body and "VI.1 → VI.1" in body
    gap = Page(folder / "qd-1048-2019--qd-148-2023" / "index.html")
    assert "Không so sánh được từng phiếu" in text(gap.root)


def test_feed_parses_and_lists_every_change_note(built_site: Path) -> None:
    notes, problems = check_change_notes(DOCS / "criteria", CATALOGUE)
    assert problems == []
    feed = ET.parse(built_site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [n.title for n in notes]
    assert all(e.find(f"{ATOM}link").get("href", "").startswith("https://")  # type: ignore[union-attr]
               for e in entries)
    home = Page(built_site / "index.html")
    links = [x for x in home.all("link") if x.get("type") == "application/atom+xml"]
    assert links and links[0].get("href") == "feed.xml"
    # A browser shows the feed with the stylesheet served beside it.
    raw = (built_site / "feed.xml").read_text(encoding="utf-8")
    assert raw.splitlines()[1] == '<?xml-stylesheet type="text/css" href="feed.css"?>'
    assert "@namespace atom" in (built_site / "feed.css").read_text(encoding="utf-8")
    changes = Page(built_site / "criteria" / "changes" / "index.html")
    hrefs = [a.get("href") for a in changes.all("a")]
    assert "../../feed.xml" in hrefs and "theo-doi/" in hrefs
    follow = Page(built_site / "criteria" / "changes" / "theo-doi" / "index.html")
    assert "https://ocopkit.example.org/feed.xml" in text(follow.root)
