"""The database guards its own invariants (issue 13): a CHECK on every state and kind column, one live evidence row
per source and claim, constraint names that list every column, and each refusal read back as the user's error.

Runs on the session's engine: SQLite by default, PostgreSQL when ``TEST_POSTGRES_ADMIN_URL`` is set (as in CI).
"""
import importlib.util
import re

import pytest
from alembic import command
from flask_migrate import upgrade
from sqlalchemy import CheckConstraint, ForeignKeyConstraint, UniqueConstraint, inspect, text
from sqlalchemy.exc import IntegrityError

from factcheck import create_app
from factcheck.extensions import db
from factcheck.models import Article, Evidence, Notification
from factcheck.models.article import CANONICAL_URL_UNIQUE
from factcheck.models.base import utcnow
from factcheck.models.claim import DISMISS_REASONS
from factcheck.models.webhook import WebhookDelivery, WebhookEndpoint
from factcheck.services.claims import triage
from factcheck.services.core import integrity
from factcheck.services.core.errors import Conflict, InvalidInput
from tests import factories, isolation
from tests.conftest import ROOT, TEST_CONFIG

MODEL_CHECKS = sorted((table.name, str(check.name)) for table in db.metadata.sorted_tables
                      for check in table.constraints if isinstance(check, CheckConstraint))
GUARDED = {"claims": {"status", "kind", "attribution", "dismiss_reason", "claimant_type"},
           "claim_links": {"type", "origin"},
           "articles": {"status", "source_kind"}, "sources": {"fetch_status"}, "evidence": {"stance"},
           "verdicts": {"status"}, "verdict_revisions": {"kind"}, "user_roles": {"role"}, "queue_members": {"role"},
           "users": {"email_notifications"}, "notifications": {"kind"}, "webhook_deliveries": {"status", "event"}}


def _one_row_in_every_guarded_table():
    checker = factories.make_user(roles=["checker"])
    factories.make_queue(members=[(checker, "checker")])
    claim = factories.make_claim(status="in_review", assignee=checker)
    factories.make_link(source=factories.make_claim(kind="denial"), target=claim)
    factories.make_evidence(claim=claim)
    factories.make_verdict(claim=claim, author=checker)
    db.session.add(Notification(user_id=checker.id, kind="assigned", event_id=factories.make_audit_event().id))
    endpoint = WebhookEndpoint(url="https://cms.example.org/hook", events="claim.created", secret="s" * 40)
    db.session.add(endpoint)
    db.session.flush()
    db.session.add(WebhookDelivery(endpoint_id=endpoint.id, event="claim.created", payload={}))
    db.session.commit()


def test_every_state_and_kind_column_has_its_check():
    assert {(table, f"ck_{table}_{column}") for table, columns in GUARDED.items() for column in columns} \
        <= set(MODEL_CHECKS)


def _quoted(sql: str) -> set[str]:
    return set(re.findall(r"'([^']*)'", sql))


def test_the_migrations_built_every_check_of_the_models_with_the_same_values(app):
    """A value added to a model's list (a new state, say) fails here until a migration adds it to the database."""
    inspector = inspect(db.engine)
    found = {(table, check["name"]): _quoted(check["sqltext"]) for table in {t for t, _ in MODEL_CHECKS}
             for check in inspector.get_check_constraints(table)}
    model = {(table.name, str(check.name)): _quoted(str(check.sqltext)) for table in db.metadata.sorted_tables
             for check in table.constraints if isinstance(check, CheckConstraint)}
    assert {key: found.get(key) for key in model} == model


@pytest.mark.parametrize(("table", "name"), sorted((t, f"ck_{t}_{c}") for t, cs in GUARDED.items() for c in cs))
def test_each_check_refuses_an_unknown_value_and_reads_as_invalid_input(app, table, name):
    _one_row_in_every_guarded_table()
    column = name.removeprefix(f"ck_{table}_")
    assert db.session.scalar(text(f"SELECT count(*) FROM {table}")) > 0
    with pytest.raises(IntegrityError) as refused:
        db.session.execute(text(f"UPDATE {table} SET {column} = 'bogus'"))
    db.session.rollback()
    assert integrity.violation(refused.value).kind == "check"
    assert integrity.violation(refused.value).constraint == name
    assert isinstance(integrity.user_error(refused.value), InvalidInput)


def test_one_live_evidence_row_per_source_and_claim(app):
    first = factories.make_evidence(claim=factories.make_claim())
    db.session.add(Evidence(claim_id=first.claim_id, source_id=first.source_id, stance="supports"))
    with pytest.raises(IntegrityError) as refused:
        db.session.commit()
    db.session.rollback()
    assert integrity.violation(refused.value).constraint == "uq_evidence_live_claim_id_source_id"
    assert str(integrity.user_error(refused.value)) == "That source is already attached to this claim."
    first.removed_at = utcnow()  # a removed row does not count: the source can be attached again
    db.session.add(Evidence(claim_id=first.claim_id, source_id=first.source_id, stance="supports"))
    db.session.commit()


def test_a_second_article_with_the_same_text_is_named_by_its_constraint(app):
    article = factories.make_article()
    db.session.add(Article(raw_text=article.raw_text, content_hash=article.content_hash, source_kind="paste"))
    with pytest.raises(IntegrityError) as refused:
        db.session.commit()
    db.session.rollback()
    found = integrity.violation(refused.value)
    assert (found.kind, found.constraint) == ("unique", integrity.ARTICLE_TEXT_UNIQUE)
    assert isinstance(integrity.user_error(refused.value), Conflict)


def test_one_article_per_address_and_any_number_without_one(app):
    for n in range(2):
        db.session.add(Article(raw_text=f"Texte {n}.", content_hash=f"{n:064x}", source_kind="paste"))
    first = Article(raw_text="Un texte.", content_hash="a" * 64, canonical_url="https://example.org/a",
                    source_kind="url")
    db.session.add(first)
    db.session.commit()  # two articles without an address, one with
    db.session.add(Article(raw_text="Un autre texte.", content_hash="b" * 64, canonical_url=first.canonical_url,
                           source_kind="url"))
    with pytest.raises(IntegrityError) as refused:
        db.session.commit()
    db.session.rollback()
    found = integrity.violation(refused.value)
    assert (found.kind, found.constraint) == ("unique", CANONICAL_URL_UNIQUE)
    assert str(integrity.user_error(refused.value)) == str(integrity.MESSAGES[CANONICAL_URL_UNIQUE])


def test_the_dismiss_reasons_offered_are_the_ones_the_database_accepts():
    assert tuple(triage.DISMISS_REASONS) == DISMISS_REASONS


def test_an_integrity_error_no_service_caught_is_the_users_409_not_a_500(app, make_app):
    """The last resort in ``web/errors.py``, on a page and under ``/api/``; the failed transaction is rolled back."""
    extra = make_app()
    taken = factories.make_article().content_hash

    def clash():
        db.session.add(Article(raw_text="Le même texte.", content_hash=taken, source_kind="paste"))
        db.session.commit()

    extra.add_url_rule("/clash", "clash", clash)
    extra.add_url_rule("/api/v1/clash", "api_clash", clash)
    with extra.app_context():
        client = extra.test_client()
        page, api = client.get("/clash"), client.get("/api/v1/clash")
        assert client.get("/healthz").status_code == 200  # the session is usable again
    message = str(integrity.MESSAGES[integrity.ARTICLE_TEXT_UNIQUE])
    assert page.status_code == 409 and message in page.get_data(as_text=True)
    assert api.status_code == 409 and api.mimetype == "application/problem+json"
    assert api.get_json()["detail"] == message


def test_constraint_names_list_every_column(app):
    named = [c for table in db.metadata.sorted_tables for c in table.constraints
             if isinstance(c, (UniqueConstraint, ForeignKeyConstraint))]
    assert named
    for constraint in named:
        assert all(column.name in str(constraint.name) for column in constraint.columns), constraint.name
    reflected = {u["name"] for u in inspect(db.engine).get_unique_constraints("claim_links")}
    assert "uq_claim_links_source_claim_id_target_claim_id_type" in reflected


def _this_migration():
    path = next((ROOT / "migrations" / "versions").glob("*_database_guards_invariants.py"))
    spec = importlib.util.spec_from_file_location("guards_migration", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _triggers_and_indexes() -> set:
    with db.engine.connect() as connection:
        return set(connection.execute(text("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                                           "AND type IN ('trigger', 'index')")).all())


def test_the_upgrade_names_unknown_values_and_retires_duplicate_live_evidence(tmp_path):
    migration = _this_migration()
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": isolation.create_sqlite_database(tmp_path)})
    with app.app_context():
        upgrade(revision=migration.down_revision)
        kept = _triggers_and_indexes()
        evidence = ("INSERT INTO evidence (claim_id, source_id, stance, excerpt, position, added_at) "
                    "VALUES (1, 1, 'context', '', {}, CURRENT_TIMESTAMP)")
        with db.engine.begin() as connection:
            connection.execute(text("INSERT INTO user_roles (user_id, role) VALUES (1, 'superuser')"))
            for position in (1, 2):
                connection.execute(text(evidence.format(position)))
        alembic_config = app.extensions["migrate"].migrate.get_config()  # Alembic's own command raises the error
        with pytest.raises(RuntimeError, match=r"user_roles\.role = 'superuser' in 1 row\(s\)"):
            command.upgrade(alembic_config, migration.revision)
        with db.engine.begin() as connection:
            connection.execute(text("DELETE FROM user_roles"))
        upgrade(revision=migration.revision)
        with db.engine.connect() as connection:
            live = connection.execute(text("SELECT position FROM evidence WHERE removed_at IS NULL")).scalars().all()
            assert live == [1] and connection.scalar(text("SELECT count(*) FROM evidence")) == 2
        assert kept <= _triggers_and_indexes()  # the search and counter triggers, partial indexes: as they were
        db.engine.dispose()
