"""What the v1 API reads and writes, as marshmallow schemas: they validate requests and generate the OpenAPI
document, so the document cannot drift from the code. Field names follow the models'."""
from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

from factcheck import workflow
from factcheck.models import CLAIM_KINDS, INGEST_STATUSES, STANCES, SUMMARY_MAX
from factcheck.models.verdict import VERDICT_STATUSES
from factcheck.services.claims.triage import DISMISS_REASONS, PRIORITIES
from factcheck.services.core.numbers import DB_INT_MAX
from factcheck.services.queues.queue_filters import ASSIGNED, PER_PAGE_RANGE, SORTS
from factcheck.services.search.query_syntax import QUERY_MAX

Id = validate.Range(min=1, max=DB_INT_MAX)  # every id is an Integer column (32 bits on PostgreSQL)


class Strict(Schema):
    class Meta:
        unknown = RAISE


# --- errors ------------------------------------------------------------------------------------------------

class ProblemSchema(Schema):
    """RFC 9457 problem details; ``error``, ``message`` and ``changes`` are kept for the first API's clients."""

    type = fields.Str(required=True)
    title = fields.Str(required=True)
    status = fields.Int(required=True)
    detail = fields.Str(required=True)
    error = fields.Str(required=True)
    message = fields.Str(required=True)
    changes = fields.List(fields.Str(), required=True,
                          metadata={"description": "What someone else changed first (409 on a stale version)."})
    errors = fields.Dict(metadata={"description": "Per location and field, why a request did not validate."})


# --- articles ----------------------------------------------------------------------------------------------

class ArticleClaimSchema(Schema):
    id = fields.Int(required=True)
    text = fields.Str(required=True)
    kind = fields.Str(required=True)
    claimant = fields.Str(allow_none=True, required=True)
    checkworthiness = fields.Float(required=True)
    status = fields.Str(required=True)


class ArticleSchema(Schema):
    id = fields.Int(required=True)
    status = fields.Str(required=True, metadata={"enum": list(INGEST_STATUSES)})
    error = fields.Str(allow_none=True, required=True)
    title = fields.Str(required=True)
    language = fields.Str(allow_none=True, required=True)
    outlet = fields.Str(allow_none=True, required=True)
    source_url = fields.Str(allow_none=True, required=True, metadata={"description": "Where the article was read."})
    published_on = fields.Date(allow_none=True, required=True)
    url = fields.Str(required=True, metadata={"description": "The article's page in factcheck."})
    claim_count = fields.Int(metadata={"description": "In listings."})
    claims = fields.List(fields.Nested(ArticleClaimSchema), metadata={"description": "On one article."})


class ArticlePageSchema(Schema):
    items = fields.List(fields.Nested(ArticleSchema), required=True)
    next_before = fields.Int(allow_none=True, required=True,
                             metadata={"description": "Pass as ``before`` for the next page; null on the last."})


class ArticleListArgs(Strict):
    status = fields.Str(validate=validate.OneOf(INGEST_STATUSES))
    before = fields.Int(validate=Id)
    q = fields.Str(validate=validate.Length(max=QUERY_MAX), metadata={
        "description": 'Full-text search of the title and text: words, "exact phrases", -exclusions (accents '
                       "and case do not matter). Newest first among the matches."})


class ArticleSubmitSchema(Strict):
    """An article's text (with optional details), or only its URL to be fetched."""

    text = fields.Str(allow_none=True)
    title = fields.Str(allow_none=True)
    outlet = fields.Str(allow_none=True)
    url = fields.Str(allow_none=True)
    published_on = fields.Date(allow_none=True)
    language = fields.Str(allow_none=True)


# --- claims ------------------------------------------------------------------------------------------------

class ClaimRowSchema(Schema):
    """A claim as the queue lists it."""

    id = fields.Int(required=True, attribute="claim_id")
    version = fields.Int(required=True, attribute="version_id",
                         metadata={"description": "Send back as ``expected_version`` to act on this state."})
    text = fields.Str(required=True)
    sentence = fields.Str(required=True)
    claimant = fields.Str(allow_none=True, required=True)
    kind = fields.Str(required=True)
    language = fields.Str(allow_none=True, required=True)
    checkworthiness = fields.Float(required=True, attribute="score")
    status = fields.Str(required=True)
    dismiss_reason = fields.Str(allow_none=True, required=True)
    article_id = fields.Int(required=True)
    article_title = fields.Str(required=True)
    outlet = fields.Str(allow_none=True, required=True)
    queue_id = fields.Int(allow_none=True, required=True)
    assignee_id = fields.Int(allow_none=True, required=True)
    priority = fields.Int(required=True)
    created_at = fields.DateTime(required=True)
    disputes = fields.Int(required=True)
    group_size = fields.Int(required=True)
    seen_in = fields.Int(required=True)
    duplicate_of = fields.Int(allow_none=True, required=True)
    already_checked = fields.Int(allow_none=True, required=True)
    text_html = fields.Str(allow_none=True, metadata={
        "description": "With ``q``: the text, HTML-escaped, its matches in ``<mark>``."})
    sentence_html = fields.Str(allow_none=True, metadata={"description": "With ``q``: the sentence, likewise."})


class ClaimPageSchema(Schema):
    items = fields.List(fields.Nested(ClaimRowSchema), required=True)
    next_cursor = fields.Str(allow_none=True, required=True,
                             metadata={"description": "Pass as ``after`` (same filters) for the next page."})
    truncated = fields.Bool(required=True, metadata={
        "description": "With ``q``: more claims matched than a search ranks; narrow the search or the filters."})


class ClaimListArgs(Strict):
    """The queue's filters, with the same names and meanings as in the queue page's URL."""

    queue_id = fields.Int(validate=Id, metadata={"description": "One queue; all your queues without it."})
    q = fields.Str(validate=validate.Length(max=QUERY_MAX), metadata={
        "description": 'Full-text search: words, "exact phrases", -exclusions; accents and case do not matter. '
                       "Sorted by relevance unless ``sort`` says otherwise."})
    status = fields.List(fields.Str(validate=validate.OneOf([*workflow.STATES, "all"])))
    kind = fields.List(fields.Str(validate=validate.OneOf(CLAIM_KINDS)))
    language = fields.Str(validate=validate.Regexp(r"^[a-z]{2,3}$"))
    claimant = fields.Str(validate=validate.Length(max=100))
    outlet = fields.Str(validate=validate.Length(max=100))
    min_score = fields.Float(validate=validate.Range(0, 1))
    max_score = fields.Float(validate=validate.Range(0, 1))
    from_ = fields.Date(data_key="from")
    to = fields.Date()
    assigned = fields.Str(validate=validate.OneOf(ASSIGNED))
    disputed = fields.Bool()
    unrouted = fields.Bool()
    sort = fields.Str(validate=validate.OneOf(SORTS))
    per = fields.Int(validate=validate.Range(*PER_PAGE_RANGE))
    after = fields.Str(validate=validate.Length(max=80),
                       metadata={"description": "The ``next_cursor`` of the previous page."})


class SourceSchema(Schema):
    id = fields.Int(required=True)
    url = fields.Str(allow_none=True, required=True)
    citation = fields.Str(allow_none=True, required=True)
    title = fields.Str(required=True)
    outlet = fields.Str(allow_none=True, required=True)
    fetch_status = fields.Str(required=True)


class EvidenceSchema(Schema):
    id = fields.Int(required=True)
    stance = fields.Str(required=True, metadata={"enum": list(STANCES)})
    excerpt = fields.Str(required=True)
    position = fields.Int(required=True)
    added_at = fields.DateTime(required=True)
    source = fields.Nested(SourceSchema, required=True)


class LinkSchema(Schema):
    label = fields.Str(required=True, metadata={"description": "From this claim's side: denies, denied by …"})
    claim_id = fields.Int(required=True)
    text = fields.Str(required=True)


class VerdictSchema(Schema):
    id = fields.Int(required=True)
    claim_id = fields.Int(required=True)
    version = fields.Int(required=True, attribute="version_id")
    status = fields.Str(required=True, metadata={"enum": list(VERDICT_STATUSES)})
    rating_id = fields.Int(allow_none=True, required=True)
    rating = fields.Function(lambda verdict: verdict.rating.label if verdict.rating else None, allow_none=True,
                             required=True, metadata={"type": "string", "description": "Its label."})
    summary = fields.Str(required=True)
    explanation_md = fields.Str(required=True)
    author_id = fields.Int(allow_none=True, required=True)
    public_slug = fields.Str(allow_none=True, required=True)
    submitted_at = fields.DateTime(allow_none=True, required=True)
    published_at = fields.DateTime(allow_none=True, required=True)
    corrected_at = fields.DateTime(allow_none=True, required=True)
    correction_note = fields.Str(allow_none=True, required=True)
    updated_at = fields.DateTime(required=True)


class ClaimSchema(Schema):
    """One claim with its links, its sources and its verdict."""

    id = fields.Int(required=True)
    version = fields.Int(required=True, attribute="version_id")
    text = fields.Str(required=True)
    sentence = fields.Str(required=True)
    claimant = fields.Str(allow_none=True, required=True)
    target = fields.Str(allow_none=True, required=True)
    kind = fields.Str(required=True)
    language = fields.Str(allow_none=True, required=True)
    checkworthiness = fields.Float(required=True)
    status = fields.Str(required=True)
    dismiss_reason = fields.Str(allow_none=True, required=True)
    article_id = fields.Int(required=True)
    queue_id = fields.Int(allow_none=True, required=True)
    assignee_id = fields.Int(allow_none=True, required=True)
    priority = fields.Int(required=True)
    created_at = fields.DateTime(required=True)
    canonical_claim_id = fields.Int(allow_none=True, required=True)
    links = fields.List(fields.Nested(LinkSchema), required=True)
    same_claim_elsewhere = fields.List(fields.Int(), required=True)
    sources = fields.List(fields.Nested(EvidenceSchema), required=True)
    verdict = fields.Nested(VerdictSchema, allow_none=True, required=True)


class Versioned(Strict):
    expected_version = fields.Int(allow_none=True, validate=Id, metadata={
        "description": "The claim's ``version`` you acted on; a newer one answers 409 instead of overwriting."})


class AcceptSchema(Versioned):
    queue_id = fields.Int(allow_none=True, validate=Id)


class DismissSchema(Versioned):
    reason = fields.Str(required=True, validate=validate.OneOf(list(DISMISS_REASONS)))


class MergeSchema(Versioned):
    into_claim_id = fields.Int(required=True, validate=Id,
                               metadata={"description": "The claim whose duplicate group this one joins."})


class PrioritySchema(Versioned):
    priority = fields.Int(required=True, validate=validate.OneOf(sorted(PRIORITIES)),
                          metadata={"description": "0 normal, 1 high, 2 urgent, 3 top."})


class AssignSchema(Versioned):
    assignee_id = fields.Int(required=True, allow_none=True, validate=Id,
                             metadata={"description": "null takes the claim away from whoever has it."})


class AttachSourceSchema(Strict):
    """A source by URL (fetched in the background), by citation, or an existing one by id."""

    stance = fields.Str(required=True, validate=validate.OneOf(STANCES))
    excerpt = fields.Str(load_default="", validate=validate.Length(max=5000))
    url = fields.Str(allow_none=True, validate=validate.Length(max=2000))
    citation = fields.Str(allow_none=True)
    source_id = fields.Int(allow_none=True, validate=Id)


class ProposeVerdictSchema(Strict):
    """Save the verdict draft; with ``submit`` also send it to the editors (the claim must be in review)."""

    rating_id = fields.Int(required=True, validate=Id)
    summary = fields.Str(required=True, validate=validate.Length(min=1, max=SUMMARY_MAX))
    explanation_md = fields.Str(load_default="", validate=validate.Length(max=50_000))
    evidence_ids = fields.List(fields.Int(validate=Id), load_default=list)
    expected_version = fields.Int(allow_none=True, validate=Id,
                                  metadata={"description": "The verdict's ``version``; omit for a first draft."})
    submit = fields.Bool(load_default=False)


# --- verdicts ----------------------------------------------------------------------------------------------

class RevisionSchema(Schema):
    number = fields.Int(required=True)
    kind = fields.Str(required=True)
    rating_id = fields.Int(allow_none=True, required=True)
    rating_label = fields.Str(allow_none=True, required=True)
    summary = fields.Str(required=True)
    explanation_md = fields.Str(required=True)
    note = fields.Str(allow_none=True, required=True)
    author_id = fields.Int(allow_none=True, required=True)
    created_at = fields.DateTime(required=True)


class VerdictDetailSchema(VerdictSchema):
    revisions = fields.List(fields.Nested(RevisionSchema), required=True)


class VerdictPageSchema(Schema):
    items = fields.List(fields.Nested(VerdictSchema), required=True)
    next_before = fields.Int(allow_none=True, required=True)


class VerdictListArgs(Strict):
    status = fields.Str(validate=validate.OneOf(VERDICT_STATUSES))
    before = fields.Int(validate=Id)
    q = fields.Str(validate=validate.Length(max=QUERY_MAX), metadata={
        "description": 'Full-text search of the summary, explanation and claim: words, "exact phrases", '
                       "-exclusions (accents and case do not matter). Newest first among the matches."})


class ClaimReviewPageSchema(Schema):
    items = fields.List(fields.Dict(), required=True,
                        metadata={"description": "schema.org ClaimReview objects, as on the public pages."})
    next_before = fields.Int(allow_none=True, required=True)


class BeforeArgs(Strict):
    before = fields.Int(validate=Id)


class CsrfSchema(Schema):
    csrf_token = fields.Str(required=True)
