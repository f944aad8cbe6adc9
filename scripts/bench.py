"""Benchmark: our full site build against a vanilla Material build, plus handout rendering.

    python scripts/bench.py --pages 250 --json

generates N synthetic Vietnamese guides (valid front matter, tables, admonitions, a trainer
block), builds them (a) with the project's full configuration and content and (b) with a
vanilla Material configuration, in the same run, and prints one JSON line::

    {"pages": N, "ours": {...}, "vanilla": {...}, "ratio": ours/vanilla, "scale": {...},
     "serve": {...}, "handouts": {...}}

``ours``/``vanilla`` carry ``wall_s`` (median of ``--repeat`` alternate runs, listed in
``runs_s``), ``max_rss_mb``, ``html_bytes_per_page``,
``search_index_bytes`` and ``search_index_gz_bytes`` (the index a phone downloads before its
first result: vanilla's is Material's whole index, ours the first stage of titles and headings;
ours also
gives ``search_full_bytes`` and ``search_full_gz_bytes``, the whole index its first query
loads); with ``--scale-pages M``, ``scale``
builds ours again with M guides and gives ``growth`` = time(N) / time(M) and
``index_growth`` = gzipped search index (N) / (M), the download a phone makes before its first
result; ``serve`` times
the builder of ``ocopkit serve`` on a site of ``--serve-pages`` guides (first build, then the
rebuild after one guide changed: median and maximum of three edits); ``handouts`` renders
every PDF of the real project from scratch (``count``, ``pages``, ``wall_s``, ``s_per_pdf``,
``max_rss_mb``, ``workers``) and then again with nothing changed (``unchanged_wall_s``).
Targets are read from these figures; no test times anything.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

VOCABULARY = (
    "sản phẩm chủ thể hợp tác xã chất lượng tiêu chí điểm hạng sao bao bì nhãn hàng hóa câu "
    "chuyện nguồn gốc nguyên liệu vùng trồng truy xuất an toàn thực phẩm thị trường liên kết "
    "chuỗi giá trị cộng đồng địa phương đặc sản xúc tiến thương mại hội chợ môi trường tuần "
    "hoàn tiết kiệm năng lượng kiểm nghiệm công bố tiêu chuẩn")
WORDS = tuple(VOCABULARY.split())


def _paragraph(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return textwrap.fill(text[0].upper() + text[1:] + ".", 100)


def synthetic_guide(i: int, rng: random.Random) -> str:
    """A guide of about 3,800 words that passes ``ocopkit check``."""
    sections = []
    for s in range(8):
        rows = "\n".join(f"| {s}.{r} | {rng.choice(WORDS)} {rng.choice(WORDS)} | {r + 1} |"
                         for r in range(6))
        sections.append(f"## Phần {s + 1}: {rng.choice(WORDS)} {rng.choice(WORDS)}\n\n"
                        + "\n\n".join(_paragraph(rng, 110) for _ in range(4))
                        + f"\n\n| Mã | Nội dung | Điểm |\n|---|---|---:|\n{rows}\n\n"
                        f'!!! tip "Lưu ý"\n\n    {_paragraph(rng, 30)}\n')
    return f"""---
title: Bài thử nghiệm số {i:04d}
description: Bài tổng hợp dùng để đo hiệu năng dựng trang.
audience: [hoc-vien]
duration: 60
level: co-ban
topics: [tieu-chi]
objectives:
  - Đọc được phiếu chấm.
key_points:
  - Tổng điểm tối đa là 100.
prerequisites: []
product_groups: [I]
criteria:
  - "I.1.a/2.3"
last_reviewed: 2026-11-01
---

# Bài thử nghiệm số {i:04d}

{chr(10).join(sections)}

- [ ] Đã đọc phiếu chấm

## Câu hỏi tự kiểm tra

1. Tổng điểm tối đa là bao nhiêu?

??? trainer "Ghi chú cho giảng viên"

    Đáp án: 100 điểm.
"""


RSS_PROBE = ("\nimport resource as _r\nprint('BENCH_RSS_KB', max(_r.getrusage(_r.RUSAGE_SELF)"
             ".ru_maxrss, _r.getrusage(_r.RUSAGE_CHILDREN).ru_maxrss))\n")


def _run_measured(code: str, cwd: Path) -> tuple[float, float, str]:
    """Run Python ``code`` in a child process; return (wall seconds, peak RSS in MB of the
    child and its own children, its standard output)."""
    started = time.perf_counter()
    proc = subprocess.run([PYTHON, "-c", code + RSS_PROBE], cwd=cwd, capture_output=True,
                          text=True, check=False)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"bench: failed in {cwd}:\n{proc.stdout}\n{proc.stderr}")
    lines = proc.stdout.strip().splitlines()
    rss_kb = int(next(line for line in reversed(lines) if line.startswith("BENCH_RSS_KB"))
                 .split()[1])
    return wall, rss_kb / 1024, "\n".join(line for line in lines
                                          if not line.startswith("BENCH_RSS_KB"))


def _site_figures(site: Path, pages_glob: str) -> dict[str, float]:
    pages = list(site.glob(pages_glob))
    index = site / "search" / "search_index.json"
    raw = index.read_bytes()
    figures = {"html_bytes_per_page": round(sum(p.stat().st_size for p in pages) / len(pages)),
               "search_index_bytes": len(raw),
               "search_index_gz_bytes": len(gzip.compress(raw, 9))}
    full = site / "search" / "search_full.json"  # ours: the index the first query loads
    if full.is_file():
        whole = full.read_bytes()
        figures.update({"search_full_bytes": len(whole),
                        "search_full_gz_bytes": len(gzip.compress(whole, 9))})
    return figures


def prepare_ours(work: Path, guides: list[str]) -> Path:
    """The real project with the synthetic guides added to ``docs/guides/``."""
    project = work / "ours"
    shutil.copytree(ROOT / "docs", project / "docs")
    # A copy of the national content is the project's own (the package's layers off).
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - ocopkit:\n" in config
    (project / "mkdocs.yml").write_text(config.replace(
        "  - ocopkit:\n",
        "  - ocopkit:\n      national_content: false\n      official_criteria: false\n"),
        encoding="utf-8")
    for i, text in enumerate(guides):
        (project / "docs" / "guides" / f"bench-{i:04d}.md").write_text(text, encoding="utf-8")
    return project


def build_ours(project: Path) -> tuple[float, float]:
    """``build_site`` (what ``ocopkit build`` runs) in a fresh process: (wall s, peak MB)."""
    code = ("from pathlib import Path; from ocopkit.mkdocs_plugin.engine.build import build_site\n"
            "e = build_site(Path('mkdocs.yml'), Path('site').resolve())\n"
            "assert not e, e")
    wall, rss, _ = _run_measured(code, project)
    return wall, rss


def bench_ours(n: int, work: Path, guides: list[str]) -> dict[str, float]:
    project = prepare_ours(work, guides)
    wall, rss = build_ours(project)
    return {"wall_s": round(wall, 2), "max_rss_mb": round(rss),
            **_site_figures(project / "site", "guides/bench-*/index.html")}


VANILLA = """site_name: Vanilla
site_url: https://example.org/
theme:
  name: material
  language: vi
plugins:
  - search:
      lang: vi
markdown_extensions:
  - admonition
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tasklist
  - tables
  - toc:
      permalink: true
"""


def bench_serve(n: int, work: Path, guides: list[str]) -> dict[str, float]:
    """``ocopkit serve``'s builder on a site of ``n`` guides: the first build, then the
    rebuild after one guide changed (what an author waits for after saving)."""
    project = prepare_ours(work / "serve", guides[:n])
    code = textwrap.dedent("""
        import json, time
        from pathlib import Path
        from ocopkit.mkdocs_plugin.engine.serve import Rebuilder
        rebuild = Rebuilder(Path("mkdocs.yml"), Path("site").resolve(), "http://127.0.0.1:8000/")
        t = time.perf_counter(); rebuild(); first = time.perf_counter() - t
        times = []
        for i in range(3):
            guide = Path("docs/guides/bench-0007.md")
            guide.write_text(guide.read_text(encoding="utf-8") + f"\\nCâu thêm {i}.\\n",
                             encoding="utf-8")
            t = time.perf_counter(); rebuild(); times.append(time.perf_counter() - t)
        print(json.dumps({"first_build_s": round(first, 2),
                          "rebuild_s": round(sorted(times)[1], 2),
                          "rebuild_max_s": round(max(times), 2),
                          "redone": rebuild.cache.misses, "reused": rebuild.cache.hits}))
    """)
    _, rss, stdout = _run_measured(code, project)
    figures = {"pages": n, **json.loads(stdout.strip().splitlines()[-1])}
    figures["max_rss_mb"] = round(rss)
    return figures


def prepare_vanilla(work: Path, guides: list[str]) -> Path:
    """The synthetic guides alone, with a vanilla Material configuration."""
    project = work / "vanilla"
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(VANILLA, encoding="utf-8")
    (project / "docs" / "index.md").write_text("# Vanilla\n", encoding="utf-8")
    for i, text in enumerate(guides):
        (project / "docs" / f"bench-{i:04d}.md").write_text(text, encoding="utf-8")
    return project


def build_vanilla(project: Path) -> tuple[float, float]:
    """MkDocs' own build in a fresh process: (wall s, peak MB)."""
    code = ("from mkdocs.config import load_config; from mkdocs.commands.build import build; "
            "c = load_config('mkdocs.yml'); c.plugins.on_startup(command='build', dirty=False); "
            "build(c)")
    wall, rss, _ = _run_measured(code, project)
    return wall, rss


def side_by_side(work: Path, guides: list[str], repeat: int) -> dict[str, object]:
    """Build ours and vanilla alternately ``repeat`` times (so that a slow spell of a shared
    machine hits both alike); report each one's median wall time and every run."""
    ours, vanilla = prepare_ours(work, guides), prepare_vanilla(work, guides)
    runs: dict[str, list[tuple[float, float]]] = {"ours": [], "vanilla": []}
    for _ in range(repeat):
        runs["ours"].append(build_ours(ours))
        runs["vanilla"].append(build_vanilla(vanilla))
    result: dict[str, object] = {}
    for name, project, pages in (("ours", ours, "guides/bench-*/index.html"),
                                 ("vanilla", vanilla, "bench-*/index.html")):
        walls = sorted(wall for wall, _ in runs[name])
        result[name] = {"wall_s": round(statistics.median(walls), 2),
                        "runs_s": [round(wall, 2) for wall, _ in runs[name]],
                        "max_rss_mb": round(max(rss for _, rss in runs[name])),
                        **_site_figures(project / "site", pages)}
    ours_s = result["ours"]["wall_s"]  # type: ignore[index]
    vanilla_s = result["vanilla"]["wall_s"]  # type: ignore[index]
    result["ratio"] = round(ours_s / vanilla_s, 3)
    return result


def bench_handouts(work: Path) -> dict[str, float]:
    out = work / "handouts"
    code = textwrap.dedent(f"""
        import json, os, time
        from pathlib import Path
        from ocopkit.content import check_content
        from ocopkit.mkdocs_plugin.project import load_project
        from ocopkit.render.handouts import plan_handouts, render_handouts
        project = load_project(Path("mkdocs.yml"))
        docs, site_url = project.docs_dir, project.site_url
        content, problems = check_content(docs, layout=project.layout, layers=project.layers)
        assert content is not None, problems
        documents = plan_handouts(content, site_url, project.markdown)
        t = time.perf_counter()
        m = render_handouts(documents, Path({str(out)!r}), docs.resolve())
        first = time.perf_counter() - t
        t = time.perf_counter()
        again = render_handouts(documents, Path({str(out)!r}), docs.resolve())
        print(json.dumps({{"count": len(m.entries), "pages": sum(e.pages for e in m.entries),
                          "wall_s": round(first, 2), "unchanged_wall_s":
                          round(time.perf_counter() - t, 3), "rendered_again": again.rendered,
                          "workers": os.cpu_count()}}))
    """)
    _, rss, stdout = _run_measured(code, ROOT)
    figures = json.loads(stdout.strip().splitlines()[-1])
    figures["s_per_pdf"] = round(figures["wall_s"] / max(1, figures["count"]), 3)
    figures["max_rss_mb"] = round(rss)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--json", action="store_true", help="print one JSON line only")
    parser.add_argument("--no-handouts", action="store_true")
    parser.add_argument("--repeat", type=int, default=1,
                        help="build ours and vanilla alternately this many times; report "
                        "medians (the machine may be shared)")
    parser.add_argument("--scale-pages", type=int, default=0,
                        help="also build ours with this many guides and report "
                        "growth = time(N) / time(this)")
    parser.add_argument("--serve-pages", type=int, default=500,
                        help="guides of the site rebuilt by 'ocopkit serve' (0: skip)")
    args = parser.parse_args()
    rng = random.Random(2026)
    guides = [synthetic_guide(i, rng) for i in range(max(args.pages, args.serve_pages))]
    with tempfile.TemporaryDirectory(prefix="ocop-bench-") as tmp:
        work = Path(tmp)
        result: dict[str, object] = {"pages": args.pages}
        result.update(side_by_side(work, guides[:args.pages], args.repeat))
        if args.scale_pages:
            small = bench_ours(args.scale_pages, work / "small", guides[:args.scale_pages])
            ours_s = result["ours"]["wall_s"]  # type: ignore[index]
            ours_gz = result["ours"]["search_index_gz_bytes"]  # type: ignore[index]
            result["scale"] = {"pages": args.scale_pages, "ours_wall_s": small["wall_s"],
                               "growth": round(ours_s / small["wall_s"], 2),
                               "search_index_gz_bytes": small["search_index_gz_bytes"],
                               "index_growth": round(ours_gz / small["search_index_gz_bytes"],
                                                     2)}
        if args.serve_pages:
            result["serve"] = bench_serve(args.serve_pages, work, guides)
        if not args.no_handouts:
            result["handouts"] = bench_handouts(work)
    line = json.dumps(result, ensure_ascii=False)
    if not args.json:
        os.write(2, b"ocopkit bench (figures for the notes and the performance page)\n")
    print(line)


if __name__ == "__main__":
    main()
