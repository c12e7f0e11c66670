"""Claim desk forms. Every form that changes a claim or verdict carries the version it was based on."""
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
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

from factcheck.models import CLAIM_KINDS, STANCES
from factcheck.web.bounded_ints import DbIntField, coerce_db_int

STANCE_CHOICES = [SelectChoice(s, s.capitalize()) for s in STANCES]


class VersionForm(FlaskForm):
    """A button whose form remembers the claim version the page showed."""

    version_id = DbIntField(widget=HiddenInput(), validators=[InputRequired("The form lost its version; reload.")])


class NeedsInfoForm(VersionForm):
    note = TextAreaField("What is missing?", validators=[DataRequired(), Length(max=1000)])
    submit = SubmitField("Mark as needing more information")


class PairForm(VersionForm):
    other_id = DbIntField(widget=HiddenInput(), validators=[InputRequired()])
    other_version_id = DbIntField(widget=HiddenInput(), validators=[InputRequired()])


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
    source_id = DbIntField(widget=HiddenInput(), validators=[InputRequired()])
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

    version_id = DbIntField(widget=HiddenInput(), validators=[InputRequired("The form lost its version; reload.")])
    rating_id = SelectField("Rating", coerce=str, validate_choice=False)
    summary = StringField("One-line summary", description="At most 280 characters.")
    explanation = TextAreaField("Explanation", description="Markdown: **bold**, *italic*, [links](https://…), lists.")
    evidence_ids = CheckboxesField("Evidence relied on", coerce=int, validate_choice=False)
    submit = SubmitField("Save draft")


# --- corrections: each form remembers the claim version it was based on ------------------------------------------

KIND_CHOICES = [SelectChoice(k, k.capitalize()) for k in CLAIM_KINDS]


class ClaimEditForm(VersionForm):
    """The claim's correctable fields, and the values the form showed (to say what changed on a stale save)."""

    text = TextAreaField("Text", validators=[DataRequired("The claim needs a text."), Length(max=5000)])
    kind = SelectField("Kind", choices=KIND_CHOICES)
    claimant = StringField("Claimant", description="Who makes the claim; empty when the article does.",
                           validators=[Optional(), Length(max=300)])
    target = StringField("Target", description="Whom it is about, for an accusation or a denial.",
                         validators=[Optional(), Length(max=300)])
    seen_text = HiddenField()
    seen_kind = HiddenField()
    seen_claimant = HiddenField()
    seen_target = HiddenField()
    submit = SubmitField("Save correction")

    def seen(self) -> dict:
        return {"text": self.seen_text.data, "kind": self.seen_kind.data, "claimant": self.seen_claimant.data,
                "target": self.seen_target.data}


class LinkDenialForm(VersionForm):
    denied_id = SelectField("Link as denial of…", coerce=coerce_db_int, validate_choice=False,
                            validators=[InputRequired("Choose the claim this one denies.")])
    submit = SubmitField("Link as denial")


class UnlinkDenialForm(VersionForm):
    other_id = DbIntField(widget=HiddenInput(), validators=[InputRequired()])
    submit = SubmitField("Unlink")


class SplitForm(VersionForm):
    first = TextAreaField("This claim keeps", validators=[DataRequired("Write the first proposition.")])
    second = TextAreaField("A new claim gets", validators=[DataRequired("Write the second proposition.")])
    submit = SubmitField("Split in two")


class MergeClaimForm(VersionForm):
    other_id = SelectField("Merge with…", coerce=coerce_db_int, validate_choice=False,
                           validators=[InputRequired("Choose the claim to merge into this one.")])
    text = TextAreaField("Merged text", description="Empty: the two texts one after the other.",
                         validators=[Optional(), Length(max=5000)])
    submit = SubmitField("Merge into this claim")


class DetachForm(VersionForm):
    submit = SubmitField("Detach from the group")
