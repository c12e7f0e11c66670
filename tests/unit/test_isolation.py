"""The suite refuses to touch a database or Redis db it did not create."""
import os

import pytest
import redis
from sqlalchemy import create_engine

from factcheck.extensions import db
from tests import factories, isolation


def test_the_session_database_is_one_the_session_created(app):
    isolation.assert_owned(db.engine.url, "use")  # does not raise
    assert "factcheck-tests-" in str(db.engine.url) or "factcheck_test_" in str(db.engine.url)


@pytest.mark.parametrize("url", [
    "postgresql+psycopg://postgres@127.0.0.1:5432/test",
    "postgresql://me@db.example.org/factcheck",
    "sqlite:///instance/factcheck.sqlite",
])
def test_any_other_url_is_refused_with_a_clear_message(url):
    with pytest.raises(isolation.NotOwnedError, match="did not create it"):
        isolation.assert_owned(url, "empty every table of")


def test_reset_database_refuses_an_engine_on_a_database_it_did_not_create(app, tmp_path, monkeypatch):
    foreign = create_engine(f"sqlite:///{tmp_path / 'working-copy.sqlite'}")
    monkeypatch.setattr(type(db), "engine", property(lambda self: foreign))
    with pytest.raises(isolation.NotOwnedError, match="working-copy.sqlite"):
        factories.reset_database()
    foreign.dispose()


def test_inherited_urls_never_reach_the_tests():
    assert os.environ["DATABASE_URL"] != os.environ.get("TEST_POSTGRES_ADMIN_URL")
    isolation.assert_owned(os.environ["DATABASE_URL"], "use")


def test_a_redis_claim_takes_only_an_empty_db_and_flushes_only_its_own(redis_url):
    claim = isolation.RedisClaim(redis_url.rsplit("/", 1)[0])
    try:
        assert claim.url != redis_url  # the session's own db holds its marker, so it is not empty
        claim.client.set("some-key", "1")
        second = isolation.RedisClaim(redis_url.rsplit("/", 1)[0])
        assert second.url not in (claim.url, redis_url)
        second.release()
    finally:
        claim.client.set(isolation.REDIS_MARKER, "someone else")  # the marker changed hands: keep the data
        claim.release()
    survivor = redis.Redis.from_url(claim.url)
    assert survivor.get("some-key") == b"1"
    survivor.flushdb()  # this test made that db; leave it empty again
    survivor.close()
