"""Editorial approval and publishing."""
from flask import Blueprint

bp = Blueprint("editorial", __name__)
