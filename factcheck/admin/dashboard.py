"""Admin view: the newsroom dashboard (tables and SVG sparklines server-side, Chart.js on top)."""
from __future__ import annotations

from datetime import timedelta

from flask import render_template, request
from flask_babel import gettext as _

from factcheck.admin.blueprint import bp
from factcheck.languages import N_
from factcheck.services.admin import dashboard as figures
from factcheck.web import require_permission

PERIODS = (7, 30, 90)  # days the dashboard can look back
WORK_LABELS = {"claims_triaged": N_("claims triaged"), "verdicts_drafted": N_("verdicts drafted"),
               "verdicts_approved": N_("verdicts approved"), "verdicts_published": N_("verdicts published")}
SERIES_LABELS = {"claims_in": "Claims in", "triaged": "Triaged", "in_review": "Into review", "published": "Published"}


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
        return f"{days} d {hours} h"
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"


@bp.route("/dashboard")
@require_permission("dashboard.view")
def dashboard():
    days = request.args.get("days", type=int)
    days = days if days in PERIODS else figures.WINDOW_DAYS
    data = figures.build(days=days)
    chart_data = {
        "days": data.flow.days,
        "series": [{"key": k, "label": SERIES_LABELS[k], "values": v} for k, v in data.flow.series.items()],
        "backlog": [{"queue": r.queue_name, "open": r.open_claims} for r in data.backlog],
        "families": [_(WORK_LABELS[f]) for f in data.families],
        "work": [{"actor": r.actor_name, "counts": [r.by_family.get(f, 0) for f in data.families]}
                 for r in data.work],
    }
    return render_template("admin/dashboard.html", data=data, chart_data=chart_data, labels=SERIES_LABELS,
                           work_labels=WORK_LABELS, periods=PERIODS, days=days, sparkline=sparkline,
                           duration=duration)
