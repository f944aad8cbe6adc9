"""``ocopkit bundle verify`` trusts nothing in the copy it checks: real zips and folders made
here, hostile in one way each, checked with the real command."""

from __future__ import annotations

import hashlib
import inspect
import os
import stat
import struct
import subprocess
import sys
import time
import warnings
import zipfile
import zlib
from pathlib import Path

import pytest

from ocopkit.cli import main
from ocopkit.render import bundle
from ocopkit.render.bundle import MAX_ENTRY_BYTES, MAX_TOTAL_BYTES, SUMS, verify

TOP = "ocop-offline-mini-2026-2026-01-01"
FILES = {"index.html": "<p>Xin chào</p>".encode(), "handouts/phieu.pdf": b"%PDF-1.7 ...",
         "DOC-TRUOC.txt": "BẢN SAO".encode()}


def _sums(files: dict[str, bytes]) -> bytes:
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {rel}\n"
                   for rel, data in sorted(files.items())).encode()


def _zip(path: Path, entries: list[tuple[str | zipfile.ZipInfo, bytes]],
         compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names; we want them
        with zipfile.ZipFile(path, "w", compression) as archive:
            for name, data in entries:
                archive.writestr(name, data)
    return path


def _copy(tmp_path: Path, *extra: tuple[str | zipfile.ZipInfo, bytes],
          files: dict[str, bytes] | None = None, sums: bytes | None = None,
          compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """A zip as ``write_bundle`` makes it (one top folder, SHA256SUMS of every other file),
    plus ``extra`` entries."""
    files = FILES if files is None else files
    entries: list[tuple[str | zipfile.ZipInfo, bytes]] = [
        (f"{TOP}/{SUMS}", _sums(files) if sums is None else sums)]
    entries += [(f"{TOP}/{rel}", data) for rel, data in files.items()]
    return _zip(tmp_path / "copy.zip", [*entries, *extra], compression)


def _verify(target: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    """``ocopkit bundle verify target``: exit status, stderr lines, stdout."""
    status = main(["bundle", "verify", str(target)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return status, err.splitlines(), out


def _refused(target: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    status, lines, out = _verify(target, capsys)
    assert status == 1, lines
    assert out == ""
    assert lines[-1] == f"{len(lines) - 1} problems: the copy is not whole."
    return lines[:-1]


def _central(data: bytes | bytearray) -> dict[str, int]:
    """Offset of each entry's record in the zip's central directory, by name."""
    end = data.rindex(b"PK\x05\x06")
    count, _, start = struct.unpack("<HII", data[end + 10:end + 20])
    offsets, pos = {}, start
    for _ in range(count):
        n, m, k = struct.unpack("<HHH", data[pos + 28:pos + 34])
        offsets[bytes(data[pos + 46:pos + 46 + n]).decode()] = pos
        pos += 46 + n + m + k
    return offsets


def _declare(path: Path, name: str, *, size: int | None = None, crc: int | None = None) -> None:
    """Rewrite what the zip declares about entry ``name`` (its data stays as it is)."""
    data = bytearray(path.read_bytes())
    central = _central(data)[name]
    with zipfile.ZipFile(path) as archive:
        local = archive.getinfo(name).header_offset
    if size is not None:
        struct.pack_into("<I", data, central + 24, size)
        struct.pack_into("<I", data, local + 22, size)
    if crc is not None:
        struct.pack_into("<I", data, central + 16, crc)
        struct.pack_into("<I", data, local + 14, crc)
    path.write_bytes(bytes(data))


def test_a_real_bundle_is_whole_and_the_digest_of_its_sums_is_printed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    (site / "guides").mkdir(parents=True)
    (site / "index.html").write_text("<p>Xin chào</p>", encoding="utf-8")
    (site / "guides" / "bai-mau.html").write_text("<p>Bài mẫu</p>", encoding="utf-8")
    readme = bundle.readme_text(TOP, "QĐ 26/2026", "https://example.org/")
    info = bundle.write_bundle(site, tmp_path / "dist" / f"{TOP}.zip", TOP, readme, 1767225600)
    assert [p.name for p in (tmp_path / "dist").iterdir()] == [f"{TOP}.zip"]
    with zipfile.ZipFile(info.path) as archive:
        digest = hashlib.sha256(archive.read(f"{TOP}/{SUMS}")).hexdigest()
        archive.extractall(tmp_path / "usb")
    for target in (info.path, tmp_path / "usb", tmp_path / "usb" / TOP):
        status, lines, out = _verify(target, capsys)
        assert (status, lines) == (0, [])
        assert out.splitlines() == [
            f"ok: {target} is whole (every file matches {SUMS})",
            f"SHA-256 of {SUMS}: {digest} (compare it with the value the organiser publishes: "
            "the checksums do not show who made the copy)"]


def _site(tmp_path: Path) -> Path:
    """A small site with a folder and a file name as Vietnamese authors write them."""
    site = tmp_path / "site"
    (site / "tài liệu").mkdir(parents=True)
    (site / "index.html").write_text("<p>Xin chào</p>", encoding="utf-8")
    (site / "tài liệu" / "bảng giá đặc sản.html").write_text("<p>Giá</p>", encoding="utf-8")
    return site


def test_the_same_inputs_give_the_same_zip(tmp_path: Path) -> None:
    site = _site(tmp_path)
    readme = bundle.readme_text(TOP, "QĐ 26/2026", "https://example.org/")
    zips = [bundle.write_bundle(site, tmp_path / out / f"{TOP}.zip", TOP, readme, 1767225600)
            for out in ("a", "b")]
    assert zips[0].path.read_bytes() == zips[1].path.read_bytes()
    assert zips[0].files == 6  # the note, the Windows check (.bat, .ps1), SHA256SUMS, 2 pages


def test_sha256sum_checks_non_ascii_names_and_the_windows_files(tmp_path: Path) -> None:
    readme = bundle.readme_text(TOP, "QĐ 26/2026", "https://example.org/")
    info = bundle.write_bundle(_site(tmp_path), tmp_path / f"{TOP}.zip", TOP, readme,
                               1767225600)
    with zipfile.ZipFile(info.path) as archive:
        archive.extractall(tmp_path / "usb")
    copy = tmp_path / "usb" / TOP
    listed = [bundle.README, bundle.CHECK_BAT, bundle.CHECK_PS1, "index.html",
              "tài liệu/bảng giá đặc sản.html"]
    assert (copy / SUMS).read_bytes() == "".join(
        f"{hashlib.sha256((copy / rel).read_bytes()).hexdigest()}  {rel}\n"
        for rel in listed).encode("utf-8")
    proc = subprocess.run(["sha256sum", "--strict", "-c", SUMS], cwd=copy, capture_output=True,
                          check=False)
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert proc.stdout.decode("utf-8").splitlines() == [f"{rel}: OK" for rel in listed]


def test_windows_text_is_crlf_with_one_bom_whatever_it_is_given() -> None:
    for text in ("a\nb\n", "a\r\nb\r\n", "\ufeffa\nb\r\n", "a\rb\n"):
        assert bundle.windows_text(text) == b"\xef\xbb\xbfa\r\nb\r\n"
    assert bundle.windows_text("@echo off\npause\n", bom=False) == b"@echo off\r\npause\r\n"


def test_the_note_says_what_the_checksums_prove_and_what_they_do_not() -> None:
    note = bundle.readme_text(TOP, "QĐ 26/2026", "https://example.org/")
    assert "CÁCH MỞ" in note and "sha256sum -c SHA256SUMS" in note  # the rest is kept
    assert "không bị hỏng hay bị thiếu khi sao chép" in note
    assert "không cho biết ai đã làm ra bản sao (bản sao không có chữ ký)" in note
    assert "tính lại tệp SHA256SUMS" in note
    assert "lấy bản sao từ đơn vị tổ chức" in note and "đơn vị tổ chức công bố" in note
    assert "sha256sum SHA256SUMS" in note
    # typed by hand on Windows too: KIEM-TRA.bat, inside the copy, may be altered with it
    assert "Get-FileHash SHA256SUMS -Algorithm SHA256" in note
    assert "đừng dùng KIEM-TRA.bat cho\nviệc này" in note


@pytest.mark.parametrize(("name", "why"), [
    ("../../tmp/evil", "a '..' part, which leads out of the folder"),
    (f"{TOP}/../../evil", "a '..' part, which leads out of the folder"),
    ("/etc/cron.d/evil", "an absolute path"),
    (f"{TOP}\\..\\..\\evil.bat", "a backslash, a folder separator on Windows"),
    ("C:/Windows/evil.dll", "a drive letter or ':', special on Windows"),
    (f"{TOP}/a\x1b[2Jb.html", "a control character"),
    (f"{TOP}//index2.html", "an empty or '.' part"),
])
def test_unsafe_names_are_refused(name: str, why: str, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    zip_path = _copy(tmp_path, (name, b"evil"))
    assert _refused(zip_path, capsys) == [f"unsafe name: {name!r}: {why}"]


def test_a_nul_in_a_name_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    zip_path = _copy(tmp_path, (f"{TOP}/evilXname.html", b"evil"))
    zip_path.write_bytes(zip_path.read_bytes().replace(b"evilXname", b"evil\0name"))
    name = f"{TOP}/evil\0name.html"  # zipfile itself reads it as '.../evil'
    assert _refused(zip_path, capsys) == [f"unsafe name: {name!r}: a control character"]


def test_a_file_beside_the_top_folder_is_refused(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    zip_path = _copy(tmp_path, ("autorun.inf", b"[autorun]\nopen=evil.exe\n"),
                     ("other/x.html", b"x"))
    assert _refused(zip_path, capsys) == [f"outside the folder {TOP}/: autorun.inf",
                                          f"outside the folder {TOP}/: other/x.html"]


def test_a_duplicate_entry_is_refused(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    # zipfile reads the last copy (which matches); other tools unpack the first one
    zip_path = _copy(tmp_path)
    _zip(zip_path, [(f"{TOP}/{SUMS}", _sums(FILES)), (f"{TOP}/index.html", b"<p>evil</p>"),
                    *[(f"{TOP}/{rel}", data) for rel, data in FILES.items()]])
    assert _refused(zip_path, capsys) == [f"duplicate entry: {TOP}/index.html (2 copies)"]


def test_a_symbolic_link_entry_is_refused(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    link = zipfile.ZipInfo(f"{TOP}/index.html")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    files = {k: v for k, v in FILES.items() if k != "index.html"}
    zip_path = _copy(tmp_path, (link, b"../../../../etc/passwd"), files=files,
                     sums=_sums(FILES))
    assert _refused(zip_path, capsys) == [f"symbolic link: {TOP}/index.html"]


def test_a_file_not_listed_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    zip_path = _copy(tmp_path, (f"{TOP}/assets/extra.js", b"alert(1)"))
    assert _refused(zip_path, capsys) == [f"not listed in {SUMS}: assets/extra.js"]


def test_missing_and_altered_files_are_named(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    files = {**FILES, "index.html": b"<p>sua</p>"}
    del files["handouts/phieu.pdf"]
    zip_path = _copy(tmp_path, files=files, sums=_sums(FILES))
    assert _refused(zip_path, capsys) == ["missing: handouts/phieu.pdf", "altered: index.html"]


def test_a_bad_crc_is_a_problem_not_a_traceback(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    zip_path = _copy(tmp_path, compression=zipfile.ZIP_STORED)
    data = zip_path.read_bytes()
    assert data.count(b"Xin ch") == 1
    zip_path.write_bytes(data.replace(b"Xin ch", b"Xin cH"))
    assert _refused(zip_path, capsys) == [
        "damaged: index.html: expected data matching the zip's size and CRC-32, got Bad "
        f"CRC-32 for file '{TOP}/index.html'"]


def test_garbled_compressed_data_is_a_problem(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    zip_path = _copy(tmp_path, files={**FILES, "big.html": os.urandom(4000).hex().encode()})
    with zipfile.ZipFile(zip_path) as archive:
        info = archive.getinfo(f"{TOP}/big.html")
    data = bytearray(zip_path.read_bytes())
    start = info.header_offset + 30 + len(info.filename)
    data[start:start + 200] = b"\xff" * 200
    zip_path.write_bytes(bytes(data))
    (line,) = _refused(zip_path, capsys)
    assert line.startswith("damaged: big.html: expected ")


@pytest.mark.parametrize("keep", [0.5, 0.98])
def test_a_cut_short_zip_is_one_clear_line(keep: float, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    zip_path = _copy(tmp_path, files={**FILES, "big.bin": os.urandom(100_000)})
    data = zip_path.read_bytes()
    zip_path.write_bytes(data[:int(len(data) * keep)])
    assert _refused(zip_path, capsys) == [
        f"{zip_path}: expected a whole zip archive, got a damaged or cut-short file "
        "(File is not a zip file)"]


def test_a_file_that_is_no_zip_is_one_clear_line(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "x.zip").write_text("not a zip", encoding="utf-8")
    assert _refused(tmp_path / "x.zip", capsys) == [
        f"{tmp_path / 'x.zip'}: expected a whole zip archive, got a damaged or cut-short file "
        "(File is not a zip file)"]
    assert _refused(tmp_path / "none.zip", capsys) == [
        f"{tmp_path / 'none.zip'}: expected a bundle folder or .zip file, got neither"]


def test_sums_that_are_not_utf8_are_a_problem(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    sums = _sums(FILES).replace(b"index.html", b"index\xff.html")
    zip_path = _copy(tmp_path, sums=sums)
    column = sums.index(b"\xff") - sums.rindex(b"\n", 0, sums.index(b"\xff"))
    line = sums[:sums.index(b"\xff")].count(b"\n") + 1
    assert _refused(zip_path, capsys) == [
        f"{SUMS}:{line}:{column}: expected UTF-8 text, got byte 0xff",
        *[f"not listed in {SUMS}: {rel}" for rel in sorted(FILES)]]


def test_malformed_sums_lines_are_named(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    digest = hashlib.sha256(FILES["index.html"]).hexdigest()
    sums = _sums(FILES) + "\n".join([
        f"{digest[:60]}  short.html",
        f"{digest}  ../../etc/passwd",
        f"{digest}  index.html",
        f"{'0' * 64}  {SUMS}",
    ]).encode() + b"\n"
    zip_path = _copy(tmp_path, sums=sums)
    first = sorted(FILES).index("index.html") + 1
    assert _refused(zip_path, capsys) == [
        f"{SUMS}:4:1: expected '<64 hexadecimal digits>  <path>', got "
        f"'{digest[:60]}  short.html'",
        f"{SUMS}:5:67: expected a path inside the copy, got '../../etc/passwd': a '..' part, "
        "which leads out of the folder",
        f"{SUMS}:6:67: duplicate path index.html (first at line {first})",
        f"{SUMS}:7:67: expected the other files, got {SUMS} itself",
    ]


def test_an_entry_longer_than_it_declares_is_read_only_as_declared(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An entry whose data runs on past its declared size is read, and checked, exactly as an
    unzip tool unpacks it: the declared bytes; the rest is never inflated."""
    head = b"A" * 10
    files = {**FILES, "big.bin": head}
    zip_path = _copy(tmp_path, (f"{TOP}/big.bin", head + bytes(16 << 20)), files=FILES,
                     sums=_sums(files))
    _declare(zip_path, f"{TOP}/big.bin", size=len(head), crc=zlib.crc32(head))
    with zipfile.ZipFile(zip_path) as archive:
        assert archive.read(f"{TOP}/big.bin") == head
    assert main(["bundle", "verify", str(zip_path)]) == 0
    assert "is whole" in capsys.readouterr().out


def test_an_entry_shorter_than_it_declares_is_caught(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    zip_path = _copy(tmp_path)
    size = len(FILES["index.html"])
    _declare(zip_path, f"{TOP}/index.html", size=size + 5)
    assert _refused(zip_path, capsys) == [
        f"damaged: index.html: expected {size + 5} bytes, as the zip declares, got {size}"]


def _zeros_zip(path: Path, size: int, *, level: int = 9, count: int = 1) -> Path:
    """A copy whose ``big-<i>.bin`` files are ``size`` zero bytes each, streamed into the
    zip (a high compression ratio: nearly 1000 to 1 at level 9)."""
    chunk = bytes(min(size, 16 << 20))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr(f"{TOP}/{SUMS}", _sums(FILES))
        for rel, data in FILES.items():
            archive.writestr(f"{TOP}/{rel}", data)
        for i in range(count):
            with archive.open(f"{TOP}/big-{i}.bin", "w", force_zip64=True) as handle:
                for _ in range(size // len(chunk)):
                    handle.write(chunk)
    return path


def test_an_entry_above_the_cap_is_not_unpacked(tmp_path: Path) -> None:
    zip_path = _zeros_zip(tmp_path / "bomb.zip", 64 << 20)
    assert zip_path.stat().st_size < 1 << 20
    verdict = verify(zip_path, max_entry=8 << 20)
    assert verdict.problems == (
        "too large: big-0.bin: expected at most 8 MiB uncompressed, got 64 MiB",)


def test_entries_above_the_total_cap_are_not_unpacked(tmp_path: Path) -> None:
    zip_path = _zeros_zip(tmp_path / "bomb.zip", 4 << 20, count=3)
    verdict = verify(zip_path, max_total=10 << 20)
    assert verdict.problems == (
        f"{zip_path}: expected at most 10 MiB uncompressed in all, got 12 MiB; nothing was "
        "unpacked",)


def test_a_zip_that_grows_too_much_is_not_unpacked(tmp_path: Path) -> None:
    zip_path = _zeros_zip(tmp_path / "bomb.zip", 80 << 20)
    (line,) = verify(zip_path).problems
    assert line.startswith(f"{zip_path}: expected a zip that unpacks to at most 100 times its "
                           "size, got ")


def test_the_cli_uses_the_default_caps(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    defaults = inspect.signature(verify).parameters
    assert defaults["max_entry"].default == MAX_ENTRY_BYTES == 1 << 30
    assert defaults["max_total"].default == MAX_TOTAL_BYTES == 4 << 30
    zip_path = _copy(tmp_path, (f"{TOP}/big.bin", b"x"))
    _declare(zip_path, f"{TOP}/big.bin", size=MAX_ENTRY_BYTES + (512 << 20))
    assert _refused(zip_path, capsys) == [
        "too large: big.bin: expected at most 1 GiB uncompressed, got 1.5 GiB"]

    zip_path = _copy(tmp_path, *[(f"{TOP}/big-{i}.bin", b"x") for i in range(5)])
    for i in range(5):
        _declare(zip_path, f"{TOP}/big-{i}.bin", size=MAX_ENTRY_BYTES)
    (line,) = _refused(zip_path, capsys)
    assert line.startswith(f"{zip_path}: expected at most 4 GiB uncompressed in all, got 5 GiB")


def test_a_two_gigabyte_bomb_ends_fast_in_little_memory(tmp_path: Path) -> None:
    zip_path = _zeros_zip(tmp_path / "bomb.zip", 2 << 30, level=1)  # about 5 s
    assert zip_path.stat().st_size < 16 << 20
    # Peak memory of this process alone: VmHWM starts again at exec, while ru_maxrss would
    # carry over the peak of the pytest process that forked it.
    probe = ("import re, sys\nfrom ocopkit.cli import main\n"
             "status = main(sys.argv[1:])\n"
             "peak = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1]\n"
             "print(peak, file=sys.stderr)\n"
             "sys.exit(status)\n")
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", probe, "bundle", "verify", str(zip_path)],
                          capture_output=True, text=True, check=False, timeout=60)
    elapsed = time.monotonic() - started
    *lines, rss_kib = proc.stderr.splitlines()
    assert proc.returncode == 1
    assert lines == ["too large: big-0.bin: expected at most 1 GiB uncompressed, got 2 GiB",
                     "1 problems: the copy is not whole."]
    assert elapsed < 5
    assert int(rss_kib) < 200 << 10  # KiB: far from the 2 GB a whole read would take


def _folder(tmp_path: Path) -> Path:
    root = tmp_path / "usb" / TOP
    for rel, data in FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    (root / SUMS).write_bytes(_sums(FILES))
    return root


def test_a_folder_follows_no_symbolic_link(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    root = _folder(tmp_path)
    outside = tmp_path / "outside"
    (outside / "secret").mkdir(parents=True)
    (outside / "index.html").write_bytes(FILES["index.html"])  # same content, elsewhere
    (root / "index.html").unlink()
    (root / "index.html").symlink_to(outside / "index.html")
    (root / "assets").symlink_to(outside / "secret", target_is_directory=True)
    assert _refused(tmp_path / "usb", capsys) == ["symbolic link: assets",
                                                  "symbolic link: index.html"]


def test_a_folder_whose_sums_is_a_link_is_refused(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    root = _folder(tmp_path)
    (tmp_path / "sums").write_bytes((root / SUMS).read_bytes())
    (root / SUMS).unlink()
    (root / SUMS).symlink_to(tmp_path / "sums")
    assert _refused(root, capsys) == [f"symbolic link: {SUMS}",
                                      f"{root}: expected a {SUMS} file, got none"]


def test_a_folder_with_a_special_file_is_refused(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    root = _folder(tmp_path)
    os.mkfifo(root / "pipe")  # reading it would block for ever
    assert _refused(root, capsys) == ["not a regular file: pipe"]
