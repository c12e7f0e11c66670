"""factcheck: a claims fact-check workflow tool. ``create_app`` builds the Flask app from named steps.

Flask is imported inside the functions so the pure subpackages (workflow, permissions, extraction) can be
imported without loading the web stack.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from factcheck.config import check_production_safety, load_config

if TYPE_CHECKING:
    from flask import Flask


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: configuration, extensions, Celery, blueprints, error handlers and CLI commands.

    ``config`` overrides the environment key by key (``{"SQLALCHEMY_DATABASE_URI": …}`` beats ``DATABASE_URL``),
    and settings derived from an overridden key follow it; see ``factcheck.config.load_config``.
    """
    from flask import Flask

    from factcheck.observability import init_observability

    app = Flask(__name__, template_folder="../templates",
                instance_path=os.environ.get("FACTCHECK_INSTANCE_PATH"))
    app.config.update(load_config(app.instance_path, config))
    check_production_safety(app.config)
    register_extensions(app)
    init_observability(app)  # before the other hooks: its request timer is the first in and the last out
    register_blueprints(app)
    register_web_hooks(app)
    register_cli(app)
    return app


def register_extensions(app: Flask) -> None:
    from factcheck import models  # noqa: F401  (models must be imported before Alembic compares)
    from factcheck.auth.session import init_login
    from factcheck.extensions import csrf, db, limiter, migrate, use_sqlite_wal
    from factcheck.web import rate_limit_storage  # noqa: F401  (registers sqlite-limits:// before the limiter starts)
    from factcheck.web.i18n import init_i18n
    from factcheck.web.server_sessions import init_server_sessions
    from factcheck.worker import celery_init_app

    db.init_app(app)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        with app.app_context():
            use_sqlite_wal(db.engine)
    migrations = os.path.join(os.path.dirname(app.root_path), "migrations")
    migrate.init_app(app, db, directory=migrations, render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    init_server_sessions(app)
    init_login(app)
    init_i18n(app)
    celery_init_app(app)


def register_blueprints(app: Flask) -> None:
    from factcheck.admin.views import bp as admin_bp
    from factcheck.api.openapi import init_api
    from factcheck.articles.views import bp as articles_bp
    from factcheck.auth.views import bp as auth_bp
    from factcheck.claims.views import bp as claims_bp
    from factcheck.editorial.views import bp as editorial_bp
    from factcheck.main.views import bp as main_bp
    from factcheck.notifications import bp as notifications_bp
    from factcheck.public.views import bp as public_bp
    from factcheck.queue.views import bp as queue_bp
    from factcheck.web.bounded_ints import register_db_int_converter

    register_db_int_converter(app)  # before the first rule is added: every <int:…> stops at what a column holds
    app.register_blueprint(main_bp)
    app.register_blueprint(notifications_bp)  # /notifications/ and /my-work
    app.register_blueprint(auth_bp, url_prefix="/auth")
    app.register_blueprint(queue_bp, url_prefix="/queues")
    app.register_blueprint(claims_bp, url_prefix="/claims")
    app.register_blueprint(editorial_bp, url_prefix="/editorial")
    app.register_blueprint(articles_bp, url_prefix="/articles")
    app.register_blueprint(admin_bp, url_prefix="/admin")
    init_api(app)  # /api/v1, the /api aliases and the OpenAPI document
    app.register_blueprint(public_bp, url_prefix="/factchecks")


def register_web_hooks(app: Flask) -> None:
    """Request hooks, response headers, template helpers and error handlers.

    The order matters for ``before_request``: the request id first, then the API's bearer token, then the CSRF
    check, which skips a call the token authenticated.
    """
    from factcheck.api.auth import register_bearer_auth
    from factcheck.web.errors import register_error_handlers
    from factcheck.web.request_hooks import register_csrf_check, register_nul_check, register_request_id
    from factcheck.web.security_headers import register_security_headers
    from factcheck.web.template_helpers import register_template_helpers

    register_request_id(app)
    register_bearer_auth(app)
    register_csrf_check(app)
    register_nul_check(app)
    register_security_headers(app)
    register_template_helpers(app)
    register_error_handlers(app)


def register_cli(app: Flask) -> None:
    from factcheck.cli import register_commands

    register_commands(app)
