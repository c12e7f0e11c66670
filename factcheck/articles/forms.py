"""Forms for submitting articles and feeds."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, SelectChoice, SelectField, StringField, SubmitField, TextAreaField, URLField
from wtforms.validators import DataRequired, Length, Optional

LANGUAGE_CHOICES = [SelectChoice("", _l("Detect")), SelectChoice("fr", _l("French")), SelectChoice("en", _l("English"))]


class PasteForm(FlaskForm):
    title = StringField(_l("Title"), validators=[Optional(), Length(max=500)])
    outlet = StringField(_l("Outlet"), validators=[Optional(), Length(max=200)])
    url = URLField(_l("Original address"), validators=[Optional(), Length(max=2000)])
    published_on = DateField(_l("Published on"), validators=[Optional()])
    language = SelectField(_l("Language"), choices=LANGUAGE_CHOICES, default="")
    text = TextAreaField(_l("Article text"), validators=[DataRequired(_l("Paste the article text."))])
    submit = SubmitField(_l("Extract claims"))


class UrlForm(FlaskForm):
    url = URLField(_l("Article address"),
                   validators=[DataRequired(_l("Give the article's address.")), Length(max=2000)])
    outlet = StringField(_l("Outlet"), validators=[Optional(), Length(max=200)])
    submit = SubmitField(_l("Fetch and extract"))


class BulkForm(FlaskForm):
    file = FileField(_l("JSONL, CSV or ZIP file"), validators=[FileRequired(_l("Choose a file."))],
                     description=_l("JSONL/CSV columns: text, title, url, outlet, published, language. "
                                    "ZIP: .txt and .html files."))
    submit = SubmitField(_l("Upload"))


class FeedForm(FlaskForm):
    url = URLField(_l("Feed address (RSS or Atom)"), validators=[DataRequired(), Length(max=2000)])
    title = StringField(_l("Name"), validators=[Optional(), Length(max=300)])
    outlet = StringField(_l("Outlet"), validators=[Optional(), Length(max=200)])
    submit = SubmitField(_l("Add feed"))
