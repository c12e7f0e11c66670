"""The shipped check-worthiness artefact is exactly the one its manifest and version name describe.

A model file that changes without a new name (as cw-minilm-ft-1 once did, 69da2615… replaced by 420a1f87… under
the same name and pipeline version) fails here. Shipping a new model: train it with a new --version (see
bench/train_checkworthiness.py, which rewrites MANIFEST.sha256), set MODEL_VERSION in
factcheck/extraction/checkworthiness.py, bump PIPELINE_VERSION, and add a row to SHIPPED_MODELS.
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

ARTEFACT = Path(__file__).resolve().parents[2] / "factcheck" / "extraction" / "artefacts" / "checkworthiness"
MANIFEST = ARTEFACT / "MANIFEST.sha256"
# Every model ever shipped, oldest first: name in meta.json -> (SHA-256 of model.onnx, first pipeline version).
SHIPPED_MODELS = {
    "cw-minilm-ft-1": ("420a1f8761c89a02051fd66f6c65f8d0502302db093f8078317d466ccf289e97", "1.0.0"),
    "cw-minilm-ft-2": ("acfd9a9c49a8e4b59c10ca24d8622d819ef40021b6b4b6edc4950f4f50516b4a", "1.2.0"),
}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _manifest() -> dict[str, str]:
    entries = {}
    for line in MANIFEST.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"([0-9a-f]{64})  (\S+)", line)
        assert match, f"not a `sha256sum` line: {line!r}"
        entries[match[2]] = match[1]
    return entries


def _version(text: str) -> tuple[int, ...]:
    match = re.search(r"(\d+)\.(\d+)\.(\d+)", text)
    assert match, text
    return tuple(int(x) for x in match.groups())


def test_manifest_lists_every_artefact_file_and_nothing_else():
    present = sorted(p.name for p in ARTEFACT.iterdir() if p.name != MANIFEST.name)
    assert sorted(_manifest()) == present, "files added to or missing from the artefact folder"
    assert {"model.onnx", "tokenizer.json", "meta.json"} <= set(present)


@pytest.mark.parametrize("name", sorted(_manifest()))
def test_artefact_file_matches_its_sha256(name):
    assert _sha256(ARTEFACT / name) == _manifest()[name], f"{name} changed without MANIFEST.sha256"


def test_model_file_belongs_to_its_version_name():
    from factcheck.extraction import checkworthiness

    version = json.loads((ARTEFACT / "meta.json").read_text(encoding="utf-8"))["version"]
    assert version == checkworthiness.MODEL_VERSION
    assert version == list(SHIPPED_MODELS)[-1], "a new model needs a row in SHIPPED_MODELS"
    assert _manifest()["model.onnx"] == SHIPPED_MODELS[version][0], (
        f"model.onnx differs from the one shipped as {version}: give the new model a new name"
    )


def test_each_model_came_with_a_pipeline_version_bump():
    from factcheck.extraction import PIPELINE_VERSION

    firsts = [_version(first) for _, first in SHIPPED_MODELS.values()]
    assert firsts == sorted(set(firsts)), "each new model needs a higher pipeline version than the one before"
    assert _version(PIPELINE_VERSION) >= firsts[-1]
