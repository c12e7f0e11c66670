"""The admin blueprint object, shared by the admin view modules."""
from flask import Blueprint

bp = Blueprint("admin", __name__)
