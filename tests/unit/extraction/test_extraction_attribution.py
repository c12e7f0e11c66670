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


def _attribution(text, lang):
    from factcheck.extraction.attribution import find_attribution
    from factcheck.extraction.nlp import TokenIndex, load_pipeline

    return find_attribution(text, lang, TokenIndex(load_pipeline(lang)(text)))


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        # the head noun phrase of a subject with appositions, a name in apposition kept
        ("Le directeur du port, Alain Kervella, arrivé en poste en mai, a affirmé que le trafic avait doublé.",
         "Le directeur du port, Alain Kervella"),
        ("La fédération des artisans de Lorient, syndicat de 2 300 adhérents implanté dans tout le Morbihan, "
         "estime que la taxe est illégale.", "La fédération des artisans de Lorient"),
        ("Une infirmière du service, qui a requis l'anonymat, a déclaré au journal que les lits manquaient.",
         "Une infirmière du service"),
        ("Contactée par téléphone, la maire de Quimper a indiqué que la piscine rouvrirait en juin.",
         "la maire de Quimper"),
        # an inverted subject after adverbials and an indirect object; a name in apposition kept
        ("Le budget a doublé en trois ans, a expliqué mardi à la presse la trésorière du club, Inès Moreau, "
         "lors d'une réunion.", "la trésorière du club, Inès Moreau"),
        ("Les travaux dureront six mois, a précisé M. Lemoine, qui dirige le chantier.", "M. Lemoine"),
        # the subject of the verb that governs an infinitive of speech
        ("Le président du club, joint par l'AFP, s'est contenté de répondre que le dossier était clos.",
         "Le président du club"),
        # a source frame names the body behind a report, with its name in apposition
        ("Selon une étude publiée lundi par l'Observatoire des loyers, les prix ont grimpé de 6 %.",
         "l'Observatoire des loyers"),
        ("Selon le porte-parole de la préfecture, Yann Le Dantec, 40 familles ont été relogées.",
         "le porte-parole de la préfecture, Yann Le Dantec"),
        ("Selon M. Perrin, le chantier a pris du retard.", "M. Perrin"),
        ("De source syndicale, on affirme que 200 postes sont menacés.", "source syndicale"),
    ],
)
def test_french_claimants_are_noun_phrases(text, claimant):
    reported = _attribution(text, "fr")
    assert reported is not None and reported.claimant == claimant


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("Mayor Dana Whitfield, who chairs the transport board, told reporters on Friday that the line would close.",
         "Mayor Dana Whitfield"),
        ("The port's harbour master, Owen Pryor, said that two ferries had been cancelled.",
         "The port's harbour master, Owen Pryor"),
        ("The ferry will not sail on Sunday, said the port's harbour master, Owen Pryor, in a statement.",
         "the port's harbour master, Owen Pryor"),
        ("According to figures published on Monday by the Office of Rail and Road, 14 percent of trains ran late.",
         "the Office of Rail and Road"),
        ("Rail delays rose by a third last year, according to Network Rail data released on Monday.", "Network Rail"),
        ("According to a report by the Transport Committee, the line lost money in 2023.", "the Transport Committee"),
    ],
)
def test_english_claimants_are_noun_phrases(text, claimant):
    reported = _attribution(text, "en")
    assert reported is not None and reported.claimant == claimant


@pytest.mark.parametrize("text", [
    "According to figures released last week, 14 percent of trains ran late.",
    "Selon les chiffres publiés mardi, le trafic a baissé de 4 %.",
])
def test_figures_with_no_body_named_have_an_unknown_claimant(text):
    reported = _attribution(text, "en" if text.startswith("According") else "fr")
    assert reported is not None and reported.claimant is None


@pytest.mark.parametrize(("text", "lang", "pronoun"), [
    ("Selon elle, la piscine rouvrira en juin.", "fr", "elle"),
    ("D'après lui, le club a perdu 2 millions d'euros.", "fr", "il"),
    ("The pool will reopen in June, according to her.", "en", "she"),
])
def test_a_pronoun_source_becomes_a_subject_pronoun_to_resolve(text, lang, pronoun):
    assert _attribution(text, lang).claimant == pronoun


def test_claimants_are_never_fragments(run):
    text = ("Des riverains accusent la société Valmer d'avoir pollué le canal, ce que la direction de l'usine, "
            "jointe mardi, dément. L'avocat des riverains affirme que son client a tout documenté.")
    for claim in run(text, lang="fr").claims:
        claimant = (claim.claimant or "").lower()
        assert not claimant.startswith(("ce que", "qui", "que")) and " affirme" not in claimant
        assert len(claimant) != 1


@pytest.mark.parametrize(
    ("text", "lang", "claimant"),
    [
        ("Le conseil votera jeudi sur le tarif des cantines, que l'opposition propose de geler.", "fr",
         "l'opposition"),
        ("La fondation, qui gère 14 musées, dont trois en Bretagne, se défend d'avoir vendu des œuvres et "
         "rappelle que ses comptes sont publics.", "fr", "La fondation"),
        ("The regulator, which does not comment on open cases, said fines had risen to 40 last year.", "en",
         "The regulator"),
        ("Hale called the audit unfair on Monday and said he would appeal.", "en", "Hale"),
        ("Faux, rétorque Jeanne Morel, qui dit disposer d'un courriel.", "fr", "Jeanne Morel"),
        ("Dans une note, M. Garnier écrit que le budget est tenu.", "fr", "M. Garnier"),
    ],
)
def test_subjects_through_relatives_coordination_and_incises(text, lang, claimant):
    assert _attribution(text, lang).claimant == claimant


def test_a_participle_is_not_a_reporting_verb():
    assert _attribution("Turnout rose to 64%, the highest level recorded since 1992.", "en") is None


def test_a_source_frame_names_whose_figures_an_evidence_verb_reports():
    text = "The county recorded 212 burglaries in May, according to Home Office data published on Friday."
    assert _attribution(text, "en").claimant == "Home Office"
    assert _attribution("New figures showed on Monday that 30 wards were closed.", "en").claimant is None


@pytest.mark.parametrize(
    ("text", "lang", "claimant"),
    [
        ("Leaked files obtained by the Harbour Post reportedly show that 40 ferries were late.", "en",
         "Leaked files obtained by the Harbour Post"),
        ("The council now says the bridge will reopen in May.", "en", "The council"),
        ("Port workers walk out as union warns of a long strike.", "en", "union"),
        ("Mills phoned the regulator on Friday, and in a letter sent later she says the audit was rigged.", "en",
         "she"),
        ("La Fédération des pêcheurs du Léon (FPL) a déclaré que les quotas baisseraient.", "fr",
         "La Fédération des pêcheurs du Léon"),
        ("Selon les éléments recueillis par les gendarmes, le conducteur roulait à 140 km/h.", "fr", "les gendarmes"),
        ("Farrelly said the port would reopen.", "en", "Farrelly"),
    ],
)
def test_claimants_lose_adverbs_subordinate_clauses_and_asides(text, lang, claimant):
    assert _attribution(text, lang).claimant == claimant


def test_the_outlet_s_own_information_is_the_author_s_voice():
    assert _attribution("D'après nos informations, le parquet a ouvert une enquête en mars.", "fr") is None


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("Complaints lodged with the ombudsman show 300 families were evicted.",
         "Complaints lodged with the ombudsman"),
        ("Opening the hearing, Judge Ann Porter said the trial would last six weeks.", "Judge Ann Porter"),
        ("The union, which has not been consulted while the talks went on, said 200 jobs were at risk.", "The union"),
    ],
)
def test_english_subjects_past_misread_participles_gerunds_and_relatives(text, claimant):
    assert _attribution(text, "en").claimant == claimant


def test_a_proper_noun_state_is_no_reporting_verb_and_reportedly_names_no_one(run):
    claims = run("The Islamic State beheaded a Kurdish fighter near Kobane. The club reportedly paid £3 million for "
                 "the striker.", lang="en").claims
    assert [(c.attribution, c.claimant) for c in claims] == [("author", None), ("reported", None)]
