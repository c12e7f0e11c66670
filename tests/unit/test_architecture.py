"""The dependency rule: the pure modules import neither Flask nor SQLAlchemy, even indirectly."""
import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PURE_MODULES = ["factcheck.workflow", "factcheck.permissions", "factcheck.extraction"]
FORBIDDEN = ("flask", "sqlalchemy", "flask_sqlalchemy", "celery", "werkzeug")


def _pure_files():
    files = [ROOT / "factcheck" / "workflow.py", ROOT / "factcheck" / "permissions.py"]
    files += sorted((ROOT / "factcheck" / "extraction").rglob("*.py"))
    return files


@pytest.mark.parametrize("path", _pure_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_pure_files_have_no_forbidden_import_statements(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            assert name.split(".")[0] not in FORBIDDEN, f"{path.name} imports {name}"
            assert not name.startswith(("factcheck.models", "factcheck.services", "factcheck.extensions")), name


@pytest.mark.parametrize("module", PURE_MODULES)
def test_importing_a_pure_module_loads_no_web_or_orm_package(module):
    code = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}); print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_extensions_import_nothing_of_ours():
    tree = ast.parse((ROOT / "factcheck" / "extensions.py").read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            assert not node.module.startswith("factcheck")
