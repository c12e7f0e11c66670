"""Celery bound to the Flask app the way the Flask docs show it: every task runs in an app context."""
from __future__ import annotations

from celery import Celery, Task
from flask import Flask


def celery_init_app(app: Flask) -> Celery:
    class FlaskTask(Task):
        def __call__(self, *args, **kwargs):
            with app.app_context():
                return self.run(*args, **kwargs)

    celery_app = Celery(app.name, task_cls=FlaskTask)
    celery_app.config_from_object(app.config["CELERY"])
    if app.config.get("CELERY_ALWAYS_EAGER"):
        celery_app.conf.task_always_eager = True
        celery_app.conf.task_eager_propagates = True
    celery_app.set_default()
    app.extensions["celery"] = celery_app
    import factcheck.services.core.dispatch  # noqa: F401  (after-commit sending)
    import factcheck.services.webhooks.outbox  # noqa: F401  (webhook deliveries written with their change)
    import factcheck.tasks  # noqa: F401  (register the task modules explicitly)

    return celery_app
