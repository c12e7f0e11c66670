"""Evaluate the shipped check-worthiness scorer (no torch needed).

    cd /work/main && .venv/bin/python bench/eval_checkworthiness.py [--model-dir DIR] [--boot 2000]

Prints precision, recall and F1 of the Yes class at the shipped threshold on: CLEF CheckThat! 2024 Task 1 English
test gold (with a bootstrap 95% interval) and dev-test, Spanish and Dutch dev-test (tweets, cross-language
transfer), the project's French set bench/data/checkworthiness_fr.tsv, the share of the CLEF 2025 Task 2 French
normalised claims scored Yes (on the held-out half of bench/cw_splits.py, and on the half --fr-claims may train on),
and scoring speed. Data are read in place from ../shared/data; a
missing data set is skipped with the reason printed. --model-dir evaluates another artefact directory
(e.g. a candidate from bench/train_checkworthiness.py) through the same run-time code.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from factcheck.extraction import checkworthiness as cw  # noqa: E402

sys.path.insert(0, str(REPO / "bench"))
from cw_splits import FRA_FILES, fra_claims  # noqa: E402

DATA = REPO.parent / "shared" / "data"
CT24 = DATA / "clef2024-task1"
csv.field_size_limit(10**8)


def read_tsv(path: Path, text_keys=("Text", "tweet_text", "text"), label_keys=("class_label", "label")):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    tk = next(k for k in text_keys if k in rows[0])
    lk = next(k for k in label_keys if k in rows[0])
    return [r[tk] for r in rows], np.array([int(r[lk].strip() == "Yes") for r in rows])


def prf(pred: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    tp = float((pred & (y == 1)).sum())
    p = tp / pred.sum() if pred.sum() else 0.0
    r = tp / (y == 1).sum() if (y == 1).sum() else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def best_f1(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    best = (0.0, 0.0)
    for t in np.unique(np.round(scores, 4)):
        f = prf(scores >= t, y)[2]
        best = max(best, (f, float(t)))
    return best


def bootstrap_f1(pred: np.ndarray, y: np.ndarray, n: int, seed: int = 0) -> tuple[float, float]:
    rng = np.random.default_rng(seed)
    vals = [prf(pred[idx], y[idx])[2] for idx in (rng.integers(0, len(y), len(y)) for _ in range(n))]
    return float(np.percentile(vals, 2.5)), float(np.percentile(vals, 97.5))


def report(name: str, path: Path, boot: int = 0, lang: str | None = None, keep=None, **kw) -> dict | None:
    if not path.exists():
        print(f"{name}: SKIPPED ({path} not found)")
        return None
    texts, y = read_tsv(path, **kw)
    if keep is not None:
        texts, y = [t for t, k in zip(texts, keep, strict=True) if k], y[np.array(keep)]
    s = np.array(cw.score_sentences(texts, lang=lang))
    p, r, f = prf(s >= cw.threshold(), y)
    line = f"{name}: n={len(y)} yes={int(y.sum())}  P={p:.3f} R={r:.3f} F1={f:.3f}"
    res = {"n": len(y), "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
    if boot:
        lo, hi = bootstrap_f1(s >= cw.threshold(), y, boot)
        line += f" [95% CI {lo:.3f}-{hi:.3f}, {boot} bootstrap resamples]"
        res["f1_ci95"] = [round(lo, 4), round(hi, 4)]
    bf, bt = best_f1(s, y)
    print(line + f"   (oracle: best F1 {bf:.3f} at threshold {bt:.3f}, not a tuned figure)")
    return res


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model-dir", help="evaluate another artefact directory instead of the shipped one")
    ap.add_argument("--boot", type=int, default=2000)
    ap.add_argument("--json", help="also write the figures to this JSON file")
    args = ap.parse_args()
    if args.model_dir:
        cw.MODEL_DIR = Path(args.model_dir).resolve()
        cw.MODEL_VERSION = json.loads((cw.MODEL_DIR / "meta.json").read_text())["version"]
    t0 = time.perf_counter()
    cw.score_sentences(["warm-up"])
    print(f"model {cw.MODEL_VERSION} from {cw.MODEL_DIR} loaded in {time.perf_counter() - t0:.2f}s; "
          f"threshold {cw.threshold():.4f}")

    out: dict = {"model_version": cw.MODEL_VERSION, "threshold": cw.threshold()}
    en = CT24 / "english"
    out["en_test_gold"] = report("CT24 en test gold", en / "CT24_checkworthy_english_test_gold.tsv", boot=args.boot)
    out["en_dev_test"] = report("CT24 en dev-test (threshold tuned here)", en / "CT24_checkworthy_english_dev-test.tsv")
    out["es_dev_test"] = report("CT24 es dev-test (tweets)", CT24 / "spanish/CT24_checkworthy_spanish_dev-test.tsv")
    out["nl_dev_test"] = report("CT24 nl dev-test (tweets)", CT24 / "dutch/CT24_checkworthy_dutch_dev-test.tsv")
    fr_set = REPO / "bench/data/checkworthiness_fr.tsv"
    if fr_set.exists():  # the odd-numbered half tuned the French offset (bench/train_checkworthiness.py)
        with open(fr_set, encoding="utf-8", newline="") as f:
            even = [int(r["sentence_id"][2:]) % 2 == 0 for r in csv.DictReader(f, delimiter="\t")]
        kw = {"text_keys": ("text",), "label_keys": ("label",)}
        out["fr_bench_heldout"] = report("French set, held-out even ids, lang=fr", fr_set, boot=args.boot,
                                         lang="fr", keep=even, **kw)
        out["fr_bench_all"] = report("French set, all (odd half tuned the fr offset), lang=fr", fr_set, lang="fr", **kw)
        out["fr_bench_all_nolang"] = report("French set, all, lang=None (no offset)", fr_set, **kw)
    else:
        print(f"French set: SKIPPED ({fr_set} not found)")

    fra = DATA / "clef2025-task2-claimnorm" / "fra"
    if all((fra / f).exists() for f in FRA_FILES):
        halves = fra_claims(fra)
        for half in ("heldout", "train"):
            claims = halves[half]
            s = np.array(cw.score_sentences(claims, lang="fr"))
            share = float((s >= cw.threshold()).mean())
            raw = float((np.array(cw.score_sentences(claims)) >= cw.threshold()).mean())
            used = "used in training" if "fr" in cw._meta().get("training_data", {}) else "not used in training"
            label = "held-out half" if half == "heldout" else f"other half, {used}"
            print(f"CLEF 2025 fra normalised claims, {label}: n={len(s)} unique, share scored Yes {share:.3f} "
                  f"with lang=fr ({raw:.3f} without the French offset)")
            out[f"fra_claims_{half}_share_yes"] = round(share, 4)
            out[f"fra_claims_{half}_share_yes_no_offset"] = round(raw, 4)
    else:
        print(f"CLEF 2025 fra normalised claims: SKIPPED ({fra} not found)")

    texts = []
    for f in (en / "CT24_checkworthy_english_test_gold.tsv", REPO / "bench/data/checkworthiness_fr.tsv"):
        if f.exists():
            texts += read_tsv(f, text_keys=("Text", "text"), label_keys=("class_label", "label"))[0]
    if texts:
        texts = (texts * (1 + 1000 // len(texts)))[:1000]
        t0 = time.perf_counter()
        cw.score_sentences(texts)
        rate = len(texts) / (time.perf_counter() - t0)
        print(f"speed: {rate:.0f} sentences/s ({len(texts)} en+fr sentences, one process, "
              f"{cw._THREADS} onnxruntime thread(s))")
        out["sentences_per_second"] = round(rate)
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
