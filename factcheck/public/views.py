"""Public fact-check pages: no login; only published verdicts (an unpublished one answers 410 with its note,
anything else 404). Every page carries an ETag, the fact-check pages their Last-Modified, and a repeated
request that matches answers 304."""
from __future__ import annotations

from datetime import datetime

from flask import Blueprint, Response, current_app, jsonify, make_response, render_template, request

from factcheck.rendering import render_markdown, xml_safe
from factcheck.services.core.errors import NotFound
from factcheck.services.verdicts import public
from factcheck.services.verdicts.claim_review import claim_review, claim_reviewed
from factcheck.web.bounded_ints import int_arg
from factcheck.web.i18n import content_locale
from factcheck.web.public_urls import public_url

bp = Blueprint("public", __name__)


def _organisation() -> str:
    return current_app.config["ORGANISATION_NAME"]


@bp.after_request
def conditional(response: Response) -> Response:
    """ETag of the body on every successful read, 304 to a request whose If-None-Match or If-Modified-Since
    still holds."""
    if request.method in ("GET", "HEAD") and response.status_code == 200 and not response.is_streamed:
        response.add_etag()
        response.make_conditional(request)
    return response


def _with_last_modified(body, moment: datetime | None, content_type: str | None = None) -> Response:
    response = make_response(body)
    if content_type:
        response.headers["Content-Type"] = content_type
    if moment:
        response.last_modified = moment
    return response


@bp.route("/")
def index():
    verdicts = public.published_verdicts(before_id=int_arg("before"))
    cursor = verdicts[-1].id if len(verdicts) == public.PAGE_SIZE else None
    return render_template("public/index.html", verdicts=verdicts, cursor=cursor, organisation=_organisation())


def _published_or_gone(slug: str):
    """The published verdict, or the 410 page of one taken down; NotFound for anything else."""
    try:
        return public.get_published(slug), None
    except NotFound:
        gone = public.get_unpublished(slug)
        if gone is None:
            raise
        with content_locale(public.verdict_language(gone)):
            return None, (render_template("public/gone.html", verdict=gone, organisation=_organisation()), 410)


@bp.route("/<slug>")
def show(slug: str):
    verdict, gone = _published_or_gone(slug)
    if gone:
        return gone
    url = public_url("public.show", slug=slug)
    with content_locale(public.verdict_language(verdict)):  # the reader gets the page in the verdict's language
        page = render_template("public/show.html", verdict=verdict, claim=verdict.claim, canonical_url=url,
                               claim_reviewed=claim_reviewed(verdict),
                               explanation=render_markdown(verdict.explanation_md),
                               evidence=public.public_evidence(verdict), organisation=_organisation(),
                               claim_review=claim_review(verdict, url, _organisation()))
    return _with_last_modified(page, public.last_modified(verdict))


@bp.route("/<slug>/embed")
def embed(slug: str):
    """A card other sites may put in an iframe (its own frame-ancestors policy): the claim, the rating, the
    summary and a link to the full fact-check."""
    verdict, gone = _published_or_gone(slug)
    if gone:
        return gone
    with content_locale(public.verdict_language(verdict)):
        page = render_template("public/embed.html", verdict=verdict, claim_reviewed=claim_reviewed(verdict),
                               url=public_url("public.show", slug=slug), organisation=_organisation())
    return _with_last_modified(page, public.last_modified(verdict))


@bp.route("/feed.xml")
def feed():
    verdicts = public.published_verdicts(limit=50)
    updated = max((public.last_modified(v) for v in verdicts if public.last_modified(v)), default=None)
    body = xml_safe(render_template("public/feed.xml", verdicts=verdicts, organisation=_organisation(),
                                    updated=updated))
    return _with_last_modified(body, updated, "application/atom+xml; charset=utf-8")


@bp.route("/claimreviews.json")
def claim_reviews():
    """Every published verdict as ClaimReview JSON, newest first (the format fact-check aggregators read)."""
    verdicts = public.published_verdicts(before_id=int_arg("before"))
    return jsonify([claim_review(v, public_url("public.show", slug=v.public_slug), _organisation())
                    for v in verdicts])


@bp.route("/sitemap.xml")
def sitemap():
    """The index, the rating scales and every published fact-check, with when each last changed."""
    entries = public.sitemap_entries()
    body = render_template("public/sitemap.xml", entries=entries, scales=public.public_scales())
    updated = max((moment for _slug, moment in entries if moment), default=None)
    return _with_last_modified(body, updated, "application/xml; charset=utf-8")


@bp.route("/ratings")
def ratings():
    """Our ratings: every scale readers meet, each rating with its meaning."""
    return render_template("public/ratings.html", scales=public.public_scales(), organisation=_organisation())


@bp.route("/ratings/<int:scale_id>")
def rating_scale(scale_id: int):
    scale = public.get_public_scale(scale_id)
    with content_locale(scale.language):
        return render_template("public/ratings.html", scales=[scale], organisation=_organisation(),
                               canonical_url=public_url("public.rating_scale", scale_id=scale.id))


# Registered last, on the same blueprint: the search page.
from factcheck.public import search_views  # noqa: E402, F401
