"""Home: what is waiting for the signed-in user."""
from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required

from factcheck.services.admin import overview

bp = Blueprint("main", __name__)


@bp.route("/")
def index():
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    return redirect(url_for("main.home"))


@bp.route("/home")
@login_required
def home():
    return render_template("main/home.html", summary=overview.home_summary(current_user._get_current_object()))


@bp.route("/healthz")
def healthz():
    return {"status": "ok"}
