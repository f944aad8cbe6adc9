"""Refresh the third-party browser assets the site serves itself (no CDN, ever).

Each asset comes from a pinned npm package fetched with ``npm pack`` (the npm registry is one of
the registries this project may use). Only the files listed are copied, with the package's
licence, into the package folder ``src/ocopkit/render/assets/vendor/<name>/`` (the ocopkit
plugin serves them to every site as ``assets/vendor/…``; the handouts read their fonts there);
``docs/assets/vendor/THIRD_PARTY.md`` records package, version, licence and files. The copied
files are committed, so builds need no network.

Run: ``python scripts/vendor_assets.py [--only FOLDER …]`` (needs ``npm``). Merged fonts are
not byte-identical from one run to the next, so refresh only what changed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "src" / "ocopkit" / "render" / "assets" / "vendor"
THIRD_PARTY = ROOT / "docs" / "assets" / "vendor" / "THIRD_PARTY.md"


@dataclass(frozen=True)
class Asset:
    package: str
    version: str
    folder: str
    files: tuple[str, ...]
    purpose: str
    licence: str
    merge: tuple[str, tuple[tuple[str, str], ...]] | None = None
    """Font family file prefix and (weight, style) faces whose Latin and Vietnamese subsets are
    merged into one file each."""
    notice: bool = False
    """The package ships no licence file: ``LICENSE`` is the notice at the head of its first
    file (which names the licence) followed by that licence's text."""


FONT_FACES = (("400", "normal"), ("400", "italic"), ("700", "normal"))
"""Weights and styles of the site and handout font; each is merged into one file."""
MONO_FACES = (("400", "normal"),)
"""The handouts' monospace face (code, sample records)."""

ASSETS = (
    Asset("@fontsource/be-vietnam-pro", "5.3.0", "be-vietnam-pro",
          tuple(f"files/be-vietnam-pro-{subset}-{weight}-{style}.woff2"
                for subset in ("latin", "vietnamese")
                for weight, style in FONT_FACES),
          "Phông chữ của trang và tài liệu in (bộ Latin và tiếng Việt gộp thành một tệp mỗi "
          "kiểu chữ), tự phục vụ thay cho Google Fonts.", "OFL-1.1",
          ("be-vietnam-pro", FONT_FACES)),
    Asset("@fontsource/source-code-pro", "5.3.1", "source-code-pro",
          tuple(f"files/source-code-pro-{subset}-{weight}-{style}.woff2"
                for subset in ("latin", "vietnamese")
                for weight, style in MONO_FACES),
          "Phông chữ đơn cách (chữ mã, mẫu ghi chép) của tài liệu in, có đủ dấu tiếng Việt; "
          "tài liệu in chỉ dùng các phông trong thư mục này, không dùng phông của máy.",
          "OFL-1.1", ("source-code-pro", MONO_FACES)),
    Asset("dejavu-fonts-ttf", "2.37.3", "dejavu-sans-symbols", ("ttf/DejaVuSans.ttf",),
          "Phông dự phòng cho ký hiệu (→ ≤ ≥ ≈ □ ✓ ★ …) mà Be Vietnam Pro không có; chỉ giữ "
          "các ký hiệu đó.", "Bitstream Vera Fonts licence (DejaVu changes: public domain)"),
    Asset("iframe-worker", "1.0.4", "iframe-worker", ("shim/index.js",),
          "Cho phép tìm kiếm chạy khi mở bản sao ngoại tuyến từ file:// (Material tải tệp này "
          "từ unpkg.com nếu không tự phục vụ).", "MIT"),
    Asset("qrcode-generator", "2.0.4", "qrcode-generator", ("dist/qrcode.js",),
          "Mã QR trên bản in của trang Tự đánh giá, dẫn về phiếu với các lựa chọn đã đánh dấu "
          "(tạo ngay trên máy, không gửi dữ liệu đi đâu).", "MIT", notice=True),
)

MIT_TEXT = """\
Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""
"""The MIT licence (opensource.org/licenses/MIT), for packages whose notice only names it."""

SYMBOLS = ("U+2010-2027,U+2030-205E,U+2190-21FF,U+2200-22FF,U+2300-23FF,U+25A0-25FF,"
           "U+2600-26FF,U+2700-27BF,U+00B0-00BF,U+00D7,U+00F7")
"""Unicode ranges kept from DejaVu Sans: punctuation, arrows, maths, shapes, dingbats."""


def head_notice(source: Path) -> str:
    """The ``//`` comment block at the head of a script (its copyright and licence notice)."""
    lines = []
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line.startswith("//"):
            break
        lines.append(line[2:].removeprefix(" ").rstrip("-").rstrip())
    return "\n".join(lines).strip() + "\n"


def fetch(asset: Asset, work: Path) -> Path:
    out = subprocess.run(["npm", "pack", f"{asset.package}@{asset.version}", "--json"],
                         cwd=work, check=True, capture_output=True, text=True)
    tarball = work / json.loads(out.stdout)[0]["filename"]
    with tarfile.open(tarball) as tar:
        tar.extractall(work / asset.folder, filter="data")
    return work / asset.folder / "package"


def merge_font_subsets(folder: Path, family: str,
                       faces: tuple[tuple[str, str], ...]) -> None:
    """Merge the Latin and Vietnamese subsets of each face into one WOFF2 file.

    One file per face keeps copied PDF text whole (a PDF that switches fonts mid-word splits
    words on extraction) and saves a request per page.
    """
    from fontTools.merge import Merger
    from fontTools.ttLib import TTFont

    for weight, style in faces:
        parts = []
        for subset in ("latin", "vietnamese"):
            source = folder / f"{family}-{subset}-{weight}-{style}.woff2"
            font = TTFont(source, recalcTimestamp=False)
            font.flavor = None
            plain = source.with_suffix(".ttf")
            font.save(plain)
            parts.append(plain)
            source.unlink()
        merged = Merger().merge([str(p) for p in parts])
        merged.recalcTimestamp = False  # same package, same bytes
        merged["head"].modified = merged["head"].created
        merged.flavor = "woff2"
        merged.save(folder / f"{family}-{weight}-{style}.woff2")
        for plain in parts:
            plain.unlink()


def subset_symbols(folder: Path) -> None:
    """Keep only the symbol ranges of DejaVu Sans, as one small WOFF2 file."""
    from fontTools import subset

    source = folder / "DejaVuSans.ttf"
    options = subset.Options()
    options.flavor = "woff2"
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(SYMBOLS))
    subsetter.subset(font)
    subset.save_font(font, str(folder / "dejavu-sans-symbols.woff2"), options)
    source.unlink()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="FOLDER",
                        help="refresh only these assets (e.g. source-code-pro)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        for asset in ASSETS:
            if args.only and asset.folder not in args.only:
                continue
            package = fetch(asset, Path(tmp))
            dest = VENDOR / asset.folder
            shutil.rmtree(dest, ignore_errors=True)
            dest.mkdir(parents=True)
            for name in asset.files:
                target = "shim.js" if asset.folder == "iframe-worker" else Path(name).name
                shutil.copy2(package / name, dest / target)
            if asset.notice:
                (dest / "LICENSE").write_text(head_notice(package / asset.files[0]) + "\n\n"
                                              + MIT_TEXT, encoding="utf-8")
            else:
                licence_file = next(p for p in sorted(package.iterdir()) if p.name.upper()
                                    .startswith(("LICENSE", "LICENCE", "OFL")))
                shutil.copy2(licence_file, dest / "LICENSE")
            if asset.merge:
                merge_font_subsets(dest, *asset.merge)
            if asset.folder == "dejavu-sans-symbols":
                subset_symbols(dest)
    rows = [f"| `{a.package}` | {a.version} | {a.licence} | `{a.folder}/` | {a.purpose} |"
            for a in ASSETS]
    text = ["# Thành phần bên thứ ba", "",
            "Các tệp dưới đây được lấy từ gói npm đã ghim phiên bản bằng "
            "`scripts/vendor_assets.py`, đi kèm gói ocopkit và được trang web tự phục vụ "
            "(không dùng CDN).", "",
            "| Gói | Phiên bản | Giấy phép | Thư mục | Dùng cho |", "|---|---|---|---|---|",
            *rows, ""]
    THIRD_PARTY.write_text("\n".join(text), encoding="utf-8")


if __name__ == "__main__":
    main()
