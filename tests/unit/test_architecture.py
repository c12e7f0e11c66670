"""The dependency rule: the pure modules import neither Flask nor SQLAlchemy (nor Celery, WTForms …), even indirectly.

Two checks, since each sees what the other cannot:
- statically, every import statement reachable from a pure module through factcheck modules, including imports
  inside functions (which run only when called) and the package __init__ files that importing a module runs;
- at run time, importing every pure module (each extraction submodule, not only the lazy package) in a fresh
  interpreter loads none of the forbidden packages.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PURE_MODULES = ("factcheck.workflow", "factcheck.permissions", "factcheck.actions", "factcheck.extraction")
FORBIDDEN = frozenset({"flask", "werkzeug", "jinja2", "sqlalchemy", "alembic", "celery", "kombu", "wtforms"})


def _forbidden(name: str) -> bool:
    top = name.split(".")[0]
    return top in FORBIDDEN or top.startswith("flask_")


def _path_of(module: str) -> Path | None:
    base = ROOT.joinpath(*module.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def _name_of(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _pure_files() -> list[Path]:
    files = [ROOT / "factcheck" / name for name in ("workflow.py", "permissions.py", "actions.py")]
    return files + sorted((ROOT / "factcheck" / "extraction").rglob("*.py"))


@dataclass
class _Imports:
    """A module's imports: run when the module is imported, run inside functions, and for type checkers only."""

    top: set[str] = field(default_factory=set)
    deferred: set[str] = field(default_factory=set)
    typing: set[str] = field(default_factory=set)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


class _Collector(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool):
        self.package = module if is_package else module.rpartition(".")[0]
        self.found = _Imports()
        self.in_function = 0
        self.type_checking = 0

    def _add(self, name: str) -> None:
        target = self.found.typing if self.type_checking else (
            self.found.deferred if self.in_function else self.found.top)
        target.add(name)

    def _function(self, node: ast.AST) -> None:
        self.in_function += 1
        self.generic_visit(node)
        self.in_function -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def visit_If(self, node: ast.If) -> None:
        if not _is_type_checking(node.test):
            self.generic_visit(node)
            return
        self.type_checking += 1
        for child in node.body:
            self.visit(child)
        self.type_checking -= 1
        for child in node.orelse:
            self.visit(child)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            parts = self.package.split(".")
            base = ".".join(parts[:len(parts) - node.level + 1] + ([node.module] if node.module else []))
        else:
            base = node.module or ""
        self._add(base)
        for alias in node.names:  # `from . import pipeline` imports a submodule
            if alias.name != "*" and _path_of(f"{base}.{alias.name}"):
                self._add(f"{base}.{alias.name}")


def _imports(module: str) -> _Imports:
    path = _path_of(module)
    assert path is not None, module
    collector = _Collector(module, path.name == "__init__.py")
    collector.visit(ast.parse(path.read_text(encoding="utf-8")))
    return collector.found


def _own_module(name: str) -> str | None:
    """The factcheck module an imported name lives in (`factcheck.models.Claim` -> `factcheck.models`)."""
    parts = name.split(".")
    while parts and parts[0] == "factcheck":
        if _path_of(".".join(parts)):
            return ".".join(parts)
        parts.pop()
    return None


def _parents(module: str) -> list[str]:
    """The packages whose __init__ runs before `module` (`factcheck.extraction.nlp` -> extraction, factcheck)."""
    parts = module.split(".")[:-1]
    return [".".join(parts[:i]) for i in range(len(parts), 0, -1)]


def _forbidden_chains(start: str) -> list[str]:
    """Every import chain from `start` to a forbidden package, through factcheck modules.

    Modes: "all" for the pure module itself (even its type-only imports count); "run" for a module it imports (its
    functions may be called, so imports inside them count); "top" for a package whose __init__ merely runs.
    """
    rank = {"top": 0, "run": 1, "all": 2}
    todo = [(start, "all", (start,))] + [(p, "top", (f"{p} (package of {start})",)) for p in _parents(start)]
    seen: dict[str, str] = {}
    chains: list[str] = []
    while todo:
        module, mode, chain = todo.pop()
        if module in seen and rank[seen[module]] >= rank[mode]:
            continue
        seen[module] = mode
        found = _imports(module)
        names = found.top | (found.deferred if mode != "top" else set()) | (found.typing if mode == "all" else set())
        for name in sorted(names):
            if _forbidden(name):
                chains.append(" -> ".join((*chain, name)))
                continue
            own = _own_module(name)
            if own is None or own == module:
                continue
            todo.append((own, "run", (*chain, own)))
            todo += [(p, "top", (*chain, f"{p} (package of {own})")) for p in _parents(own)]
    return chains


@pytest.mark.parametrize("path", _pure_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_pure_module_reaches_no_web_or_orm_import(path):
    chains = _forbidden_chains(_name_of(path))
    assert chains == [], "the pure core must not import Flask, SQLAlchemy, Celery …:\n  " + "\n  ".join(chains)


def _all_pure_modules() -> list[str]:
    return sorted({_name_of(p) for p in _pure_files()})


def test_importing_every_pure_module_loads_no_web_or_orm_package():
    code = (
        "import sys, importlib\n"
        f"for name in {_all_pure_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "tops = {m.split('.')[0] for m in sys.modules}\n"
        f"bad = sorted(t for t in tops if t in {sorted(FORBIDDEN)!r} or t.startswith('flask_'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_static_check_sees_a_violation(tmp_path, monkeypatch):
    """The checker itself: a lazy import inside a function, two modules away, is found."""
    pkg = tmp_path / "factcheck"
    (pkg / "extraction").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "extraction" / "__init__.py").write_text("")
    (pkg / "extraction" / "rules.py").write_text("from ..helpers import helper\n")
    (pkg / "helpers.py").write_text("def helper():\n    from factcheck.extensions import db\n    return db\n")
    (pkg / "extensions.py").write_text("from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert _forbidden_chains("factcheck.extraction.rules") == [
        "factcheck.extraction.rules -> factcheck.helpers -> factcheck.extensions -> flask_sqlalchemy"
    ]


def test_extensions_import_nothing_of_ours():
    tree = ast.parse((ROOT / "factcheck" / "extensions.py").read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            assert not node.module.startswith("factcheck")
