"""Guide pages: the metadata box shown under each guide's title, and the guides catalogue."""

from __future__ import annotations

from collections.abc import Callable

from ocopkit.content import Content
from ocopkit.content.guides import AUDIENCES, LEVELS, TOPICS, Guide
from ocopkit.render.html import esc, md_esc, minutes_label
from ocopkit.render.pages.base import GeneratedPage
from ocopkit.render.urls import slug


def guide_header(guide: Guide, content: Content, *, depth: int = 1) -> str:
    """Markdown inserted after a guide's ``# title``: who, how long, objectives, criteria."""
    up = "../" * depth
    facts = [("Đối tượng", ", ".join(AUDIENCES[a] for a in guide.audience)),
             ("Thời lượng", minutes_label(guide.duration)),
             ("Trình độ", LEVELS[guide.level]),
             ("Chủ đề", ", ".join(TOPICS[t] for t in guide.topics)),
             ("Nhóm sản phẩm", ", ".join(guide.product_groups)),
             ("Cập nhật", f"{guide.last_reviewed:%d/%m/%Y}")]
    rows = "".join(f'<tr><th scope="row">{esc(k)}</th><td>{esc(v)}</td></tr>' for k, v in facts)
    lines = [f'<table class="ocop-guide-facts"><tbody>{rows}</tbody></table>', ""]
    if guide.prerequisites:
        links = ", ".join(f"[{md_esc(_title(content, p))}]({p}.md)" for p in guide.prerequisites)
        lines += [f"**Nên học trước:** {links}", ""]
    lines += ['!!! abstract "Mục tiêu bài học"', "", "    Sau bài học, người học có thể:", ""]
    lines += [f"    - {md_esc(o)}" for o in guide.objectives]
    lines += ["", '!!! tip "Ý chính cần nhớ"', ""]
    lines += [f"    - {md_esc(k)}" for k in guide.key_points]
    lines += [""]
    if guide.criteria:
        lines += ['??? info "Tiêu chí liên quan trong phiếu chấm"', ""]
        for ref in guide.criteria:
            label = f"{ref.code} {ref.name}"
            if ref.product_set:
                page = (f"{up}{content.layout.criteria}/{ref.edition}/"
                        f"{slug(ref.product_set)}.md")
                lines.append(f"    - [{md_esc(ref.product_set)} · {md_esc(label)}]({page})")
            else:
                lines.append(f"    - {md_esc(label)} (mã có trong mọi phiếu; tên có thể khác "
                             "theo bộ sản phẩm)")
        lines.append("")
    return "\n".join(lines)


def _title(content: Content, slug_: str) -> str:
    guide = content.guide(slug_)
    return guide.title if guide else slug_


def guides_index(content: Content) -> GeneratedPage:
    """``guides/index.md``: every guide, then catalogues by audience and topic with totals."""
    guides = sorted(content.guides, key=lambda g: g.title)
    total = sum(g.duration for g in guides)
    lines = ["# Hướng dẫn theo chủ đề", "",
             "Mỗi bài nêu rõ đối tượng, thời lượng, mục tiêu và các tiêu chí trong phiếu chấm "
             "mà bài giúp cải thiện. Câu trả lời của phần tự kiểm tra nằm trong khối "
             "\"Ghi chú cho giảng viên\".", "",
             f"**{len(guides)} bài, tổng thời lượng {minutes_label(total)}.**", "",
             "| Bài | Đối tượng | Trình độ | Thời lượng |", "|---|---|---|---:|"]
    for g in guides:
        lines.append(f"| [{md_esc(g.title)}]({g.slug}.md) | "
                     f"{', '.join(AUDIENCES[a] for a in g.audience)} | {LEVELS[g.level]} | "
                     f"{g.duration} phút |")
    lines += ["", "## Theo đối tượng", ""]
    lines += _grouped(guides, AUDIENCES, lambda g: g.audience)
    lines += ["## Theo chủ đề", ""]
    lines += _grouped(guides, TOPICS, lambda g: g.topics)
    return GeneratedPage(f"{content.layout.guides}/index.md", "\n".join(lines), "Hướng dẫn")


def _grouped(guides: list[Guide], labels: dict[str, str],
             keys: Callable[[Guide], tuple[str, ...]]) -> list[str]:
    lines: list[str] = []
    for key, label in labels.items():
        members = [g for g in guides if key in keys(g)]
        if not members:
            continue
        minutes = sum(g.duration for g in members)
        lines += [f'### {md_esc(label)}', "",
                  f'<p class="ocop-total" data-key="{esc(key)}" data-count="{len(members)}" '
                  f'data-minutes="{minutes}">{len(members)} bài, {minutes_label(minutes)}</p>',
                  ""]
        lines += [f"- [{md_esc(g.title)}]({g.slug}.md) ({g.duration} phút)" for g in members]
        lines.append("")
    return lines
