"""One search service on two engines: which rows match a query, how well, and their highlighted fields.

``search`` answers a search box on its own (the public site, the merge dialog, the API); ``restrict`` and
``highlights`` let a listing with its own filters, sorts and cursors (the queue) search inside its query.

The planner trap: ``WHERE vector @@ q ORDER BY id DESC LIMIT 50`` lets PostgreSQL walk the primary key backwards,
betting that matches are everywhere; for a rare word it reads the whole table (12.5 s on 1M rows instead of 0.25 ms
through the GIN index). Every query here first collects the matches in a subquery with a LIMIT and no ORDER BY, a
fence the planner cannot see through, so it has no order to walk an index for: it uses the GIN index (or, for a
word in most rows, reads the table until the cap is reached). Sorting happens outside, over at most
``CANDIDATES_MAX`` rows, which also bounds a very common word's cost whatever the table's size: past the cap the
ranking covers the first matches the index yields, and ``Results.truncated`` says so.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup
from sqlalchemy import Select, and_, bindparam, case, func, literal_column, select, table
from sqlalchemy.dialects.postgresql import REGCONFIG
from sqlalchemy.sql.elements import ColumnElement

from factcheck.extensions import db
from factcheck.models import Article, Claim, Verdict
from factcheck.services.search import highlight
from factcheck.services.search.query_syntax import SearchQuery, parse

CANDIDATES_MAX = 2000
RESULTS_MAX = 100
_FRENCH, _ENGLISH = "factcheck_fr", "factcheck_en"  # migration 0006's text search configurations
# ts_headline options: whole short fields, two fragments of a long one; the marks become <mark> after escaping.
_MARKS = f'StartSel="{highlight.START}", StopSel="{highlight.STOP}"'
_WHOLE = f"HighlightAll=true, {_MARKS}"
_FRAGMENTS = f'MaxFragments=2, MaxWords=20, MinWords=8, FragmentDelimiter=" … ", {_MARKS}'
_SNIPPET_TOKENS = 24


@dataclass(frozen=True)
class _Field:
    name: str
    postgresql: Any  # the column (or expression) whose text ts_headline marks
    fts_column: int  # its column in the scope's FTS5 table
    fragments: bool = False  # a long text: show fragments around the matches, not the whole field


@dataclass(frozen=True)
class _Scope:
    model: Any  # the mapped class: Claim, Article or Verdict
    fts: str  # the SQLite FTS5 table
    bm25_weights: tuple[float, ...]  # per FTS5 column, as the PostgreSQL weights A > B > C > D
    language: Any  # the row's language column (or expression), which picks its text search configuration
    fields: tuple[_Field, ...]


def _claim_of_verdict(column) -> ColumnElement:
    return select(column).where(Claim.id == Verdict.claim_id).scalar_subquery()


SCOPES: dict[str, _Scope] = {
    "claims": _Scope(Claim, "claims_fts", (4.0, 2.0, 1.0), Claim.language,
                     (_Field("text", Claim.text, 0), _Field("sentence", Claim.sentence, 2))),
    "articles": _Scope(Article, "articles_fts", (4.0, 0.5), Article.language,
                       (_Field("title", Article.title, 0), _Field("body", Article.raw_text, 1, fragments=True))),
    "verdicts": _Scope(Verdict, "verdicts_fts", (4.0, 2.0, 1.0), _claim_of_verdict(Claim.language),
                       (_Field("summary", Verdict.summary, 0), _Field("claim", _claim_of_verdict(Claim.text), 1),
                        _Field("explanation", Verdict.explanation_md, 2, fragments=True))),
}


@dataclass(frozen=True)
class Hit:
    id: int
    rank: float  # higher is better; comparable within one search only
    highlights: dict[str, Markup] = field(default_factory=dict)  # field name -> escaped HTML with <mark>


@dataclass(frozen=True)
class Results:
    query: SearchQuery
    hits: list[Hit]
    truncated: bool  # more than CANDIDATES_MAX rows matched: only the first ones the index found were ranked


def search(scope: str, text: str | SearchQuery, *, within: Select | None = None,
           limit: int = 20) -> Results:
    """Rows of ``scope`` ("claims", "articles" or "verdicts") matching ``text``, best first, with highlights.

    ``text`` uses the search box's syntax (words, "phrases", -exclusions; ``query_syntax``) and raises
    ``InvalidInput`` (a 422) when there is nothing to look for. ``within`` is a select of the
    ids the caller's reader may see (published verdicts, the claims of one's queues): the search checks no
    permission of its own. ``limit`` is capped at ``RESULTS_MAX``.
    """
    query = text if isinstance(text, SearchQuery) else parse(text)
    keys = select(SCOPES[scope].model.id)
    if within is not None:
        keys = keys.where(SCOPES[scope].model.id.in_(within))
    hits = restrict(keys, scope, query)
    rows = db.session.execute(
        select(hits.c.id, hits.c.rank, func.count().over().label("found"))
        .order_by(hits.c.rank.desc(), hits.c.id.desc()).limit(max(1, min(limit, RESULTS_MAX)))).all()
    marked = highlights(scope, query, [r.id for r in rows])
    return Results(query=query, hits=[Hit(r.id, float(r.rank), marked.get(r.id, {})) for r in rows],
                   truncated=bool(rows) and rows[0].found >= CANDIDATES_MAX)


def restrict(keys: Select, scope: str, query: SearchQuery, *, cap: int | None = None):
    """``keys`` (a select whose FROM holds the scope's table, with the caller's joins and filters) narrowed to
    the rows matching ``query``, plus a ``rank`` column, as a subquery of at most ``cap`` rows.

    Sort and page it from outside: the LIMIT without ORDER BY inside is the fence that keeps the planner on the
    search index (see the module's docstring).
    """
    spec = SCOPES[scope]
    cap = cap or CANDIDATES_MAX
    if _postgresql():
        vector: ColumnElement = literal_column(f"{spec.model.__tablename__}.search_vector")
        french, english = _tsqueries(query)
        per_row = _per_row_tsquery(spec, french, english)
        # The OR of both languages is what the GIN index answers; the per-row query then keeps exactly the rows
        # that match in their own language (an exclusion must hold in the row's language, not in either).
        narrowed = keys.where(and_(vector.op("@@")(french.op("||")(english)), vector.op("@@")(per_row)))
        return narrowed.add_columns(func.ts_rank_cd(vector, per_row).label("rank")).limit(cap).subquery("hits")
    matches = _fts_matches(spec, query)
    return (keys.join(matches, matches.c.id == spec.model.id).add_columns(matches.c.rank)
            .limit(cap).subquery("hits"))


def highlights(scope: str, query: SearchQuery, ids: Sequence[int]) -> dict[int, dict[str, Markup]]:
    """The fields of these rows with their matches marked, as escaped HTML; fields without a match are left out.

    Meant for one page of results: a headline reads the whole text again.
    """
    ids = list(ids)
    if not ids:
        return {}
    spec = SCOPES[scope]
    if _postgresql():
        french, english = _tsqueries(query)
        per_row = _per_row_tsquery(spec, french, english)
        config = func.factcheck_search_config(spec.language)
        columns = [func.ts_headline(config, func.coalesce(f.postgresql, ""), per_row,
                                    _FRAGMENTS if f.fragments else _WHOLE) for f in spec.fields]
        stmt = select(spec.model.id, *columns).where(spec.model.id.in_(ids))
    else:
        fts = table(spec.fts, literal_column("rowid"))
        columns = [(func.snippet(literal_column(spec.fts), f.fts_column, highlight.START, highlight.STOP, "…",
                                 _SNIPPET_TOKENS) if f.fragments else
                    func.highlight(literal_column(spec.fts), f.fts_column, highlight.START, highlight.STOP))
                   for f in spec.fields]
        stmt = (select(literal_column("rowid"), *columns).select_from(fts)
                .where(literal_column(spec.fts).op("MATCH")(query.fts5_match()), literal_column("rowid").in_(ids)))
    found: dict[int, dict[str, Markup]] = {}
    for row in db.session.execute(stmt):
        marked = {f.name: highlight.to_html(value) for f, value in zip(spec.fields, row[1:], strict=True)}
        found[row[0]] = {name: html for name, html in marked.items() if html is not None}
    return found


def _postgresql() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def _tsqueries(query: SearchQuery) -> tuple[ColumnElement, ColumnElement]:
    """The query in each configuration; the text travels as a bound parameter, never inside the SQL."""
    text: ColumnElement = bindparam("search_text", query.websearch())
    return (func.websearch_to_tsquery(literal_column(f"'{_FRENCH}'").cast(REGCONFIG), text),
            func.websearch_to_tsquery(literal_column(f"'{_ENGLISH}'").cast(REGCONFIG), text))


def _per_row_tsquery(spec: _Scope, french: ColumnElement, english: ColumnElement) -> ColumnElement:
    is_french = func.factcheck_search_config(spec.language) == literal_column(f"'{_FRENCH}'").cast(REGCONFIG)
    return case((is_french, french), else_=english)


def _fts_matches(spec: _Scope, query: SearchQuery):
    """The FTS5 rows matching ``query`` with ``rank`` (bm25 is lower-is-better, so its opposite)."""
    weights = ", ".join(str(w) for w in spec.bm25_weights)
    return (select(literal_column("rowid").label("id"), (-literal_column(f"bm25({spec.fts}, {weights})")).label("rank"))
            .select_from(table(spec.fts))
            .where(literal_column(spec.fts).op("MATCH")(bindparam("search_match", query.fts5_match())))
            .subquery("matches"))
