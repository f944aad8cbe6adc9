"""Offline copies: a reproducible zip of the ``file://`` site with checksums and a note.

The zip holds one folder, ``ocop-offline-<edition>-<date>/``, with the site, ``DOC-TRUOC.txt``
(how to open and check the copy, in Vietnamese), ``KIEM-TRA.bat`` with ``KIEM-TRA.ps1`` (the
check on Windows, by double-click) and ``SHA256SUMS`` (every other file, in the form
``sha256sum -c`` and ``shasum -a 256 -c`` read). What Windows opens is written for it: UTF-8
with a byte order mark (none in the ``.bat``, which is ASCII) and CRLF line ends. Entries are
sorted, dated ``SOURCE_DATE_EPOCH`` (or the start of today, UTC) and carry fixed permissions,
so the same inputs give the same bytes. :func:`verify` names every missing, altered or
unexpected file of a zip or an unpacked folder.

A zip to verify may come from anyone, so :func:`verify` trusts nothing in it: it streams
entries in chunks, never more than each entry declares nor more than :data:`MAX_ENTRY_BYTES`
per entry and :data:`MAX_TOTAL_BYTES` in all, and refuses names that would unpack outside the
folder, links, duplicates and anything beside the one top folder. In a folder it follows no
symbolic link. Checksums show that a copy is whole, not who made it: see :func:`readme_text`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
import struct
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from ocopkit.system.publish import owned_name, remove_stale

SUMS = "SHA256SUMS"
README = "DOC-TRUOC.txt"
CHECK_BAT = "KIEM-TRA.bat"
"""The check on Windows: a double-click runs :data:`CHECK_PS1` in Windows PowerShell."""
CHECK_PS1 = "KIEM-TRA.ps1"
"""The check itself: ``Get-FileHash`` of every file :data:`SUMS` lists, told in Vietnamese."""
BOM = "\ufeff"

MAX_ENTRY_BYTES = 1 << 30
"""The most one file of a zip may hold uncompressed (1 GiB; a whole real copy is far less)."""
MAX_TOTAL_BYTES = 4 << 30
"""The most all files of a zip may hold uncompressed (4 GiB)."""
MAX_RATIO = 100
"""The most a zip may grow when unpacked, once it holds over :data:`RATIO_FLOOR` bytes."""
RATIO_FLOOR = 64 << 20
MAX_ENTRIES = 100_000
"""The most entries a zip may have."""
MAX_SUMS_BYTES = 64 << 20
"""The most :data:`SUMS` may hold."""
CHUNK = 1 << 20
"""Bytes read (and unpacked) at a time."""
ZIP_TMP = ".zip.tmp"
"""Ending of a zip being written (``<name>.<pid>-<hex>.zip.tmp``) until it is renamed."""


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


def readme_text(name: str, edition_decision: str, site_url: str, size: str = "") -> str:
    """The Vietnamese note placed at the top of the copy (lines end in ``\\n`` here;
    :func:`write_bundle` writes it with :func:`windows_text`). ``size``: what the unpacked
    site holds ("374 tệp, 12,3 MB"), said when known."""
    holds = f"\nSau khi giải nén, trang và tài liệu in chiếm {size}.\n" if size else ""
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
{holds}
BẢN SAO NÀO CHO AI
- Máy tính (Windows, macOS, Linux): bản này (tệp .zip), giải nén rồi mở như trên.
- Điện thoại Android hoặc iPhone: điện thoại không chạy được bản .zip. Hãy xin đơn vị tổ
  chức tệp .zim (cùng nội dung, một tệp), cài ứng dụng Kiwix (miễn phí) trước buổi học
  rồi mở tệp .zim bằng Kiwix; tìm kiếm gõ không dấu được.
- Điện thoại có mạng trước buổi học: mở trang trực tuyến, bấm nút "Lưu để đọc khi không
  có mạng" ở trang chủ; trang được lưu trên máy và tự cập nhật khi có mạng.

CÁCH KIỂM TRA BẢN SAO ĐẦY ĐỦ, KHÔNG BỊ HỎNG
Tệp {SUMS} ghi mã kiểm tra SHA-256 của mọi tệp khác trong thư mục. Sau khi giải nén:
- Windows: nhấp đúp vào tệp {CHECK_BAT}. Một cửa sổ mở ra, kiểm tra từng tệp, rồi báo
  số tệp khớp mã (OK) và tên các tệp bị thiếu hoặc khác mã. Nhấn một phím để đóng cửa sổ.
  Nếu Windows hỏi có chạy tệp không, chọn "Run" (Chạy); nếu hiện khung "Windows protected
  your PC", chọn "More info" rồi "Run anyway". ({CHECK_PS1} là phần việc của {CHECK_BAT}.)
- Linux: mở cửa sổ Terminal, gõ "cd " (có dấu cách), kéo thư mục đã giải nén thả vào cửa
  sổ, nhấn Enter, rồi gõ lệnh sau và nhấn Enter:
      sha256sum -c {SUMS}
- macOS: làm như trên trong Terminal, nhưng gõ lệnh:
      shasum -a 256 -c {SUMS}
  Mọi dòng phải báo OK. Dòng báo FAILED là tệp khác mã; dòng báo không mở được
  (No such file) là tệp bị thiếu.
- Máy đã cài ocopkit:  ocopkit bundle verify <thư mục hoặc tệp .zip>
Nếu có tệp bị thiếu hoặc khác mã, hãy chép lại bản sao từ nguồn gốc.

MÃ KIỂM TRA CHO BIẾT GÌ, KHÔNG CHO BIẾT GÌ
Các mã trong {SUMS} cho biết bản sao không bị hỏng hay bị thiếu khi sao chép. Các mã này
không cho biết ai đã làm ra bản sao (bản sao không có chữ ký): người sửa một tệp cũng có thể
tính lại tệp {SUMS}. Vì vậy, hãy lấy bản sao từ đơn vị tổ chức, rồi so mã SHA-256 của chính
tệp {SUMS} với mã mà đơn vị tổ chức công bố. Hãy tự gõ lệnh (đừng dùng {CHECK_BAT} cho
việc này: người sửa bản sao cũng sửa được tệp đó):
- Windows: nhấp vào thanh địa chỉ của cửa sổ thư mục, gõ powershell, nhấn Enter, rồi gõ:
      Get-FileHash {SUMS} -Algorithm SHA256
- Linux:  sha256sum {SUMS}
- macOS:  shasum -a 256 {SUMS}
- ocopkit bundle verify in mã này ở dòng cuối khi bản sao đầy đủ.
"""


def windows_text(text: str, *, bom: bool = True) -> bytes:
    """``text`` as Windows reads it without guessing: UTF-8, lines ending in CRLF, and a byte
    order mark unless ``bom`` is false.

    Notepad shows LF-only text as one line before Windows 10 1809 and, before 1903, reads
    UTF-8 without a byte order mark in the ANSI code page, as Windows PowerShell 5.1 still
    reads a script.
    """
    lines = text.removeprefix(BOM).replace("\r\n", "\n").replace("\r", "\n")
    return ((BOM if bom else "") + lines.replace("\n", "\r\n")).encode("utf-8")


def check_scripts() -> dict[str, bytes]:
    """:data:`CHECK_BAT` and :data:`CHECK_PS1` as the copy holds them, by name.

    The ``.bat`` is ASCII without a byte order mark: ``cmd.exe`` reads it in the console's
    code page and would take a mark for part of the first command. The ``.ps1`` carries the
    Vietnamese messages, so it has the mark Windows PowerShell needs to read it as UTF-8.
    """
    here = files("ocopkit.render")
    bat = here.joinpath(CHECK_BAT).read_text(encoding="ascii")
    ps1 = here.joinpath(CHECK_PS1).read_text(encoding="utf-8")
    return {CHECK_BAT: windows_text(bat, bom=False), CHECK_PS1: windows_text(ps1)}


def _files(site: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted(site.rglob("*")):
        if path.is_file():
            yield path.relative_to(site).as_posix(), path


def site_size(site: Path) -> str:
    """What the bundle's copy of ``site`` holds, for :func:`readme_text`: "386 tệp, 23,6 MB"."""
    paths = [path for _, path in _files(site)]
    megabytes = f"{sum(p.stat().st_size for p in paths) / 1048576:.1f}".replace(".", ",")
    return f"{len(paths)} tệp, {megabytes} MB"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_bundle(site: Path, out: Path, name: str, readme: str, epoch: int) -> BundleInfo:
    """Zip ``site`` (already built for ``file://``) as ``out`` (written atomically), with
    ``readme`` as :data:`README`, the Windows check and :data:`SUMS` beside it."""
    stamp = dt.datetime.fromtimestamp(max(epoch, 315532800), dt.UTC).timetuple()[:6]
    entries = [(rel, path) for rel, path in _files(site)]
    notes = {README: windows_text(readme), **check_scripts()}
    sums = [f"{hashlib.sha256(data).hexdigest()}  {rel}" for rel, data in notes.items()]
    sums += [f"{sha256(path)}  {rel}" for rel, path in entries]
    sums_bytes = ("\n".join(sorted(sums, key=lambda line: line[66:])) + "\n").encode()
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(out.parent, "", ZIP_TMP)  # zips half-written by runs that were killed
    tmp = out.with_name(owned_name(out.stem + ".", ZIP_TMP))

    def add(archive: zipfile.ZipFile, rel: str, data: bytes) -> None:
        info = zipfile.ZipInfo(str(PurePosixPath(name) / rel), date_time=stamp)
        info.external_attr = 0o644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, data, compresslevel=9)

    try:
        with zipfile.ZipFile(tmp, "w") as archive:
            for rel, data in notes.items():
                add(archive, rel, data)
            add(archive, SUMS, sums_bytes)
            for rel, path in entries:
                add(archive, rel, path.read_bytes())
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return BundleInfo(out, len(entries) + len(notes) + 1, out.stat().st_size)


@dataclass(frozen=True)
class Verdict:
    """What :func:`verify` found in a copy."""

    problems: tuple[str, ...]
    """One line per problem: the layout of the copy first, then its files against :data:`SUMS`."""
    sums_sha256: str | None
    """SHA-256 of :data:`SUMS` itself (``None`` when it could not be read). The checksums show
    that the files are the ones :data:`SUMS` lists, not who made them: this is the value to
    compare with the one the organiser publishes."""

    @property
    def whole(self) -> bool:
        """Whether no problem was found."""
        return not self.problems


class _Damaged(Exception):
    """An entry that cannot be read back as the zip declares it (the message says how)."""


def verify(target: Path, *, max_entry: int = MAX_ENTRY_BYTES,
           max_total: int = MAX_TOTAL_BYTES) -> Verdict:
    """Check a bundle (zip or unpacked folder): its layout, then every file against
    :data:`SUMS`; name each missing, altered, unlisted, damaged or unsafe entry.

    A zip is read in chunks of :data:`CHUNK`: no entry is unpacked beyond what it declares,
    none that declares more than ``max_entry`` bytes, and nothing at all when the entries
    declare more than ``max_total`` in all (or over :data:`MAX_RATIO` times the zip's size).
    """
    if target.is_dir():
        return _verify_folder(target)
    if target.is_file():
        return _verify_zip(target, max_entry, max_total)
    return Verdict((f"{target}: expected a bundle folder or .zip file, got neither",), None)


def _show(name: str) -> str:
    """``name`` as it is when it prints plainly, else quoted, with escapes."""
    return name if name.isprintable() else repr(name)


def _size(count: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= scale:
            return f"{count / scale:.1f} {unit}".replace(".0 ", " ")
    return f"{count} bytes"


def _unsafe(path: str) -> str | None:
    """Why ``path`` (``/``-separated, relative to the copy) is not safe to unpack, or ``None``."""
    if not path:
        return "an empty name"
    if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in path):
        return "a control character"
    if "\\" in path:
        return "a backslash, a folder separator on Windows"
    if path.startswith("/"):
        return "an absolute path"
    if ":" in path:
        return "a drive letter or ':', special on Windows"
    parts = path.split("/")
    if ".." in parts:
        return "a '..' part, which leads out of the folder"
    if any(part in ("", ".") for part in parts):
        return "an empty or '.' part"
    return None


_DIGEST_LINE = re.compile(r"(?P<digest>[0-9A-Fa-f]{64}) [ *](?P<path>.*)")


def _verify_zip(target: Path, max_entry: int, max_total: int) -> Verdict:
    try:
        with zipfile.ZipFile(target) as archive:
            return _check_zip(target, archive, max_entry, max_total)
    except (zipfile.BadZipFile, EOFError, ValueError, struct.error, zlib.error,
            OverflowError) as error:
        reason = str(error) or type(error).__name__
        return Verdict((f"{target}: expected a whole zip archive, got a damaged or cut-short "
                        f"file ({reason})",), None)
    except OSError as error:
        return Verdict((f"{target}: cannot read the file: {error.strerror or error}",), None)


def _check_zip(target: Path, archive: zipfile.ZipFile, max_entry: int,
               max_total: int) -> Verdict:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        return Verdict((f"{target}: expected at most {MAX_ENTRIES} entries, got {len(infos)}",),
                       None)
    problems: list[str] = []
    counts = Counter(info.orig_filename.removesuffix("/") for info in infos)
    files: dict[str, zipfile.ZipInfo] = {}
    folders: set[str] = set()
    blocked: set[str] = set()  # refused with a problem of their own: not also "missing"
    for info in infos:
        name = info.orig_filename
        path = name.removesuffix("/")
        kind = stat.S_IFMT(info.external_attr >> 16)
        why = _unsafe(path)
        if why:
            problems.append(f"unsafe name: {name!r}: {why}")
        elif counts[path] > 1:
            if path not in blocked:
                problems.append(f"duplicate entry: {_show(path)} ({counts[path]} copies)")
            blocked.add(path)
        elif kind == stat.S_IFLNK:
            problems.append(f"symbolic link: {_show(path)}")
            blocked.add(path)
        elif name.endswith("/") or kind == stat.S_IFDIR:
            folders.add(path)
        elif kind not in (0, stat.S_IFREG):
            problems.append(f"not a regular file: {_show(path)}")
            blocked.add(path)
        else:
            files[path] = info
    above = {path.rsplit("/", i)[0] for path in [*files, *folders]
             for i in range(1, path.count("/") + 1)}
    for path in sorted(files.keys() & (above | folders)):
        problems.append(f"both a file and a folder: {_show(path)}")
        blocked.add(path)
        del files[path]

    tops = sorted({path.split("/")[0] for path in files
                   if path.count("/") == 1 and path.endswith("/" + SUMS)})
    if len(tops) != 1:
        if tops:
            got = ", ".join(f"{_show(top)}/" for top in tops)
            line = f"{target}: expected one folder with a {SUMS} file, got {len(tops)}: {got}"
        elif SUMS in files:
            line = (f"{target}: expected the copy in one folder (<folder>/{SUMS}), got {SUMS} "
                    "at the top of the zip")
        else:
            line = f"{target}: expected a {SUMS} file, got none"
        return Verdict((*problems, line), None)
    top = tops[0]
    for path in sorted(p for p in [*files, *folders] if p != top and not p.startswith(top + "/")):
        problems.append(f"outside the folder {_show(top)}/: {_show(path)}")
        files.pop(path, None)

    members = {path[len(top) + 1:]: info for path, info in files.items()}
    readable: dict[str, zipfile.ZipInfo] = {}
    for rel, info in sorted(members.items()):
        limit = MAX_SUMS_BYTES if rel == SUMS else max_entry
        if info.flag_bits & 0x1:
            problems.append(f"encrypted: {_show(rel)}")
        elif info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            problems.append(f"unsupported compression: {_show(rel)}: expected stored or "
                            f"deflated, got method {info.compress_type}")
        elif info.file_size > limit:
            problems.append(f"too large: {_show(rel)}: expected at most {_size(limit)} "
                            f"uncompressed, got {_size(info.file_size)}")
        else:
            readable[rel] = info
    total = sum(info.file_size for info in readable.values())
    size = target.stat().st_size
    if total > max_total:
        return Verdict((*problems, f"{target}: expected at most {_size(max_total)} "
                        f"uncompressed in all, got {_size(total)}; nothing was unpacked"), None)
    if total > RATIO_FLOOR and total > MAX_RATIO * size:
        return Verdict((*problems, f"{target}: expected a zip that unpacks to at most "
                        f"{MAX_RATIO} times its size, got {total // max(size, 1)} times; "
                        "nothing was unpacked"), None)
    sums_info = readable.pop(SUMS, None)
    if sums_info is None:  # refused above, and said why
        return Verdict(tuple(problems), None)
    try:
        sums = b"".join(_unpacked(archive, sums_info))
    except _Damaged as error:
        return Verdict((*problems, f"damaged: {SUMS}: {error}"), None)
    listed = _parse_sums(sums, problems)
    refused = set(members) - set(readable) - {SUMS}
    refused |= {path[len(top) + 1:] for path in blocked if path.startswith(top + "/")}
    actual: dict[str, str] = {}
    for rel, info in readable.items():
        digest = hashlib.sha256()
        try:
            for block in _unpacked(archive, info):
                digest.update(block)
        except _Damaged as error:
            problems.append(f"damaged: {_show(rel)}: {error}")
            refused.add(rel)
            continue
        actual[rel] = digest.hexdigest()
    problems += _compare(listed, actual, refused)
    return Verdict(tuple(problems), hashlib.sha256(sums).hexdigest())


def _unpacked(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The bytes of entry ``info`` in chunks of at most :data:`CHUNK`, through
    :mod:`zipfile`'s streaming reader: it stops at the size the zip declares and checks the
    CRC-32 at the end; a short or corrupt entry is :class:`_Damaged`."""
    produced = 0
    try:
        with archive.open(info) as stream:
            while block := stream.read(CHUNK):
                produced += len(block)
                yield block
    except (zipfile.BadZipFile, EOFError, OSError, zlib.error) as error:
        raise _Damaged(f"expected data matching the zip's size and CRC-32, got {error}"
                       ) from None
    if produced != info.file_size:
        raise _Damaged(f"expected {info.file_size} bytes, as the zip declares, got {produced}")


def _verify_folder(target: Path) -> Verdict:
    root = target
    if not os.path.lexists(target / SUMS):
        try:
            inner = [p for p in sorted(target.iterdir())
                     if p.is_dir() and not p.is_symlink() and os.path.lexists(p / SUMS)]
        except OSError as error:
            return Verdict((f"{target}: cannot read the folder: {error.strerror}",), None)
        if len(inner) > 1:
            got = ", ".join(f"{_show(p.name)}/" for p in inner)
            return Verdict((f"{target}: expected one folder with a {SUMS} file, got "
                            f"{len(inner)}: {got}",), None)
        root = inner[0] if inner else target
    problems: list[str] = []
    files: dict[str, Path] = {}
    refused: set[str] = set()
    _walk(root, "", files, refused, problems)
    sums_path = files.pop(SUMS, None)
    if sums_path is None:
        return Verdict((*problems, f"{target}: expected a {SUMS} file, got none"), None)
    try:
        with _open_regular(sums_path) as handle:
            sums = handle.read(MAX_SUMS_BYTES + 1)
    except OSError as error:
        return Verdict((*problems, f"unreadable: {SUMS}: {error.strerror or error}"), None)
    if len(sums) > MAX_SUMS_BYTES:
        return Verdict((*problems, f"too large: {SUMS}: expected at most "
                        f"{_size(MAX_SUMS_BYTES)}, got more"), None)
    listed = _parse_sums(sums, problems)
    actual: dict[str, str] = {}
    for rel, path in files.items():
        digest = hashlib.sha256()
        try:
            with _open_regular(path) as handle:
                for block in iter(lambda: handle.read(CHUNK), b""):
                    digest.update(block)
        except OSError as error:
            problems.append(f"unreadable: {_show(rel)}: {error.strerror or error}")
            refused.add(rel)
            continue
        actual[rel] = digest.hexdigest()
    problems += _compare(listed, actual, refused)
    return Verdict(tuple(problems), hashlib.sha256(sums).hexdigest())


def _walk(folder: Path, prefix: str, files: dict[str, Path], refused: set[str],
          problems: list[str]) -> None:
    """Collect the regular files under ``folder``; links and special files are problems (and
    ``refused``), never followed."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        problems.append(f"unreadable: {_show(prefix or '.')}: {error.strerror or error}")
        return
    for entry in entries:
        rel = prefix + entry.name
        if entry.is_dir(follow_symlinks=False):
            _walk(Path(entry.path), rel + "/", files, refused, problems)
        elif entry.is_file(follow_symlinks=False):
            files[rel] = Path(entry.path)
        else:
            kind = "symbolic link" if entry.is_symlink() else "not a regular file"
            problems.append(f"{kind}: {_show(rel)}")
            refused.add(rel)


def _open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading, refusing a symbolic link or anything but a regular file."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    handle = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        handle.close()
        raise OSError(f"expected a regular file, got another kind of entry: {path}")
    return handle


def _compare(listed: dict[str, str], actual: dict[str, str], refused: set[str]) -> list[str]:
    problems = [f"missing: {_show(rel)}" for rel in sorted(set(listed) - set(actual) - refused)]
    problems += [f"altered: {_show(rel)}" for rel in sorted(set(listed) & set(actual))
                 if listed[rel] != actual[rel]]
    problems += [f"not listed in {SUMS}: {_show(rel)}"
                 for rel in sorted(set(actual) - set(listed))]
    return problems


def _parse_sums(data: bytes, problems: list[str]) -> dict[str, str]:
    """The digests :data:`SUMS` lists, by path; each malformed line is added to ``problems``
    as ``SHA256SUMS:line:column: …``."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line_number = data.count(b"\n", 0, error.start) + 1
        column = error.start - data.rfind(b"\n", 0, error.start)
        problems.append(f"{SUMS}:{line_number}:{column}: expected UTF-8 text, got byte "
                        f"0x{data[error.start]:02x}")
        return {}
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    listed: dict[str, str] = {}
    first: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        match = _DIGEST_LINE.fullmatch(line)
        if match is None:
            shown = line if len(line) <= 80 else line[:80] + "…"
            problems.append(f"{SUMS}:{number}:1: expected '<64 hexadecimal digits>  <path>', "
                            f"got {shown!r}")
            continue
        rel, where = match["path"], f"{SUMS}:{number}:67"
        why = _unsafe(rel)
        if why:
            problems.append(f"{where}: expected a path inside the copy, got {rel!r}: {why}")
        elif rel == SUMS:
            problems.append(f"{where}: expected the other files, got {SUMS} itself")
        elif rel in first:
            problems.append(f"{where}: duplicate path {_show(rel)} (first at line {first[rel]})")
        else:
            first[rel] = number
            listed[rel] = match["digest"].lower()
    return listed
