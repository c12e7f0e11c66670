"""Notifications by mail through a real SMTP server (aiosmtpd on 127.0.0.1): one message per notification, a
digest, the recipient's language, a server that refuses, and no mail without an SMTP host or a choice to get it."""
import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import Notification
from factcheck.services.claims import comments
from factcheck.services.notifications import mail
from factcheck.tasks.notifications import mail_digests
from tests import factories


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default)))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def smtp(app, monkeypatch):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    monkeypatch.setitem(app.config, "SMTP_HOST", "127.0.0.1")
    monkeypatch.setitem(app.config, "SMTP_PORT", controller.port)
    monkeypatch.setitem(app.config, "MAIL_FROM", "desk@factcheck.test")
    yield inbox
    controller.stop()


def mentioned(choice: str, *, locale=None, times=1):
    rita = factories.make_user(roles=["reviewer"], display_name="Rita", email="rita@example.org")
    rita.email_notifications, rita.locale = choice, locale
    db.session.commit()
    author = factories.make_user(roles=["checker"], display_name="Claire")
    claim = factories.make_claim(status="in_review", text="La dette a doublé.")
    for n in range(times):
        comments.add_comment(author, claim.id, body=f"@Rita regarde {n}")
    return rita, claim


def mailed(rita) -> list[bool]:
    db.session.expire_all()
    return [n.emailed_at is not None for n in db.session.scalars(
        select(Notification).where(Notification.user_id == rita.id).order_by(Notification.id))]


def test_immediate_mail_for_each_notification(app, smtp):
    rita, claim = mentioned("immediate", times=2)
    assert len(smtp.messages) == 2 and mailed(rita) == [True, True]
    recipients, message = smtp.messages[0]
    assert recipients == ["rita@example.org"] and message["From"] == "desk@factcheck.test"
    assert message["Subject"] == "factcheck: 1 new notification" and message["Content-Language"] == "en"
    body = message.get_content()
    assert "Claire mentioned you in a comment: “@Rita regarde 0”" in body and "La dette a doublé." in body
    assert f"http://127.0.0.1:5000/claims/{claim.id}" in body  # PUBLIC_BASE_URL, never a request's host


def test_digest_gathers_the_unread_ones_once(app, smtp):
    rita, _ = mentioned("digest", times=3)
    assert smtp.messages == [] and mailed(rita) == [False] * 3
    db.session.scalars(select(Notification).where(Notification.user_id == rita.id)).first().read_at = \
        factories.make_user().created_at  # one already read in the application: not mailed
    db.session.commit()
    assert mail_digests.delay().get() == 1
    (_, message), = smtp.messages
    assert message["Subject"] == "factcheck: 2 new notifications"
    assert message.get_content().count("Claire mentioned you") == 2
    assert mail_digests.delay().get() == 0 and len(smtp.messages) == 1


def test_mail_speaks_the_recipients_language(app, smtp):
    mentioned("immediate", locale="fr")
    (_, message), = smtp.messages
    assert message["Subject"] == "factcheck : 1 nouvelle notification" and message["Content-Language"] == "fr"
    assert "Claire vous a mentionné dans un commentaire : « @Rita regarde 0 »" in message.get_content()


def test_a_refusing_server_keeps_the_notification_for_the_retry(app):
    rita, _ = mentioned("off")
    rita.email_notifications = "immediate"
    db.session.commit()
    closed = mail.SmtpSettings(host="127.0.0.1", port=_free_port())
    with pytest.raises(OSError):
        mail.send_pending(rita.id, closed)
    assert mailed(rita) == [False]


def test_no_mail_without_a_host_or_a_choice(app, smtp, monkeypatch):
    rita, _ = mentioned("off")
    assert smtp.messages == [] and mailed(rita) == [False]
    assert mail.send_pending(rita.id, mail.SmtpSettings.from_config(app.config)) == 0
    rita.email_notifications = "immediate"
    db.session.commit()
    assert mail.send_pending(rita.id, mail.SmtpSettings()) == 0 and mailed(rita) == [False]
