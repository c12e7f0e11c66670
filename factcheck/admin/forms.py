"""Admin forms."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectChoice, SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from factcheck.labels import label
from factcheck.permissions import ROLES

ROLE_CHOICES = [SelectChoice(r, _l(label(r))) for r in ROLES]


class RolesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class InviteForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    display_name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    roles = RolesField(_l("Roles"), choices=ROLE_CHOICES, validators=[DataRequired(_l("Choose at least one role."))])
    submit = SubmitField(_l("Create invitation link"))


class RolesForm(FlaskForm):
    roles = RolesField(_l("Roles"), choices=ROLE_CHOICES, validators=[DataRequired(_l("Choose at least one role."))])
    submit = SubmitField(_l("Save roles"))


class ConfirmForm(FlaskForm):
    """An empty form: a button plus its CSRF token."""

    submit = SubmitField(_l("Confirm"))
