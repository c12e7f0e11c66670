"""Admin view: application settings (self-approval, the fetcher's internal-host allowlist, the default time zone)."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from factcheck.admin.admin_forms import SettingsForm
from factcheck.admin.blueprint import bp
from factcheck.services.admin.settings_admin import set_setting
from factcheck.services.core.settings import get_setting
from factcheck.web import require_permission


@bp.route("/settings", methods=["GET", "POST"])
@require_permission("settings.manage")
def settings():
    form = SettingsForm()
    if form.validate_on_submit():
        wanted = {"allow_self_approval": bool(form.allow_self_approval.data), "fetch_allow_hosts": form.allow_hosts,
                  "default_timezone": form.default_timezone.data or get_setting("default_timezone")}
        # One audited change per setting that actually changed; unchanged ones write nothing.
        changed = [key for key, value in wanted.items() if get_setting(key) != value]
        for key in changed:
            set_setting(current_user._get_current_object(), key, wanted[key])
        flash(_("Settings saved.") if changed else _("Nothing changed."), "success" if changed else "info")
        return redirect(url_for("admin.settings"))
    if form.is_submitted():
        return render_template("admin/settings.html", form=form), 422
    form = SettingsForm(data={"allow_self_approval": get_setting("allow_self_approval"),
                              "fetch_allow_hosts": "\n".join(get_setting("fetch_allow_hosts")),
                              "default_timezone": get_setting("default_timezone")})
    return render_template("admin/settings.html", form=form)
