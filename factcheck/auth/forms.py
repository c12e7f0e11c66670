"""Forms for logging in, changing a password, accepting an invitation and one's own preferences."""
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from factcheck.languages import LANGUAGES
from factcheck.passwords import MAX_LENGTH, MIN_LENGTH
from factcheck.services.accounts.preferences import TIME_ZONES


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=MAX_LENGTH)])
    submit = SubmitField("Log in")


class NewPasswordMixin:
    new_password = PasswordField(
        "New password", validators=[DataRequired(), Length(min=MIN_LENGTH, max=MAX_LENGTH)],
        description=f"At least {MIN_LENGTH} characters. A passphrase of several words is easiest.",
    )
    confirm = PasswordField("Repeat the new password",
                            validators=[DataRequired(), EqualTo("new_password", "The two passwords differ.")])


class ChangePasswordForm(NewPasswordMixin, FlaskForm):
    current_password = PasswordField("Current password", validators=[DataRequired()])
    submit = SubmitField("Change password")


class AcceptInvitationForm(NewPasswordMixin, FlaskForm):
    submit = SubmitField("Set password and log in")


class TokenForm(FlaskForm):
    name = StringField("What will use it", validators=[DataRequired(), Length(max=80)],
                       description="For example: the CMS export, a monitoring script.")
    scopes = SelectField("Access", choices=[SelectChoice("read write", "Read and write"),
                                              SelectChoice("read", "Read only")],
                         default="read write",
                         description="A read-only token can read claims, articles and verdicts but change nothing.")
    submit = SubmitField("Create token")


class PreferencesForm(FlaskForm):
    """Language and time zone; the empty choice follows the browser or the newsroom's default."""

    locale = SelectField("Interface language", choices=[SelectChoice("", "Your browser's language"),
                                                        *(SelectChoice(c, n) for c, n in LANGUAGES.items())])
    timezone = SelectField("Time zone", choices=[SelectChoice("", "The newsroom's default"),
                                                 *(SelectChoice(z, z) for z in TIME_ZONES)],
                           description="Dates and times on every page are shown in it.")
    submit = SubmitField("Save preferences")
