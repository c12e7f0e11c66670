"""The planner trap, on PostgreSQL: no search statement may walk an ordered index instead of the GIN index.

``WHERE search_vector @@ q ORDER BY id DESC LIMIT 50`` is planned as a backward walk of the primary key when the
planner believes the word is everywhere: for a word that is in fact rare, that reads the whole table (12.5 s on
1M rows). Here the statistics are made to lie the way they do in production (the word was common when the table
was last analysed), the naive statement falls into the trap, and every statement the search service and the
queue's search run is EXPLAINed: none walks the primary key or the date index, and with true statistics a rare
word goes through the GIN index.
"""
from __future__ import annotations

from sqlalchemy import text

from factcheck.extensions import db
from factcheck.services.queues import queue_filters, queue_listing
from factcheck.services.search import full_text
from tests import factories, sql_capture

ROWS = 20_000
WALKS = ("pk_claims", "ix_claims_created_at")


def _search_statements():
    """The statements run inside the block that use the search index (``search_vector @@``)."""
    return sql_capture.statements(lambda s: "search_vector @@" in s and not s.startswith("EXPLAIN"))


def _plan(statement: str, parameters=None) -> str:
    cursor = db.session.connection().exec_driver_sql("EXPLAIN " + statement, parameters or ())
    return "\n".join(row[0] for row in cursor)


def _seed(queue_id: int, word_everywhere: str) -> None:
    """ROWS claims; ``word_everywhere`` in half of them while ANALYZE looks, then left in three only."""
    article = factories.make_article(text="Un article.")
    db.session.execute(text(
        "INSERT INTO claims (article_id, extraction_key, span_start, span_end, sentence, text, language, kind, "
        "attribution, checkworthiness, quantities, entities, status, priority, version_id, queue_id, created_at, "
        "updated_at) "
        "SELECT :article, 'plan' || g, 0, 0, 'phrase', 'mot' || g || ' le gouvernement' || "
        "CASE WHEN g % 2 = 0 THEN ' ' || :word ELSE '' END, 'fr', 'statement', 'reported', 0.5, '[]', '[]', "
        "'new', 0, 1, :queue, now() - g * interval '1 second', now() FROM generate_series(1, :rows) g"),
        {"article": article.id, "word": word_everywhere, "queue": queue_id, "rows": ROWS})
    db.session.execute(text("ALTER TABLE claims SET (autovacuum_enabled = false)"))  # our database: keep the lie
    db.session.commit()
    db.session.execute(text("ANALYZE claims"))
    db.session.execute(text("UPDATE claims SET text = 'mot' || id || ' le gouvernement' "
                            "WHERE extraction_key LIKE 'plan%' AND id % 5000 <> 0"))
    db.session.commit()


def test_no_search_statement_walks_an_ordered_index(app, postgres_url):
    reviewer = factories.make_user(roles=("admin",))
    queue = factories.make_queue(name="Plans")
    _seed(queue.id, "zygomatique")
    try:
        naive = _plan("SELECT id FROM claims WHERE search_vector @@ websearch_to_tsquery('factcheck_fr', "
                      "'zygomatique') ORDER BY id DESC LIMIT 50")
        assert "pk_claims" in naive, f"the trap is not reproduced, so this test proves nothing:\n{naive}"

        for word in ("zygomatique", "gouvernement"):
            with _search_statements() as seen:
                results = full_text.search("claims", word, limit=50)
                for sort in ("newest", "oldest", "score", "relevance"):
                    queue_listing.list_page(reviewer, queue_filters.parse_filters({"q": word, "sort": sort}))
            assert seen, "no search statement was captured"
            for statement, parameters in seen:
                plan = _plan(statement, parameters)
                assert not any(index in plan for index in WALKS), f"{word}: an ordered index walk\n{plan}"
            if word == "zygomatique":
                assert len(results.hits) == ROWS // 5000

        db.session.execute(text("ANALYZE claims"))  # true statistics: the rare word is rare
        with _search_statements() as seen:
            full_text.search("claims", "zygomatique")
        assert all("ix_claims_search_vector" in _plan(s, p) for s, p in seen)
    finally:
        db.session.rollback()
        db.session.execute(text("ALTER TABLE claims RESET (autovacuum_enabled)"))
        db.session.commit()
