"""Forms for logging in, changing a password, accepting an invitation and one's own preferences."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from factcheck.languages import LANGUAGES
from factcheck.passwords import MAX_LENGTH, MIN_LENGTH
from factcheck.services.accounts.preferences import TIME_ZONES


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=MAX_LENGTH)])
    submit = SubmitField(_l("Log in"))


class NewPasswordMixin:
    new_password = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(min=MIN_LENGTH, max=MAX_LENGTH)],
        description=_l("At least %(count)s characters. A passphrase of several words is easiest.", count=MIN_LENGTH),
    )
    confirm = PasswordField(_l("Repeat the new password"),
                            validators=[DataRequired(), EqualTo("new_password", _l("The two passwords differ."))])


class ChangePasswordForm(NewPasswordMixin, FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])
    submit = SubmitField(_l("Change password"))


class AcceptInvitationForm(NewPasswordMixin, FlaskForm):
    submit = SubmitField(_l("Set password and log in"))


class TokenForm(FlaskForm):
    name = StringField(_l("What will use it"), validators=[DataRequired(), Length(max=80)],
                       description=_l("For example: the CMS export, a monitoring script."))
    scopes = SelectField(_l("Access"), choices=[SelectChoice("read write", _l("Read and write")),
                                                  SelectChoice("read", _l("Read only"))],
                         default="read write",
                         description=_l("A read-only token can read claims, articles and verdicts but change nothing."))
    submit = SubmitField(_l("Create token"))


class PreferencesForm(FlaskForm):
    """Language, time zone (the empty choice follows the browser or the newsroom's default) and mail."""

    locale = SelectField(_l("Interface language"), choices=[SelectChoice("", _l("Your browser's language")),
                                                        *(SelectChoice(c, n) for c, n in LANGUAGES.items())])
    timezone = SelectField(_l("Time zone"), choices=[SelectChoice("", _l("The newsroom's default")),
                                                 *(SelectChoice(z, z) for z in TIME_ZONES)],
                           description=_l("Dates and times on every page are shown in it."))
    email_notifications = SelectField(
        _l("Notifications by e-mail"),
        choices=[SelectChoice("off", _l("None: only in the application")),
                 SelectChoice("immediate", _l("One e-mail for each notification")),
                 SelectChoice("digest", _l("A daily digest of what I have not read"))],
        description=_l("Mentions, assignments, verdicts sent back, approved or published, and failed work you "
                       "started."))
    submit = SubmitField(_l("Save preferences"))
