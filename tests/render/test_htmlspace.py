"""Collapsing template indentation keeps what the browser shows."""

from __future__ import annotations

from ocopkit.render.htmlspace import collapse_whitespace


def test_indentation_between_tags_becomes_one_line_break() -> None:
    html = '<ul>\n    <li>\n      <a href="x">Một</a>\n    </li>\n  \n\n</ul>'
    assert collapse_whitespace(html) == '<ul>\n<li>\n<a href="x">Một</a>\n</li>\n</ul>'


def test_spaces_without_a_line_break_stay() -> None:
    assert collapse_whitespace("<p>sản  phẩm <b>OCOP</b></p>") == "<p>sản  phẩm <b>OCOP</b></p>"


def test_preformatted_script_and_style_content_is_kept() -> None:
    html = ("<div>\n   <pre><code>a:\n    b: 1\n\n  c</code></pre>\n   "
            "<script>\n  var s = `x\n    y`;\n</script>\n  <STYLE>\n  p {}\n</STYLE>\n  "
            "<textarea>\n  ghi chú\n</textarea>\n</div>")
    out = collapse_whitespace(html)
    assert "<pre><code>a:\n    b: 1\n\n  c</code></pre>" in out
    assert "<script>\n  var s = `x\n    y`;\n</script>" in out
    assert "<STYLE>\n  p {}\n</STYLE>" in out
    assert "<textarea>\n  ghi chú\n</textarea>" in out
    assert out.startswith("<div>\n<pre>") and out.endswith("</textarea>\n</div>")
