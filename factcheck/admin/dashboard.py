"""Admin view: the newsroom dashboard (tables and SVG sparklines server-side, Chart.js on top)."""
from __future__ import annotations

from datetime import date, timedelta

from babel.dates import format_skeleton
from flask import render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _

from factcheck.admin.blueprint import bp
from factcheck.languages import N_
from factcheck.services.admin import dashboard as figures
from factcheck.web import require_permission

PERIODS = (7, 30, 90)  # days the dashboard can look back
WORK_LABELS = {"claims_triaged": N_("claims triaged"), "verdicts_drafted": N_("verdicts drafted"),
               "verdicts_approved": N_("verdicts approved"), "verdicts_published": N_("verdicts published")}
SERIES_LABELS = {"claims_in": N_("Claims in"), "triaged": N_("Triaged"), "in_review": N_("Into review"),
                 "published": N_("Published")}


def sparkline(values: list[int], width: int = 120, height: int = 24) -> str:
    """SVG polyline points for a series, scaled to the box (0 at the bottom)."""
    if not values:
        return ""
    top = max(values) or 1
    step = width / max(len(values) - 1, 1)
    return " ".join(f"{i * step:.1f},{height - (v / top) * (height - 2) - 1:.1f}" for i, v in enumerate(values))


def duration(value: timedelta | None) -> str:
    """A duration for people: '3 d 4 h', '5 h 12 min', '40 min'; an em dash when unknown."""
    if value is None:
        return "—"
    minutes = int(value.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return _("%(days)s d %(hours)s h", days=days, hours=hours)
    if hours:
        return _("%(hours)s h %(minutes)s min", hours=hours, minutes=minutes)
    return _("%(minutes)s min", minutes=minutes)


def day_label(day: str) -> str:
    """An ISO day as the chart's axis shows it in the page's language ('Dec 2', « 2 déc. »)."""
    return format_skeleton("MMMd", date.fromisoformat(day), locale=str(get_locale()))


@bp.route("/dashboard")
@require_permission("dashboard.view")
def dashboard():
    days = request.args.get("days", type=int)
    days = days if days in PERIODS else figures.WINDOW_DAYS
    data = figures.build(days=days)
    labels = {key: _(label) for key, label in SERIES_LABELS.items()}
    chart_data = {
        "days": [day_label(day) for day in data.flow.days],
        "series": [{"key": k, "label": labels[k], "values": v} for k, v in data.flow.series.items()],
        "backlog": [{"queue": r.queue_name, "open": r.open_claims} for r in data.backlog],
        "families": [_(WORK_LABELS[f]) for f in data.families],
        "work": [{"actor": r.actor_name, "counts": [r.by_family.get(f, 0) for f in data.families]}
                 for r in data.work],
        # the charts' axis titles and the backlog bar's name, in the page's language
        "text": {"day": _("Day"), "claims": _("Claims"), "open_claims": _("Open claims"), "person": _("Person"),
                 "finished": _("Finished items")},
    }
    return render_template("admin/dashboard.html", data=data, chart_data=chart_data, labels=labels,
                           work_labels=WORK_LABELS, periods=PERIODS, days=days, sparkline=sparkline,
                           duration=duration)
