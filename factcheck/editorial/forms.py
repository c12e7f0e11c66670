"""Editorial forms; each carries the verdict version the editor looked at."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length
from wtforms.widgets import HiddenInput

from factcheck.web.bounded_ints import DbIntField


class VerdictVersionForm(FlaskForm):
    version_id = DbIntField(widget=HiddenInput(), validators=[InputRequired("The form lost its version; reload.")])


class ApproveForm(VerdictVersionForm):
    publish = BooleanField("Publish now", default=True)
    submit = SubmitField("Approve")


class SendBackForm(VerdictVersionForm):
    note = TextAreaField("What should the checker change?", validators=[DataRequired(), Length(max=5000)])
    submit = SubmitField("Send back")


class UnpublishForm(VerdictVersionForm):
    reason = TextAreaField("Reason for unpublishing", validators=[DataRequired(), Length(max=5000)])
    submit = SubmitField("Unpublish")


class EditVerdictForm(VerdictVersionForm):
    rating_id = SelectField("Rating", coerce=str, validate_choice=False)
    summary = StringField("One-line summary", description="At most 280 characters.")
    explanation = TextAreaField("Explanation (Markdown)")
    submit = SubmitField("Save edit")


class CorrectionForm(EditVerdictForm):
    note = TextAreaField("Correction note (shown to readers)", validators=[DataRequired(), Length(max=5000)])
    submit = SubmitField("Publish correction")
