"""The layout of ``factcheck/services``: packages by aggregate, each documented, imports pointing one way.

Imports are read with ``ast``, at module level and inside functions alike: a function-level import hides a
cycle from Python's import system but not from the design, so it counts here too.
"""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ROOT / "factcheck" / "services"
PREFIX = "factcheck.services"

# package -> the other service packages its modules may import. Written out by hand: a new edge is a design
# decision, made here on purpose. It must stay acyclic (core at the bottom, admin at the top).
ALLOWED_IMPORTS = {
    "core": set(),
    "search": {"core"},
    "accounts": {"core"},
    "queues": {"core", "search"},
    "claims": {"core"},
    "notifications": {"core"},
    "articles": {"core", "queues", "search", "webhooks"},  # a bulk INSERT of claims names them to the outbox
    "verdicts": {"core", "claims", "search"},
    "matching": {"core", "search", "claims"},
    "exports": {"core", "search", "queues", "verdicts"},
    "webhooks": {"core", "verdicts"},
    "admin": {"core", "search", "accounts", "queues", "claims", "articles", "verdicts"},
}


def _packages() -> list[Path]:
    return sorted(p for p in SERVICES.iterdir() if p.is_dir() and p.name != "__pycache__")


def _modules() -> dict[str, Path]:
    """Dotted name under ``factcheck.services`` (``claims.triage``, ``claims`` for its ``__init__``) -> file."""
    found = {}
    for path in sorted(SERVICES.rglob("*.py")):
        parts = path.relative_to(SERVICES).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _targets(node: ast.AST, importer: str, is_package: bool, modules: dict[str, Path]) -> list[str]:
    """The service modules one import statement loads (names under ``factcheck.services``)."""
    if isinstance(node, ast.Import):
        dotted = [alias.name for alias in node.names]
        return [d.removeprefix(PREFIX + ".") for d in dotted if d.startswith(PREFIX + ".")]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level:  # relative: resolve against the importing module's package
        base = (PREFIX + "." + importer).split(".")
        base = base if is_package else base[:-1]
        base = base[: len(base) - (node.level - 1)]
        module = ".".join(base + ([node.module] if node.module else []))
    else:
        module = node.module or ""
    if module != PREFIX and not module.startswith(PREFIX + "."):
        return []
    inside = module.removeprefix(PREFIX).lstrip(".")
    targets = []
    for alias in node.names:
        child = f"{inside}.{alias.name}".lstrip(".")
        targets.append(child if child in modules else inside)  # a submodule, or a name from the module itself
    return [t for t in targets if t]


def _import_graph() -> dict[str, set[str]]:
    modules = _modules()
    graph = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        edges = set()
        for node in ast.walk(tree):
            edges.update(_targets(node, name, is_package, modules))
        graph[name] = {t for t in edges if t != name}
    return graph


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path ``[a, b, ..., a]``, or None."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = "done"
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_services_holds_only_packages():
    strays = sorted(p.name for p in SERVICES.iterdir()
                    if p.name not in ("__init__.py", "__pycache__") and not p.is_dir())
    assert strays == [], f"put these in a package under factcheck/services/: {strays}"
    for package in _packages():
        assert (package / "__init__.py").is_file(), f"{package.name}/ is not a package"


def test_the_import_table_names_every_package():
    assert {p.name for p in _packages()} == set(ALLOWED_IMPORTS)


@pytest.mark.parametrize("package", [SERVICES, *_packages()], ids=lambda p: p.name)
def test_every_package_says_what_it_owns(package):
    docstring = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8")))
    assert docstring and len(docstring.split()) >= 10, f"{package.name}/__init__.py needs a docstring"


def test_the_allowed_table_is_acyclic():
    assert _find_cycle(ALLOWED_IMPORTS) is None


def test_service_packages_import_only_allowed_packages():
    wrong = []
    for module, targets in _import_graph().items():
        source = module.split(".")[0]
        for target in targets:
            package = target.split(".")[0]
            if source and package != source and package not in ALLOWED_IMPORTS.get(source, set()):
                wrong.append(f"{module} imports {target}")
    assert wrong == [], "imports against ALLOWED_IMPORTS:\n" + "\n".join(sorted(wrong))


def test_no_import_cycle_among_service_modules():
    cycle = _find_cycle(_import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_graph_sees_function_level_and_relative_imports():
    tree = ast.parse("def f():\n    from factcheck.services.core import audit\n    from .claim_state import move\n")
    modules = {"core.audit": Path(), "claims.claim_state": Path()}
    found = [t for node in ast.walk(tree) for t in _targets(node, "claims.desk", False, modules)]
    assert sorted(found) == ["claims.claim_state", "core.audit"]
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
