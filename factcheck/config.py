"""Settings read from the environment, with an embedded default that needs no server.

With nothing set, the database is a SQLite file under ``instance/`` and Celery uses kombu's filesystem
transport under ``instance/broker/``, so ``make run`` works on a bare machine. ``DATABASE_URL`` and
``REDIS_URL`` switch to PostgreSQL and Redis for real deployments. A mapping of overrides (``create_app(config)``)
wins over both.
"""
from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

DEFAULT_SECRET_KEY = "change-me"
VISIBILITY_TIMEOUT = 3600  # seconds; longer than any task time limit and any retry delay (see tests)
TASK_TIME_LIMIT = 600
TASK_SOFT_TIME_LIMIT = 540


class ConfigError(RuntimeError):
    """Raised when the configuration would be unsafe to run with."""


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _celery_settings(broker_url: str | None, instance: Path) -> dict:
    transport_options: dict = {"visibility_timeout": VISIBILITY_TIMEOUT}
    if broker_url:
        url = broker_url
    else:
        folder = instance / "broker"
        for sub in ("queue", "processed", "control"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
        url = "filesystem://"
        transport_options.update(
            data_folder_in=str(folder / "queue"),
            data_folder_out=str(folder / "queue"),
            processed_folder=str(folder / "processed"),
            control_folder=str(folder / "control"),
            store_processed=False,
        )
    return {
        "broker_url": url,
        "broker_transport_options": transport_options,
        "broker_connection_retry_on_startup": True,
        # a broker that accepts connections but never answers costs a web request (commit, then send) at most this
        # long per attempt, instead of Celery's 4 s: pages answer within 5 s with the broker down (RabbitMQ suite)
        "broker_connection_timeout": 2.0,
        "task_ignore_result": True,
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "worker_max_tasks_per_child": 200,
        "worker_soft_shutdown_timeout": 10,
        "worker_cancel_long_running_tasks_on_connection_loss": True,
        "task_time_limit": TASK_TIME_LIMIT,
        "task_soft_time_limit": TASK_SOFT_TIME_LIMIT,
        "task_serializer": "json",
        "accept_content": ["json"],
        "task_default_queue": "default",
        "task_routes": {"ingest.*": {"queue": "ingest"}, "extract.*": {"queue": "extract"}},
        "task_publish_retry_policy": {"max_retries": 3, "interval_start": 0, "interval_step": 0.5, "interval_max": 1},
        "visibility_timeout": VISIBILITY_TIMEOUT,
        "timezone": "UTC",
        "beat_schedule": {
            "sweep-stale-work": {"task": "system.sweep_stale", "schedule": 60.0},
            "poll-feeds": {"task": "ingest.poll_all_feeds",
                           "schedule": float(os.environ.get("FEED_POLL_SECONDS", "600"))},
            "resend-stale-webhooks": {"task": "webhooks.resend_stale", "schedule": 300.0},
            "mail-notification-digests": {"task": "notifications.mail_digests",
                                          "schedule": float(os.environ.get("DIGEST_SECONDS", "86400"))},
        },
    }


def _instance_secret(instance: Path) -> str:
    """A random key kept in instance/ so development sessions survive restarts without a shared default."""
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def load_config(instance_path: str, overrides: Mapping[str, Any] | None = None) -> dict:
    """Build the Flask config mapping: ``overrides`` win over the environment, which wins over the defaults.

    Settings derived from an overridden one follow the override, not the environment: an overridden
    ``SQLALCHEMY_DATABASE_URI`` gets its own engine options (SQLite's ``timeout`` connect argument breaks
    psycopg), ``REDIS_URL`` moves the Celery broker and the rate-limit storage, ``FACTCHECK_PRODUCTION`` and
    ``SESSION_COOKIE_SECURE`` set the cookie defaults. An override of a derived setting itself still wins.
    """
    overrides = dict(overrides or {})
    instance = Path(instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    production = overrides.get(
        "FACTCHECK_PRODUCTION", os.environ.get("FACTCHECK_ENV", "development").strip().lower() == "production")
    database_url = (overrides.get("SQLALCHEMY_DATABASE_URI") or os.environ.get("DATABASE_URL")
                    or f"sqlite:///{instance / 'factcheck.sqlite'}")
    redis_url = overrides.get("REDIS_URL", os.environ.get("REDIS_URL") or None)
    secure_cookies = overrides.get("SESSION_COOKIE_SECURE", _env_bool("SESSION_COOKIE_SECURE", production))
    secret_key = (overrides.get("SECRET_KEY") or os.environ.get("SECRET_KEY")
                  or ("" if production else _instance_secret(instance)))
    engine_options: dict = {"pool_pre_ping": True}
    if database_url.startswith("sqlite"):
        engine_options["connect_args"] = {"timeout": 30}
    settings = {
        "SECRET_KEY": secret_key,
        "FACTCHECK_PRODUCTION": production,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options,
        "REDIS_URL": redis_url,
        "CELERY": _celery_settings(os.environ.get("CELERY_BROKER_URL") or redis_url, instance),
        "CELERY_ALWAYS_EAGER": False,
        # without Redis, a file every web process of the host shares (factcheck.web.rate_limit_storage)
        "RATELIMIT_STORAGE_URI": redis_url or f"sqlite-limits://{(instance / 'rate_limits.sqlite').resolve()}",
        "RATELIMIT_HEADERS_ENABLED": True,
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "10 per minute;50 per hour"),
        "API_RATE_LIMIT": os.environ.get("API_RATE_LIMIT", "120 per minute;3000 per hour"),  # per API token
        "SESSION_COOKIE_NAME": "__Host-session" if secure_cookies else "session",
        "SESSION_COOKIE_SECURE": secure_cookies,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "IDLE_TIMEOUT": timedelta(minutes=int(os.environ.get("IDLE_TIMEOUT_MINUTES", "30"))),
        "SESSION_MAX_AGE": timedelta(hours=int(os.environ.get("SESSION_MAX_HOURS", "12"))),
        "REMEMBER_COOKIE_SECURE": secure_cookies,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_UPLOAD_MB", "20")) * 1024 * 1024,
        "MAX_FORM_MEMORY_SIZE": 12 * 1024 * 1024,
        "MAX_FORM_PARTS": 2000,
        "WTF_CSRF_TIME_LIMIT": 8 * 3600,
        "WTF_CSRF_CHECK_DEFAULT": False,  # factcheck.web.request_hooks checks it, except for API token calls
        "INVITATION_TTL": timedelta(days=int(os.environ.get("INVITATION_TTL_DAYS", "7"))),
        "ORGANISATION_NAME": os.environ.get("ORGANISATION_NAME", "factcheck"),
        "PUBLIC_BASE_URL": os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000"),
        # webhooks: attempts per delivery and the back-off between them, doubling from the base up to the cap (30 s
        # to 30 min, about an hour in all); the cap stays under the visibility timeout, so a waiting retry is
        # never handed to a second worker
        "WEBHOOK_MAX_ATTEMPTS": int(os.environ.get("WEBHOOK_MAX_ATTEMPTS", "8")),
        "WEBHOOK_BACKOFF_SECONDS": int(os.environ.get("WEBHOOK_BACKOFF_SECONDS", "30")),
        "WEBHOOK_BACKOFF_CAP_SECONDS": min(int(os.environ.get("WEBHOOK_BACKOFF_CAP_SECONDS", "1800")),
                                           VISIBILITY_TIMEOUT // 2),
        "SEED_ARTICLE_PATH": os.environ.get("SEED_ARTICLE_PATH", ""),
        # Notifications by mail (services/notifications/mail.py): no SMTP_HOST, no mail
        "SMTP_HOST": os.environ.get("SMTP_HOST", ""),
        "SMTP_PORT": int(os.environ.get("SMTP_PORT", "25")),
        "SMTP_USERNAME": os.environ.get("SMTP_USERNAME", ""),
        "SMTP_PASSWORD": os.environ.get("SMTP_PASSWORD", ""),
        "SMTP_STARTTLS": _env_bool("SMTP_STARTTLS", False),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "factcheck@localhost"),
        # factcheck.observability: JSON log lines in production, readable lines in development
        "LOG_FORMAT": os.environ.get("LOG_FORMAT", "json" if production else "text"),
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "INFO"),
        "METRICS_TOKEN": os.environ.get("METRICS_TOKEN", ""),  # unset: no /metrics route at all
    }
    settings.update(overrides)
    return settings


def check_production_safety(config: dict) -> None:
    """Refuse to start in production with a missing or default secret key."""
    if not config.get("FACTCHECK_PRODUCTION"):
        return
    key = config.get("SECRET_KEY") or ""
    if key == DEFAULT_SECRET_KEY or len(key) < 32:
        raise ConfigError(
            "SECRET_KEY is missing, the default, or shorter than 32 characters. Set SECRET_KEY to a long random "
            "value (python -c 'import secrets; print(secrets.token_hex(32))') or set FACTCHECK_ENV=development."
        )
