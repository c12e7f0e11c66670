"""Fixtures for the extraction tests: a deterministic scorer and a shortcut to run the pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
SHARED = REPO_ROOT.parent / "shared"


def fixed_scorer(sentences, lang=None):
    """Deterministic stand-in for the model: longer sentences with digits score a little higher."""
    return [min(0.9, 0.4 + (0.1 if any(c.isdigit() for c in s) else 0.0) + len(s) / 2000) for s in sentences]


@pytest.fixture
def run():
    """run(text, **kw) -> ExtractionResult using the fixed scorer."""
    from factcheck.extraction import extract

    def _run(text, **kw):
        kw.setdefault("scorer", fixed_scorer)
        return extract(text, **kw)

    return _run


@pytest.fixture
def claims_of(run):
    """claims_of(text, lang) -> the claims of the extraction contract's JSON, as dicts."""
    from factcheck.extraction import to_contract

    return lambda text, lang: to_contract(run(text, lang=lang))["claims"]


@pytest.fixture
def shared_dir():
    if not SHARED.is_dir():
        pytest.skip(f"shared folder {SHARED} is absent (seed article and gold live there)")
    return SHARED
