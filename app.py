"""Entry point: ``flask --app app …`` and ``celery -A app:celery_app worker``."""
from factcheck import create_app

app = create_app()
celery_app = app.extensions["celery"]
