"""The data model, one module per aggregate, re-exported here."""
from factcheck.models.article import INGEST_STATUSES, Article, Feed
from factcheck.models.audit import AuditEvent
from factcheck.models.claim import CLAIM_KINDS, CORRECTABLE_FIELDS, LINK_TYPES, Claim, ClaimLink, ClaimRevision
from factcheck.models.comment import Comment
from factcheck.models.dashboard_rollup import ClaimOpenMonth, DeskDaily
from factcheck.models.desk_scale import ClaimStatusCount
from factcheck.models.evidence import STANCES, Evidence, Source
from factcheck.models.notification import EMAIL_CHOICES, NOTIFICATION_KINDS, Notification
from factcheck.models.queue import Queue, QueueMember, RoutingRule, SavedView
from factcheck.models.rating import Rating, RatingScale
from factcheck.models.setting import DEFAULT_SETTINGS, AppSetting
from factcheck.models.token import ApiToken
from factcheck.models.user import Invitation, LoginEvent, User, UserRole
from factcheck.models.verdict import SUMMARY_MAX, Verdict, VerdictEvidence, VerdictRevision

__all__ = [
    "CLAIM_KINDS", "CORRECTABLE_FIELDS", "EMAIL_CHOICES", "INGEST_STATUSES", "LINK_TYPES", "NOTIFICATION_KINDS",
    "STANCES", "SUMMARY_MAX", "DEFAULT_SETTINGS", "ApiToken", "AppSetting", "Article", "AuditEvent", "Claim",
    "ClaimLink", "ClaimOpenMonth", "ClaimRevision", "ClaimStatusCount", "Comment", "DeskDaily", "Evidence", "Feed",
    "Invitation", "LoginEvent", "Notification", "Queue", "QueueMember", "Rating", "RatingScale", "RoutingRule",
    "SavedView", "Source", "User", "UserRole", "Verdict", "VerdictEvidence", "VerdictRevision",
]
