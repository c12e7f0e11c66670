"""Migrations: upgrade from empty to head and back down, on SQLite and PostgreSQL; models match migrations."""
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from factcheck import create_app
from factcheck.extensions import db
from tests.conftest import TEST_CONFIG


def _roundtrip(url: str) -> None:
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert {t.name for t in db.metadata.sorted_tables} <= tables
        with db.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}),
                                    db.metadata)
        assert diff == [], f"models and migrations differ: {diff}"
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()  # and up again, so downgrade really left a clean slate
        assert {t.name for t in db.metadata.sorted_tables} <= set(inspect(db.engine).get_table_names())
        db.engine.dispose()


def test_sqlite_upgrade_downgrade_and_models_in_sync(tmp_path):
    _roundtrip(f"sqlite:///{tmp_path / 'migrations.sqlite'}")


def test_postgresql_upgrade_downgrade_and_models_in_sync(postgres_url):
    name = f"factcheck_mig_{uuid.uuid4().hex[:10]}"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        _roundtrip(make_url(postgres_url).set(database=name).render_as_string(hide_password=False))
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.mark.parametrize("table", ["claims", "verdicts"])
def test_optimistic_locking_columns_exist(app, table):
    columns = {c["name"] for c in inspect(db.engine).get_columns(table)}
    assert "version_id" in columns
