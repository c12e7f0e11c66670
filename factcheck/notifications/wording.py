"""What one notification says, in the reader's language: plain text (never markup), so an HTML page escapes it
once and the mail shows it as written. A template global, for the pages and the mail alike."""
from __future__ import annotations

from flask_babel import gettext

from factcheck.models import Notification


def describe(n: Notification) -> str:
    """The sentence for one notification: who did what, with the words they wrote."""
    who = n.actor.display_name if n.actor else gettext("Someone")
    d = n.detail or {}
    if n.kind == "mention":
        return gettext("%(name)s mentioned you in a comment: “%(excerpt)s”", name=who, excerpt=d.get("excerpt", ""))
    if n.kind == "assigned":
        return gettext("%(name)s assigned a claim to you.", name=who)
    if n.kind == "sent_back":
        return gettext("%(name)s sent your verdict back: “%(note)s”", name=who, note=d.get("note", ""))
    if n.kind == "approved":
        return gettext("%(name)s approved your verdict.", name=who)
    if n.kind == "published":
        return gettext("%(name)s published the verdict on a claim you worked on.", name=who)
    if n.kind == "verdict_changed":
        if d.get("event") == "verdict.edit":
            return gettext("%(name)s edited your verdict.", name=who)
        if d.get("event") == "verdict.correct":
            return gettext("%(name)s corrected your published verdict: “%(note)s”", name=who, note=d.get("note", ""))
        return gettext("%(name)s unpublished your verdict: “%(note)s”", name=who, note=d.get("note", ""))
    if d.get("what") == "source":
        return gettext("The source %(url)s could not be fetched: %(error)s", url=d.get("url", ""),
                       error=d.get("error", ""))
    return gettext("The article “%(title)s” could not be processed: %(error)s",
                   title=d.get("title") or gettext("untitled"), error=d.get("error", ""))
