"""The shape of the code: the engine never imports streamlit, bench/ never imports the test
suite, and every session-state key of the app is declared in rnnviz/ui/state.py.

Read from the source with ast (no module is run), so the failure names the file and line.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UI_ALLOWED = ("rnnviz/ui/", "views/", "app.py")  # the only places that may use streamlit
STATE = "rnnviz/ui/state.py"


def _files(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every import statement in a file, nested ones included."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.append((node.lineno, node.module))
    return out


def _is(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


ENGINE = [p for p in _files("rnnviz", "bench") if not _rel(p).startswith(UI_ALLOWED)]


def _streamlit_imports(paths) -> list[str]:
    """Imports of streamlit, or of rnnviz.ui (which imports it), as "file:line module"."""
    return [
        f"{_rel(p)}:{line} {m}"
        for p in paths
        for line, m in _imports(p)
        if _is(m, "streamlit") or _is(m, "rnnviz.ui")
    ]


def test_the_engine_and_the_benchmarks_never_import_streamlit():
    assert len(ENGINE) > 20  # the walk found the engine
    assert _streamlit_imports(ENGINE) == []


def test_the_check_sees_an_import_wherever_it_is(tmp_path):
    # The rule must be able to fail: a nested and a "from" import are both found.
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    import streamlit as st\nfrom rnnviz.ui import state\n")
    found = [m for _, m in _imports(bad) if _is(m, "streamlit") or _is(m, "rnnviz.ui")]
    assert sorted(found) == ["rnnviz.ui", "streamlit"]
    assert not _is("streamlit_extras", "streamlit")


@pytest.mark.subprocess
def test_importing_every_engine_module_loads_no_streamlit():
    """What ast cannot see: an engine module importing one that imports streamlit."""
    modules = [
        _rel(p)[:-3].replace("/", ".").removesuffix(".__init__")
        for p in ENGINE
        if _rel(p).startswith("rnnviz/")
    ]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}:\n    importlib.import_module(m)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'streamlit'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_bench_never_imports_the_test_suite():
    found = [
        f"{_rel(p)}:{line} {m}"
        for p in _files("bench")
        for line, m in _imports(p)
        if _is(m, "tests") or m in ("conftest", "apphelpers")
    ]
    assert found == []


def _session_keys(path: Path) -> list[str]:
    """String constants that name one of the app's own session keys ("rv_...")."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return [
        f"{_rel(path)}:{node.lineno} {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.startswith("rv_")
    ]


@pytest.mark.parametrize("folder", ["rnnviz", "views", "tests", "bench"])
def test_session_keys_are_declared_only_in_the_state_module(folder):
    """Pages and tests read what a session keeps through rnnviz.ui.state (its accessors
    and Entries), never by a raw st.session_state["rv_..."]."""
    paths = [
        p for p in _files(folder) if _rel(p) not in (STATE, "tests/engine/test_architecture.py")
    ]
    if folder == "views":
        paths.append(ROOT / "app.py")
    assert [k for p in paths for k in _session_keys(p)] == []


def test_the_state_module_declares_them():
    assert _session_keys(ROOT / STATE)  # the check above looks for the right thing


def _raw_access(path: Path) -> list[str]:
    """Every use of Streamlit's session_state by any name: an attribute (st.session_state,
    streamlit.session_state) or an import of it."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = [
        node.lineno
        for node in ast.walk(tree)
        if (isinstance(node, ast.Attribute) and node.attr == "session_state")
        or (
            isinstance(node, ast.ImportFrom)
            and node.module == "streamlit"
            and any(a.name == "session_state" for a in node.names)
        )
    ]
    return [f"{_rel(path)}:{line}" for line in found]


def test_only_the_state_module_touches_session_state():
    """Every session value, widget keys included, is read and written through the Entries of
    rnnviz/ui/state.py, whatever its key: a raw access elsewhere is a second owner."""
    paths = [p for p in [*_files("rnnviz", "views"), ROOT / "app.py"] if _rel(p) != STATE]
    assert [hit for p in paths for hit in _raw_access(p)] == []
    assert _raw_access(ROOT / STATE)  # the check above looks for the right thing


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _graph() -> dict[str, set[str]]:
    """rnnviz module -> the rnnviz modules it imports anywhere in it: nested imports and
    those under TYPE_CHECKING count (a cycle hidden under either is still a cycle)."""
    modules = {_module_name(p): p for p in _files("rnnviz")}
    graph = {}
    for name, path in modules.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found |= {f"{node.module}.{a.name}" for a in node.names} | {node.module}
        graph[name] = {
            m for m in found if m in modules and m != name and not name.startswith(m + ".")
        }  # a package's own __init__
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while (w := stack.pop()) != v:
                group.append(w)
            if group:
                groups.append(sorted([v, *group]))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return groups


def test_no_import_cycles():
    assert _cycles(_graph()) == []


def test_the_cycle_check_sees_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_engine_is_grouped_in_subpackages():
    """At most 8 modules lie directly in rnnviz/: the rest live in a subpackage named for
    its job, each a package with a docstring saying what it holds."""
    loose = sorted(p.name for p in (ROOT / "rnnviz").glob("*.py"))
    assert len(loose) <= 8, loose
    for pkg in (ROOT / "rnnviz").iterdir():
        if pkg.is_dir() and pkg.name != "__pycache__":
            init = pkg / "__init__.py"
            assert init.exists(), pkg.name
            assert ast.get_docstring(ast.parse(init.read_text())), pkg.name


def test_every_test_lives_in_its_layer():
    """tests/engine, tests/app and tests/browser hold every test (pytest marks them by
    folder), with no two test files of one name."""
    tests = ROOT / "tests"
    assert not list(tests.glob("test_*.py"))
    names = [p.name for p in tests.rglob("test_*.py")]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    layers = {p.relative_to(tests).parts[0] for p in tests.rglob("test_*.py")}
    assert layers == {"engine", "app", "browser"}


def _drawn_keys() -> tuple[set[str], set[str]]:
    """The literal `key=` of every widget call in the pages and rnnviz/ui, and the literal
    prefixes of the f-string keys."""
    literal, prefixes = set(), set()
    for path in [*_files("rnnviz/ui", "views"), ROOT / "app.py"]:
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call) or getattr(node.func, "attr", "") == "get_option":
                continue
            for kw in node.keywords:
                value = kw.value
                if kw.arg != "key":
                    continue
                if isinstance(value, ast.Constant):
                    literal.add(value.value)
                elif isinstance(value, ast.JoinedStr) and isinstance(value.values[0], ast.Constant):
                    prefixes.add(value.values[0].value)
    return literal, prefixes


def test_every_widget_key_is_declared_once_in_the_state_module():
    from rnnviz.session import schema
    from rnnviz.ui import state

    literal, prefixes = _drawn_keys()
    assert literal - state.WIDGET_KEYS == set(), "drawn but not declared"
    assert state.WIDGET_KEYS - literal == set(), "declared but never drawn"
    assert prefixes == set(state.WIDGET_KEY_PREFIXES)
    declared = [k for keys in state.WIDGETS.values() for k in keys]
    assert len(declared) == len(set(declared)), "declared twice"
    entries = {v.key for v in vars(state).values() if isinstance(v, state.Entry)}
    schema_widgets = {s.widget for s in schema.SETTINGS}
    assert not state.WIDGET_KEYS & (entries | schema_widgets)
    for key in ("data_source", "data_upload", "sample_choice", "use_sample", "train", "stop"):
        assert key in state.WIDGET_KEYS  # keys outside checks drive the app by
