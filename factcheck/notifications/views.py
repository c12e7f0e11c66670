"""Notifications and "my work": pages about the signed-in person only, so being signed in is the permission and
the services refuse another person's notification as missing."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import ngettext
from flask_login import current_user, login_required

from factcheck.notifications.wording import describe
from factcheck.services.notifications import inbox, my_work

bp = Blueprint("notifications", __name__)
bp.add_app_template_global(describe, "describe_notification")


@bp.app_context_processor
def _bell() -> dict:
    """``unread_notifications()`` for the bell in the top bar: one indexed count, only when a page asks."""
    def unread() -> int:
        return inbox.unread_count(current_user) if current_user.is_authenticated else 0
    return {"unread_notifications": unread}


@bp.route("/notifications/")
@login_required
def index():
    unread_only = request.args.get("unread") == "1"
    items = inbox.latest(current_user._get_current_object(), unread_only=unread_only)
    return render_template("notifications/index.html", items=items, unread_only=unread_only)


@bp.route("/notifications/<int:notification_id>/read", methods=["POST"])
@login_required
def mark_read(notification_id: int):
    inbox.mark_read(current_user._get_current_object(), notification_id)
    return redirect(url_for("notifications.index"))


@bp.route("/notifications/read-all", methods=["POST"])
@login_required
def mark_all_read():
    count = inbox.mark_all_read(current_user._get_current_object())
    flash(ngettext("%(num)d notification marked read.", "%(num)d notifications marked read.", count), "success")
    return redirect(url_for("notifications.index"))


@bp.route("/my-work")
@login_required
def my_work_page():
    return render_template("notifications/my_work.html", work=my_work.my_work(current_user._get_current_object()))
