"""Forms of the queue, scale, settings and audit-log admin pages (user forms live in ``admin.forms``)."""
from __future__ import annotations

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FloatField,
    HiddenField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import AnyOf, InputRequired, Length, NumberRange, Optional, Regexp, ValidationError
from wtforms.widgets import ColorInput

from factcheck.ingest.errors import BadAllowlist
from factcheck.ingest.url_guard import parse_allowlist
from factcheck.labels import label
from factcheck.languages import DEFAULT_LANGUAGE, LANGUAGES
from factcheck.services.accounts.preferences import TIME_ZONES
from factcheck.services.admin.queue_admin import MEMBER_ROLES
from factcheck.web.bounded_ints import DbIntField

COLOUR_MESSAGE = "Write the colour as #rrggbb, for example #c62828."


class ActionForm(FlaskForm):
    """A button: the CSRF token plus ``confirm=yes``, so an empty or forged POST changes nothing."""

    confirm = HiddenField(validators=[InputRequired(), AnyOf(["yes"])])


class MoveForm(FlaskForm):
    direction = HiddenField(validators=[InputRequired(), AnyOf(["up", "down"])])


class QueueForm(FlaskForm):
    name = StringField(_l("Name"), validators=[InputRequired(_l("Give the queue a name.")), Length(max=120)])
    description = TextAreaField(_l("Description"), validators=[Length(max=2000)])
    submit = SubmitField(_l("Save queue"))


class MemberForm(FlaskForm):
    user_id = SelectField(_l("Person"), coerce=int, validators=[InputRequired()])
    role = SelectField(_l("Role in this queue"), choices=[SelectChoice(r, _l(label(r))) for r in MEMBER_ROLES],
                       validators=[InputRequired()])
    submit = SubmitField(_l("Add to queue"))


class RemoveMemberForm(FlaskForm):
    user_id = DbIntField(validators=[InputRequired()])


class RuleForm(FlaskForm):
    language = StringField(_l("Language"), validators=[Optional(), Regexp(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,4})?$",
                           message=_l("Use an ISO code such as fr or en."))],
                           description=_l("Claim language (or the article's); empty means any."))
    keywords = StringField(_l("Keywords"), validators=[Length(max=5000)],
                           description=_l("Comma-separated; a claim matches if its text contains any of them."))
    outlet = StringField(_l("Outlet"), validators=[Length(max=200)],
                         description=_l("Exact outlet name; empty means any."))
    feed_id = SelectField(_l("Feed"), coerce=int, default=0)
    min_checkworthiness = FloatField(_l("Minimum check-worthiness"), default=0.0, validators=[
        InputRequired(_l("Give a number between 0 and 1.")),
        NumberRange(min=0.0, max=1.0, message=_l("Give a number between 0 and 1."))])
    active = BooleanField(_l("Active"), default=True)
    preview = SubmitField(_l("Preview"))
    submit = SubmitField(_l("Save rule"))


class ScaleForm(FlaskForm):
    name = StringField(_l("Name"), validators=[InputRequired(_l("Give the scale a name.")), Length(max=120)])
    language = SelectField(_l("Language"), choices=[SelectChoice(c, n) for c, n in LANGUAGES.items()],
                           default=DEFAULT_LANGUAGE,
                           description=_l("Verdicts on claims in this language use this scale once it is active."))
    description = TextAreaField(_l("Description"), validators=[Length(max=2000)])
    submit = SubmitField(_l("Save scale"))


class RatingForm(FlaskForm):
    label = StringField(_l("Label"), validators=[InputRequired(_l("Give the rating a label.")), Length(max=60)])
    value = DbIntField(_l("Value"), validators=[InputRequired(_l("Give a whole number.")), NumberRange(min=0, max=100)],
                         description=_l("ClaimReview ratingValue: 1 is the worst; 0 means off the scale."))
    colour = StringField(_l("Colour"), widget=ColorInput(), default="#777777",
                         validators=[InputRequired(COLOUR_MESSAGE), Regexp(r"^#[0-9a-fA-F]{6}$",
                                                                           message=COLOUR_MESSAGE)])
    description = TextAreaField(_l("Description"), validators=[Length(max=2000)])
    submit = SubmitField(_l("Save rating"))


class SettingsForm(FlaskForm):
    allow_self_approval = BooleanField(_l("Editors may approve verdicts they wrote themselves"))
    fetch_allow_hosts = TextAreaField(
        _l("Internal hosts the fetcher may reach"),
        description=_l("One per line: a host name, host:port, an IP address or a network in CIDR form "
                       "(10.20.0.0/16). Anything else on the private network stays blocked."))
    default_timezone = SelectField(_l("Default time zone"), choices=[SelectChoice(z, z) for z in TIME_ZONES],
                                   validators=[Optional()],
                                   description=_l("Dates are shown in it to everyone who has not chosen their own."))
    submit = SubmitField(_l("Save settings"))

    def validate_fetch_allow_hosts(self, field) -> None:
        """The rules are ``url_guard.parse_allowlist``'s, the same the settings service applies."""
        try:
            self.allow_hosts = parse_allowlist((field.data or "").splitlines(), label="Line")
        except BadAllowlist as exc:
            raise ValidationError(str(exc)) from None


class AuditFilterForm(FlaskForm):
    """The audit-log filter, read from the query string (GET, so no CSRF token)."""

    class Meta:
        csrf = False

    actor_id = SelectField(_l("Actor"), coerce=lambda v: int(v) if v not in (None, "") else None,
                           validators=[Optional()])
    action = StringField(_l("Action starts with"), validators=[Optional(), Length(max=60)])
    object_type = StringField(_l("Object type"), validators=[Optional(), Length(max=30)])
    object_id = DbIntField(_l("Object id"), validators=[Optional(), NumberRange(min=0)])
    date_from = DateField(_l("From (UTC)"), validators=[Optional()])
    date_to = DateField(_l("To (UTC)"), validators=[Optional()])
    submit = SubmitField(_l("Filter"))

    def validate_date_to(self, field) -> None:
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError("The end date is before the start date.")


def require_button(form: FlaskForm) -> None:
    """Refuse (422) a button POST that lacks its confirmation fields; nothing has been changed yet."""
    if not form.validate_on_submit():
        abort(422, "That button was sent without its confirmation; nothing was changed.")
