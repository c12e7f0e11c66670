"""Sentence check-worthiness scores (0.0-1.0, higher = more worth fact-checking).

Why this shape: the scorer is a MiniLM-L6 encoder fine-tuned on CLEF CheckThat! 2024 Task 1 (see
bench/CHECKWORTHINESS.md, rebuilt by bench/train_checkworthiness.py) and shipped as an int8 ONNX file, so run
time needs only onnxruntime + tokenizers (no torch, nothing downloaded). The session is loaded once per process
(lru_cache). Dynamic int8 quantisation computes activation scales per call, so a sentence's score would depend on
the other sentences of its batch: every sentence is therefore run alone, which makes scores reproducible
(identical alone or in any list) and, without padding, still fast (hundreds of sentences per second on 2 cores).

The model is English-centred, so French scores run low: artefacts carry a per-language logit offset
(meta.json `lang_logit_offset`, tuned on half of the project's French set) applied when `lang` is given, which
lets the single threshold() serve every language.

Pure module: no Flask, no SQLAlchemy; safe to use from the CLI, Celery tasks and benchmarks.
"""
from __future__ import annotations

import json
import math
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import numpy as np

MODEL_DIR = Path(__file__).resolve().parent / "artefacts" / "checkworthiness"
MODEL_VERSION: str = "cw-minilm-ft-2"
_THREADS = int(os.environ.get("FACTCHECK_CW_THREADS", "1"))


@lru_cache(maxsize=1)
def _meta() -> dict[str, Any]:
    meta: dict[str, Any] = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    if meta.get("version") != MODEL_VERSION:
        raise RuntimeError(f"checkworthiness artefact is {meta.get('version')!r}, module expects {MODEL_VERSION!r}")
    return meta


@lru_cache(maxsize=1)
def _load() -> tuple[Any, Any]:
    """Load tokenizer and ONNX session once per process."""
    import onnxruntime as ort
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(MODEL_DIR / "tokenizer.json"))
    # The bundled tokenizer.json pads to 128 by default: reset both explicitly to what the model was trained with.
    tok.no_padding()
    tok.enable_truncation(max_length=int(_meta()["max_length"]))
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = _THREADS
    opts.inter_op_num_threads = 1
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    sess = ort.InferenceSession(str(MODEL_DIR / "model.onnx"), sess_options=opts,
                                providers=["CPUExecutionProvider"])
    return tok, sess


def threshold() -> float:
    """Shipped decision threshold: a sentence is check-worthy (Yes) when its score >= threshold()."""
    return float(_meta()["threshold"])


def score_sentences(sentences: Sequence[str], lang: str | None = None) -> list[float]:
    """Score each sentence in input order; empty or whitespace-only sentences score 0.0.

    `lang` (fr, en, es, nl; None or "auto" = no adjustment) selects the per-language calibration offset, if any.
    """
    if isinstance(sentences, str):
        raise TypeError("score_sentences expects a sequence of sentences, not a single string")
    scores = [0.0] * len(sentences)
    todo = [(i, s.strip()) for i, s in enumerate(sentences) if s and s.strip()]
    if not todo:
        return scores
    tok, sess = _load()
    offset = float(_meta().get("lang_logit_offset", {}).get((lang or "").lower()[:2], 0.0))
    encodings = tok.encode_batch([s for _, s in todo])
    for (i, _), enc in zip(todo, encodings, strict=True):
        ids = np.asarray([enc.ids], dtype=np.int64)
        out = sess.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0]
        p = min(1.0, max(0.0, float(out.reshape(-1)[0])))
        if offset and 0.0 < p < 1.0:
            p = 1.0 / (1.0 + math.exp(-(math.log(p / (1.0 - p)) + offset)))
        scores[i] = p
    return scores
