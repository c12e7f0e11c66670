"""The public search page: readers search the published fact-checks (no login, like every public page)."""
from __future__ import annotations

from flask import render_template, request

from factcheck.public.views import bp
from factcheck.services.core.errors import InvalidInput
from factcheck.services.verdicts import public_search
from factcheck.web.errors import status_for


@bp.route("/search")
def search():
    text = request.args.get("q", "").strip()
    if not text:
        return render_template("public/search.html", q="", found=[], truncated=False, error=None)
    try:
        found, truncated = public_search.search_published(text)
    except InvalidInput as error:  # the form again, with the reason
        return render_template("public/search.html", q=text, found=[], truncated=False,
                               error=str(error)), status_for(error)
    return render_template("public/search.html", q=text, found=found, truncated=truncated, error=None)
