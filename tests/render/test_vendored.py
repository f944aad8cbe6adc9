"""Every third-party folder the package serves carries its licence and is recorded: in the
refresh script's list (package, version, licence) and on the "Thành phần bên thứ ba" page."""

from __future__ import annotations

import importlib.util
import sys

from ocopkit.render.vendored import VENDOR

from ..conftest import DOCS, ROOT


def _vendor_script() -> object:
    spec = importlib.util.spec_from_file_location("vendor_assets",
                                                  ROOT / "scripts" / "vendor_assets.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("vendor_assets", module)
    spec.loader.exec_module(module)
    return module


def test_every_vendored_folder_has_a_licence_and_a_record() -> None:
    folders = sorted(p.name for p in VENDOR.iterdir() if p.is_dir())
    assert "qrcode-generator" in folders
    for folder in folders:
        licence = VENDOR / folder / "LICENSE"
        assert licence.is_file() and licence.stat().st_size > 200, folder
    assets = {a.folder: a for a in _vendor_script().ASSETS}  # type: ignore[attr-defined]
    assert sorted(assets) == folders
    rows = (DOCS / "assets" / "vendor" / "THIRD_PARTY.md").read_text(encoding="utf-8")
    for folder, asset in assets.items():
        assert f"| `{asset.package}` | {asset.version} | {asset.licence} | `{folder}/` |" in rows


def test_qr_generator_is_the_pinned_package_under_its_mit_notice() -> None:
    script = (VENDOR / "qrcode-generator" / "qrcode.js").read_text(encoding="utf-8")
    licence = (VENDOR / "qrcode-generator" / "LICENSE").read_text(encoding="utf-8")
    assert script.startswith("//---") and "Licensed under the MIT license" in script
    assert "Copyright (c) 2009 Kazuhiko Arase" in licence
    assert "Permission is hereby granted, free of charge" in licence
    code = "".join(line for line in script.splitlines() if not line.lstrip().startswith("//"))
    assert not any(call in code for call in ("XMLHttpRequest", "fetch(", "import(",
                                             "sendBeacon"))  # it asks no server anything
