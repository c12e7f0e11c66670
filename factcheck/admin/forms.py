"""Admin forms."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectChoice, SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length
from wtforms.widgets import CheckboxInput, HiddenInput, ListWidget

from factcheck.labels import label
from factcheck.permissions import ROLES
from factcheck.web.bounded_ints import DbIntField

ROLE_CHOICES = [SelectChoice(r, _l(label(r))) for r in ROLES]


class RolesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class InviteForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    display_name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    roles = RolesField(_l("Roles"), choices=ROLE_CHOICES, validators=[DataRequired(_l("Choose at least one role."))])
    queues = RolesField(_l("Queues"), coerce=int, validate_choice=False,
                        description=_l("The new colleague works in these from their first login."))
    submit = SubmitField(_l("Create invitation link"))

    def offer_queues(self, queues) -> InviteForm:
        """The live queues to choose from (the service refuses any other)."""
        self.queues.choices = [SelectChoice(q.id, q.name) for q in queues if not q.archived]
        return self


class RolesForm(FlaskForm):
    roles = RolesField(_l("Roles"), choices=ROLE_CHOICES, validators=[DataRequired(_l("Choose at least one role."))])
    submit = SubmitField(_l("Save roles"))


class TokenRateLimitForm(FlaskForm):
    """One API token's own rate limit; empty gives it the instance's again."""

    token_id = DbIntField(widget=HiddenInput(), validators=[InputRequired()])
    rate_limit = StringField(_l("Rate limit"), validators=[Length(max=100)],
                             description=_l("e.g. 30 per minute;500 per day. Empty: the instance's limit."))
    submit = SubmitField(_l("Save limit"))


class ConfirmForm(FlaskForm):
    """An empty form: a button plus its CSRF token."""

    submit = SubmitField(_l("Confirm"))
