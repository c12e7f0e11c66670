"""Notifications by mail, through the SMTP server the environment names: one message per notification
(``immediate``) or one gathering the unread ones (``digest``, sent by beat), in the recipient's language.

The mail is the one piece of this package written with Flask's templates and Babel: its words are the interface's
own, translated in the recipient's language, and its links are absolute under ``PUBLIC_BASE_URL``. A notification
is claimed (``emailed_at`` set and committed) before the message goes, so two workers never send it twice; if the
server refuses, the claim is released and the task tries again later.
"""
from __future__ import annotations

import smtplib
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from flask import render_template
from flask_babel import force_locale, ngettext
from sqlalchemy import select, update

from factcheck.extensions import db
from factcheck.languages import DEFAULT_LANGUAGE
from factcheck.models import Notification, User
from factcheck.models.base import utcnow

BATCH_MAX = 50  # notifications in one message; the rest wait for the next one
SMTP_TIMEOUT = 20


@dataclass(frozen=True)
class SmtpSettings:
    host: str = ""
    port: int = 25
    username: str = ""
    password: str = ""
    starttls: bool = False
    sender: str = "factcheck@localhost"
    organisation: str = "factcheck"

    @property
    def enabled(self) -> bool:
        return bool(self.host)

    @classmethod
    def from_config(cls, config: Mapping) -> SmtpSettings:
        """The ``SMTP_*`` and ``MAIL_FROM`` settings (``factcheck.config``); no host means no mail."""
        return cls(host=config.get("SMTP_HOST") or "", port=int(config.get("SMTP_PORT") or 25),
                   username=config.get("SMTP_USERNAME") or "", password=config.get("SMTP_PASSWORD") or "",
                   starttls=bool(config.get("SMTP_STARTTLS")), sender=config.get("MAIL_FROM") or cls.sender,
                   organisation=config.get("ORGANISATION_NAME") or cls.organisation)


def _claim_batch(user_id: int) -> list[Notification]:
    """Take the user's unread, unmailed notifications for one message; rows another worker took are left."""
    ids = list(db.session.scalars(select(Notification.id).where(
        Notification.user_id == user_id, Notification.emailed_at.is_(None), Notification.read_at.is_(None))
        .order_by(Notification.id).limit(BATCH_MAX)))
    if not ids:
        return []
    stamp = utcnow()
    db.session.execute(update(Notification).where(Notification.id.in_(ids), Notification.emailed_at.is_(None))
                       .values(emailed_at=stamp))
    db.session.commit()
    return list(db.session.scalars(select(Notification).where(
        Notification.id.in_(ids), Notification.emailed_at == stamp).order_by(Notification.id)))


def _message(user: User, batch: list[Notification], settings: SmtpSettings) -> EmailMessage:
    language = user.locale or DEFAULT_LANGUAGE
    with force_locale(language):
        subject = ngettext("%(organisation)s: %(num)d new notification",
                           "%(organisation)s: %(num)d new notifications", len(batch),
                           organisation=settings.organisation)
        body = render_template("notifications/email.txt", user=user, notifications=batch)
    message = EmailMessage()
    message["Subject"], message["From"] = subject, settings.sender
    message["To"] = formataddr((user.display_name, user.email))
    message["Message-ID"] = make_msgid()
    message.set_content(body)
    message["Content-Language"] = language  # after set_content, which replaces every Content-* header
    return message


def _send(message: EmailMessage, settings: SmtpSettings) -> None:
    with smtplib.SMTP(settings.host, settings.port, timeout=SMTP_TIMEOUT) as smtp:
        if settings.starttls:
            smtp.starttls()
        if settings.username:
            smtp.login(settings.username, settings.password)
        smtp.send_message(message)


def send_pending(user_id: int, settings: SmtpSettings) -> int:
    """Mail the user their unread, unmailed notifications in one message; how many it carried.

    Nothing is sent without an SMTP host, to an inactive user or one who chose no mail. A refused message releases
    its notifications and raises (``smtplib.SMTPException`` or ``OSError``) so the task retries.
    """
    user = db.session.get(User, user_id)
    if not settings.enabled or user is None or not user.active or user.email_notifications == "off":
        return 0
    batch = _claim_batch(user.id)
    if not batch:
        return 0
    try:
        _send(_message(user, batch, settings), settings)
    except (smtplib.SMTPException, OSError):
        db.session.execute(update(Notification).where(Notification.id.in_([n.id for n in batch]))
                           .values(emailed_at=None))
        db.session.commit()
        raise
    return len(batch)


def digest_recipients() -> list[int]:
    """Users who chose a digest and have unread notifications not yet mailed."""
    return list(db.session.scalars(select(User.id).where(
        User.email_notifications == "digest", User.active.is_(True),
        select(Notification.id).where(Notification.user_id == User.id, Notification.emailed_at.is_(None),
                                      Notification.read_at.is_(None)).exists())
        .order_by(User.id)))
