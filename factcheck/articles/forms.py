"""Forms for submitting articles and feeds."""
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, SelectChoice, SelectField, StringField, SubmitField, TextAreaField, URLField
from wtforms.validators import DataRequired, Length, Optional

LANGUAGE_CHOICES = [SelectChoice("", "Detect"), SelectChoice("fr", "French"), SelectChoice("en", "English")]


class PasteForm(FlaskForm):
    title = StringField("Title", validators=[Optional(), Length(max=500)])
    outlet = StringField("Outlet", validators=[Optional(), Length(max=200)])
    url = URLField("Original address", validators=[Optional(), Length(max=2000)])
    published_on = DateField("Published on", validators=[Optional()])
    language = SelectField("Language", choices=LANGUAGE_CHOICES, default="")
    text = TextAreaField("Article text", validators=[DataRequired("Paste the article text.")])
    submit = SubmitField("Extract claims")


class UrlForm(FlaskForm):
    url = URLField("Article address", validators=[DataRequired("Give the article's address."), Length(max=2000)])
    outlet = StringField("Outlet", validators=[Optional(), Length(max=200)])
    submit = SubmitField("Fetch and extract")


class BulkForm(FlaskForm):
    file = FileField("JSONL, CSV or ZIP file", validators=[FileRequired("Choose a file.")],
                     description="JSONL/CSV columns: text, title, url, outlet, published, language. "
                                 "ZIP: .txt and .html files.")
    submit = SubmitField("Upload")


class FeedForm(FlaskForm):
    url = URLField("Feed address (RSS or Atom)", validators=[DataRequired(), Length(max=2000)])
    title = StringField("Name", validators=[Optional(), Length(max=300)])
    outlet = StringField("Outlet", validators=[Optional(), Length(max=200)])
    submit = SubmitField("Add feed")
