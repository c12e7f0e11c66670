"""Admin views: the audit log, filtered and paged newest first, and the same filter as a streamed CSV."""
from __future__ import annotations

from flask import Response, render_template, request, stream_with_context
from flask_babel import gettext as _
from wtforms import SelectChoice

from factcheck.admin.admin_forms import AuditFilterForm
from factcheck.admin.blueprint import bp
from factcheck.models.base import utcnow
from factcheck.services.admin import audit_log
from factcheck.web import require_permission
from factcheck.web.bounded_ints import int_arg


def _filter_form() -> AuditFilterForm:
    form = AuditFilterForm(request.args)
    form.actor_id.choices = [SelectChoice("", _("Anyone"))] + [
        SelectChoice(str(u.id), f"{u.display_name} ({u.email})") for u in audit_log.actors()]
    return form


def _filter(form: AuditFilterForm) -> audit_log.AuditFilter:
    return audit_log.AuditFilter(actor_id=form.actor_id.data, action_prefix=(form.action.data or "").strip() or None,
                                 object_type=(form.object_type.data or "").strip() or None,
                                 object_id=form.object_id.data, date_from=form.date_from.data,
                                 date_to=form.date_to.data)


@bp.route("/audit")
@require_permission("audit.view")
def audit():
    form = _filter_form()
    if not form.validate():
        return render_template("admin/audit.html", form=form, page=None, filter_args={},
                               object_types=audit_log.object_types(), pretty=audit_log.pretty), 422
    flt = _filter(form)
    after = int_arg("after")
    page = audit_log.page(flt, after_id=after)
    return render_template("admin/audit.html", form=form, page=page, filter_args=flt.query_args(),
                           first_page=after is None, object_types=audit_log.object_types(),
                           pretty=audit_log.pretty)


@bp.route("/audit.csv")
@require_permission("audit.view")
def audit_csv():
    form = _filter_form()
    if not form.validate():
        return render_template("admin/audit.html", form=form, page=None, filter_args={},
                               object_types=audit_log.object_types(), pretty=audit_log.pretty), 422
    flt = _filter(form)
    audit_log.filtered(flt)  # raises InvalidInput (422) before streaming starts
    filename = f"audit-{utcnow():%Y%m%d-%H%M%S}.csv"
    return Response(stream_with_context(audit_log.csv_chunks(flt)), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"',
                             "Cache-Control": "no-store"})
