"""Review queues and triage."""
from flask import Blueprint

bp = Blueprint("queue", __name__)
