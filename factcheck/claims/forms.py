"""Claim desk forms. Every form that changes a claim or verdict carries the version it was based on."""
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    URLField,
)
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, HiddenInput, ListWidget

from factcheck.models import STANCES

STANCE_CHOICES = [SelectChoice(s, s.capitalize()) for s in STANCES]


class VersionForm(FlaskForm):
    """A button whose form remembers the claim version the page showed."""

    version_id = IntegerField(widget=HiddenInput(), validators=[InputRequired("The form lost its version; reload.")])


class NeedsInfoForm(VersionForm):
    note = TextAreaField("What is missing?", validators=[DataRequired(), Length(max=1000)])
    submit = SubmitField("Mark as needing more information")


class PairForm(VersionForm):
    other_id = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    other_version_id = IntegerField(widget=HiddenInput(), validators=[InputRequired()])


class CommentForm(FlaskForm):
    body = TextAreaField("Comment", description="Mention a colleague with @name or @email-name.",
                         validators=[DataRequired("Write something before posting.")])
    submit = SubmitField("Post comment")


class SourceForm(FlaskForm):
    url = URLField("URL", validators=[Optional(), Length(max=2000)])
    citation = TextAreaField("…or a citation", description="For a book, a report or an interview without a URL.",
                             validators=[Optional(), Length(max=2000)])
    stance = SelectField("Stance", choices=STANCE_CHOICES, default="context")
    excerpt = TextAreaField("Excerpt", validators=[Optional(), Length(max=5000)])
    submit = SubmitField("Attach source")


class ReuseSourceForm(FlaskForm):
    source_id = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    stance = SelectField("Stance", choices=STANCE_CHOICES, default="context")


class EvidenceForm(FlaskForm):
    stance = SelectField("Stance", choices=STANCE_CHOICES)
    excerpt = TextAreaField("Excerpt", validators=[Optional(), Length(max=5000)])
    original_stance = HiddenField()
    original_excerpt = HiddenField()
    submit = SubmitField("Save evidence")


class MoveForm(FlaskForm):
    direction = HiddenField(validators=[AnyOf(("up", "down"))])


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class VerdictForm(FlaskForm):
    """Validation of rating and summary is the service's: it knows the active scale and the limits."""

    version_id = IntegerField(widget=HiddenInput(), validators=[InputRequired("The form lost its version; reload.")])
    rating_id = SelectField("Rating", coerce=str, validate_choice=False)
    summary = StringField("One-line summary", description="At most 280 characters.")
    explanation = TextAreaField("Explanation", description="Markdown: **bold**, *italic*, [links](https://…), lists.")
    evidence_ids = CheckboxesField("Evidence relied on", coerce=int, validate_choice=False)
    submit = SubmitField("Save draft")
