"""Stance of a quoted or reported proposition: a wrongdoing charged to someone else is an accusation, an own act
negated or a clearing phrase answering an accusation is a denial, linked to every accusation against that party."""
from __future__ import annotations

import pytest

from factcheck.extraction.nlp import load_pipeline
from factcheck.extraction.stance import stance


def _view(text, lang):
    doc = load_pipeline(lang)(text)
    return stance(doc, 0, len(text), lang)


@pytest.mark.parametrize(("text", "lang", "wrong", "clear", "agent"), [
    ("The mayor lied to the council about the contract.", "en", True, False, "The mayor"),
    ("We have never hidden anything from anyone.", "en", False, True, None),
    ("The figures were audited twice and found to be in order.", "en", False, False, None),
    ("Le maire a détourné l'argent des cantines.", "fr", True, False, "Le maire"),
    ("Je n'ai jamais touché un centime.", "fr", False, True, None),
    ("Monsieur Verdier n'a pas seulement corrompu des élus.", "fr", True, False, "Monsieur Verdier"),
    ("Nous avons agi en toute légalité.", "fr", False, True, None),
])
def test_stance_reads_wrongdoing_and_exculpation_from_the_parse(text, lang, wrong, clear, agent):
    view = _view(text, lang)
    assert (view.wrongdoing, view.exculpation) == (wrong, clear)
    assert view.agent == agent


def test_an_own_wrongdoing_negated_is_not_a_charge():
    view = _view("I never misled the committee.", "en")
    assert not view.wrongdoing and view.exculpation


def test_the_french_conditional_perfect_is_hearsay():
    assert _view("La commune aurait versé une avance au prestataire.", "fr").hearsay
    assert not _view("La commune a versé une avance au prestataire.", "fr").hearsay


def test_an_accusers_next_quote_about_them_goes_on_with_the_accusation(claims_of):
    text = ("Tenant leader Rosa Quint accused the landlord, Brackley Homes, of ignoring damp complaints. "
            "\"They knew for years and they did nothing,\" Quint said.")
    claims = claims_of(text, "en")
    quoted = [c for c in claims if c["attribution"] == "direct_quote"]
    assert [(c["kind"], c["claimant"]) for c in quoted] == [("accusation", "Quint")]
    assert "Brackley" in quoted[0]["target"]


def test_a_quoted_wrongdoing_names_its_agent_as_the_accused(claims_of):
    text = "\"The treasurer pocketed the club's money for three years,\" said auditor Ines Marlow."
    claim = next(c for c in claims_of(text, "en") if c["attribution"] == "direct_quote")
    assert (claim["kind"], claim["target"]) == ("accusation", "The treasurer")


def test_a_quoted_denial_answers_every_accusation_against_the_speaker(claims_of):
    text = ("Auditors accused Delmar Freight of inflating its invoices. "
            "Drivers also accused Delmar Freight of falsifying rest logs. "
            "\"We have done nothing wrong,\" said Delmar Freight's chief executive, Owen Tarr.")
    claims = claims_of(text, "en")
    denial = next(c for c in claims if c["kind"] == "denial")
    accusations = {c["id"] for c in claims if c["kind"] == "accusation"}
    assert denial["attribution"] == "direct_quote"
    assert {link["claim"] for link in denial["links"] if link["type"] == "denies"} == accusations
    assert len(accusations) == 2


def test_a_reported_wrongdoing_is_an_accusation_by_the_speaker(claims_of):
    text = "Councillor Ada Brenn told reporters that the deputy mayor had falsified the tender documents."
    claim = claims_of(text, "en")[0]
    assert (claim["kind"], claim["claimant"]) == ("accusation", "Councillor Ada Brenn")
    assert "deputy mayor" in claim["target"]


def test_a_reported_conditional_perfect_is_an_allegation(claims_of):
    text = "La commune aurait en outre versé une avance de 80 000 euros au prestataire, a affirmé Mme Lebrun."
    claim = claims_of(text, "fr")[0]
    assert (claim["kind"], claim["claimant"], claim["target"]) == ("accusation", "Mme Lebrun", "La commune")


def test_a_negated_quote_by_a_bystander_with_no_accusation_stays_a_quote(claims_of):
    text = "\"We have never seen such a crowd,\" said the stadium manager."
    assert [c["kind"] for c in claims_of(text, "en")] == ["quote"]


def test_a_possessive_target_names_its_owner_not_the_accuser(claims_of):
    text = ("Senator Mara Keel faces a tough race. "
            "State treasurer Paul Odell charged on Monday that her campaign had taken money from shell companies.")
    claim = next(c for c in claims_of(text, "en") if c["kind"] == "accusation")
    assert claim["target"].startswith("her campaign") and "Keel" in claim["target"]
    assert "Odell" in claim["claimant"]


def test_a_demonstrative_subject_of_a_quoted_wrongdoing_is_resolved(claims_of):
    text = ("Senator Tom Brook accused the defence minister, Ray Hollis, of misleading parliament. "
            "\"That is misleading the Senate,\" Brook said.")
    quoted = [c for c in claims_of(text, "en") if c["attribution"] == "direct_quote"]
    assert [(c["kind"], "Hollis" in (c["target"] or "")) for c in quoted] == [("accusation", True)]


@pytest.mark.parametrize(("text", "lang", "kind", "claimant"), [
    ("The residents' association calls for an independent audit of the housing fund.", "en", "proposal",
     "The residents' association"),
    ("The union has called for the director to resign before the board meets.", "en", "proposal", "The union"),
    ("Le collectif plaide pour un moratoire sur les expulsions.", "fr", "proposal", "Le collectif"),
    ("Le syndicat demande que la direction rouvre les négociations avant mars.", "fr", "proposal", "Le syndicat"),
    ("L'inspection recommande notamment de fermer deux ateliers.", "fr", "proposal", "L'inspection"),
    ("L'association appelle la préfecture à suspendre les travaux.", "fr", "proposal", "L'association"),
    ("The tenants demanded that the landlord repair the lifts.", "en", "proposal", "The tenants"),
    ("The operator plans to close two depots by the end of the year.", "en", "prediction", "The operator"),
    ("La région prévoit de rouvrir la ligne en septembre.", "fr", "prediction", "La région"),
    ("The regulator is set to publish its ruling in the spring.", "en", "prediction", "The regulator"),
])
def test_proposals_and_plans_are_claimed_by_their_subject(claims_of, text, lang, kind, claimant):
    claim = claims_of(text, lang)[0]
    assert (claim["kind"], claim["attribution"], claim["claimant"]) == (kind, "reported", claimant)


def test_a_counterfactual_conditional_is_no_allegation(claims_of):
    text = ("La ministre a assuré que le bouclier avait protégé les ménages, et que sans lui la facture aurait "
            "augmenté de 45 %.")
    assert [c["kind"] for c in claims_of(text, "fr")] == ["statement"]


def test_a_reporting_participle_keeps_its_auxiliary_across_an_adverbial(claims_of):
    claim = claims_of("Le maire a pour sa part assuré que les travaux seraient finis en mai.", "fr")[0]
    assert claim["claimant"] == "Le maire" and claim["text"].startswith("Les travaux seraient finis")


def test_a_quote_its_speaker_denounces_is_an_accusation_against_whom_it_names(claims_of):
    text = "« La préfecture savait et n'a rien fait », a dénoncé la présidente du collectif, Inès Morel."
    claim = claims_of(text, "fr")[0]
    assert (claim["kind"], claim["attribution"], claim["target"]) == ("accusation", "direct_quote", "La préfecture")
    assert "Morel" in claim["claimant"]


def test_a_quote_its_speaker_only_affirms_stays_a_quote(claims_of):
    assert [c["kind"] for c in claims_of("« Nous avons doublé les effectifs », a affirmé le maire.", "fr")] == [
        "quote"]
