"""Claim desk forms. Every form that changes a claim or verdict carries the version it was based on."""
from flask_babel import lazy_gettext as _l
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

from factcheck.labels import label
from factcheck.models import CLAIM_KINDS, STANCES
from factcheck.models.claim import CLAIMANT_TYPES
from factcheck.web.bounded_ints import DbIntField, coerce_db_int

STANCE_CHOICES = [SelectChoice(s, _l(label(s))) for s in STANCES]


class VersionForm(FlaskForm):
    """A button whose form remembers the claim version the page showed."""

    version_id = DbIntField(widget=HiddenInput(), validators=[InputRequired(_l("The form lost its version; reload."))])


class NeedsInfoForm(VersionForm):
    note = TextAreaField(_l("What is missing?"), validators=[DataRequired(), Length(max=1000)])
    submit = SubmitField(_l("Mark as needing more information"))


class PairForm(VersionForm):
    other_id = DbIntField(widget=HiddenInput(), validators=[InputRequired()])
    other_version_id = DbIntField(widget=HiddenInput(), validators=[InputRequired()])


class CommentForm(FlaskForm):
    body = TextAreaField(_l("Comment"), description=_l("Mention a colleague with @name or @email-name."),
                         validators=[DataRequired(_l("Write something before posting."))])
    submit = SubmitField(_l("Post comment"))


class SourceForm(FlaskForm):
    url = URLField(_l("URL"), validators=[Optional(), Length(max=2000)])
    citation = TextAreaField(_l("…or a citation"),
                             description=_l("For a book, a report or an interview without a URL."),
                             validators=[Optional(), Length(max=2000)])
    stance = SelectField(_l("Stance"), choices=STANCE_CHOICES, default="context")
    excerpt = TextAreaField(_l("Excerpt"), validators=[Optional(), Length(max=5000)])
    submit = SubmitField(_l("Attach source"))


class ReuseSourceForm(FlaskForm):
    source_id = DbIntField(widget=HiddenInput(), validators=[InputRequired()])
    stance = SelectField(_l("Stance"), choices=STANCE_CHOICES, default="context")


class EvidenceForm(FlaskForm):
    stance = SelectField(_l("Stance"), choices=STANCE_CHOICES)
    excerpt = TextAreaField(_l("Excerpt"), validators=[Optional(), Length(max=5000)])
    original_stance = HiddenField()
    original_excerpt = HiddenField()
    submit = SubmitField(_l("Save evidence"))


class MoveForm(FlaskForm):
    direction = HiddenField(validators=[AnyOf(("up", "down"))])


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class VerdictForm(FlaskForm):
    """Validation of rating and summary is the service's: it knows the active scale and the limits."""

    version_id = DbIntField(widget=HiddenInput(), validators=[InputRequired(_l("The form lost its version; reload."))])
    rating_id = SelectField(_l("Rating"), coerce=str, validate_choice=False)
    summary = StringField(_l("One-line summary"), description=_l("At most 280 characters."))
    claim_reviewed = StringField(
        _l("The claim, as the fact-check states it"), validators=[Optional(), Length(max=75)],
        render_kw={"maxlength": 75, "data-count-max": 75},
        description=_l("Shown to search engines and aggregators (ClaimReview): the claim itself, without “X said "
                       "that”, at most 75 characters. Empty: the suggestion from the claim's text."))
    explanation = TextAreaField(_l("Explanation"),
                                description=_l("Markdown: **bold**, *italic*, [links](https://…), lists."))
    evidence_ids = CheckboxesField(_l("Evidence relied on"), coerce=int, validate_choice=False)
    submit = SubmitField(_l("Save draft"))


# --- corrections: each form remembers the claim version it was based on ------------------------------------------

KIND_CHOICES = [SelectChoice(k, _l(label(k))) for k in CLAIM_KINDS]


class ClaimEditForm(VersionForm):
    """The claim's correctable fields, and the values the form showed (to say what changed on a stale save)."""

    text = TextAreaField(_l("Text"), validators=[DataRequired(_l("The claim needs a text.")), Length(max=5000)])
    kind = SelectField(_l("Kind"), choices=KIND_CHOICES)
    claimant = StringField(_l("Claimant"), description=_l("Who makes the claim; empty when the article does."),
                           validators=[Optional(), Length(max=300)])
    claimant_type = SelectField(_l("The claimant is"), validators=[Optional()],
                                description=_l("For the ClaimReview markup of a published fact-check."))
    target = StringField(_l("Target"), description=_l("Whom it is about, for an accusation or a denial."),
                         validators=[Optional(), Length(max=300)])
    seen_text = HiddenField()
    seen_kind = HiddenField()
    seen_claimant = HiddenField()
    seen_claimant_type = HiddenField()
    seen_target = HiddenField()
    submit = SubmitField(_l("Save correction"))

    def seen(self) -> dict:
        return {"text": self.seen_text.data, "kind": self.seen_kind.data, "claimant": self.seen_claimant.data,
                "claimant_type": self.seen_claimant_type.data or None, "target": self.seen_target.data}

    def offer_claimant_types(self, guessed: str) -> None:
        """Person, Organization, or empty: what the entity labels say (``guessed``) until a reviewer decides."""
        self.claimant_type.choices = [
            SelectChoice("", _l("%(type)s (from the entity labels)", type=_l(label(guessed)))),
            *(SelectChoice(t, _l(label(t))) for t in CLAIMANT_TYPES)]


class LinkDenialForm(VersionForm):
    denied_id = SelectField(_l("Link as denial of…"), coerce=coerce_db_int, validate_choice=False,
                            validators=[InputRequired(_l("Choose the claim this one denies."))])
    submit = SubmitField(_l("Link as denial"))


class UnlinkDenialForm(VersionForm):
    other_id = DbIntField(widget=HiddenInput(), validators=[InputRequired()])
    submit = SubmitField(_l("Unlink"))


class SplitForm(VersionForm):
    first = TextAreaField(_l("This claim keeps"), validators=[DataRequired(_l("Write the first proposition."))])
    second = TextAreaField(_l("A new claim gets"), validators=[DataRequired(_l("Write the second proposition."))])
    submit = SubmitField(_l("Split in two"))


class MergeClaimForm(VersionForm):
    other_id = SelectField(_l("Merge with…"), coerce=coerce_db_int, validate_choice=False,
                           validators=[InputRequired(_l("Choose the claim to merge into this one."))])
    text = TextAreaField(_l("Merged text"), description=_l("Empty: the two texts one after the other."),
                         validators=[Optional(), Length(max=5000)])
    submit = SubmitField(_l("Merge into this claim"))


class DetachForm(VersionForm):
    submit = SubmitField(_l("Detach from the group"))
