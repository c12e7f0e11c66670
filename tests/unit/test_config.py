"""Configuration safety: the production secret check and the Celery reliability settings."""
import pytest

from factcheck import config as cfg


def test_production_refuses_a_missing_or_default_secret(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    settings = cfg.load_config(str(tmp_path))
    with pytest.raises(cfg.ConfigError, match="SECRET_KEY"):
        cfg.check_production_safety(settings)
    monkeypatch.setenv("SECRET_KEY", cfg.DEFAULT_SECRET_KEY)
    with pytest.raises(cfg.ConfigError):
        cfg.check_production_safety(cfg.load_config(str(tmp_path)))


def test_production_with_a_long_secret_starts_with_secure_cookies(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "k" * 64)
    settings = cfg.load_config(str(tmp_path))
    cfg.check_production_safety(settings)
    assert settings["SESSION_COOKIE_SECURE"] and settings["SESSION_COOKIE_NAME"] == "__Host-session"
    assert settings["SESSION_COOKIE_HTTPONLY"] and settings["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_create_app_refuses_to_start_in_production_without_a_secret(monkeypatch, tmp_path):
    from factcheck import create_app

    monkeypatch.setenv("FACTCHECK_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("FACTCHECK_INSTANCE_PATH", str(tmp_path))
    with pytest.raises(cfg.ConfigError):
        create_app()


def test_development_keeps_a_random_secret_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_ENV", "development")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = cfg.load_config(str(tmp_path))["SECRET_KEY"]
    assert len(first) >= 32 and first == cfg.load_config(str(tmp_path))["SECRET_KEY"]


def test_embedded_default_is_sqlite_and_a_filesystem_broker(tmp_path, monkeypatch):
    for name in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"):
        monkeypatch.delenv(name, raising=False)
    settings = cfg.load_config(str(tmp_path))
    assert settings["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert settings["CELERY"]["broker_url"] == "filesystem://"
    assert (tmp_path / "broker" / "queue").is_dir()


def test_redis_url_switches_broker_and_rate_limit_storage(tmp_path, monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/3")
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    settings = cfg.load_config(str(tmp_path))
    assert settings["CELERY"]["broker_url"] == "redis://127.0.0.1:6379/3"
    assert settings["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/3"


def test_celery_delays_stay_under_the_visibility_timeout(tmp_path, monkeypatch):
    """F9: no duplicate runs from ETA, countdown or retry delays longer than the visibility timeout."""
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/3")
    celery = cfg.load_config(str(tmp_path))["CELERY"]
    timeout = celery["broker_transport_options"]["visibility_timeout"]
    assert celery["visibility_timeout"] == timeout
    assert timeout > celery["task_time_limit"] > celery["task_soft_time_limit"]
    assert celery["task_acks_late"] and celery["task_reject_on_worker_lost"]
    assert celery["worker_prefetch_multiplier"] == 1 and celery["task_ignore_result"]
    assert celery["accept_content"] == ["json"]


def test_embedded_sqlite_runs_in_write_ahead_log_mode(tmp_path, monkeypatch):
    """Web and worker processes share the SQLite file: WAL lets them read while one writes."""
    from sqlalchemy import text

    from factcheck import create_app
    from factcheck.extensions import db

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'wal.sqlite'}")
    monkeypatch.setenv("FACTCHECK_INSTANCE_PATH", str(tmp_path))
    app = create_app({"TESTING": True})
    with app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
        db.session.remove()
        db.engine.dispose()


def test_no_task_limit_or_retry_delay_reaches_the_visibility_timeout(make_app, monkeypatch):
    """F9, per task: every registered task's time limit and every retry delay stay under the visibility timeout.

    Otherwise Redis hands a message that is still running, or still waiting for its retry, to a second worker.
    """
    from celery.exceptions import Retry

    from factcheck.services.articles import article_fetch
    from factcheck.tasks import ingest

    celery = make_app().extensions["celery"]
    conf = celery.conf
    timeout = conf.broker_transport_options["visibility_timeout"]
    assert conf.visibility_timeout == timeout  # app.conf.visibility_timeout, read by the worker, not only the broker
    tasks = {name: task for name, task in celery.tasks.items() if not name.startswith("celery.")}
    assert {"extract.article", "ingest.fetch_article", "sources.fetch_metadata", "system.sweep_stale"} <= set(tasks)
    for name, task in tasks.items():
        hard = task.time_limit or conf.task_time_limit
        soft = task.soft_time_limit or conf.task_soft_time_limit
        assert soft < hard < timeout, name
        assert task.default_retry_delay < timeout, name
        if getattr(task, "autoretry_for", None) and getattr(task, "retry_backoff", False):
            assert task.retry_backoff_max < timeout, name  # the cap of the exponential backoff

    def always_retryable(article_id, *, final_attempt=False):
        raise article_fetch.RetryableFetchError("HTTP 503")

    monkeypatch.setattr(article_fetch, "fetch_article", always_retryable)
    fetch = tasks["ingest.fetch_article"]
    delays = []
    for retries in range(ingest.MAX_RETRIES):  # the countdown the task itself picks for each retry
        fetch.push_request(id=f"f9-{retries}", args=[1], kwargs={}, retries=retries, is_eager=True,
                           called_directly=False)
        try:
            with pytest.raises(Retry) as caught:
                fetch.run(1)
        finally:
            fetch.pop_request()
        delays.append(caught.value.when)
    assert len(delays) == ingest.MAX_RETRIES and all(isinstance(d, int | float) for d in delays), delays
    assert max(delays) < timeout, delays


def test_worker_shutdown_and_reconnect_settings(tmp_path, monkeypatch):
    """F7/F8: explicit retry on start-up (no deprecation warning), a soft shutdown window, cancel on broker loss."""
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/3")
    celery = cfg.load_config(str(tmp_path))["CELERY"]
    assert celery["broker_connection_retry_on_startup"] is True
    assert 0 < celery["worker_soft_shutdown_timeout"] < celery["broker_transport_options"]["visibility_timeout"]
    assert celery["worker_cancel_long_running_tasks_on_connection_loss"] is True


def test_a_mapping_given_to_create_app_wins_over_the_environment(tmp_path, monkeypatch):
    """The overrides are applied after the environment: SQLALCHEMY_DATABASE_URI beats DATABASE_URL."""
    from factcheck import create_app
    from factcheck.extensions import db

    monkeypatch.setenv("FACTCHECK_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'from-env.sqlite'}")
    monkeypatch.setenv("LOGIN_RATE_LIMIT", "1 per day")
    wanted = f"sqlite:///{tmp_path / 'from-override.sqlite'}"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": wanted, "LOGIN_RATE_LIMIT": "5 per minute"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == wanted
    assert app.config["LOGIN_RATE_LIMIT"] == "5 per minute"
    with app.app_context():
        assert db.engine.url.database == str(tmp_path / "from-override.sqlite")
        db.engine.dispose()
    assert not (tmp_path / "from-env.sqlite").exists()


def test_settings_derived_from_an_override_follow_it(tmp_path, monkeypatch):
    """SQLite's busy timeout is not a psycopg connect argument; REDIS_URL moves the broker and the rate limits."""
    postgres = "postgresql+psycopg://factcheck@db.example/factcheck"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'env.sqlite'}")
    on_postgres = cfg.load_config(str(tmp_path), {"SQLALCHEMY_DATABASE_URI": postgres})
    assert "connect_args" not in on_postgres["SQLALCHEMY_ENGINE_OPTIONS"]
    monkeypatch.setenv("DATABASE_URL", postgres)
    on_sqlite = cfg.load_config(str(tmp_path), {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'o.sqlite'}"})
    assert on_sqlite["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"] == {"timeout": 30}

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/1")
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    settings = cfg.load_config(str(tmp_path), {"REDIS_URL": "redis://127.0.0.1:6379/2"})
    assert settings["CELERY"]["broker_url"] == settings["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/2"

    monkeypatch.setenv("FACTCHECK_ENV", "development")
    settings = cfg.load_config(str(tmp_path), {"FACTCHECK_PRODUCTION": True, "SECRET_KEY": "k" * 64})
    assert settings["SESSION_COOKIE_SECURE"] and settings["SESSION_COOKIE_NAME"] == "__Host-session"
    assert cfg.load_config(str(tmp_path), {"SQLALCHEMY_ENGINE_OPTIONS": {}})["SQLALCHEMY_ENGINE_OPTIONS"] == {}
