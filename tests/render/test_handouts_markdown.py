"""A guide's Markdown in print: trainer blocks kept or dropped, links pointing at the site."""

from __future__ import annotations

import pytest

from ocopkit.render.handouts.markdown import (
    PLAIN,
    SiteMarkdown,
    print_markdown,
    render_markdown,
    site_link,
    split_trainer_blocks,
)

BODY = """# Bài

Đoạn đầu.

??? trainer "Ghi chú cho giảng viên"
    Đáp án: 3 sao.

    Dòng thứ hai.

Đoạn sau."""

SITE = "https://ocop.example/tinh/"


def test_the_trainee_edition_drops_trainer_blocks() -> None:
    assert split_trainer_blocks(BODY, keep=False) == "# Bài\n\nĐoạn đầu.\n\nĐoạn sau."


def test_the_trainer_edition_opens_them() -> None:
    out = split_trainer_blocks(BODY, keep=True)
    assert '!!! trainer "Ghi chú cho giảng viên"\n    Đáp án: 3 sao.' in out
    assert "???" not in out and out.endswith("Đoạn sau.")


@pytest.mark.parametrize(("href", "target"), [
    ("../criteria/qd-26-2026/i-1-a.md", SITE + "criteria/qd-26-2026/i-1-a/"),
    ("../criteria/index.md#cac-phien-ban", SITE + "criteria/#cac-phien-ban"),
    ("doc-phieu-cham.md", SITE + "guides/doc-phieu-cham/"),
    ("../assets/mau.pdf", SITE + "assets/mau.pdf"),
    ("#muc-2", "#muc-2"),
    ("https://ocop.gov.vn/", "https://ocop.gov.vn/"),
    ("mailto:htx@example.org", "mailto:htx@example.org"),
    ("file:///etc/passwd", None),
    ("../../ngoai.md", None),
    ("/tuyet-doi.md", None),
    ("//host/x", None),
    ("javascript:alert(1)", None),
])
def test_links_point_at_the_online_site(href: str, target: str | None) -> None:
    assert site_link(href, "guides/bai.md", SITE) == target


def test_rendered_links_carry_no_local_path() -> None:
    html = render_markdown("[phiếu](../criteria/qd-26-2026/i-1-a.md) [tệp](file:///etc/x)",
                           "guides/bai.md", SITE)
    assert html == (f'<p><a href="{SITE}criteria/qd-26-2026/i-1-a/">phiếu</a> <a>tệp</a></p>')


def test_print_uses_the_sites_extensions_without_the_web_only_ones() -> None:
    site = (("toc", {"permalink": True}), ("tables", {}), ("abbr", {}),
            ("pymdownx.tasklist", {"custom_checkbox": True, "clickable_checkbox": True}))
    assert print_markdown(site) == (
        ["tables", "abbr", "pymdownx.tasklist", "ocopkit.render.quickinline"],
        {"pymdownx.tasklist": {"custom_checkbox": False, "clickable_checkbox": False}})
    html = render_markdown("## Mục\n\n- [ ] hộp\n", "guides/bai.md", SITE, site)
    assert "¶" not in html and "<input" not in html and "task-list-indicator" not in html


@pytest.mark.parametrize("site", [
    PLAIN, (("pymdownx.tasklist", {"custom_checkbox": True, "clickable_checkbox": True}),)])
def test_task_list_boxes_print_as_glyphs_before_their_text(site: SiteMarkdown) -> None:
    body = ("- [ ] Sổ ghi chép **theo lô**\n- [x] Đã có\n- thường\n\n"
            "Đoạn: `<input type=\"checkbox\" disabled/>` là mã, không phải hộp.\n\n"
            "- [ ] Mục rời\n\n    Đoạn thứ hai.\n\n    - [ ] Mục con\n")
    html = render_markdown(body, "guides/bai.md", SITE, site)
    assert html == (
        '<ul class="task-list">\n'
        '<li class="task-list-item"><span class="box">☐</span>Sổ ghi chép '
        "<strong>theo lô</strong></li>\n"
        '<li class="task-list-item"><span class="box">☑</span>Đã có</li>\n'
        "<li>thường</li>\n</ul>\n"
        "<p>Đoạn: <code>&lt;input type=\"checkbox\" disabled/&gt;</code> là mã, không "
        "phải hộp.</p>\n"
        '<ul class="task-list">\n<li class="task-list-item">\n'
        '<p><span class="box">☐</span>Mục rời</p>\n<p>Đoạn thứ hai.</p>\n'
        '<ul class="task-list">\n'
        '<li class="task-list-item"><span class="box">☐</span>Mục con</li>\n'
        "</ul>\n</li>\n</ul>")
