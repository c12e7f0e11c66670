"""Forms of the webhook admin pages."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectChoice, SelectMultipleField, StringField, SubmitField
from wtforms.validators import InputRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from factcheck.models.webhook import WEBHOOK_EVENTS


class WebhookForm(FlaskForm):
    url = StringField(_l("Address"), validators=[InputRequired(_l("Give the address that receives the events.")),
                                                 Length(max=2000)],
                      description=_l("http or https. Private and local addresses are refused unless the fetch "
                                     "allowlist under Settings names them."))
    events = SelectMultipleField(_l("Events"), choices=[SelectChoice(e, e) for e in WEBHOOK_EVENTS],
                                 validators=[InputRequired(_l("Choose at least one event."))],
                                 widget=ListWidget(prefix_label=False), option_widget=CheckboxInput())
    description = StringField(_l("Description"), validators=[Length(max=200)])
    active = BooleanField(_l("Active"), default=True)
    submit = SubmitField(_l("Save webhook"))
