"""Migration 0003 turns ``duplicate_of`` chains into duplicate groups (and back), on SQLite and PostgreSQL."""
from __future__ import annotations

import importlib.util
import itertools
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from factcheck import create_app
from factcheck.extensions import db
from tests import isolation
from tests.conftest import POSTGRES_ADMIN_URL, TEST_CONFIG

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "migration_0003", ROOT / "migrations" / "versions" / "0003_claim_revisions_and_duplicate_groups.py")
assert _spec and _spec.loader
migration = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(migration)

def _insert_claim(connection, article_id: int, n: int, status: str = "new") -> int:
    return connection.execute(sa.text(
        "INSERT INTO claims (article_id, extraction_key, span_start, span_end, sentence, text, kind, attribution, "
        "checkworthiness, quantities, entities, status, priority, version_id, created_at, updated_at) VALUES "
        "(:a, :k, 0, 10, 'Phrase.', :t, 'statement', 'author', 0.5, '[]', '[]', :s, 0, 1, CURRENT_TIMESTAMP, "
        "CURRENT_TIMESTAMP) RETURNING id"), {"a": article_id, "k": f"k{n}", "t": f"claim {n}", "s": status}).scalar()


def _link(connection, source: int, target: int, type_: str = "duplicate_of") -> None:
    connection.execute(sa.text(
        "INSERT INTO claim_links (source_claim_id, target_claim_id, type, origin, created_at) "
        "VALUES (:s, :t, :y, 'similarity', CURRENT_TIMESTAMP)"), {"s": source, "t": target, "y": type_})


def _seed(connection) -> dict:
    """At 0002: a 21-claim chain (each pasted copy linked to the previous one), a reviewer's merge into the
    second claim of a two-claim chain, a lone claim, and a denial link that must survive."""
    article_ids = [connection.execute(sa.text(
        "INSERT INTO articles (title, raw_text, source_kind, status, attempts, created_at, updated_at) VALUES "
        "(:t, 'Phrase.', 'paste', 'done', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) RETURNING id"),
        {"t": f"Article {n}"}).scalar() for n in range(25)]
    chain = [_insert_claim(connection, article_ids[n], n) for n in range(21)]
    for earlier, later in itertools.pairwise(chain):
        _link(connection, later, earlier)
    first, second = _insert_claim(connection, article_ids[21], 21), _insert_claim(connection, article_ids[22], 22)
    merged = _insert_claim(connection, article_ids[23], 23, status="merged")
    _link(connection, second, first)
    _link(connection, merged, second)
    lone = _insert_claim(connection, article_ids[24], 24)
    _link(connection, lone, chain[0], "denies")
    return {"chain": chain, "tree": [first, second, merged], "lone": lone}


def _canonicals(connection) -> dict[int, int | None]:
    return dict(connection.execute(sa.text("SELECT id, canonical_claim_id FROM claims")).all())


def _links(connection) -> set[tuple[int, int, str]]:
    return {tuple(r) for r in connection.execute(sa.text(
        "SELECT source_claim_id, target_claim_id, type FROM claim_links"))}


def _check(url: str) -> None:
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade(revision="0002")
        with db.engine.begin() as connection:
            seeded = _seed(connection)
        upgrade(revision="0003")
        chain, (first, second, merged), lone = seeded["chain"], seeded["tree"], seeded["lone"]
        with db.engine.connect() as connection:
            canonical = _canonicals(connection)
            links = _links(connection)
        # one group of 21 around the first copy: every member points at it, none at another member
        assert canonical[chain[0]] is None
        assert {canonical[c] for c in chain[1:]} == {chain[0]}
        assert canonical[first] is None and canonical[second] == first and canonical[merged] == first
        assert canonical[lone] is None
        assert links == {(lone, chain[0], "denies")}  # no duplicate_of link left; other links untouched

        isolation.assert_owned(db.engine.url, "downgrade")
        downgrade(revision="0002")
        with db.engine.connect() as connection:
            links = _links(connection)
            origins = dict(((s, t), o) for s, t, o in connection.execute(sa.text(
                "SELECT source_claim_id, target_claim_id, origin FROM claim_links WHERE type = 'duplicate_of'")))
        star = {(c, chain[0], "duplicate_of") for c in chain[1:]} | {
            (second, first, "duplicate_of"), (merged, first, "duplicate_of")}
        assert links == star | {(lone, chain[0], "denies")}
        assert origins[(merged, first)] == "reviewer" and origins[(second, first)] == "similarity"
        downgrade(revision="base")
        db.engine.dispose()


def test_duplicate_groups_from_links_picks_the_end_of_each_chain():
    assert migration.duplicate_groups([(2, 1), (3, 2), (4, 3)]) == {2: 1, 3: 1, 4: 1}
    assert migration.duplicate_groups([(5, 9), (7, 9), (8, 7)]) == {5: 9, 7: 9, 8: 9}  # a tree: its root
    assert migration.duplicate_groups([(1, 2), (2, 1)]) == {2: 1}  # a cycle has no end: the smallest id
    assert migration.duplicate_groups([]) == {}


def test_chains_become_groups_on_sqlite(tmp_path):
    _check(isolation.create_sqlite_database(tmp_path))


def test_chains_become_groups_on_postgresql(postgres_url):
    url = isolation.create_postgres_database(POSTGRES_ADMIN_URL, prefix="factcheck_mig")
    try:
        _check(url)
    finally:
        isolation.drop_postgres_database(POSTGRES_ADMIN_URL, url)
