"""Forms of the queue pages. Every action form says where to return (``back``: the filtered queue URL)
and, for a claim, which version of it the reviewer saw (``version_id``), so a stale form gets a 409."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectChoice, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import HiddenInput

from factcheck.labels import label
from factcheck.services.claims.triage import BULK_ACTIONS, DISMISS_REASONS, PRIORITIES
from factcheck.services.core.numbers import parse_int
from factcheck.web.bounded_ints import DbIntField
from factcheck.web.redirect_targets import is_local_path


def _choices(pairs, blank=None) -> list[SelectChoice]:
    """Options whose labels (marked for the catalogue where they are defined) are translated when shown."""
    items = [SelectChoice("", blank)] if blank is not None else []
    return items + [SelectChoice(value, _l(label)) for value, label in pairs]


def local_queue_url(form, field) -> None:
    """Only a path inside the queue pages (``web.redirect_targets``), checked before the action runs."""
    if not is_local_path(field.data, under="/queues/"):
        raise ValidationError("The return address must be a queue page.")


class BackForm(FlaskForm):
    back = HiddenField(validators=[InputRequired(_l("The form does not say which page it came from.")),
                                   Length(max=2000), local_queue_url])


class TakeNextForm(BackForm):
    """Take the next claim of a queue."""


class DeleteViewForm(BackForm):
    """Delete a saved view."""


class ClaimActionForm(BackForm):
    version_id = DbIntField(widget=HiddenInput(), validators=[
        InputRequired(_l("The form does not say which version of the claim you saw; reload the page."))])


class AcceptForm(ClaimActionForm):
    queue_id = DbIntField(_l("Queue"), validators=[Optional()])


class DismissForm(ClaimActionForm):
    reason = SelectField(_l("Reason"), choices=_choices(DISMISS_REASONS.items(), _l("Choose a reason…")),
                         validators=[DataRequired(_l("Choose a reason for dismissing."))])


class MergeForm(ClaimActionForm):
    into_claim_id = DbIntField(_l("Merge into claim #"), validators=[
        InputRequired(_l("Give the number of the claim to keep.")), NumberRange(min=1)])


class PriorityForm(ClaimActionForm):
    priority = SelectField(_l("Priority"), coerce=int, choices=_choices(PRIORITIES.items()),
                           validators=[InputRequired(_l("Choose a priority."))])


class AssignForm(ClaimActionForm):
    # "me", "" (nobody) or a user id; checked by the view because the choices are the active users.
    assignee = StringField(_l("Assign to"), validators=[Optional(), Length(max=12)])


class PairForm(ClaimActionForm):
    partner_id = DbIntField(widget=HiddenInput(), validators=[InputRequired(_l("Which claim is the other half?"))])
    partner_version = DbIntField(widget=HiddenInput(), validators=[InputRequired()])


class BulkForm(BackForm):
    claims = SelectMultipleField(_l("Claims"), validate_choice=False,
                                 validators=[DataRequired(_l("Select at least one claim."))])
    action = SelectField(_l("Action"),
                         choices=_choices([(a, label(a)) for a in BULK_ACTIONS], _l("Choose an action…")),
                         validators=[DataRequired(_l("Choose what to do with the selected claims."))])
    reason = SelectField(_l("Reason"), choices=_choices(DISMISS_REASONS.items(), "—"), validators=[Optional()])
    priority = SelectField(_l("Priority"), choices=_choices([(str(k), v) for k, v in PRIORITIES.items()], "—"),
                           validators=[Optional()])
    queue_id = DbIntField(_l("Queue"), validators=[Optional()])

    def validate_claims(self, field) -> None:
        for value in field.data or []:
            claim_id, sep, version = value.partition(":")
            if not (sep and parse_int(claim_id, minimum=1) and parse_int(version, minimum=0) is not None):
                raise ValidationError("The selection is damaged; reload the page.")


class SaveViewForm(BackForm):
    name = StringField(_l("Name"), validators=[DataRequired(_l("Give the view a name.")), Length(max=80)])
    queue_id = DbIntField(widget=HiddenInput(), validators=[Optional()])
    query = HiddenField(validators=[Optional(), Length(max=2000)])
