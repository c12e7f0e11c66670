"""Claims extracted from articles and the typed links between them."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from factcheck.extensions import Model
from factcheck.models.base import UTCDateTime, one_of, utcnow
from factcheck.workflow import STATES

# Near-duplicates are not links: they form groups around one canonical claim (``Claim.canonical_claim_id``).
# "duplicate_of" links were turned into groups by migration 0003 and are no longer written.
LINK_TYPES = ("denies", "contradicts", "supports")
CLAIM_KINDS = ("accusation", "denial", "quote", "statement", "prediction", "proposal")
# How a claim is attributed (shared/contracts/extraction.md): inside quotation marks, reported speech, the outlet.
ATTRIBUTIONS = ("direct_quote", "reported", "author")
# Who made a link: the extraction rules, a person, or the cross-article similarity of a denial.
LINK_ORIGINS = ("extraction", "reviewer", "similarity")
# The fields a person may correct; each correction is a ``ClaimRevision`` and re-extraction leaves them alone.
CORRECTABLE_FIELDS = ("text", "kind", "claimant", "claimant_type", "target")
# What ClaimReview calls the claimant (``Claim.author``): a person or an organisation.
CLAIMANT_TYPES = ("Person", "Organization")
# Why a reviewer dismissed a claim (labelled in ``services.claims.triage.DISMISS_REASONS``).
DISMISS_REASONS = ("not_check_worthy", "opinion", "duplicate", "out_of_scope")


class Claim(Model):
    """A check-worthy statement; ``status`` moves only through ``factcheck.workflow``."""

    __tablename__ = "claims"
    __table_args__ = (
        UniqueConstraint("article_id", "extraction_key"),
        Index("ix_claims_queue_status_score", "queue_id", "status", "checkworthiness", "id"),
        one_of("status", STATES),
        one_of("kind", CLAIM_KINDS),
        one_of("attribution", ATTRIBUTIONS),
        one_of("claimant_type", CLAIMANT_TYPES),
        one_of("dismiss_reason", DISMISS_REASONS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    extraction_key: Mapped[str] = mapped_column(String(64))  # stable per (span, kind, text): idempotent re-runs
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    sentence: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    claimant: Mapped[str | None] = mapped_column(String(300))
    # Person or Organization, set by a reviewer; None: read from the entity labels (``services.claims.claimant``)
    claimant_type: Mapped[str | None] = mapped_column(String(20))
    target: Mapped[str | None] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20), default="statement")
    attribution: Mapped[str] = mapped_column(String(20), default="author")
    language: Mapped[str | None] = mapped_column(String(8))
    checkworthiness: Mapped[float] = mapped_column(Float, default=0.0)
    quantities: Mapped[list] = mapped_column(JSON, default=list)
    entities: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default="new", index=True)
    dismiss_reason: Mapped[str | None] = mapped_column(String(40))
    queue_id: Mapped[int | None] = mapped_column(ForeignKey("queues.id", ondelete="SET NULL"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    pipeline_version: Mapped[str | None] = mapped_column(String(60))
    version_id: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    triaged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The duplicate group: members point at the group's canonical claim (never at another member); the canonical
    # claim and a claim in no group have None here.
    canonical_claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id", ondelete="SET NULL"), index=True)
    # When a person last corrected the claim (a ``ClaimRevision``); set, re-extraction never changes or deletes it.
    revised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # How many "denies" and "contradicts" links the claim is an end of: kept by triggers on claim_links (migration
    # 0016), never written here; the "most disputed" sort reads it from an index.
    disputes: Mapped[int] = mapped_column(Integer, server_default="0", nullable=False)

    __mapper_args__ = {"version_id_col": version_id}

    article = relationship("Article", back_populates="claims")
    queue = relationship("Queue")
    assignee = relationship("User")
    verdict = relationship("Verdict", back_populates="claim", uselist=False)


class ClaimRevision(Model):
    """One correction of a claim by a person: who, when, what (each changed field's old and new value).

    Number 0 is the claim as extracted (or as split off another claim), written before its first correction, so
    the original is kept whatever happens after.
    """

    __tablename__ = "claim_revisions"
    __table_args__ = (UniqueConstraint("claim_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(30))  # extracted, edit, link_denial, unlink_denial, split, merge …
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    related_claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id", ondelete="SET NULL"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    actor = relationship("User")
    related = relationship("Claim", foreign_keys=[related_claim_id])


class ClaimLink(Model):
    """A typed, directed link: ``source`` denies / contradicts / supports ``target``."""

    __tablename__ = "claim_links"
    __table_args__ = (
        UniqueConstraint("source_claim_id", "target_claim_id", "type"),
        one_of("type", LINK_TYPES),
        one_of("origin", LINK_ORIGINS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    target_claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(20))
    origin: Mapped[str] = mapped_column(String(20), default="extraction")  # extraction, reviewer, similarity
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    source = relationship("Claim", foreign_keys=[source_claim_id])
    target = relationship("Claim", foreign_keys=[target_claim_id])
