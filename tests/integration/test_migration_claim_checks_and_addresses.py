"""Migration 0017 on SQLite and PostgreSQL: it refuses data that breaks its rules and names the rows, then adds the
claims' CHECKs and one article per address, keeps the SQLite triggers and indexes through the rebuild, and goes
back down to a schema that takes such rows again."""
from __future__ import annotations

import pytest
from alembic import command
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from factcheck import create_app
from factcheck.extensions import db
from tests import isolation
from tests.conftest import POSTGRES_ADMIN_URL, TEST_CONFIG

BEFORE, THIS = "0016", "0017"
ADDRESS = "https://example.org/budget"


def _article(connection, n: int, address: str | None) -> int:
    return connection.execute(text(
        "INSERT INTO articles (title, raw_text, canonical_url, content_hash, source_kind, status, attempts, "
        "created_at, updated_at) VALUES (:t, 'Phrase.', :u, :h, 'paste', 'done', 0, CURRENT_TIMESTAMP, "
        "CURRENT_TIMESTAMP) RETURNING id"), {"t": f"Article {n}", "u": address, "h": f"{n:064x}"}).scalar()


def _claim(connection, article_id: int, n: int, *, dismiss_reason=None, claimant_type=None) -> int:
    return connection.execute(text(
        "INSERT INTO claims (article_id, extraction_key, span_start, span_end, sentence, text, kind, attribution, "
        "checkworthiness, quantities, entities, status, dismiss_reason, claimant_type, priority, version_id, "
        "disputes, created_at, updated_at) VALUES (:a, :k, 0, 10, 'Phrase.', :t, 'statement', 'author', 0.5, '[]', "
        "'[]', 'new', :d, :c, 0, 1, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) RETURNING id"),
        {"a": article_id, "k": f"k{n}", "t": f"claim {n}", "d": dismiss_reason, "c": claimant_type}).scalar()


def _schema(connection) -> set:
    if connection.dialect.name != "sqlite":
        return set()
    return set(connection.execute(text("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                                       "AND type IN ('trigger', 'index')")).all())


def _roundtrip(url: str) -> None:
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            kept = _schema(connection)
            first, second = _article(connection, 1, ADDRESS), _article(connection, 2, ADDRESS)
            _article(connection, 3, None), _article(connection, 4, None)  # no address: any number of them
            bad_reason = _claim(connection, first, 1, dismiss_reason="boring")
            bad_type = _claim(connection, first, 2, claimant_type="Robot")
            _claim(connection, first, 3, dismiss_reason="opinion", claimant_type="Person")
        alembic_config = app.extensions["migrate"].migrate.get_config()  # Alembic's own command raises the error
        with pytest.raises(RuntimeError) as refused:
            command.upgrade(alembic_config, THIS)
        message = str(refused.value)
        assert f"claims.dismiss_reason = 'boring' (allowed: not_check_worthy, opinion, duplicate, out_of_scope) " \
               f"in claims {bad_reason}" in message
        assert f"claims.claimant_type = 'Robot' (allowed: Person, Organization) in claims {bad_type}" in message
        assert f"articles.canonical_url '{ADDRESS}' held by articles {first}, {second}" in message
        with db.engine.begin() as connection:
            connection.execute(text("UPDATE claims SET dismiss_reason = 'not_check_worthy' WHERE id = :id"),
                               {"id": bad_reason})
            connection.execute(text("UPDATE claims SET claimant_type = NULL WHERE id = :id"), {"id": bad_type})
            connection.execute(text("UPDATE articles SET canonical_url = NULL WHERE id = :id"), {"id": second})
        upgrade(revision=THIS)
        with db.engine.begin() as connection:
            assert kept - {row for row in kept if row[1] == "ix_articles_canonical_url"} <= _schema(connection)
            assert connection.scalar(text("SELECT count(*) FROM claims")) == 3
        for statement in ("UPDATE claims SET dismiss_reason = 'boring'", "UPDATE claims SET claimant_type = 'Robot'",
                          f"UPDATE articles SET canonical_url = '{ADDRESS}'"):
            with pytest.raises(IntegrityError), db.engine.begin() as connection:
                connection.execute(text(statement))
        downgrade(revision=BEFORE)
        with db.engine.begin() as connection:  # the old schema takes them again
            connection.execute(text(f"UPDATE articles SET canonical_url = '{ADDRESS}'"))
            connection.execute(text("UPDATE claims SET dismiss_reason = 'boring', claimant_type = 'Robot'"))
            assert kept <= _schema(connection)
        assert "ix_articles_canonical_url" in {i["name"] for i in inspect(db.engine).get_indexes("articles")}
        db.engine.dispose()


def test_sqlite(tmp_path):
    _roundtrip(isolation.create_sqlite_database(tmp_path))


def test_postgresql(postgres_url):
    url = isolation.create_postgres_database(POSTGRES_ADMIN_URL, prefix="factcheck_mig17")
    try:
        _roundtrip(url)
    finally:
        isolation.drop_postgres_database(POSTGRES_ADMIN_URL, url)
