"""Precision and recall of "already checked" matching on the hand-written pairs set, per language.

Every pair's earlier claim (``checked``) becomes a claim with a published verdict in a throw-away SQLite database;
then each new claim (``claim``) runs through the real matcher (``services.matching.matcher.find_matches``: exact
hash, the search index, the encoder, the figures rule, the top-5 cut) and the pair counts as found when its own
checked verdict is among the matches. Label 1 found is a true positive, label 0 found a false positive. Only the
pair's own verdict is judged: a new claim matching another pair's verdict is neither counted nor penalised.

The thresholds were chosen on the odd ids (``--tune`` prints the grid it was chosen from, on the odd half only);
the even ids are the held-out figures.

    .venv/bin/python bench/matching.py [--tune] [--misses] [--archive 20000]
"""
from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
from collections import defaultdict
from itertools import product
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "bench" / "data" / "matching_pairs.tsv"


def _pairs() -> list[dict]:
    with PAIRS.open(encoding="utf-8") as lines:
        return list(csv.DictReader((line for line in lines if not line.startswith("#")), delimiter="\t"))


def _seed(pairs: list[dict]) -> dict[str, int]:
    """One published verdict per distinct checked text; returns text -> verdict id."""
    from tests import factories

    verdicts = {}
    for pair in pairs:
        text = pair["checked"]
        if text not in verdicts:
            language = "en" if pair["lang"] in ("en", "fr-en") else "fr"
            article = factories.make_article(text=text, language=language)
            claim = factories.make_claim(article=article, text=text, language=language, status="published")
            verdicts[text] = factories.make_verdict(claim=claim, status="published").id
    return verdicts


def _report(title: str, outcomes: list[tuple[dict, bool]]) -> None:
    print(f"\n{title}")
    print(f"  {'language':8} {'pairs':>5} {'TP':>4} {'FP':>4} {'FN':>4} {'TN':>4} {'precision':>9} {'recall':>7}")
    groups: dict[str, list] = defaultdict(list)
    for pair, found in outcomes:
        groups[pair["lang"]].append((pair, found))
        groups["all"].append((pair, found))
    for language in ("en", "fr", "fr-en", "all"):
        rows = groups.get(language, [])
        tp = sum(1 for p, f in rows if f and p["label"] == "1")
        fp = sum(1 for p, f in rows if f and p["label"] == "0")
        fn = sum(1 for p, f in rows if not f and p["label"] == "1")
        tn = len(rows) - tp - fp - fn
        precision = f"{tp / (tp + fp):.2f}" if tp + fp else "-"
        recall = f"{tp / (tp + fn):.2f}" if tp + fn else "-"
        print(f"  {language:8} {len(rows):>5} {tp:>4} {fp:>4} {fn:>4} {tn:>4} {precision:>9} {recall:>7}")


def _tune(pairs: list[dict], verdicts: dict[str, int]) -> None:
    """F1 on the odd half for a grid of thresholds, from each pair's own features (no top-5 cut)."""
    import numpy as np

    from factcheck.services.matching import embedding, matcher, texts

    odd = [p for p in pairs if int(p["id"]) % 2]
    a = embedding.encode([p["claim"] for p in odd])
    b = embedding.encode([p["checked"] for p in odd])
    features = []
    for pair, score in zip(odd, np.sum(a * b, axis=1), strict=True):
        lexical = verdicts[pair["checked"]] in matcher._lexical_hits(pair["claim"])
        features.append((pair, float(score), lexical))
    print("\ntuning grid on the odd half: semantic, lexical, cross-language -> P/R/F1 (same language) | P/R (cross)")
    rows = []
    for semantic, lexical_floor, cross in product((0.95, 0.96, 0.965, 0.97, 0.975, 0.98), (0.93, 0.94, 0.95, 0.96),
                                                 (0.90, 0.91, 0.92, 0.93, 0.94)):
        if lexical_floor > semantic:
            continue
        counts = {"same": [0, 0, 0], "cross": [0, 0, 0]}
        for pair, score, lexical in features:
            same = "cross" if pair["lang"] == "fr-en" else "same"
            if texts.text_hash(pair["claim"]) == texts.text_hash(pair["checked"]):
                found = True
            elif texts.figures_conflict(pair["claim"], pair["checked"]):
                found = False
            elif same == "cross":
                found = score >= cross
            else:
                found = score >= semantic or (lexical and score >= lexical_floor)
            label = pair["label"] == "1"
            if found or label:  # [TP, FP, FN]; true negatives are not needed for P/R
                counts[same][0 if found and label else 1 if found else 2] += 1
        tp, fp, fn = counts["same"]
        p, r = (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)
        ctp, cfp, cfn = counts["cross"]
        cp, cr = (ctp / (ctp + cfp) if ctp + cfp else 0.0), (ctp / (ctp + cfn) if ctp + cfn else 0.0)
        rows.append((2 * p * r / (p + r) if p + r else 0.0, semantic, lexical_floor, cross, p, r, cp, cr))
    for f1, semantic, lexical_floor, cross, p, r, cp, cr in sorted(rows, reverse=True)[::6]:
        print(f"  {semantic:.3f} {lexical_floor:.3f} {cross:.2f} -> {p:.2f}/{r:.2f}/{f1:.2f} | {cp:.2f}/{cr:.2f}")


def _add_archive(size: int) -> None:
    """``size`` more published verdicts, inserted in bulk, whose targets get random unit vectors (encoding them
    would only time the encoder): what matching reads for an archive of that size."""
    import numpy as np
    from sqlalchemy import insert, select

    from factcheck.extensions import db
    from factcheck.models import Claim, Verdict
    from factcheck.models.base import utcnow
    from factcheck.models.matching import MatchTarget
    from factcheck.services.matching import embedding, texts
    from tests import factories

    article = factories.make_article(text="Archive.", language="en")
    rating = factories.rating("False")
    now = utcnow()
    db.session.execute(insert(Claim), [
        {"article_id": article.id, "extraction_key": f"archive{i}", "span_start": 0, "span_end": 8,
         "sentence": "Archive.", "text": f"Archived claim number {i} about topic {i % 997}.", "language": "en",
         "status": "published", "version_id": 1, "created_at": now, "updated_at": now} for i in range(size)])
    claim_ids = db.session.scalars(select(Claim.id).where(Claim.article_id == article.id)).all()
    db.session.execute(insert(Verdict), [
        {"claim_id": claim_id, "scale_id": rating.scale_id, "rating_id": rating.id, "summary": "False.",
         "status": "published", "version_id": 1, "created_at": now, "updated_at": now} for claim_id in claim_ids])
    rows = db.session.execute(select(Verdict.id, Claim.text).join(Claim, Claim.id == Verdict.claim_id)
                              .where(Claim.article_id == article.id)).all()
    vectors = np.random.default_rng(13).standard_normal((len(rows), embedding.DIMENSIONS)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    db.session.execute(insert(MatchTarget), [
        {"verdict_id": row.id, "text": row.text, "text_hash": texts.text_hash(row.text), "language": "en",
         "model": embedding.MODEL_NAME, "vector": embedding.to_bytes(vector), "updated_at": now}
        for row, vector in zip(rows, vectors, strict=True)])
    db.session.commit()


def _time_archive(pairs: list[dict], size: int) -> None:
    """An article of 20 claims matched against the pairs' verdicts, then against ``size`` more."""
    from factcheck.services.matching import matcher

    article = [matcher.Wanted(p["claim"], "en" if p["lang"] == "en" else "fr") for p in pairs[:20]]
    matcher.find_many(article)  # warm: the encoder loaded, the tables read once
    started = time.perf_counter()
    matcher.find_many(article)
    small = time.perf_counter() - started
    _add_archive(size)
    started = time.perf_counter()
    matcher.find_many(article)
    large = time.perf_counter() - started
    print(f"\nan article of 20 claims: {small:.2f} s against the pairs' verdicts, {large:.2f} s with {size:,} more "
          f"({large / small:.1f}x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tune", action="store_true", help="print the threshold grid on the odd half")
    parser.add_argument("--misses", action="store_true", help="print every pair judged wrong")
    parser.add_argument("--archive", type=int, default=0, metavar="N",
                        help="then time an article of 20 claims against N more published verdicts")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    tmp = Path(tempfile.mkdtemp(prefix="fc-bench-matching-"))
    os.environ.update(FACTCHECK_INSTANCE_PATH=str(tmp), FACTCHECK_ENV="development")
    from flask_migrate import upgrade

    from factcheck import create_app
    from factcheck.extensions import db
    from factcheck.services.matching import matcher

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'bench.sqlite'}", "CELERY_ALWAYS_EAGER": True})
    pairs = _pairs()
    with app.app_context():
        upgrade()
        verdicts = _seed(pairs)
        db.session.commit()
        started = time.perf_counter()
        matcher.refresh_targets()
        db.session.commit()
        print(f"{len(verdicts)} published verdicts embedded in {time.perf_counter() - started:.1f} s; "
              f"thresholds: semantic {matcher.SEMANTIC_THRESHOLD}, lexical {matcher.LEXICAL_THRESHOLD}, "
              f"cross-language {matcher.CROSS_LANGUAGE_THRESHOLD}")
        if args.tune:
            _tune(pairs, verdicts)
        started = time.perf_counter()
        outcomes = []
        methods: dict[str, int] = defaultdict(int)
        for pair in pairs:
            language = "en" if pair["lang"] == "en" else "fr"
            found = {f.verdict_id: f for f in matcher.find_matches(pair["claim"], language)}
            hit = found.get(verdicts[pair["checked"]])
            if hit:
                methods[hit.method] += 1
            outcomes.append((pair, hit is not None))
            if args.misses and (hit is not None) != (pair["label"] == "1"):
                how = f"{hit.method} {hit.score:.3f} {hit.shared_words}" if hit else "not found"
                print(f"  miss {pair['id']:>3} {pair['lang']:5} label {pair['label']}: {how}\n"
                      f"      {pair['claim']}\n      {pair['checked']}")
        elapsed = time.perf_counter() - started
        print(f"{len(pairs)} claims matched in {elapsed:.1f} s ({1000 * elapsed / len(pairs):.0f} ms a claim); "
              f"pairs found by method: {dict(methods)}")
        _report("all pairs", outcomes)
        _report("odd ids (thresholds chosen here)", [o for o in outcomes if int(o[0]["id"]) % 2])
        _report("even ids (held out)", [o for o in outcomes if not int(o[0]["id"]) % 2])
        if args.archive:
            _time_archive(pairs, args.archive)


if __name__ == "__main__":
    main()
