"""Notification tasks: fan an audit event out to the people it concerns, and mail them (at once or as a digest).

Importing ``trigger`` here registers the audit-row listener wherever the tasks are: web and worker processes alike.
"""
import smtplib

from celery import shared_task
from flask import current_app

from factcheck.services.core.dispatch import send_now
from factcheck.services.notifications import fan_out, mail, trigger  # noqa: F401


@shared_task(name="notifications.from_event", acks_late=True, time_limit=30, soft_time_limit=20)
def from_event(event_id: int) -> int:
    """Create the notifications one audit event owes; how many were new."""
    return len(fan_out.notify_for_event(event_id))


@shared_task(name="notifications.mail", acks_late=True, time_limit=60, soft_time_limit=50,
             autoretry_for=(smtplib.SMTPException, OSError), retry_backoff=30, retry_backoff_max=600,
             max_retries=8)
def mail_user(user_id: int) -> int:
    """Mail one user their unread, unmailed notifications; retried with back-off while the server refuses."""
    return mail.send_pending(user_id, mail.SmtpSettings.from_config(current_app.config))


@shared_task(name="notifications.mail_digests", time_limit=60, soft_time_limit=50)
def mail_digests() -> int:
    """Beat: one mail task per user whose digest has something in it."""
    users = mail.digest_recipients()
    for user_id in users:
        send_now("notifications.mail", user_id)
    return len(users)
