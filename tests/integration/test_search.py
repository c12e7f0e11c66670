"""Full-text search on both engines: SQLite (FTS5) always, PostgreSQL (tsvector, GIN) with
TEST_POSTGRES_ADMIN_URL. Each engine gets a database of its own, built by the migrations, so CI runs both."""
import pytest
from flask_migrate import upgrade
from sqlalchemy import select

from factcheck import create_app
from factcheck.extensions import db
from factcheck.models import Verdict
from factcheck.services.core.errors import InvalidInput
from factcheck.services.search import full_text
from tests import factories, isolation
from tests.conftest import POSTGRES_ADMIN_URL, TEST_CONFIG


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def engine_app(request, tmp_path_factory):
    if request.param == "postgresql":
        if not POSTGRES_ADMIN_URL:
            pytest.skip("needs PostgreSQL: set TEST_POSTGRES_ADMIN_URL (.ci/run does)")
        url = isolation.create_postgres_database(POSTGRES_ADMIN_URL, prefix="factcheck_search")
    else:
        url = isolation.create_sqlite_database(tmp_path_factory.mktemp("search"))
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()
    if request.param == "postgresql":
        isolation.drop_postgres_database(POSTGRES_ADMIN_URL, url)


@pytest.fixture()
def engine(engine_app):
    with engine_app.app_context():
        factories.reset_database()
        yield db.engine.dialect.name
        db.session.remove()


def _claim(text, *, language="fr", claimant="le ministère", article=None):
    return factories.make_claim(text=text, language=language, claimant=claimant, article=article)


def _ids(text, scope="claims", **kwargs):
    return [hit.id for hit in full_text.search(scope, text, **kwargs).hits]


def test_accents_and_case_never_matter(engine):
    french = _claim("L'armée a lancé l'invasion à l'aube.")
    english = _claim("The army's INVASION started at dawn.", language="en")
    assert set(_ids("invasion")) == {french.id, english.id}
    assert _ids("ARMEE") == [french.id]
    assert _ids("Invasión armée") == [french.id]


def test_exact_phrase_needs_the_words_together_and_in_order(engine):
    together = _claim("Des chars de l'armée rouge sont entrés.")
    apart = _claim("Le drapeau rouge flottait sur l'armée.")
    assert set(_ids("rouge armée")) == {together.id, apart.id}
    assert _ids('"armée rouge"') == [together.id]


def test_excluded_words_remove_rows(engine):
    kept = _claim("L'invasion a commencé.")
    _claim("L'invasion russe a commencé.")
    assert _ids("invasion -russe") == [kept.id]
    assert _ids('invasion -"russe a"') == [kept.id]


def test_better_placed_matches_rank_first(engine):
    article = factories.make_article(text="Un témoin parle de sanctions. Le reste suit.")
    in_sentence_only = _claim("Rien à signaler ici.", article=article)
    in_text = _claim("Les sanctions ont doublé en un an.", article=article)
    assert _ids("sanctions") == [in_text.id, in_sentence_only.id]


def test_highlights_are_escaped_html_with_only_our_marks(engine):
    claim = _claim('<script>alert("x")</script> invasion <b>confirmée</b>')
    (hit,) = full_text.search("claims", "invasion").hits
    assert hit.id == claim.id
    html = str(hit.highlights["text"])
    assert "<mark>invasion</mark>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;" in html
    assert "sentence" not in hit.highlights  # the article's first sentence does not hold the word


def test_triggers_follow_inserts_updates_and_deletes(engine):
    claim = _claim("Le budget de la défense augmente.")
    assert _ids("défense") == [claim.id]
    claim.text = "Le budget de l'éducation augmente."
    db.session.commit()
    assert _ids("défense") == []
    assert _ids("éducation") == [claim.id]
    db.session.delete(claim)
    db.session.commit()
    assert _ids("éducation") == []


def test_articles_match_on_title_and_body_with_a_snippet(engine):
    body = "Premier paragraphe sans intérêt. " * 30 + "Le ministre évoque une réforme fiscale. " + "Fin. " * 30
    article = factories.make_article(title="Conférence de presse", text=body)
    factories.make_article(title="Autre chose", text="Rien à voir.")
    (hit,) = full_text.search("articles", "reforme fiscale").hits
    assert hit.id == article.id
    assert "<mark>réforme</mark> <mark>fiscale</mark>" in str(hit.highlights["body"])
    assert len(str(hit.highlights["body"])) < len(body) / 4  # a snippet, not the article
    assert _ids("conférence", scope="articles") == [article.id]


def test_verdicts_match_on_summary_explanation_and_their_claim(engine):
    claim = _claim("Le chômage a baissé de moitié.")
    verdict = factories.make_verdict(claim=claim, summary="Faux : il a baissé de 3 %.",
                                     explanation="Selon l'**Insee**, le taux est passé de 7,5 à 7,3 %.")
    other = factories.make_verdict(claim=_claim("La dette a doublé."), summary="Exagéré.", explanation="Non.")
    assert _ids("chomage", scope="verdicts") == [verdict.id]  # the claim's text
    assert _ids("insee", scope="verdicts") == [verdict.id]
    assert set(_ids("baissé", scope="verdicts")) == {verdict.id}
    claim.text = "Le chômage a fondu."
    db.session.commit()
    assert _ids("fondu", scope="verdicts") == [verdict.id]  # a claim's correction reaches its verdict
    only_other = select(Verdict.id).where(Verdict.id == other.id)
    assert _ids("chomage", scope="verdicts", within=only_other) == []


def test_a_search_with_nothing_to_find_is_refused(engine):
    with pytest.raises(InvalidInput, match="at least one word"):
        full_text.search("claims", "-russe")


def test_past_the_cap_the_results_say_they_are_truncated(engine, monkeypatch):
    for n in range(3):
        _claim(f"Sanctions numéro {n}.")
    assert not full_text.search("claims", "sanctions").truncated
    monkeypatch.setattr(full_text, "CANDIDATES_MAX", 2)
    results = full_text.search("claims", "sanctions")
    assert results.truncated and len(results.hits) == 2


def test_control_characters_in_a_search_are_separators_on_every_engine(engine):
    claim = _claim("L'invasion a commencé.")
    assert _ids("invasion\x00") == [claim.id]  # PostgreSQL refuses a NUL in text: it never gets one
