"""The claim desk: claim page, sources, comments, verdict drafts."""
from flask import Blueprint

bp = Blueprint("claims", __name__)
