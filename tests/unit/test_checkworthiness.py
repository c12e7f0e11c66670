"""Unit tests of the shipped check-worthiness scorer (onnxruntime + tokenizers, no torch)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.extraction import checkworthiness as cw

REPO = Path(__file__).resolve().parents[2]

EN_CLAIM = "Unemployment rose from 4.1 percent to 7.9 percent in the last two years, costing 3 million jobs."
EN_OPINION = "Good evening everyone, and thank you so much for being here tonight."
FR_CLAIM = "Le taux de chômage est passé de 7,1 % à 9,4 % en deux ans, soit 600 000 emplois détruits."
FR_OPINION = "Bonsoir à toutes et à tous, merci d'être avec nous ce soir."


def test_artefact_matches_module():
    meta = json.loads((cw.MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    assert meta["version"] == cw.MODEL_VERSION
    size = (cw.MODEL_DIR / "model.onnx").stat().st_size
    assert 1_000_000 < size <= 31_500_000


def test_scores_in_range_and_order():
    sents = [EN_CLAIM, EN_OPINION, FR_CLAIM, FR_OPINION]
    scores = cw.score_sentences(sents)
    assert len(scores) == len(sents)
    assert all(isinstance(s, float) and 0.0 <= s <= 1.0 for s in scores)
    reversed_scores = cw.score_sentences(list(reversed(sents)))
    assert reversed_scores == list(reversed(scores))


@pytest.mark.parametrize("blank", ["", "   ", "\n\t"])
def test_blank_scores_zero(blank):
    assert cw.score_sentences([blank, EN_CLAIM])[0] == 0.0
    assert cw.score_sentences([]) == []


def test_single_string_rejected():
    with pytest.raises(TypeError):
        cw.score_sentences(EN_CLAIM)  # type: ignore[arg-type]


def test_deterministic_alone_and_in_batch():
    alone = [cw.score_sentences([s])[0] for s in (EN_CLAIM, FR_CLAIM, EN_OPINION)]
    batch = cw.score_sentences([EN_OPINION, "x" * 500, EN_CLAIM, "", FR_CLAIM, EN_OPINION])
    assert batch[2] == pytest.approx(alone[0], abs=1e-6)
    assert batch[4] == pytest.approx(alone[1], abs=1e-6)
    assert batch[0] == pytest.approx(alone[2], abs=1e-6)
    assert batch[5] == batch[0]


def test_claim_beats_opinion_english():
    claim, opinion = cw.score_sentences([EN_CLAIM, EN_OPINION])
    assert claim > opinion
    assert claim >= cw.threshold() > opinion


def test_claim_beats_opinion_french():
    claim, opinion = cw.score_sentences([FR_CLAIM, FR_OPINION], lang="fr")
    assert claim > opinion
    assert opinion < cw.threshold()


def test_threshold_in_open_unit_interval():
    assert 0.0 < cw.threshold() < 1.0


def test_long_input_is_truncated_not_failing():
    (score,) = cw.score_sentences(["The deficit grew by 3 percent. " * 200])
    assert 0.0 <= score <= 1.0


def test_module_is_pure():
    code = (
        "import sys\n"
        "import factcheck.extraction.checkworthiness as cw\n"
        "cw.score_sentences(['The budget grew by 5 percent in 2023.'])\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('flask', 'sqlalchemy', 'torch')]\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    res = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stdout + res.stderr
