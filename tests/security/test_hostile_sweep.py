"""Hostile-input sweep (issue 13): every route of ``app.url_map``, every method it answers, hostile values in every
form field and query parameter it reads. No response may be a 5xx, and a refused request (4xx) may leave nothing
behind: every table keeps its row count (every write is audited, so a half-done change adds a row).

Routes come from the url map, so a new route is swept without touching this file. Which parameters a route reads
is observed, not listed: a first request without parameters lets the request's parameter mapping record what the
view looked up (a form reads every field, filled or not). Then each of those parameters gets each sharp value while
every other name the application declares (every ``FlaskForm`` field, the API's query parameters, the cursors and
filters) holds a plausible value, so the hostile value reaches past the first validators into the services, the
database and the redirect; then all plausible values, and the route's ``<int:…>`` arguments at the largest id they
accept. It runs as an admin (every
permission, so every form is reached) and sends no Celery task: it is about what the web layer answers, and the
tasks have their own tests. ``FACTCHECK_SWEEP=full`` uses the whole corpus instead of the sharp values.
"""
from __future__ import annotations

import os
from collections import defaultdict

import pytest
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from werkzeug.datastructures import ImmutableMultiDict
from wtforms.fields.core import UnboundField

from factcheck import create_app
from factcheck.extensions import db
from factcheck.models import Claim, Verdict
from factcheck.models.base import utcnow
from factcheck.services.core import dispatch
from factcheck.services.core.numbers import DB_INT_MAX
from tests import factories
from tests.conftest import TEST_CONFIG

# Query parameters read outside forms (cursors, filters, redirects); the queue filters and the API's own are added.
QUERY_NAMES = {"before", "after", "next", "q", "status", "kind", "sort", "per", "language", "claimant", "outlet",
               "min_score", "max_score", "from", "to", "assigned", "disputed", "unrouted", "cursor", "limit"}

CORPUS = [
    "", " ", "0", "-1", str(2**31), str(2**63), str(2**64), str(-(2**63) - 1), "9" * 4400, "1e309", "nan",
    "-inf", "1.5", "١٢", "0x1f", "\x00", "\x01\uffff\ufffe", "\r\nX-Injected: 1", "/queues/\r\nLocation: //x",
    "//evil.example/", "/\\evil.example", "javascript:alert(1)", "http://127.0.0.1:9/", "http://[::1]:9/",
    "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' OR 1=1 --", "{{7*7}}", "../../etc/passwd",
    "\u202egnp.exe", "😀" * 50, "[" * 1200, "{\"a\": " * 200, "A" * 3000, "me", "all", "1:1", "1:" + str(2**64),
]

# What broke something once: an id beyond 64 bits (so beyond 32), CR/LF in a redirect path, what XML forbids.
SHARP = [str(2**64), "/queues/\r\nX-Injected: 1", "\x00\x01\uffff", "9" * 4400]
VALUES = CORPUS if os.environ.get("FACTCHECK_SWEEP") == "full" else SHARP

# A plausible value for a parameter, by name; ids and versions come from the world (``_plausible``).
PLAUSIBLE = {"back": "/queues/", "next": "/queues/", "reason": "opinion", "priority": "1", "assignee": "me",
             "action": "accept", "stance": "supports", "direction": "up", "kind": "statement", "language": "fr",
             "roles": "checker", "role": "reviewer", "email": "someone@example.org", "url": "https://example.org/a",
             "title": "A title", "colour": "#c62828", "value": "3", "date_from": "2026-11-01",
             "date_to": "2026-11-30", "published_on": "2026-11-01", "sort": "newest", "status": "new",
             "timezone": "Europe/Paris", "locale": "fr", "default_timezone": "Europe/Paris", "q": "postes",
             "keywords": "postes", "min_checkworthiness": "0.5", "confirm": "y"}


def _form_field_names() -> set[str]:
    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return {name for form in subclasses(FlaskForm) for name, value in vars(form).items()
            if isinstance(value, UnboundField)}


def _api_query_names(app) -> set[str]:
    names = set()
    for api in app.extensions.get("flask-smorest", {}).get("apis", {}).values():
        for path in api["ext_obj"].spec.to_dict().get("paths", {}).values():
            for operation in path.values():
                for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                    if isinstance(parameter, dict) and parameter.get("in") == "query":
                        names.add(parameter["name"])
    return names


_APP = create_app(TEST_CONFIG)  # the routes and forms only; requests go to the session's migrated app
ROUTES: dict[str, list[tuple[str, str]]] = defaultdict(list)
for _rule in _APP.url_map.iter_rules():
    if _rule.endpoint != "static":
        for _method in sorted(_rule.methods - {"HEAD", "OPTIONS"}):
            ROUTES[_rule.endpoint.partition(".")[0]].append((_rule.rule, _method))
with _APP.app_context():
    FIELDS = sorted(_form_field_names() | QUERY_NAMES | _api_query_names(_APP))


def _world() -> dict:
    """One of everything a route argument can name, so the sweep gets past the lookups into the services."""
    admin = factories.make_user(roles=("admin",))
    victim = factories.make_user(roles=("checker",))
    queue = factories.make_queue(members=[(admin, "reviewer")])
    article = factories.make_article(url="https://journal.example/a")
    claim = factories.make_claim(article=article, queue=queue)
    other = factories.make_claim(article=article, queue=queue, text="L’opposition accuse le gouvernement.",
                                 kind="accusation")
    proposed = factories.make_claim(article=article, queue=queue, status="verdict_proposed")
    verdict = factories.make_verdict(claim=proposed, author=victim, status="proposed")
    published = factories.make_claim(article=article, status="published")
    shown = factories.make_verdict(claim=published, status="published")
    shown.public_slug, shown.published_at = f"claim-{published.id}", utcnow()
    evidence = factories.make_evidence(claim=claim)
    scale = factories.active_scale()
    rule = factories.make_routing_rule(queue=queue)
    feed = factories.make_feed()
    view = factories.make_saved_view(user=admin)
    db.session.commit()
    ids = {"claim_id": claim.id, "queue_id": queue.id, "verdict_id": verdict.id, "scale_id": scale.id,
           "article_id": article.id, "rating_id": scale.ratings[0].id, "evidence_id": evidence.id,
           "rule_id": rule.id, "user_id": victim.id, "feed_id": feed.id, "view_id": view.id, "token_id": 1}
    return {"admin": admin, "ids": ids, "other_id": other.id,
            "strings": {"slug": shown.public_slug, "token": "tok"}}


def _path(rule: str, world: dict, *, largest: bool = False) -> str:
    path = rule
    for name, value in world["ids"].items():
        path = path.replace(f"<int:{name}>", str(DB_INT_MAX if largest else value))
    for name, value in world["strings"].items():
        path = path.replace(f"<{name}>", value)
    return path


def _row_counts() -> tuple:
    """Every table's row count, in one statement."""
    db.session.expire_all()
    counts = [select(func.count()).select_from(t).scalar_subquery() for t in db.metadata.sorted_tables]
    return tuple(db.session.execute(select(*counts)).one())


class _RecordingArgs(ImmutableMultiDict):
    """The request's query and form mapping, noting every name a view looks up (WTForms, webargs, ``args.get``)."""

    read: set[str] = set()

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None, type=None):  # noqa: A002  (werkzeug's signature)
        self.read.add(key)
        return super().get(key, default, type)

    def getlist(self, key, type=None):  # noqa: A002
        self.read.add(key)
        return super().getlist(key, type)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)


def _plausible(rule: str, world: dict) -> dict[str, str]:
    """Every declared name with a value that passes its validators, as far as a name tells."""
    db.session.expire_all()
    claim, other = db.session.get(Claim, world["ids"]["claim_id"]), db.session.get(Claim, world["other_id"])
    verdict = db.session.get(Verdict, world["ids"]["verdict_id"])
    version = verdict.version_id if "verdict" in rule else claim.version_id
    ids = {**world["ids"], "into_claim_id": other.id, "other_id": other.id, "partner_id": other.id,
           "denied_id": other.id}
    values = {name: PLAUSIBLE.get(name, "1") for name in FIELDS}
    values |= {name: str(value) for name, value in ids.items() if name in values}
    values |= {"version_id": str(version), "other_version_id": str(other.version_id),
               "partner_version": str(other.version_id), "claims": f"{claim.id}:{claim.version_id}"}
    return values


def _send(client, method: str, path: str, payload: dict[str, str]):
    if method == "GET":
        return client.get(path, query_string=payload)
    return client.open(path, method=method, data=payload)


def _log_in(client, admin) -> None:
    response = client.post("/auth/login", data={"email": admin.email, "password": factories.PASSWORD})
    assert response.status_code == 302


def _check(client, method: str, path: str, payload: dict[str, str], problems: list[str], what: str) -> None:
    before = _row_counts()
    response = _send(client, method, path, payload)
    if response.status_code >= 500:
        problems.append(f"{method} {path} answered {response.status_code} to {what}")
    elif response.status_code >= 400 and _row_counts() != before:
        problems.append(f"{method} {path} answered {response.status_code} to {what} but stored rows")


def _sweep_route(client, world: dict, rule: str, method: str) -> list[str]:
    problems: list[str] = []
    path = _path(rule, world)
    _RecordingArgs.read = set()
    _check(client, method, path, {}, problems, "no parameters")  # forms read every field, filled or not
    for name in sorted(_RecordingArgs.read & set(FIELDS)):
        for value in VALUES:
            payload = _plausible(rule, world) | {name: value}
            _check(client, method, path, payload, problems, f"{name}={value[:30]!r}")
    _check(client, method, path, _plausible(rule, world), problems, "plausible values")
    if "<int:" in rule:
        _check(client, method, _path(rule, world, largest=True), {}, problems, "the largest ids")
    return problems


@pytest.mark.parametrize("blueprint", sorted(ROUTES))
def test_hostile_input_never_answers_5xx_nor_stores_half_way(app, blueprint, monkeypatch):
    monkeypatch.setattr(dispatch, "send_now", lambda *args, **kwargs: True)  # the web layer only, no extraction
    monkeypatch.setattr(app.request_class, "parameter_storage_class", _RecordingArgs)
    world = _world()
    client = app.test_client()
    _log_in(client, world["admin"])
    problems = []
    for rule, method in ROUTES[blueprint]:
        problems += _sweep_route(client, world, rule, method)
        if client.get("/auth/password").status_code != 200:  # the route logged the admin out: back in
            _log_in(client, world["admin"])
    if problems:
        pytest.fail("\n".join(dict.fromkeys(problems)), pytrace=False)
