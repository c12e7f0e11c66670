"""Quantities in digits (every thousands separator) and in words, with their unit noun."""

import pytest

from factcheck.extraction.quantities import find_quantities


def _values(text, lang):
    return [(q.value, q.unit) for q in find_quantities(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("La ville a planté 3\u202f000 arbres.", "fr", [(3000, "arbres")]),
        ("La ville a planté 3\u00a0000 arbres.", "fr", [(3000, "arbres")]),
        ("La ville a planté 3 000 arbres.", "fr", [(3000, "arbres")]),
        ("La ville a planté 12.500 arbres.", "fr", [(12500, "arbres")]),
        ("Un millier de manifestants ont défilé.", "fr", [(1000, "manifestants")]),
        ("Deux mille coureurs sont attendus.", "fr", [(2000, "coureurs")]),
        ("Le taux atteint 12,5 % cette année.", "fr", [(12.5, "%")]),
        ("Le budget est de 3 millions d’euros.", "fr", [(3_000_000, "euros")]),
        ("A thousand volunteers signed up.", "en", [(1000, "volunteers")]),
        ("Two million people voted.", "en", [(2_000_000, "people")]),
        ("The club sold 2,000 tickets.", "en", [(2000, "tickets")]),
        ("Prices rose 3.5% in May.", "en", [(3.5, "%")]),
        ("Twenty-five schools closed.", "en", [(25, "schools")]),
    ],
)
def test_numbers_and_units(text, lang, expected):
    assert _values(text, lang) == expected


def test_others_refer_to_the_previous_noun():
    qs = find_quantities("Un millier de ces bénévoles iront à Lille et 2 000 autres resteront à Lens.", "fr")
    assert [(q.text, q.value, q.unit) for q in qs] == [
        ("Un millier de ces bénévoles", 1000, "bénévoles"),
        ("2 000 autres", 2000, "bénévoles"),
    ]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("The council closed three of its five pools.", "en", [(3, "pools"), (5, "pools")]),
        ("Only 120 of the 450 buses were funded.", "en", [(120, "buses"), (450, "buses")]),
        ("La ville a fermé trois de ses cinq piscines.", "fr", [(3, "piscines"), (5, "piscines")]),
        ("Seuls 120 des 450 bus ont été financés.", "fr", [(120, "bus"), (450, "bus")]),
    ],
)
def test_a_part_counts_the_noun_of_its_whole(text, lang, expected):
    assert _values(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Un établissement sur trois a dû fermer des lits.", "fr", [("Un établissement sur trois", 33.3, "%")]),
        ("Selon l’enquête, un Français sur cinq renonce aux soins.", "fr", [("un Français sur cinq", 20.0, "%")]),
        ("One in five scheduled trips was cancelled.", "en", [("One in five", 20.0, "%")]),
        ("One adult out of four smokes.", "en", [("One adult out of four", 25.0, "%")]),
    ],
)
def test_one_in_n_is_a_share(text, lang, expected):
    assert [(q.text, q.value, q.unit) for q in find_quantities(text, lang)] == expected


def test_unit_skips_adjectives_and_a_year_before_a_singular_noun_is_a_date(run):
    claims = run("The council will buy 450 new electric buses. Ridership is at 85 percent of its 2019 level.",
                 lang="en").claims
    assert [[(q.value, q.unit) for q in c.quantities] for c in claims] == [[(450, "buses")], [(85, "%")]]
    assert _values("The army sent 2019 soldiers.", "en") == [(2019, "soldiers")]


def test_unit_is_not_an_elided_word_after_a_mistagged_noun(run):
    claims = run("La ville a fermé trois de ses cinq piscines l’an dernier.", lang="fr").claims
    assert [(q.value, q.unit) for q in claims[0].quantities] == [(3, "piscines"), (5, "piscines")]


def test_years_and_articles_are_not_quantities():
    assert _values("En 2021 un haut responsable est parti.", "fr") == []
    assert _values("In 2019 one of the two managers left.", "en") == [(2, "managers")]


def test_dates_resolved_against_article_date(run):
    from datetime import date

    result = run("Le maire a annoncé mercredi la fermeture du pont de Tours le 3 mars.", lang="fr",
                 article_date=date(2023, 2, 17))
    dates = {d.text: d.value for d in result.claims[0].dates}
    assert dates == {"mercredi": "2023-02-15", "3 mars": "2023-03-03"}
