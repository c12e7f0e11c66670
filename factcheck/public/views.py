"""Public fact-check pages: no login; only published verdicts, everything else is a 404."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, render_template

from factcheck.rendering import render_markdown, xml_safe
from factcheck.services.verdicts import public
from factcheck.web.bounded_ints import int_arg
from factcheck.web.i18n import content_locale
from factcheck.web.public_urls import public_url

bp = Blueprint("public", __name__)


def _organisation() -> str:
    return current_app.config["ORGANISATION_NAME"]


@bp.route("/")
def index():
    verdicts = public.published_verdicts(before_id=int_arg("before"))
    cursor = verdicts[-1].id if len(verdicts) == public.PAGE_SIZE else None
    return render_template("public/index.html", verdicts=verdicts, cursor=cursor, organisation=_organisation())


@bp.route("/<slug>")
def show(slug: str):
    verdict = public.get_published(slug)
    url = public_url("public.show", slug=slug)
    with content_locale(public.verdict_language(verdict)):  # the reader gets the page in the verdict's language
        return render_template("public/show.html", verdict=verdict, claim=verdict.claim,
                               explanation=render_markdown(verdict.explanation_md),
                               evidence=public.public_evidence(verdict), organisation=_organisation(),
                               claim_review=public.claim_review(verdict, url, _organisation()))


@bp.route("/feed.xml")
def feed():
    verdicts = public.published_verdicts(limit=50)
    body = xml_safe(render_template("public/feed.xml", verdicts=verdicts, organisation=_organisation(),
                                    updated=max((v.corrected_at or v.published_at for v in verdicts), default=None)))
    return body, 200, {"Content-Type": "application/atom+xml; charset=utf-8"}


@bp.route("/claimreviews.json")
def claim_reviews():
    """Every published verdict as ClaimReview JSON, newest first (the format fact-check aggregators read)."""
    verdicts = public.published_verdicts(before_id=int_arg("before"))
    return jsonify([public.claim_review(v, public_url("public.show", slug=v.public_slug),
                                        _organisation()) for v in verdicts])


# Registered last, on the same blueprint: the search page.
from factcheck.public import search_views  # noqa: E402, F401
