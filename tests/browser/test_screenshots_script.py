"""``make screenshots``' script, for one page in one language, written into a temporary folder (never docs/)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seeds" / "000_fc3dcdb732654b5c.txt"  # the Makefile's SEED
pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


@pytest.mark.skipif(not SEED.exists(), reason=f"needs the demo seed article at {SEED}")
def test_the_script_builds_its_demo_and_writes_the_public_page_in_french(tmp_path):
    docs = sorted((ROOT / "docs" / "screenshots").glob("*.png"))
    before = {p: p.stat().st_mtime_ns for p in docs}
    done = subprocess.run(
        [
            sys.executable,
            "bench/screenshots.py",
            "--seed",
            str(SEED),
            "--out",
            str(tmp_path),
            "--page",
            "public",
            "--lang",
            "fr",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=500,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert [p.name for p in tmp_path.iterdir()] == ["public-fr.png"]
    png = (tmp_path / "public-fr.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and 10_000 < len(png) < 300_000
    assert {p: p.stat().st_mtime_ns for p in docs} == before
