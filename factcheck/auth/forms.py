"""Forms for logging in, changing a password and accepting an invitation."""
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from factcheck.passwords import MAX_LENGTH, MIN_LENGTH


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
    submit = SubmitField("Create token")
