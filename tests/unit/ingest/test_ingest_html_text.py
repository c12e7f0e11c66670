"""Main text and metadata extraction from article pages written for these tests."""

from datetime import UTC, datetime

import pytest

from factcheck.ingest.errors import EmptyText
from factcheck.ingest.html_text import extract_page

FRENCH_PAGE = """<!DOCTYPE html>
<html lang="fr-FR"><head><meta charset="utf-8">
<title>Budget des écoles : le conseil vote une hausse | Le Petit Veilleur</title>
<meta property="og:site_name" content="Le Petit Veilleur">
<meta name="author" content="Camille Durand">
<meta property="article:published_time" content="2024-03-14T09:30:00+01:00">
<link rel="canonical" href="https://petit-veilleur.example/budget-ecoles">
</head><body>
<nav><a href="/">Accueil</a> <a href="/politique">Politique</a> <a href="/sport">Sport</a></nav>
<article><h1>Budget des écoles : le conseil vote une hausse</h1>
<p>Le conseil municipal a adopté mardi soir une hausse de 12 % du budget consacré aux écoles primaires,
selon le maire adjoint chargé de l'éducation.</p>
<p>Cette enveloppe supplémentaire doit financer la rénovation de trois cantines et l'achat de matériel
informatique pour les classes de CM2.</p>
<p>L'opposition estime que la mesure reste insuffisante et réclame un audit complet des bâtiments scolaires.</p>
</article>
<footer>Mentions légales — Contact</footer>
<script>var tracker = "should not appear";</script>
</body></html>"""


def test_french_article_text_and_metadata():
    page = extract_page(FRENCH_PAGE.encode(), url="https://petit-veilleur.example/budget-ecoles?utm_source=x")
    assert page.title == "Budget des écoles : le conseil vote une hausse"
    assert "hausse de 12 % du budget" in page.text
    assert "should not appear" not in page.text
    assert "Mentions légales" not in page.text
    assert page.outlet == "Le Petit Veilleur"
    assert page.author == "Camille Durand"
    assert page.published == datetime(2024, 3, 14, tzinfo=UTC)
    assert page.canonical_url == "https://petit-veilleur.example/budget-ecoles"
    assert page.language == "fr"


def test_charset_hint_is_used_for_bytes():
    latin = FRENCH_PAGE.replace('<meta charset="utf-8">', "").encode("latin-1", errors="replace")
    page = extract_page(latin, charset="iso-8859-1")
    assert "rénovation de trois cantines" in page.text


def test_content_language_meta_and_missing_metadata():
    html = """<html><head><meta http-equiv="Content-Language" content="en-GB"></head><body><article>
    <p>The harbour authority said the new ferry terminal will open in May, six months later than planned,
    because of flooding on the building site last winter.</p></article></body></html>"""
    page = extract_page(html)
    assert page.language == "en"
    assert page.canonical_url is None
    assert page.published is None


def test_javascript_canonical_url_is_ignored():
    html = FRENCH_PAGE.replace("https://petit-veilleur.example/budget-ecoles", "javascript:alert(1)")
    assert extract_page(html).canonical_url is None


@pytest.mark.parametrize("html", ["", "<html><body></body></html>", "<html><body><nav>Menu</nav></body></html>",
                                  b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "<script>alert(1)</script>"])
def test_pages_without_text_raise_empty_text(html):
    with pytest.raises(EmptyText) as info:
        extract_page(html)
    assert info.value.code == "empty_text"
