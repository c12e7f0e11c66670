"""The frame grammar: accusing and denying predicates read from the parse, one claim per frame, kind and
attribution independent, denials linked to the accusation they answer anywhere in the article."""
from __future__ import annotations

import pytest

from factcheck.extraction import to_contract


def _kinds(result):
    return [(c.kind, c.attribution, c.claimant, c.target) for c in result.claims]


def _one(result, kind):
    found = [c for c in result.claims if c.kind == kind]
    assert len(found) == 1, _kinds(result)
    return found[0]


@pytest.mark.parametrize(("text", "claimant", "target", "words"), [
    ("Les parents accusent l'inspectrice, Mme Lemaire, d'avoir fermé deux classes.", "Les parents", "Lemaire",
     "fermé deux classes"),
    ("Le trésorier est par ailleurs accusé par les adhérents de détourner les cotisations.", "les adhérents",
     "Le trésorier", "détourne les cotisations"),
    ("L'ancien directeur a été vivement accusé d'avoir truqué les comptes.", None, "L'ancien directeur",
     "truqué les comptes"),
    ("La clinique est soupçonnée d'avoir facturé des actes fictifs.", None, "La clinique", "facturé des actes"),
    ("Selon la fédération, le club aurait dissimulé ses dettes.", "la fédération", "le club", "a dissimulé"),
    ("Kellerman, 52, has been accused of falsifying safety logs.", None, "Kellerman", "falsifying safety logs"),
    ("Tenants blamed the landlord for the broken heating.", "Tenants", "the landlord", "broken heating"),
    ("The treasurer allegedly moved club funds into a private account.", None, "The treasurer", "moved club funds"),
    ("La mairie a été vivement accusée lundi par plusieurs collectifs de riverains d'avoir rasé le square.",
     "plusieurs collectifs", "La mairie", "rasé le square"),
    ("Des familles ont attaqué la clinique, qu'elles accusent d'avoir falsifié des dossiers.", "Des familles",
     "la clinique", "falsifié des dossiers"),
    ("The insurer was accused by the watchdog Fair Claims of delaying payouts to flood victims.", "the watchdog",
     "The insurer", "delaying payouts"),
    ("It was alleged that the coach sold tickets twice.", None, "the coach", "sold tickets"),
    ("But the union charged that the firm had ignored safety audits.", "the union", "the firm", "ignored safety"),
    ("La société est par ailleurs mise en cause par l'inspection du travail pour des heures non payées.",
     "l'inspection du travail", "La société", "heures non payées"),
    ("Le transporteur se voit reprocher d'avoir supprimé trois lignes sans concertation.", None, "Le transporteur",
     "supprimé trois lignes"),
    ("Les pêcheurs ont porté plainte mardi contre la papeterie pour pollution de la rivière.", "Les pêcheurs",
     "la papeterie", "pollution de la rivière"),
    ("L'audit pointe la responsabilité de l'ancienne trésorière, Mme Vidal, dans la perte des fonds.", "L'audit",
     "Vidal", "perte des fonds"),
    ("Le syndicat tient la direction pour responsable de l'accident.", "Le syndicat", "la direction", "accident"),
    ("Une association de 80 riverains a attaqué en justice la société minière Roc-Ardoise, qu'elle accuse "
     "d'avoir pollué la source.", "Une association", "Roc-Ardoise", "pollué la source"),
    ("La directrice de l'école élémentaire du quartier nord, Claire Vasseur, a été accusée jeudi d'avoir "
     "falsifié les registres.", None, "Vasseur", "falsifié les registres"),
    ("Le tribunal a entendu un ancien comptable qui est soupçonné d'avoir détourné les cotisations.", None,
     "ancien comptable", "détourné les cotisations"),
    ("Police questioned a former nurse who is suspected of stealing patient records.", None, "a former nurse",
     "stealing patient records"),
    ("A spokesman for the rebels denied the report, saying its fighters were far away and blaming the army for "
     "the fire.", "A spokesman", "the army", "fire"),
    ("Le maire a répondu en accusant l'opposition d'avoir menti aux électeurs.", "Le maire", "l'opposition",
     "menti aux électeurs"),
    ("La directrice a répondu mardi, accusant le syndicat d'avoir bloqué les livraisons.", "La directrice",
     "le syndicat", "bloqué les livraisons"),
    ("Residents are accusing the council of ignoring the flooding.", "Residents", "the council",
     "ignoring the flooding"),
    ("Tenants have sued the landlord over unpaid deposits.", "Tenants", "the landlord", "unpaid deposits"),
    ("The union filed a lawsuit against the hospital for unpaid overtime.", "The union", "the hospital",
     "unpaid overtime"),
    ("La trésorière est accusée par une partie de son propre bureau d'avoir caché les comptes.",
     "une partie de son propre bureau", "La trésorière", "caché les comptes"),
])
def test_accusations_from_the_parse(run, text, claimant, target, words):
    lang = "en" if text.isascii() else "fr"
    accusation = _one(run(text, lang=lang), "accusation")
    assert accusation.claimant == claimant if claimant is None else claimant in accusation.claimant
    assert target is None or target in accusation.target
    assert words in accusation.text


def test_a_clitic_target_is_the_last_named_other_person(run):
    text = ("Le maire Paul Girard a présenté son budget lundi. Ses adjoints l'accusent d'avoir caché une dette "
            "de 3 millions d'euros.")
    accusation = _one(run(text, lang="fr"), "accusation")
    assert "Girard" in accusation.target and accusation.claimant == "Ses adjoints"


def test_a_clitic_target_is_the_party_lately_accused_or_denying(run):
    text = ("Le directeur, Marc Olivier, dément avoir fermé la ligne sans concertation. D'après une note de la "
            "direction régionale, le déficit atteindrait 2 millions d'euros. Plusieurs élus l'accusent d'avoir "
            "caché cette note.")
    accusation = next(c for c in run(text, lang="fr").claims if c.kind == "accusation")
    assert "Olivier" in accusation.target and accusation.claimant == "Plusieurs élus"


@pytest.mark.parametrize(("text", "lang"), [
    ("Les élus accusent la société de polluer la rivière. Deux jours plus tard, la société a fermement contesté "
     "cette version.", "fr"),
    ("Les élus accusent la société de polluer la rivière. « C'est faux », a répondu la société.", "fr"),
    ("Residents accused the quarry of poisoning the river. The quarry called the report false.", "en"),
    ("Residents accused the quarry of poisoning the river. A week later, the quarry rejected the allegations.",
     "en"),
])
def test_a_later_denial_links_to_the_accusation_it_answers(run, text, lang):
    result = run(text, lang=lang)
    accusation, denial = _one(result, "accusation"), _one(result, "denial")
    a, d = result.claims.index(accusation), result.claims.index(denial)
    assert ("denies", a) in [(link.type, link.claim) for link in denial.links]
    assert ("denied-by", d) in [(link.type, link.claim) for link in accusation.links]
    assert "société" in denial.claimant or "quarry" in denial.claimant


def test_the_denial_links_to_the_accusation_against_the_denier_not_the_latest(run):
    text = ("Les syndicats accusent la directrice, Mme Roche, d'avoir supprimé des postes. "
            "Les usagers accusent le transporteur de supprimer des lignes. "
            "Mme Roche rejette ces accusations.")
    result = run(text, lang="fr")
    denial = _one(result, "denial")
    answered = result.claims[denial.links[0].claim]
    assert "Roche" in answered.target


def test_a_quoted_denial_is_a_denial_attributed_to_its_speaker(run):
    text = ("Les enquêteurs accusent le député de financer sa campagne avec des fonds publics. "
            "« Je n'ai jamais touché un centime », a assuré le député.")
    denial = _one(run(text, lang="fr"), "denial")
    assert (denial.attribution, denial.claimant) == ("direct_quote", "le député")
    assert denial.links and denial.links[0].type == "denies"


def test_poured_cold_water_denies_the_claim_inside_the_sentence(run):
    text = "The ministry poured cold water on suggestions that the hospital would close next year."
    denial = _one(run(text, lang="en"), "denial")
    assert denial.claimant == "The ministry"


@pytest.mark.parametrize(("text", "lang"), [
    ("Contactée par notre rédaction, la direction n'a pas souhaité commenter.", "fr"),
    ("The company declined to comment on the allegations.", "en"),
    ("The mayor could not be reached for comment on Tuesday.", "en"),
])
def test_a_refusal_to_comment_is_no_claim(run, text, lang):
    assert run(text, lang=lang).claims == ()


def test_analysts_expect_is_a_prediction(run):
    claim = run("Analysts expect the airline to cut 300 jobs before the summer.", lang="en").claims[0]
    assert claim.kind == "prediction"


def test_reported_speech_keeps_the_proposition_without_its_frame(run):
    claim = run("Le ministre a déclaré que le chômage avait baissé de 3 % en un an.", lang="fr").claims[0]
    assert (claim.claimant, claim.attribution) == ("Le ministre", "reported")
    assert claim.text.startswith("Le chômage avait baissé") and "déclaré" not in claim.text


@pytest.mark.parametrize(("text", "lang", "claimant", "proposition"), [
    ("The clinic treated 4,200 patients last year, the health board said.", "en", "the health board",
     "The clinic treated 4,200 patients last year."),
    ("Turnout reached 64 percent, said the electoral commission on Monday.", "en", "the electoral commission",
     "Turnout reached 64 percent."),
    ("Le trafic a baissé de 12 % en 2024, a indiqué la préfecture mardi.", "fr", "la préfecture",
     "Le trafic a baissé de 12 % en 2024."),
    ("Le ministre a assuré que la réforme avait créé 3 000 emplois, estimant que la région en profiterait.", "fr",
     "Le ministre", "La réforme avait créé 3 000 emplois."),
])
def test_the_frame_around_a_proposition_is_left_out(run, text, lang, claimant, proposition):
    claim = run(text, lang=lang).claims[0]
    assert (claim.claimant, claim.attribution, claim.text) == (claimant, "reported", proposition)


def test_a_frame_that_goes_on_with_its_own_clause_is_not_a_closing_incise(run):
    claim = run("Rents rose, the council said, adding that 300 families had been evicted.", lang="en").claims[0]
    assert "300 families" in claim.text


def test_priority_ranks_an_accusation_above_scene_setting_and_keeps_the_model_score(run):
    text = ("La place du marché accueille une quarantaine d'étals depuis 1990. "
            "Les commerçants accusent la mairie d'avoir doublé les loyers des étals.")
    result = run(text, lang="fr", scorer=lambda sentences, lang: [0.2 if "accusent" in s else 0.9 for s in sentences])
    contract = to_contract(result)["claims"]
    accusation = next(c for c in contract if c["kind"] == "accusation")
    assert accusation["model_score"] == 0.2
    assert all(accusation["checkworthiness"] > c["checkworthiness"] for c in contract if c is not accusation)


@pytest.mark.parametrize(("text", "lang", "denier"), [
    ("Prosecutors accused the treasurer of forging invoices. He pleaded not guilty and maintains his innocence.",
     "en", "treasurer"),
    ("Les enquêteurs accusent le gérant de blanchir des fonds. Le gérant clame son innocence.", "fr", "gérant"),
    ("Residents accused the mill of dumping dye, claims that the mill has repeatedly rejected.", "en", "mill"),
    ("Residents accused the mill of dumping dye. The mill says the allegations are baseless.", "en", "mill"),
    ("L'opposition accuse le maire d'avoir menti. Faux, rétorque le maire, qui publie les comptes.", "fr", "maire"),
    ("Regulators accused the bank of hiding losses. Its lawyer said the bank \"has never hidden a cent from anyone\".",
     "en", "lawyer"),
])
def test_denials_without_a_denying_verb_answer_the_accusation(run, text, lang, denier):
    result = run(text, lang=lang)
    denials = [c for c in result.claims if c.kind == "denial"]
    assert len(denials) == 1, _kinds(result)
    assert denier in denials[0].claimant
    assert result.claims[denials[0].links[0].claim].kind == "accusation"


def test_a_negated_quote_from_someone_no_accusation_targets_stays_a_quote(run):
    text = ("Regulators accused the bank of hiding losses. "
            "\"We have never seen a case like this one in twenty years,\" said the regulator's chair.")
    assert [c.kind for c in run(text, lang="en").claims] == ["accusation", "quote"]


@pytest.mark.parametrize(("text", "lang"), [
    ("Health ministers are set to publish a new winter plan.", "en"),
    ("Les résultats de l'enquête devraient permettre de fixer les responsabilités.", "fr"),
])
def test_expectations_are_predictions_even_without_a_name_or_number(run, text, lang):
    assert [c.kind for c in run(text, lang=lang).claims] == ["prediction"]


@pytest.mark.parametrize(("text", "target", "words"), [
    ("One of the guards, Sgt. Owen Pell, 39, stands accused in a separate case of using excessive force.",
     "Owen Pell", "excessive force"),
    ("The supplier, Norrow Foods, is alleged to have withheld the test results from the inspectors.",
     "Norrow Foods", "has withheld the test results"),
])
def test_agentless_stands_accused_and_is_alleged_to_have(run, text, target, words):
    claim = _one(run(text, lang="en"), "accusation")
    assert claim.claimant is None and target in claim.target and words in claim.text


def test_a_long_subject_keeps_the_name_its_apposition_gives(run):
    text = "Le porte-parole de la préfecture pour le département, le colonel Marc Duval, a démenti toute bavure."
    claim = _one(run(text, lang="fr"), "denial")
    assert claim.claimant.endswith("Marc Duval")


def test_a_clitic_target_is_the_party_the_accusers_are_named_after(run):
    text = ("Trois anciens salariés du maire de Vernon Paul Arnaud l'accusent de les avoir licenciés sans motif, "
            "selon des courriers qui font état de 42 000 euros d'indemnités impayées.")
    claim = _one(run(text, lang="fr"), "accusation")
    assert "Paul Arnaud" in claim.target
    assert 42000 in [q.value for q in claim.quantities]


def test_a_clitic_object_in_the_act_reads_as_a_statement(run):
    claim = _one(run("Deux anciens élus du maire Paul Arnaud l'accusent de les avoir écartés des commissions.",
                     lang="fr"), "accusation")
    assert "les a écartés des commissions" in claim.text and claim.claimant == "Deux anciens élus"


@pytest.mark.parametrize(("text", "claimant"), [
    ("Relatives of residents who died in the fire have blamed the council's housing board for ignoring the "
     "warnings.", "Relatives of residents"),
    ("Owners of shops that flooded last winter have blamed the water company for ignoring the warnings.",
     "Owners of shops"),
    ("An audit published in March by the National Audit Office blamed the ministry for most of the overspend.",
     "An audit published in March by the National Audit Office"),
])
def test_a_claimant_drops_nested_relatives_but_keeps_who_published(run, text, claimant):
    assert _one(run(text, lang="en"), "accusation").claimant == claimant


@pytest.mark.parametrize(("text", "lang"), [
    ("Internal emails show the managers approved the loans. The bank denies this.", "en"),
    ("Selon le rapport, la mairie a dépensé 40 000 euros en voyages. La mairie conteste cette version.", "fr"),
])
def test_a_pointing_denial_with_no_accusation_answers_the_claim_just_before(run, text, lang):
    result = run(text, lang=lang)
    denial = _one(result, "denial")
    answered = [result.claims[link.claim] for link in denial.links if link.type == "denies"]
    assert [c.kind for c in answered] and answered[0].sentence != denial.sentence


def test_a_pointing_denial_answers_the_latest_claim_not_its_own(run):
    text = ("The mayor spent £40,000 on travel, the auditors said. The council says it cut costs. "
            "The council denies this.")
    result = run(text, lang="en")
    denial = next(c for c in result.claims if c.kind == "denial")
    answered = [result.claims[link.claim] for link in denial.links if link.type == "denies"]
    assert [c.text for c in answered] == ["The mayor spent £40,000 on travel."]


def test_a_possessive_target_names_the_person_the_sentence_named_before_it(run):
    text = ("State auditor Ruth Okafor, who is challenging Councillor Dan Whitlow in May, charged on Monday that his "
            "office had hidden a £2 million overspend.")
    accusation = _one(run(text, lang="en"), "accusation")
    assert "Dan Whitlow" in accusation.target and "Okafor" in accusation.claimant


def test_denied_claims_that_p_extract_p_even_after_an_earlier_accusation_and_stop_at_saying(run):
    text = ("Regulators accused Corvane of hiding side effects. Corvane denied claims by the ministry that it had "
            "destroyed the trial records, saying in a statement that all data had been shared.")
    result = run(text, lang="en")
    denial = _one(result, "denial")
    denied = [result.claims[link.claim] for link in denial.links if link.type == "denies"]
    embedded = [c for c in denied if "destroyed the trial records" in c.text]
    assert len(denied) == 2 and embedded and embedded[0].claimant == "the ministry"
    assert "saying" not in embedded[0].text and "Corvane" in embedded[0].target


def test_a_reported_clause_before_an_accusation_is_a_claim_of_its_own(run):
    text = ("The treasurer told reporters that every invoice had been checked twice, and she accused the auditor of "
            "leaking the draft.")
    result = run(text, lang="en")
    assert _one(result, "accusation").target == "the auditor"
    statement = _one(result, "statement")
    assert statement.text == "Every invoice had been checked twice." and statement.claimant == "The treasurer"


def test_a_denial_naming_its_act_answers_the_accusation_of_that_act_not_merely_the_latest(run):
    text = ("Les élus accusent le directeur d'avoir caché le rapport d'audit. D'autres l'accusent d'avoir licencié "
            "trois agents. Il nie avoir caché le moindre rapport.")
    result = run(text, lang="fr")
    denial = _one(result, "denial")
    answered = [result.claims[link.claim].text for link in denial.links if link.type == "denies"]
    assert answered and "rapport" in answered[0] and not any("licencié" in t for t in answered)


def test_a_wire_story_lead_names_the_accused_not_the_dateline_and_its_trailing_denial(run):
    text = ("LONDON (Reuters) - Britain's largest water company was accused on Tuesday of pumping sewage into rivers "
            "4,000 times last year, allegations the firm denied.")
    result = run(text, lang="en")
    accusation, denial = _one(result, "accusation"), _one(result, "denial")
    assert accusation.target == "Britain's largest water company" and denial.claimant == "the firm"
    assert ("denies", result.claims.index(accusation)) in [(link.type, link.claim) for link in denial.links]


def test_a_title_ending_in_ment_is_a_speaker_not_an_adverb(run):
    claim = run("Environment Secretary Mark Holloway told parliament that fines would be doubled.", lang="en").claims[0]
    assert claim.claimant == "Environment Secretary Mark Holloway" and claim.text == "Fines would be doubled."


@pytest.mark.parametrize(("text", "lang"), [
    ("Neither the surgeon nor the nurse had been accused of wrongdoing, the source said.", "en"),
    ("The union did not accuse the mayor of lying about the budget.", "en"),
    ("Il n'a jamais été accusé de corruption, selon son avocat.", "fr"),
])
def test_a_negated_accusation_accuses_no_one(run, text, lang):
    result = run(text, lang=lang)
    assert result.claims and not [c for c in result.claims if c.kind == "accusation"], _kinds(result)


def test_a_passive_reporting_verb_names_no_claimant(run):
    text = "Neither the surgeon nor the nurse had been accused of wrongdoing, the source said."
    claim = run(text, lang="en").claims[0]
    assert claim.claimant == "the source" and claim.text.startswith("Neither the surgeon")


@pytest.mark.parametrize(("text", "lang", "denier"), [
    ("The charity accused the council of hiding the audit. The allegations were denied by the council.", "en",
     "the council"),
    ("L'association accuse la mairie d'avoir caché l'audit. Ces accusations ont été démenties par la mairie.", "fr",
     "la mairie"),
])
def test_a_passive_denial_of_a_claim_answers_it(run, text, lang, denier):
    result = run(text, lang=lang)
    denial = _one(result, "denial")
    assert denial.claimant == denier and [link.type for link in denial.links] == ["denies"]


@pytest.mark.parametrize(("text", "lang"), [
    ("Three families were denied housing last year after the fire in Calder House.", "en"),
    ("Le permis de construire lui a été refusé par la préfecture de Lyon.", "fr"),
])
def test_being_denied_something_is_no_denial(run, text, lang):
    assert not [c for c in run(text, lang=lang).claims if c.kind == "denial"]


def test_a_participle_of_intent_describes_a_noun_it_is_no_plan(run):
    kinds = _kinds(run("Argentina’s president adopted a godson under a law intended to counter an old legend. "
                       "The minister intends to cut the budget.", lang="en"))
    assert kinds[0][0] == "statement" and kinds[1][:3] == ("prediction", "reported", "The minister")


def test_a_hyphenated_head_keeps_its_apposition_and_names_its_own_referent(run):
    text = ("His co-defendant, the trust's former finance officer Lorraine Devlin, 52, stands accused of helping to "
            "conceal the payments. She was charged with false accounting.")
    targets = [c.target for c in run(text, lang="en").claims if c.kind == "accusation"]
    assert targets == ["His co-defendant, the trust's former finance officer Lorraine Devlin"] * 2
