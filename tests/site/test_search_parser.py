"""The fast search parser finds the same sections, titles and texts as Material's."""

from __future__ import annotations

import pytest
from material.plugins.search.plugin import Parser

from ocopkit.mkdocs_plugin.engine.searchparser import FastParser

CASES = {
    "headings and permalinks": (
        '<h1 id="ocop">OCOP <a class="headerlink" href="#ocop" title="Permanent link">¶</a></h1>'
        '<p>Sản phẩm &amp; <code>x &lt; 3</code></p>\n<h2 id="b">Phần <em>B</em></h2>\n'
        "<ul>\n<li>Một</li>\n<li>\n</li></ul>"),
    "preface before the first heading": '<p>Lời mở đầu</p><h2 id="a">A</h2><p>nội dung</p>',
    "script and style are skipped": (
        '<h1 id="t">T</h1><script>if (a < b) { x = "<div>"; }</script>'
        "<style>p > a { color: red }</style><p>sau</p>"),
    "excluded blocks and line numbers": (
        '<h1 id="t">T</h1><div data-search-exclude><p>ẩn</p></div>'
        '<table><tr><td class="linenodiv"><pre>1\n2</pre></td><td>mã</td></tr></table>'),
    "self-closing and void tags, entities in attributes": (
        '<h1 id="t">T</h1><p>a<br>b<br/>c<img alt="x &quot;y&quot;" src=a.png>'
        '<svg viewBox="0 0 24 24"><path d="M12 8"/></svg> d</p>'),
    "comments, stray angle brackets and pre": (
        '<h1 id="t">T</h1><!-- chú thích --><p>3 < 5 và 7 > 2</p>'
        "<pre><code>  thụt lề\n\n  giữ nguyên</code></pre>"),
    "nested headings in details": (
        '<h1 id="t">T</h1><details class="trainer"><summary>Ghi chú</summary>'
        '<h3 id="n">Đáp án</h3><p>100 điểm</p></details><p>tiếp</p>'),
    "text around a comment": '<h1 id="t">T</h1><p>trước <!-- c --> sau &lt; x</p>',
    "nested excluded blocks and empty paragraphs": (
        '<p>mở</p><div data-search-exclude><div>trong</div> vẫn ẩn?</div><p> </p><p>a</p>'
        '<p>\n</p><h2 id="x">X <a class="headerlink" href="#x"><span>¶</span></a> sau</h2>'
        "<ol><li><p>một</p></li><li></li></ol><pre>  a\n\n   b  </pre>   \n  <sub>2</sub>"),
    "heading without id and nested sections": (
        '<h2>không id</h2><div><h3 id="a">A</h3><p>a</p></div><p>ngoài</p>'
        '<h4 id="b" data-search-exclude>B</h4><p>b</p>'),
    "upper-case tags and unquoted attributes": '<H2 ID=x>Tiêu đề</H2><P CLASS=a>Đoạn</P>',
}


def _sections(cls: type[Parser] | type[FastParser], html: str) -> list[tuple[object, ...]]:
    parser = cls()
    parser.feed(html)
    parser.close()
    return [(repr(s), s.id, s.title, s.text, s.depth, s.is_excluded()) for s in parser.data]


@pytest.mark.parametrize("html", CASES.values(), ids=CASES.keys())
def test_fast_parser_finds_the_same_sections(html: str) -> None:
    assert _sections(FastParser, html) == _sections(Parser, html)
