"""The interface language and time zone of a request, and the template helpers that format for them.

The language is the user's profile choice, then the browser's ``Accept-Language``, then English; a page about one
piece of content (a public fact-check) renders in that content's language through ``content_locale``. The time
zone is the user's profile choice, then the instance default (the ``default_timezone`` setting). Dates, numbers
and relative times in templates go through the helpers below so they follow both.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone

from flask import Flask, g, has_request_context, request
from flask_babel import force_locale, format_datetime, format_decimal, format_timedelta, get_locale, gettext
from flask_login import current_user

from factcheck import labels
from factcheck.extensions import babel
from factcheck.languages import DEFAULT_LANGUAGE, LANGUAGES
from factcheck.services.core import errors


def _profile(attribute: str) -> str | None:
    if not has_request_context() or not current_user.is_authenticated:
        return None
    return getattr(current_user, attribute, None) or None


def select_locale() -> str:
    """Profile, then ``Accept-Language``, then the default."""
    chosen = _profile("locale")
    if chosen in LANGUAGES:
        return chosen
    if has_request_context():
        return request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def select_timezone() -> str:
    """Profile, then the instance default; read once per request (Flask-Babel caches the answer)."""
    from factcheck.services.core.settings import get_setting

    return _profile("timezone") or get_setting("default_timezone")


@contextmanager
def content_locale(language: str) -> Iterator[None]:
    """Render one piece of content in its own language (interface strings, dates and ``lang`` alike)."""
    previous = g.get("page_lang")
    g.page_lang = language
    try:
        with force_locale(language):
            yield
    finally:
        g.page_lang = previous


def page_lang() -> str:
    """The ``lang`` of ``<html>``: the content's language inside ``content_locale``, else the interface's."""
    return g.get("page_lang") or str(get_locale() or DEFAULT_LANGUAGE)


def ago(moment: datetime | None) -> str:
    """'3 hours ago' / « il y a 3 heures »: the distance to now, in the page's language."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return format_timedelta(moment - datetime.now(timezone.utc), add_direction=True)


def when(moment: datetime | None, fmt: str = "short") -> str:
    """A timestamp in the user's time zone and the page's locale ('short', 'medium' or a Babel pattern)."""
    return "" if moment is None else format_datetime(moment, fmt)


def number(value: float | int | None, fmt: str | None = None) -> str:
    """A number written the locale's way (``0,75`` in French); ``fmt`` is a Babel pattern such as ``0.00``."""
    return "" if value is None else format_decimal(value, fmt)


def label(code: str | None) -> str:
    """A stored code (``in_review``, ``refutes``) as a word of the page's language."""
    return gettext(labels.label(code)) if code else ""


def _in_request(message: str) -> str:
    """A service's refusal in the reader's language during a request; as written (English) anywhere else."""
    return gettext(message) if has_request_context() else message


def init_i18n(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    errors.use_translator(_in_request)
    app.jinja_env.filters.update(ago=ago, when=when, number=number, label=label)
    from factcheck.web.history import init_history  # a claim's history in words (it uses ``label``)

    init_history(app)
    app.context_processor(lambda: {"page_lang": page_lang, "languages": LANGUAGES})
