"""The pipeline's contract, errors, language handling and robustness on hostile input."""

import json
import time

import pytest

from factcheck.extraction import (
    PIPELINE_VERSION,
    EmptyText,
    UnsupportedLanguage,
    extract,
    match_denials,
    to_contract,
)
from factcheck.extraction.attribution import find_attribution
from factcheck.extraction.dates import DateContext, find_dates
from factcheck.extraction.denials import find_accusation, find_anaphoric_denial, find_denial_of_previous
from factcheck.extraction.quantities import find_quantities
from factcheck.extraction.segmentation import segment

TEXT = ("Le conseil régional accuse l’État de retarder les travaux de la ligne Bordeaux-Toulouse, "
        "ce que le ministère des Transports dément. Le chantier coûtera 14 milliards d’euros, "
        "a précisé mardi la présidente de région.\n\nIl fait beau.")


@pytest.mark.parametrize("text", ["", "   ", "\n\t \u00a0\n"])
def test_empty_text_raises(text):
    with pytest.raises(EmptyText):
        extract(text, lang="fr", scorer=lambda s, lang: [0.5] * len(s))


def test_unsupported_language_raises():
    with pytest.raises(UnsupportedLanguage):
        extract("Die Regierung hat heute neue Steuern für alle Bürger angekündigt.", scorer=lambda s, lang: [0.5])
    with pytest.raises(UnsupportedLanguage):
        extract("Hola.", lang="es")


def test_language_detected(run):
    assert run(TEXT).language == "fr"
    assert run("The council said that 300 homes in Leeds were flooded on Monday.").language == "en"


def test_contract_shape(run):
    doc = to_contract(run(TEXT, lang="fr"))
    json.dumps(doc)
    assert doc["pipeline"] == PIPELINE_VERSION and doc["language"] == "fr"
    ids = [c["id"] for c in doc["claims"]]
    assert ids == [f"c{i}" for i in range(1, len(ids) + 1)]
    for c in doc["claims"]:
        assert set(c) >= {"id", "text", "sentence", "span", "checkworthiness", "kind", "claimant", "target",
                          "attribution", "quantities", "entities", "links"}
        assert TEXT[c["span"][0]:c["span"][1]] == c["sentence"]
        assert 0 <= c["checkworthiness"] <= 1
        assert c["attribution"] in ("direct_quote", "reported", "author")
        for link in c["links"]:
            assert link["claim"] in ids
    kinds = [c["kind"] for c in doc["claims"]]
    assert kinds[:2] == ["accusation", "denial"]
    assert all("Il fait beau" not in c["sentence"] for c in doc["claims"])
    cost = next(c for c in doc["claims"] if "14 milliards" in c["sentence"])
    assert cost["quantities"] == [{"text": "14 milliards d’euros", "value": 14_000_000_000, "unit": "euros"}]
    assert cost["claimant"] == "la présidente de région"


def test_rules_adjust_the_sentence_score():
    text = TEXT + " La région compte 6 millions d’habitants. Le parc de Bordeaux ouvre ses portes."
    claims = extract(text, lang="fr", scorer=lambda s, lang: [0.5] * len(s)).claims
    by_kind = {c.kind: c.checkworthiness for c in claims}
    plain = next(c for c in claims if "parc" in c.sentence)
    counted = next(c for c in claims if "habitants" in c.sentence)
    assert by_kind["accusation"] > by_kind["denial"] > plain.checkworthiness
    assert counted.checkworthiness > plain.checkworthiness


def test_scorer_gets_sentences_and_language(run):
    seen = {}

    def scorer(sentences, lang):
        seen["args"] = (list(sentences), lang)
        return [0.1] * len(sentences)

    extract(TEXT, lang="fr", scorer=scorer)
    sentences, lang = seen["args"]
    assert lang == "fr" and all(s in TEXT for s in sentences)


def test_cross_article_denial_matching():
    earlier = [{"id": 1, "text": "Le ministère retarde les travaux de la ligne Bordeaux-Toulouse.",
                "kind": "accusation"},
               {"id": 2, "text": "Le prix du gazole a baissé de 4 %.", "kind": "statement"}]
    new = [{"text": "Le ministère dément retarder les travaux de la ligne Bordeaux-Toulouse.", "kind": "denial",
            "claimant": "Le ministère"}]
    matches = match_denials(new, earlier)
    assert [(m.earlier["id"], m.type) for m in matches] == [(1, "denies")]
    assert match_denials(earlier, new)[0].type == "denied-by"


def test_extracted_claims_match_across_articles(run):
    first = run("Des ONG accusent Total de polluer le delta du Niger.", lang="fr").claims
    second = run("Total dément polluer le delta du Niger.", lang="fr").claims
    assert match_denials(second, first)


ADVERSARIAL = {
    "guillemets": "«" * 100_000,
    "straight quotes": '"a' * 50_000,
    "dots": "." * 100_000,
    "grouped digits": "000 " * 25_000,
    "spaced ones": "1 " * 50_000,
    "number words": "deux mille " * 9_000,
    "commas": "a, " * 33_000,
    "accusations": "accuse la Russie de " * 5_000,
    "anaphora": ", ce que " * 11_000,
    "pronoun incises": "a-t-il " * 14_000,
    "spaces": " " * 99_999 + "x",
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_rules_are_linear_on_100kb_of_hostile_input(name):
    text = ADVERSARIAL[name]
    started = time.perf_counter()
    segment(text)
    for lang in ("fr", "en"):
        find_quantities(text, lang)
        find_attribution(text, lang)
        find_accusation(text, lang)
        find_anaphoric_denial(text, lang, 0)
        find_denial_of_previous(text, lang)
    find_dates(text, DateContext())
    assert time.perf_counter() - started < 10  # quadratic behaviour would take minutes


@pytest.mark.parametrize("text", ["trois 1 " * 15_000, "un lit sur trois 12 " * 6_000, "one in five 7 " * 9_000])
def test_quantities_stay_linear_when_numbers_interleave(text):
    """Overlap checks between number spans use bisection: a scan per number took 6 s on these 120 kB."""
    started = time.perf_counter()
    for lang in ("fr", "en"):
        find_quantities(text, lang)
    assert time.perf_counter() - started < 2


def test_whole_pipeline_on_hostile_text_finishes(run):
    text = ("«" * 20_000) + ("M. " * 5_000) + ("3 000 " * 5_000)
    started = time.perf_counter()
    result = run(text, lang="fr")
    assert time.perf_counter() - started < 60
    for c in result.claims:
        assert text[c.span[0]:c.span[1]] == c.sentence


@pytest.mark.parametrize(
    ("text", "lang", "kind"),
    [
        ("Le ministre a promis que les premiers lits ouvriraient dès le mois de septembre.", "fr", "prediction"),
        ("Il a ajouté que les primes de nuit seraient revalorisées de 20 % au 1er janvier.", "fr", "prediction"),
        ("Selon l’opposition, le ministre aurait menti sur les chiffres du chômage.", "fr", "statement"),
        ("The transport department said the first 60 buses would enter service next spring.", "en", "prediction"),
        ("The mayor said the plan would have failed without federal money.", "en", "statement"),
    ],
)
def test_reported_future_in_the_past_is_a_prediction(run, text, lang, kind):
    assert [c.kind for c in run(text, lang=lang).claims] == [kind]
