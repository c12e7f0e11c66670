"""Editorial forms; each carries the verdict version the editor looked at."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length
from wtforms.widgets import HiddenInput

from factcheck.web.bounded_ints import DbIntField


class VerdictVersionForm(FlaskForm):
    version_id = DbIntField(widget=HiddenInput(), validators=[InputRequired(_l("The form lost its version; reload."))])


class ApproveForm(VerdictVersionForm):
    # Publishing is its own choice, never a default: an approval alone leaves the verdict for a later "Publish".
    publish = BooleanField(_l("Also publish it now"), default=False)
    submit = SubmitField(_l("Approve"))


class SendBackForm(VerdictVersionForm):
    note = TextAreaField(_l("What should the checker change?"), validators=[DataRequired(), Length(max=5000)])
    submit = SubmitField(_l("Send back"))


class UnpublishForm(VerdictVersionForm):
    reason = TextAreaField(_l("Reason for unpublishing"), validators=[DataRequired(), Length(max=5000)])
    submit = SubmitField(_l("Unpublish"))


class EditVerdictForm(VerdictVersionForm):
    rating_id = SelectField(_l("Rating"), coerce=str, validate_choice=False)
    summary = StringField(_l("One-line summary"), description=_l("At most 280 characters."))
    explanation = TextAreaField(_l("Explanation (Markdown)"))
    submit = SubmitField(_l("Save edit"))


class CorrectionForm(EditVerdictForm):
    note = TextAreaField(_l("Correction note (shown to readers)"), validators=[DataRequired(), Length(max=5000)])
    submit = SubmitField(_l("Publish correction"))
