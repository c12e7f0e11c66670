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


def _triples(text, lang):
    return [(q.text, q.value, q.unit) for q in find_quantities(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Le marché couvert rouvrira le 3 mars avec 42 étals.", "fr", [(42, "étals")]),
        ("Les 18 navettes circuleront dès le 1er mars.", "fr", [(18, "navettes")]),
        ("Le festival du 3 juillet a attiré 9 000 visiteurs.", "fr", [(9000, "visiteurs")]),
        ("La préfecture a fermé 12 écoles en 2019 ses services ayant manqué de personnel.", "fr", [(12, "écoles")]),
        ("Le bilan 2022-2023 fait état de 31 incidents.", "fr", [(31, "incidents")]),
        ("La séance, ouverte à 14 h 30, a duré trois heures.", "fr", [(3, "heures")]),
        ("Elle est élue dans la 3e circonscription avec 52 % des voix.", "fr", [(52, "%")]),
        ("Après la défaite 0-4, le club a licencié 2 entraîneurs.", "fr", [(2, "entraîneurs")]),
        ("The ferry resumed on March 3 with 140 passengers.", "en", [(140, "passengers")]),
        ("A memo dated Feb. 11 listed 27 defects.", "en", [(27, "defects")]),
        ("The vote on Oct. 28 drew 4,100 residents.", "en", [(4100, "residents")]),
        ("The depot opened on 3 March and hired 65 drivers.", "en", [(65, "drivers")]),
        ("In 2022 people queued for 6 hours.", "en", [(6, "hours")]),
        ("Doors open at 9am and at 7 p.m. on Sundays for 300 members.", "en", [(300, "members")]),
        ("The hearing starts at 10:30 before 3 judges.", "en", [(3, "judges")]),
        ("He paid rent there between 2016 and 2020.", "en", []),
    ],
)
def test_dates_times_ordinals_and_scores_are_not_quantities(text, lang, expected):
    assert _values(text, lang) == expected


def test_dates_left_out_of_quantities_are_reported_as_dates():
    from factcheck.extraction.dates import DateContext, date_spans, find_dates

    text = "A memo dated Feb. 11 was sent on Oct. 28, before the Sept. 3 vote."
    ctx = DateContext(2021, 12, 1)
    assert [(d.text, d.value) for d in find_dates(text, ctx)] == [
        ("Feb. 11", "2021-02-11"), ("Oct. 28", "2021-10-28"), ("Sept. 3", "2021-09-03")]
    assert [text[s:e] for s, e in date_spans(text)] == ["Feb. 11", "Oct. 28", "Sept. 3"]
    fr = "La route rouvrira le 1er mars, puis d’ici 2028 le tunnel, selon l’avis du 3 janv. dernier."
    assert [(d.text, d.value) for d in find_dates(fr, ctx)] == [
        ("1er mars", "2021-03-01"), ("2028", "2028"), ("3 janv", "2021-01-03")]
    assert _values(fr, "fr") == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Près des deux tiers des riverains ont signé.", "fr", [("deux tiers des riverains", 0.667, "riverains")]),
        ("Environ un tiers des habitants est parti.", "fr", [("un tiers des habitants", 0.333, "habitants")]),
        ("La moitié des crédits reste à engager.", "fr", [("La moitié des crédits", 0.5, "crédits")]),
        ("La ligne verra sa fréquence réduite de moitié.", "fr", [("de moitié", 0.5, None)]),
        ("Le syndicat veut réduire d’un quart l’offre nocturne.", "fr", [("un quart", 0.25, None)]),
        ("Les trois quarts du budget vont à la voirie.", "fr", [("trois quarts du budget", 0.75, "budget")]),
        ("Roughly two-thirds of the tenants complained.", "en", [("two-thirds of the tenants", 0.667, "tenants")]),
        ("Only a third of them replied.", "en", [("a third", 0.333, None)]),
        ("Costs rose by one third.", "en", [("one third", 0.333, None)]),
        ("Almost half of the grants went unspent.", "en", [("half of the grants", 0.5, "grants")]),
        ("The fund repaid a half.", "en", [("a half", 0.5, None)]),
        ("Nearly a quarter of households use the bus.", "en", [("a quarter of households", 0.25, "households")]),
        ("Three-quarters of the nurses voted to strike.", "en", [("Three-quarters of the nurses", 0.75, "nurses")]),
        ("Half a million commuters were affected.", "en", [("Half a million commuters", 500_000, "commuters")]),
    ],
)
def test_fractions_are_shares_of_their_noun(text, lang, expected):
    assert _triples(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Sales fell in the last quarter.", "en"),
        ("Sales fell in the first half of the year.", "en"),
        ("She is seeking a third term.", "en"),
        ("The works lasted a year and a half.", "en"),
        ("Le chantier a été payé par un tiers.", "fr"),
        ("Le club a perdu en quart de finale puis un quart d’heure plus tard.", "fr"),
    ],
)
def test_ordinals_and_periods_are_not_fractions(text, lang):
    assert _values(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Le déficit se situe entre 2,8 et 3 millions d’euros.", "fr", [(2_800_000, "euros"), (3_000_000, "euros")]),
        ("Les travaux coûteraient entre 3 et 4,5 millions.", "fr", [(3_000_000, None), (4_500_000, None)]),
        ("Le chantier coûtera entre 40 000 et 60 000 euros.", "fr", [(40000, "euros"), (60000, "euros")]),
        ("Les bénévoles, âgés de 24 à 38 ans, sont arrivés.", "fr", [(24, "ans"), (38, "ans")]),
        ("Between 2.8 and 3 million voters stayed home.", "en", [(2_800_000, "voters"), (3_000_000, "voters")]),
        ("Between 40 and 50 percent of flights were late.", "en", [(40, "%"), (50, "%")]),
        ("Fees ranged from £800 to £46,000.", "en", [(800, "£"), (46000, "£")]),
        ("Salaries sit between $95,000 and $140,000.", "en", [(95000, "$"), (140000, "$")]),
        ("Fares will rise 6 to 8 percent.", "en", [(6, "%"), (8, "%")]),
        ("The refit costs between $2.8 and $3 million.", "en", [(2_800_000, "$"), (3_000_000, "$")]),
        ("Le loyer est passé de 1,8 % à 2 % du revenu.", "fr", [(1.8, "%"), (2, "%")]),
        ("The town cut 40 jobs to 3 million euros of spending.", "en", [(40, "jobs"), (3_000_000, "euros")]),
    ],
)
def test_a_range_shares_its_multiplier_and_unit(text, lang, expected):
    assert _values(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("The insurer set aside £1.2m, then £3.2bn.", "en", [(1_200_000, "£"), (3_200_000_000, "£")]),
        ("The pool is 5m deep.", "en", []),
        ("The club paid 1.2m euros.", "en", [(1_200_000, "euros")]),
        ("The trust opened a 12-bed ward.", "en", [(12, "bed")]),
        ("Of the 30 patients, four of them were sent home.", "en", [(30, "patients"), (4, "patients")]),
        ("Il risque jusqu’à trois ans de prison.", "fr", [(3, "ans")]),
    ],
)
def test_attached_multipliers_compound_units_and_them(text, lang, expected):
    assert _values(text, lang) == expected


HOSTILE = {
    "dates": "3 mars " * 14_000,
    "abbreviated dates": "Feb. 11 " * 12_000,
    "fractions": "deux tiers des " * 7_000,
    "halves": "a half of the " * 7_000,
    "ranges": "entre 1 et 2 millions " * 4_500,
    "chained ranges": "1 to 2 to " * 10_000,
    "hyphens": "1-a" * 33_000,
    "times": "14 h 30 " * 12_000,
    "years": "en 2019 ses " * 8_000,
    "suffixes": "£1m" * 33_000,
}


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_new_rules_stay_linear_on_100kb(name):
    from factcheck.extraction.dates import DateContext, find_dates

    text = HOSTILE[name]
    for lang in ("fr", "en"):
        find_quantities(text, lang)
    find_dates(text, DateContext())
