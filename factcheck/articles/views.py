"""Articles: submitting (paste, URL, bulk), feeds, and ingest status."""
from flask import Blueprint

bp = Blueprint("articles", __name__)
