"""The offline copy as organisers get it: ``ocopkit bundle`` of the minimal project, unpacked,
then read and checked with what the note names: old Notepad's rules for ``DOC-TRUOC.txt``,
``sha256sum -c`` (Linux), ``shasum -a 256 -c`` (macOS) and ``KIEM-TRA.bat`` (Windows)."""

from __future__ import annotations

import codecs
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from ocopkit.render.bundle import CHECK_BAT, CHECK_PS1, README, SUMS

from ..conftest import MINI, MINIMAL
from .conftest import copy_project, ocopkit

CHECKERS = {"linux": ["sha256sum", "--strict", "-c", SUMS],
            "macos": ["shasum", "-a", "256", "--strict", "-c", SUMS]}
"""The commands the note gives, run inside the copy (``--strict``: a line ``sha256sum``
could not read fails the check, so the format of SHA256SUMS is checked too)."""


@pytest.fixture(scope="module")
def minimal_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``ocopkit bundle`` of the minimal project (with its small edition)."""
    project = copy_project(MINIMAL, tmp_path_factory.mktemp("offline") / "project")
    (project / "docs" / "criteria" / "mini-2026.yml").write_bytes(MINI.read_bytes())
    out = project.parent / "dist"
    proc = ocopkit("bundle", "--out", str(out), cwd=project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (zip_path,) = out.glob("ocop-offline-mini-2026-*.zip")
    return zip_path


@pytest.fixture
def copy(minimal_zip: Path, tmp_path: Path) -> Path:
    """The zip unpacked into a folder of this test's own (tests may spoil it)."""
    with zipfile.ZipFile(minimal_zip) as archive:
        archive.extractall(tmp_path / "usb")
    (root,) = (tmp_path / "usb").iterdir()
    return root


def _lines(data: bytes) -> list[str]:
    """The lines of ``data``, asserting that it is UTF-8 and that each line ends in CRLF."""
    text = data.decode("utf-8")
    assert text.endswith("\r\n")
    lines = text.split("\r\n")[:-1]
    assert not [line for line in lines if "\r" in line or "\n" in line]
    return lines


def _listed(copy: Path) -> list[str]:
    return [line.split("  ", 1)[1]
            for line in (copy / SUMS).read_text(encoding="utf-8").splitlines()]


def _check(copy: Path, system: str) -> subprocess.CompletedProcess[str]:
    command = CHECKERS[system]
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed")
    return subprocess.run(command, cwd=copy, capture_output=True, text=True, check=False,
                          timeout=60)


def test_the_note_is_utf8_with_a_bom_and_crlf_for_old_notepad(copy: Path) -> None:
    data = (copy / README).read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert not data.startswith(codecs.BOM_UTF8 * 2)
    lines = _lines(data[len(codecs.BOM_UTF8):])
    assert lines[0] == "BẢN SAO NGOẠI TUYẾN: TÀI LIỆU ĐÀO TẠO OCOP"
    assert [line for line in lines if line.startswith("- Windows: nhấp đúp vào tệp KIEM-TRA.bat.")]
    assert "      sha256sum -c SHA256SUMS" in lines
    assert "      shasum -a 256 -c SHA256SUMS" in lines


@pytest.mark.parametrize("system", sorted(CHECKERS))
def test_the_one_line_check_passes_on_every_listed_file(copy: Path, system: str) -> None:
    listed = _listed(copy)
    on_disk = {p.relative_to(copy).as_posix() for p in copy.rglob("*") if p.is_file()}
    assert set(listed) == on_disk - {SUMS}
    assert {README, CHECK_BAT, CHECK_PS1, "index.html"} <= set(listed)
    proc = _check(copy, system)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout.splitlines() == [f"{rel}: OK" for rel in listed]


@pytest.mark.parametrize("system", sorted(CHECKERS))
def test_the_one_line_check_fails_on_an_altered_or_missing_file(copy: Path,
                                                                system: str) -> None:
    with (copy / "index.html").open("ab") as handle:
        handle.write(b"<!-- sua -->")
    (copy / CHECK_PS1).unlink()
    proc = _check(copy, system)
    assert proc.returncode == 1
    assert "index.html: FAILED" in proc.stdout.splitlines()
    assert f"{CHECK_PS1}: FAILED open or read" in proc.stdout.splitlines()
    assert sum(line.endswith(": OK") for line in proc.stdout.splitlines()) == \
        len(_listed(copy)) - 2


def test_ocopkit_verify_accepts_the_copy_with_its_windows_check(minimal_zip: Path,
                                                                copy: Path) -> None:
    for target in (minimal_zip, copy):
        proc = ocopkit("bundle", "verify", str(target), cwd=copy.parent)
        assert (proc.returncode, proc.stderr) == (0, ""), target
    (copy / CHECK_BAT).write_bytes((copy / CHECK_BAT).read_bytes().replace(b"\r\n", b"\n"))
    proc = ocopkit("bundle", "verify", str(copy), cwd=copy.parent)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [f"altered: {CHECK_BAT}",
                                        "1 problems: the copy is not whole."]


def test_kiem_tra_bat_runs_the_powershell_check_beside_it_and_waits(copy: Path) -> None:
    data = (copy / CHECK_BAT).read_bytes()
    assert not data.startswith(codecs.BOM_UTF8)  # cmd.exe would run "\ufeff@echo off"
    assert data.isascii()  # cmd.exe reads a .bat in the console's code page
    commands = [line for line in _lines(data)
                if line.strip() and not line.lower().startswith(("rem ", "@echo off"))]
    run = ('powershell.exe -NoProfile -ExecutionPolicy Bypass -File '
           f'"%~dp0{CHECK_PS1}"')  # %~dp0: the .bat's own folder, wherever it is started
    assert run in commands
    assert "pause" in commands[commands.index(run):]
    assert not [line for line in commands if line.lower().startswith(("cd ", "chdir", "del "))]


def test_kiem_tra_ps1_reads_sha256sums_beside_it_as_utf8(copy: Path) -> None:
    data = (copy / CHECK_PS1).read_bytes()
    assert data.startswith(codecs.BOM_UTF8)  # Windows PowerShell 5.1 reads no-BOM as ANSI
    code = [line.split("#", 1)[0].strip() for line in _lines(data[len(codecs.BOM_UTF8):])]
    assert "$root = $PSScriptRoot" in code
    assert "$sums = Join-Path $root 'SHA256SUMS'" in code
    assert ("$lines = [System.IO.File]::ReadAllLines($sums, "
            "(New-Object System.Text.UTF8Encoding $false))") in code
    assert ("$actual = (Get-FileHash -LiteralPath $path -Algorithm SHA256)"
            ".Hash.ToLowerInvariant()") in code
    assert "Write-Host 'KẾT QUẢ: BẢN SAO ĐẦY ĐỦ, KHÔNG BỊ HỎNG.' -ForegroundColor Green" in code
    # the digest of SHA256SUMS is compared by hand: a script inside the copy could fake it
    assert not [line for line in code if "Get-FileHash -LiteralPath $sums" in line]


def test_kiem_tra_ps1_checks_every_listed_file_when_powershell_is_here(copy: Path,
                                                                       tmp_path: Path) -> None:
    pwsh = shutil.which("pwsh")
    if pwsh is None:
        pytest.skip("PowerShell (pwsh) is not installed: KIEM-TRA.ps1 is checked statically")

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run([pwsh, "-NoProfile", "-File", str(copy / CHECK_PS1)],
                              cwd=tmp_path, capture_output=True, text=True, check=False,
                              timeout=120)

    count = len(_listed(copy))
    proc = run()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"Đã kiểm tra {count} tệp ghi trong SHA256SUMS: {count} tệp khớp mã (OK)." \
        in proc.stdout
    with (copy / "index.html").open("ab") as handle:
        handle.write(b"<!-- sua -->")
    (copy / README).unlink()
    proc = run()
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert f"{count - 2} tệp khớp mã (OK)." in proc.stdout
    assert "THIẾU 1 tệp:" in proc.stdout and f"  {README}" in proc.stdout.splitlines()
    assert "KHÁC MÃ (bị hỏng hoặc bị sửa) 1 tệp:" in proc.stdout
    assert "  index.html" in proc.stdout.splitlines()
