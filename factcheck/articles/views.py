"""Articles: submitting (paste, URL, bulk), feeds, and ingest status that updates while work runs."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from factcheck.articles.forms import BulkForm, FeedForm, PasteForm, UrlForm
from factcheck.models import INGEST_STATUSES
from factcheck.services.articles import article_listing, articles, feeds
from factcheck.services.core.errors import ServiceError
from factcheck.web import require_permission
from factcheck.web.bounded_ints import int_arg
from factcheck.web.errors import status_for

bp = Blueprint("articles", __name__)


def _actor():
    return current_user._get_current_object()


def _new_page(status=200, **forms):
    forms = {"paste": PasteForm(), "url_form": UrlForm(), "bulk": BulkForm(), **forms}
    return render_template("articles/new.html", **forms), status


@bp.route("/")
@require_permission("articles.view")
def index():
    status = request.args.get("status") or None
    rows, cursor = article_listing.list_articles(status=status, before_id=int_arg("before"))
    return render_template("articles/index.html", rows=rows, cursor=cursor, status=status,
                           statuses=INGEST_STATUSES)


@bp.route("/new")
@require_permission("articles.ingest")
def new():
    return _new_page()


@bp.route("/paste", methods=["POST"])
@require_permission("articles.ingest")
def paste():
    form = PasteForm()
    if not form.validate_on_submit():
        return _new_page(422, paste=form)
    try:
        submitted = articles.submit_text(_actor(), text=form.text.data, title=form.title.data,
                                         outlet=form.outlet.data, url=form.url.data,
                                         published_on=form.published_on.data, language=form.language.data)
    except ServiceError as exc:
        form.text.errors = [*form.text.errors, str(exc)]
        return _new_page(status_for(exc), paste=form)
    flash(_("Article queued for extraction.") if submitted.created else _("This text was already submitted."),
          "success" if submitted.created else "info")
    if submitted.address_problem:
        flash(_("The text is stored, but not its original address “%(address)s”: %(reason)s",
                address=form.url.data, reason=submitted.address_problem), "error")
    return redirect(url_for("articles.show", article_id=submitted.article.id), 303)


@bp.route("/url", methods=["POST"])
@require_permission("articles.ingest")
def from_url():
    form = UrlForm()
    if not form.validate_on_submit():
        return _new_page(422, url_form=form)
    try:
        submitted = articles.submit_url(_actor(), url=form.url.data, outlet=form.outlet.data)
    except ServiceError as exc:
        form.url.errors = [*form.url.errors, str(exc)]
        return _new_page(status_for(exc), url_form=form)
    flash(_("Fetching the page.") if submitted.created else _("This address was already submitted."), "info")
    return redirect(url_for("articles.show", article_id=submitted.article.id), 303)


@bp.route("/bulk", methods=["POST"])
@require_permission("articles.ingest")
def bulk():
    form = BulkForm()
    if not form.validate_on_submit():
        return _new_page(422, bulk=form)
    upload = form.file.data
    try:
        report = articles.submit_bulk(_actor(), data=upload.read(), filename=upload.filename or "upload")
    except ServiceError as exc:
        form.file.errors = [*form.file.errors, str(exc)]
        return _new_page(status_for(exc), bulk=form)
    return render_template("articles/bulk_report.html", report=report)


@bp.route("/<int:article_id>")
@require_permission("articles.view")
def show(article_id: int):
    article = articles.get_article(article_id)
    return render_template("articles/show.html", article=article,
                           claims=article_listing.article_claims(article_id))


@bp.route("/<int:article_id>/status")
@require_permission("articles.view")
def status(article_id: int):
    """The status panel alone; the article page polls it with htmx while work runs."""
    article = articles.get_article(article_id)
    return render_template("articles/_status.html", article=article,
                           claims=article_listing.article_claims(article_id))


@bp.route("/<int:article_id>/reextract", methods=["POST"])
@require_permission("articles.ingest")
def reextract(article_id: int):
    articles.queue_reextraction(_actor(), article_id)
    flash(_("Extraction queued again; claims reviewers worked on are kept."), "info")
    return redirect(url_for("articles.show", article_id=article_id), 303)


@bp.route("/feeds", methods=["GET", "POST"])
@require_permission("feeds.manage")
def feed_list():
    form = FeedForm()
    status = 200
    if form.validate_on_submit():
        try:
            feeds.add_feed(_actor(), url=form.url.data, title=form.title.data, outlet=form.outlet.data)
        except ServiceError as exc:
            form.url.errors = [*form.url.errors, str(exc)]
            status = status_for(exc)
        else:
            flash(_("Feed added; it is polled every few minutes."), "success")
            return redirect(url_for("articles.feed_list"), 303)
    elif request.method == "POST":
        status = 422
    return render_template("articles/feeds.html", feeds=feeds.list_feeds(), form=form), status


@bp.route("/feeds/<int:feed_id>/poll", methods=["POST"])
@require_permission("feeds.manage")
def poll_feed(feed_id: int):
    sent = feeds.request_poll(feed_id)
    flash(_("Polling now.") if sent else _("The worker queue is unreachable; the scheduled poll will retry."), "info")
    return redirect(url_for("articles.feed_list"), 303)


@bp.route("/feeds/<int:feed_id>/toggle", methods=["POST"])
@require_permission("feeds.manage")
def toggle_feed(feed_id: int):
    feeds.toggle_feed(_actor(), feed_id)
    return redirect(url_for("articles.feed_list"), 303)
