"""Admin forms."""
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectChoice, SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from factcheck.permissions import ROLES

ROLE_CHOICES = [SelectChoice(r, r.capitalize()) for r in ROLES]


class RolesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class InviteForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    display_name = StringField("Name", validators=[DataRequired(), Length(max=120)])
    roles = RolesField("Roles", choices=ROLE_CHOICES, validators=[DataRequired("Choose at least one role.")])
    submit = SubmitField("Create invitation link")


class RolesForm(FlaskForm):
    roles = RolesField("Roles", choices=ROLE_CHOICES, validators=[DataRequired("Choose at least one role.")])
    submit = SubmitField("Save roles")


class ConfirmForm(FlaskForm):
    """An empty form: a button plus its CSRF token."""

    submit = SubmitField("Confirm")
