"""Offline copies: a reproducible zip of the ``file://`` site with checksums and a note.

The zip holds one folder, ``ocop-offline-<edition>-<date>/``, with the site, ``DOC-TRUOC.txt``
(how to open and check the copy, in Vietnamese) and ``SHA256SUMS`` (every other file). Entries
are sorted, dated ``SOURCE_DATE_EPOCH`` (or the start of today, UTC) and carry fixed
permissions, so the same inputs give the same bytes. :func:`verify` names every missing,
altered or unexpected file of a zip or an unpacked folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

SUMS = "SHA256SUMS"
README = "DOC-TRUOC.txt"


@dataclass(frozen=True)
class BundleInfo:
    path: Path
    files: int
    bytes: int


def build_epoch() -> int:
    """``SOURCE_DATE_EPOCH`` when set, else midnight UTC today (stable through the day)."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value and value.isdigit():
        return int(value)
    today = dt.datetime.now(dt.UTC).date()
    return int(dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC).timestamp())


def bundle_name(edition: str, epoch: int) -> str:
    day = dt.datetime.fromtimestamp(epoch, dt.UTC).date()
    return f"ocop-offline-{edition}-{day:%Y-%m-%d}"


def readme_text(name: str, edition_decision: str, site_url: str) -> str:
    """The Vietnamese note placed at the top of the copy."""
    return f"""BẢN SAO NGOẠI TUYẾN: TÀI LIỆU ĐÀO TẠO OCOP
{name}

Bản sao này dùng được khi không có mạng Internet. Nội dung theo Bộ tiêu chí {edition_decision}.
Bản trực tuyến: {site_url}

CÁCH MỞ
1. Giải nén toàn bộ tệp .zip vào máy tính hoặc USB (không mở trực tiếp bên trong tệp .zip).
2. Mở thư mục vừa giải nén, nhấp đúp vào tệp index.html. Trang mở bằng trình duyệt
   (Chrome, Edge, Firefox, Cốc Cốc...). Không cần mạng.
3. Ô "Tìm kiếm" ở đầu trang tìm được cả khi gõ không dấu, ví dụ "san pham", "dat chuan".
4. Tài liệu in (PDF, khổ A4) nằm trong thư mục handouts, cũng có đường dẫn trên từng trang.

CÁCH KIỂM TRA BẢN SAO ĐẦY ĐỦ, KHÔNG BỊ HỎNG
Tệp {SUMS} ghi mã kiểm tra SHA-256 của mọi tệp. Trong thư mục đã giải nén:
- Linux, macOS:  sha256sum -c {SUMS}      (mọi dòng phải báo OK)
- Máy đã cài ocopkit:  ocopkit bundle verify <thư mục hoặc tệp .zip>
- Windows (PowerShell), kiểm tra một tệp:  Get-FileHash index.html -Algorithm SHA256
  rồi so với dòng tương ứng trong {SUMS}.
Nếu có tệp bị thiếu hoặc khác mã, hãy chép lại bản sao từ nguồn gốc.
"""


def _files(site: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted(site.rglob("*")):
        if path.is_file():
            yield path.relative_to(site).as_posix(), path


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_bundle(site: Path, out: Path, name: str, readme: str, epoch: int) -> BundleInfo:
    """Zip ``site`` (already built for ``file://``) as ``out`` (written atomically)."""
    stamp = dt.datetime.fromtimestamp(max(epoch, 315532800), dt.UTC).timetuple()[:6]
    entries = [(rel, path) for rel, path in _files(site)]
    readme_bytes = readme.encode("utf-8")
    sums = [f"{hashlib.sha256(readme_bytes).hexdigest()}  {README}"]
    sums += [f"{sha256(path)}  {rel}" for rel, path in entries]
    sums_bytes = ("\n".join(sorted(sums, key=lambda line: line[66:])) + "\n").encode()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")

    def add(archive: zipfile.ZipFile, rel: str, data: bytes) -> None:
        info = zipfile.ZipInfo(str(PurePosixPath(name) / rel), date_time=stamp)
        info.external_attr = 0o644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, data, compresslevel=9)

    with zipfile.ZipFile(tmp, "w") as archive:
        add(archive, README, readme_bytes)
        add(archive, SUMS, sums_bytes)
        for rel, path in entries:
            add(archive, rel, path.read_bytes())
    os.replace(tmp, out)
    return BundleInfo(out, len(entries) + 2, out.stat().st_size)


def verify(target: Path) -> list[str]:
    """Problems of a bundle (zip or unpacked folder): missing, altered or unlisted files."""
    if target.is_dir():
        root = target if (target / SUMS).is_file() else next(
            (p for p in target.iterdir() if (p / SUMS).is_file()), target)
        if not (root / SUMS).is_file():
            return [f"{target}: expected a {SUMS} file, got none"]
        listed = _parse_sums((root / SUMS).read_text(encoding="utf-8"))
        present = {rel: path for rel, path in _files(root) if rel != SUMS}
        actual = {rel: sha256(path) for rel, path in present.items()}
    elif zipfile.is_zipfile(target):
        with zipfile.ZipFile(target) as archive:
            names = [n for n in archive.namelist() if not n.endswith("/")]
            sums_name = next((n for n in names if n.endswith("/" + SUMS) or n == SUMS), None)
            if sums_name is None:
                return [f"{target}: expected a {SUMS} file, got none"]
            prefix = sums_name[: -len(SUMS)]
            listed = _parse_sums(archive.read(sums_name).decode("utf-8"))
            actual = {n[len(prefix):]: hashlib.sha256(archive.read(n)).hexdigest()
                      for n in names if n.startswith(prefix) and n != sums_name}
    else:
        return [f"{target}: expected a bundle folder or .zip file, got neither"]
    problems = [f"missing: {rel}" for rel in sorted(set(listed) - set(actual))]
    problems += [f"altered: {rel}" for rel in sorted(set(listed) & set(actual))
                 if listed[rel] != actual[rel]]
    problems += [f"not listed in {SUMS}: {rel}" for rel in sorted(set(actual) - set(listed))]
    return problems


def _parse_sums(text: str) -> dict[str, str]:
    out = {}
    for line in text.splitlines():
        if line.strip():
            digest, _, rel = line.partition("  ")
            out[rel] = digest
    return out
