"""The app serves only what its pages use: every file under factcheck/static/ is named by a template or asset.

Anything else (screenshots, notes, build leftovers) belongs outside the served folder, e.g. docs/.
"""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "factcheck" / "static"
STATIC_URL = re.compile(r"""url_for\(\s*['"]static['"]\s*,\s*filename\s*=\s*['"]([^'"]+)['"]""")


def _referenced() -> set[str]:
    names: set[str] = set()
    for template in (ROOT / "templates").rglob("*.html"):
        names.update(STATIC_URL.findall(template.read_text(encoding="utf-8")))
    return names


def test_every_static_file_is_used_by_a_page():
    referenced = _referenced()
    assets = "\n".join(p.read_text(encoding="utf-8") for p in STATIC.rglob("*") if p.suffix in {".css", ".js"})
    unused = [
        rel for p in sorted(STATIC.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
        and (rel := p.relative_to(STATIC).as_posix()) not in referenced and p.name not in assets
    ]
    assert unused == [], f"served but used by no page (move them out of factcheck/static/): {unused}"


def test_readme_screenshots_are_not_served():
    assert not (STATIC / "screenshots").exists()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for image in re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", readme):
        assert not image.startswith("factcheck/static/"), image
        assert (ROOT / image).is_file(), f"README links a missing image: {image}"
