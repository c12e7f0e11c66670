"""Migrations: upgrade from empty to head and back down, on SQLite and PostgreSQL; models match migrations."""
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from factcheck import create_app
from factcheck.extensions import db
from factcheck.models.search_structures import include_object
from tests import isolation
from tests.conftest import POSTGRES_ADMIN_URL, TEST_CONFIG


def _roundtrip(url: str) -> None:
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert {t.name for t in db.metadata.sorted_tables} <= tables
        # The search structures are the migrations' alone (factcheck/models/search_structures.py).
        opts = {"compare_type": True, "include_object": include_object}
        with db.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection, opts=opts), db.metadata)
        assert diff == [], f"models and migrations differ: {diff}"
        isolation.assert_owned(db.engine.url, "downgrade")
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()  # and up again, so downgrade really left a clean slate
        assert {t.name for t in db.metadata.sorted_tables} <= set(inspect(db.engine).get_table_names())
        db.engine.dispose()


def test_sqlite_upgrade_downgrade_and_models_in_sync(tmp_path):
    _roundtrip(isolation.create_sqlite_database(tmp_path))


def test_postgresql_upgrade_downgrade_and_models_in_sync(postgres_url):
    url = isolation.create_postgres_database(POSTGRES_ADMIN_URL, prefix="factcheck_mig")
    try:
        _roundtrip(url)
    finally:
        isolation.drop_postgres_database(POSTGRES_ADMIN_URL, url)


@pytest.mark.parametrize("table", ["claims", "verdicts"])
def test_optimistic_locking_columns_exist(app, table):
    columns = {c["name"] for c in inspect(db.engine).get_columns(table)}
    assert "version_id" in columns
