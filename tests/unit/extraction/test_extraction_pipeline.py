"""The pipeline's contract, errors, language handling and robustness on hostile input.

The hostile inputs here check what the rules return; how their time grows with the input's length is measured
by ``bench/extract_scaling.py``, not asserted. Their ``timeout`` marks are hang guards (pytest-timeout) for a rule
that would never return, such as catastrophic regex backtracking, far above any time these tests take.
"""

import json

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
from factcheck.extraction.frames import find_frames
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


class _Unparsed:
    """A doc with text and no tokens."""

    def __init__(self, text: str):
        self.text = text

    def __iter__(self):
        return iter(())


@pytest.mark.timeout(600)
@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_rules_run_through_100kb_of_hostile_input(name):
    """Every rule returns on 100 kB of hostile input, without a recursion or regex error."""
    text = ADVERSARIAL[name]
    sentences = segment(text).sentences
    assert all(text[s.start:s.end] == s.text for s in sentences)
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:], strict=False))
    for lang in ("fr", "en"):
        find_quantities(text, lang)
        find_attribution(text, lang)
        find_frames(_Unparsed(text), lang)  # the word-order rules alone: no token to hang a slot on
    find_dates(text, DateContext())


@pytest.mark.timeout(600)
@pytest.mark.parametrize(("unit", "copies"), [("trois 1 ", 15_000), ("un lit sur trois 12 ", 6_000),
                                               ("one in five 7 ", 9_000)])
def test_quantities_found_when_numbers_interleave(unit, copies):
    """Overlap checks between number spans use bisection; 120 kB of interleaved numbers lose and merge none."""
    for lang in ("fr", "en"):
        assert len(find_quantities(unit * copies, lang)) == copies * len(find_quantities(unit, lang)) > 0


@pytest.mark.timeout(600)
def test_whole_pipeline_on_hostile_text_finishes(run):
    text = ("«" * 20_000) + ("M. " * 5_000) + ("3 000 " * 5_000)
    result = run(text, lang="fr")
    for c in result.claims:
        assert text[c.span[0]:c.span[1]] == c.sentence


@pytest.mark.parametrize(
    ("text", "lang", "kind"),
    [
        ("Le ministre a promis que les premiers lits ouvriraient dès le mois de septembre.", "fr", "prediction"),
        ("Il a ajouté que les primes de nuit seraient revalorisées de 20 % au 1er janvier.", "fr", "prediction"),
        ("Selon l’opposition, le ministre aurait menti sur les chiffres du chômage.", "fr", "accusation"),
        ("The transport department said the first 60 buses would enter service next spring.", "en", "prediction"),
        ("The mayor said the plan would have failed without federal money.", "en", "statement"),
    ],
)
def test_reported_future_in_the_past_is_a_prediction(run, text, lang, kind):
    assert [c.kind for c in run(text, lang=lang).claims] == [kind]
