"""The package's folders are its layers, and imports go one way: down.

Read from the source with :mod:`ast` (nothing is imported): every ``import`` of an ``ocopkit``
module names a layer no higher than the importer's, and only ``ocopkit.mkdocs_plugin`` imports
``mkdocs`` or ``material``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
LAYERS = {  # package (or module) -> layer, lowest first; the table on the developers page
    "ocopkit.errors": 0, "ocopkit.system": 0,
    "ocopkit.source": 1,
    "ocopkit.criteria": 2,
    "ocopkit.content": 3, "ocopkit.scoring": 3,
    "ocopkit.render": 4, "ocopkit.scaffold": 4,
    "ocopkit.mkdocs_plugin": 5,
    "ocopkit.cli": 6, "ocopkit": 6,
}
ENGINE_ONLY = ("mkdocs", "material")


def _module(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> int:
    probe = module
    while probe not in LAYERS:
        probe = probe.rpartition(".")[0]
    return LAYERS[probe]


def _imports(path: Path) -> list[tuple[int, str]]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.append((node.lineno, node.module))
            if node.module == "ocopkit":  # from ocopkit import x: the module ocopkit.x
                out += [(node.lineno, f"ocopkit.{alias.name}") for alias in node.names
                        if (SRC / "ocopkit" / alias.name).exists()
                        or (SRC / "ocopkit" / f"{alias.name}.py").exists()]
    return out


SOURCES = sorted((SRC / "ocopkit").rglob("*.py"))


def test_every_module_is_in_a_layer() -> None:
    loose = [_module(p) for p in SOURCES if _module(p).count(".") == 1
             and _module(p) not in LAYERS]
    assert loose == [], "modules outside the layer folders"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: _module(p))
def test_imports_point_down(path: Path) -> None:
    module = _module(path)
    mine = _layer(module)
    wrong = [f"{path.name}:{line}: {name} (layer {_layer(name)} > {mine})"
             for line, name in _imports(path)
             if name.startswith("ocopkit") and name != "ocopkit" and _layer(name) > mine]
    assert wrong == []


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: _module(p))
def test_only_the_plugin_imports_mkdocs(path: Path) -> None:
    if _module(path).startswith("ocopkit.mkdocs_plugin"):
        return
    found = [f"{path.name}:{line}: {name}" for line, name in _imports(path)
             if name.split(".")[0] in ENGINE_ONLY]
    assert found == []
