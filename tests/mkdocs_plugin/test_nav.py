"""Generated pages reach MkDocs' nav as plain entries: one section per folder, titles escaped."""

from __future__ import annotations

from ocopkit.mkdocs_plugin.nav import expand, folder_tree
from ocopkit.render.pages import GeneratedPage


def _page(path: str, title: str, nav_title: str = "") -> GeneratedPage:
    return GeneratedPage(path, f"# {title}\n", title, nav_title=nav_title)


def test_folder_tree_makes_one_section_per_folder_titled_by_its_index() -> None:
    pages = [_page("criteria/index.md", "Bộ tiêu chí"),
             _page("criteria/qd-1/index.md", "Quyết định 1: bộ tiêu chí cũ"),
             _page("criteria/qd-1/i-1-a.md", "I.1.a Rau"),
             _page("criteria/qd-2/index.md", "Quyết định 2"),
             _page("criteria/qd-2/i-1-a.md", "I.1.a Rau <tươi> & \"sạch\"")]
    assert folder_tree(pages, "criteria/index.md") == [
        {"Quyết định 1": ["criteria/qd-1/index.md", {"I.1.a Rau": "criteria/qd-1/i-1-a.md"}]},
        {"Quyết định 2": ["criteria/qd-2/index.md",
                          {"I.1.a Rau &lt;tươi&gt; &amp; &quot;sạch&quot;":
                           "criteria/qd-2/i-1-a.md"}]}]


def test_a_page_names_itself_shorter_in_the_nav() -> None:
    page = _page("self-assessment/i-1-a.md", "Tự đánh giá I.1.a Rau", "I.1.a Rau")
    assert (page.label, _page("x.md", "X").label) == ("I.1.a Rau", "X")


def test_expand_puts_entries_under_the_section_index_wherever_it_is() -> None:
    nav = ["index.md", {"Hướng dẫn": "guides/index.md"},
           {"Khác": [{"Khóa": "courses/index.md"}, "about.md"]}, "courses/index.md"]
    sections = {"guides/index.md": [{"Bài 1": "guides/a.md"}],
                "courses/index.md": [{"Khóa 1": "courses/k.md"}]}
    assert expand(nav, sections) == [
        "index.md", {"Hướng dẫn": ["guides/index.md", {"Bài 1": "guides/a.md"}]},
        {"Khác": [{"Khóa": ["courses/index.md", {"Khóa 1": "courses/k.md"}]}, "about.md"]},
        ["courses/index.md", {"Khóa 1": "courses/k.md"}]]
