"""Reported speech and stance verbs in French and English give the claimant (sentences written for the tests)."""

import pytest


def claims_of(result, kind=None):
    return [c for c in result.claims if kind is None or c.kind == kind]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("Selon le syndicat des pilotes, 40 vols ont été annulés à Lyon.", "le syndicat des pilotes"),
        ("Quarante vols ont été annulés à Lyon, selon la direction de l’aéroport.", "la direction de l’aéroport"),
        ("Le maire de Lyon a déclaré que la ligne de tramway ouvrira en 2027.", "Le maire de Lyon"),
        ("La ligne ouvrira en septembre, a précisé la source en question.", "la source en question"),
        ("Le chantier coûtera 300 millions d’euros, a encore souligné le haut responsable, lors d’un point presse.",
         "le haut responsable"),
        ("Le chantier a pris deux ans de retard, ont rapporté jeudi plusieurs journaux régionaux.",
         "plusieurs journaux régionaux"),
        ("D’après l’Insee, le chômage a baissé de 0,3 point en France.", "l’Insee"),
    ],
)
def test_french_reported_speech(run, text, claimant):
    result = run(text, lang="fr")
    assert result.claims, text
    claim = result.claims[0]
    assert claim.claimant == claimant
    assert claim.attribution == "reported"


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("According to the port authority, 12 ships were turned away from Dover.", "the port authority"),
        ("The mayor of Leeds said the new bridge would open in 2026.", "The mayor of Leeds"),
        ("The bridge will cost 40 million pounds, officials said.", "officials"),
        ("The bridge will cost 40 million pounds, said the city treasurer.", "the city treasurer"),
        ("Councillor Smith told reporters that 300 homes were flooded in Leeds.", "Councillor Smith"),
    ],
)
def test_english_reported_speech(run, text, claimant):
    result = run(text, lang="en")
    assert result.claims, text
    assert result.claims[0].claimant == claimant
    assert result.claims[0].attribution == "reported"


def test_author_voice_uses_outlet_when_given(run):
    result = run("La Banque de France a relevé son taux directeur à 4 %.", lang="fr", outlet="Le Quotidien")
    claim = result.claims[0]
    assert claim.attribution == "author"
    assert claim.claimant == "Le Quotidien"


def test_author_voice_without_outlet_has_null_claimant(run):
    claim = run("La Banque de France a relevé son taux directeur à 4 %.", lang="fr").claims[0]
    assert (claim.attribution, claim.claimant) == ("author", None)


def test_pronoun_inversion_resolved_to_previous_speaker(run):
    text = ("Le préfet de l’Isère a annoncé la fermeture de trois écoles à Grenoble. "
            "Elles rouvriront le 4 mars, a-t-il ajouté.")
    claims = run(text, lang="fr").claims
    assert claims[1].claimant == "Le préfet de l’Isère"


def test_proposal_and_refusal(run):
    text = ("Le syndicat a proposé à la direction de Renault une hausse de 5 % des salaires. "
            "Les actionnaires refusent pour l’instant toute augmentation, invoquant la conjoncture.")
    claims = run(text, lang="fr").claims
    assert (claims[0].kind, claims[0].claimant) == ("proposal", "Le syndicat")
    assert claims[1].claimant == "Les actionnaires"
    en = run("The union proposed a 5% pay rise to Ford managers. Shareholders rejected the offer on Monday.",
             lang="en").claims
    assert (en[0].kind, en[0].claimant) == ("proposal", "The union")
    assert en[1].claimant == "Shareholders"


def test_predictions_in_both_languages(run):
    fr = claims_of(run("Le gouvernement va fermer 12 centrales à charbon d’ici 2030.", lang="fr"))
    assert fr[0].kind == "prediction"
    fr2 = claims_of(run("Les tarifs de la SNCF augmenteront de 3 % en janvier.", lang="fr"))
    assert fr2[0].kind == "prediction"
    en = claims_of(run("Unemployment in Spain will fall below 10 percent next year.", lang="en"))
    assert en[0].kind == "prediction"
