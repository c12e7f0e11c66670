"""Fixed split of the CLEF 2025 Task 2 French normalised claims, shared by training and evaluation.

The claims (train + dev files, de-duplicated by normalised text) are cut in two halves by a hash of the text, so
the split never depends on file order: `--fr-claims` training may use the "train" half as check-worthy French
examples, and bench/eval_checkworthiness.py reports the share scored Yes on the other, held-out half.
"""
from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

FRA_FILES = ("train-fra.csv", "dev-fra.csv")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


def fra_claims(fra_dir: Path) -> dict[str, list[str]]:
    """{"train": [...], "heldout": [...]}: unique normalised claims, split by the parity of a SHA-256 byte."""
    seen: dict[str, str] = {}
    for name in FRA_FILES:
        with open(fra_dir / name, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                claim = row["normalized claim"].strip()
                if claim:
                    seen.setdefault(_norm(claim), claim)
    halves: dict[str, list[str]] = {"train": [], "heldout": []}
    for key, claim in seen.items():
        half = "train" if hashlib.sha256(key.encode()).digest()[0] % 2 == 0 else "heldout"
        halves[half].append(claim)
    return halves
