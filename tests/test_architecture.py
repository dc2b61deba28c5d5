"""The four floors, read from the source: pages → ui → lab → nncore, no arrow up, no import circle.

Every ``import`` in every module of nncore/, lab/, ui/, pages/ and streamlit_app.py is read with ``ast``
(imports inside functions too: a lazy import is still an arrow), resolved to a module of the project or to
a top-level package, and checked against the floors. Each test lists every offence it finds, not the first.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FLOORS = {"nncore": 0, "lab": 1, "ui": 2, "pages": 3, "streamlit_app": 4}
# third-party packages a floor may not import (its own floor and the ones above are checked separately)
UI_LIBRARIES = {"streamlit", "plotly", "pandas"}
NNCORE_ALLOWED = {"numpy"}                                   # besides the standard library
NNCORE_SKLEARN_ALLOWED = NNCORE_ALLOWED | {"sklearn", "scipy"}  # inside nncore/sklearn/ only


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    """{dotted name: file} for every module of the four floors and the entry script."""
    files = [ROOT / "streamlit_app.py"]
    for floor in ("nncore", "lab", "ui", "pages"):
        files += sorted((ROOT / floor).rglob("*.py"))
    return {_module_name(f): f for f in files}


MODULES = project_modules()


def _resolve(importer: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module a ``from … import`` reads from."""
    if not node.level:
        return node.module or ""
    base = importer.split(".")
    base = base if is_package else base[:-1]
    base = base[:len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(name: str, path: Path, modules=MODULES) -> list[tuple[str, int]]:
    """Every (imported module, line) in one file: project modules by full name, others by top-level package.

    ``from pkg import x`` names the submodule ``pkg.x`` when that is a project module, else ``pkg`` itself.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = _resolve(name, path.name == "__init__.py", node)
            for alias in node.names:
                sub = f"{module}.{alias.name}"
                out.append((sub if sub in modules else module, node.lineno))
    return list(dict.fromkeys(out))


def _project_target(module: str, modules=MODULES) -> str | None:
    """The project module an import loads (``a.b.c`` → the longest project-module prefix), or None."""
    parts = module.split(".")
    for k in range(len(parts), 0, -1):
        candidate = ".".join(parts[:k])
        if candidate in modules:
            return candidate
    return None


def _floor(module: str) -> int:
    return FLOORS[module.split(".")[0]]


def edges() -> dict[str, set[str]]:
    """Project module → the project modules it imports."""
    graph = {m: set() for m in MODULES}
    for name, path in MODULES.items():
        for module, _ in imports_of(name, path):
            target = _project_target(module)
            if target is not None and target != name:
                graph[name].add(target)
    return graph


def floor_offences(modules=MODULES, root=ROOT) -> list[str]:
    """Every import that breaks a floor rule, as 'file:line imports X: why'."""
    offences = []
    stdlib = sys.stdlib_module_names
    for name, path in modules.items():
        floor, rel = _floor(name), path.relative_to(root)
        in_sklearn = name == "nncore.sklearn" or name.startswith("nncore.sklearn.")
        for module, line in imports_of(name, path, modules):
            top = module.split(".")[0]
            target = _project_target(module, modules)
            if target is not None:
                if _floor(target) > floor:
                    offences.append(f"{rel}:{line} imports {target}: an arrow up from {name.split('.')[0]}")
                continue
            if not top or top in stdlib or top == "__future__":
                continue
            if floor == FLOORS["nncore"]:
                allowed = NNCORE_SKLEARN_ALLOWED if in_sklearn else NNCORE_ALLOWED
                if top not in allowed:
                    offences.append(f"{rel}:{line} imports {top}: nncore imports only NumPy"
                                    + ("" if in_sklearn else " (scikit-learn only inside nncore/sklearn/)"))
            elif floor == FLOORS["lab"] and top in UI_LIBRARIES:
                offences.append(f"{rel}:{line} imports {top}: lab is UI-free")
    return offences


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_walk_sees_every_floor_and_resolves_relative_imports():
    graph = edges()
    assert {_floor(m) for m in MODULES} == set(FLOORS.values())
    assert "ui.fig_cnn" in MODULES and "lab.cnn" in graph["ui.fig_cnn"]          # absolute import
    assert "ui.svg" in graph["ui.fig_cnn"] and "ui.i18n" in graph["ui.fig_cnn"]  # `from . import svg`
    assert "nncore.layers.recurrent" in graph["nncore.layers.lstm"]             # `from .recurrent import …`


def test_no_floor_imports_a_floor_above_it_or_a_library_it_must_not_use():
    offences = floor_offences()
    assert not offences, "\n" + "\n".join(offences)


def test_no_import_circle_between_project_modules():
    found = cycles(edges())
    assert not found, "\n" + "\n".join(" ↔ ".join(c) for c in found)


@pytest.mark.parametrize("source, offence", [
    ("import streamlit as st\n", "lab is UI-free"),
    ("from ui import figures\n", "imports ui.figures: an arrow up from lab"),
    ("def later():\n    import pages.home\n", "imports pages.home: an arrow up from lab"),
])
def test_the_floor_check_catches_an_arrow_up_even_inside_a_function(tmp_path, source, offence):
    files = {"lab.fake": tmp_path / "lab" / "fake.py", "ui.figures": tmp_path / "ui" / "figures.py",
             "pages.home": tmp_path / "pages" / "home.py"}
    for f in files.values():
        f.parent.mkdir(exist_ok=True)
        f.write_text("")
    files["lab.fake"].write_text(source)
    found = floor_offences(files, tmp_path)
    assert len(found) == 1 and offence in found[0] and found[0].startswith(str(Path("lab") / "fake.py"))


def test_the_circle_check_finds_a_two_module_loop():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
