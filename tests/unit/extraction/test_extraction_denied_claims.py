"""What a denial denies: the claim inside "denied claims by X that P" is extracted and linked, and "the
minister's claim" / « ce rapport » answers the latest claim of that owner, whatever its kind."""
from __future__ import annotations


def _denied(claims, denial):
    ids = {link["claim"] for link in denial["links"] if link["type"] == "denies"}
    return [c for c in claims if c["id"] in ids]


def test_the_claim_inside_a_denied_claim_noun_is_its_own_linked_accusation(claims_of):
    claims = claims_of("Orvane denied claims by the regulator that it had destroyed the test records.", "en")
    denial = next(c for c in claims if c["kind"] == "denial")
    [denied] = _denied(claims, denial)
    assert (denied["kind"], denied["claimant"], denied["target"]) == ("accusation", "the regulator", "Orvane")
    assert denied["text"] == "Orvane had destroyed the test records."


def test_a_denied_report_that_charges_nothing_is_a_statement(claims_of):
    claims = claims_of("The club pushed back on reports that it plans to move the stadium to the coast.", "en")
    denial = next(c for c in claims if c["kind"] == "denial")
    [denied] = _denied(claims, denial)
    assert denied["kind"] == "statement" and denied["text"].startswith("The club plans to move")


def test_selon_lesquelles_names_what_is_denied(claims_of):
    text = "La préfecture dément les informations selon lesquelles elle aurait dissimulé le rapport d'inspection."
    claims = claims_of(text, "fr")
    denial = next(c for c in claims if c["kind"] == "denial")
    [denied] = _denied(claims, denial)
    assert denied["kind"] == "accusation" and "dissimulé le rapport" in denied["text"]


def test_a_possessive_owner_points_at_that_owners_latest_claim(claims_of):
    text = ("Finance minister Carla Devoe said the bank had told the Treasury about the sale only on Friday. "
            "Union leaders said the branch closures would cost 400 jobs. "
            "Halbright denied the minister's claim.")
    claims = claims_of(text, "en")
    denial = next(c for c in claims if c["kind"] == "denial")
    [denied] = _denied(claims, denial)
    assert "Devoe" in denied["claimant"]


def test_figures_a_frame_leaves_out_stay_checkable(claims_of):
    text = ("Tenants accused Harlow Estates of ignoring repairs. "
            "Harlow Estates, which bought the block for £19.5 million in 2021, flatly denied the allegations.")
    claims = claims_of(text, "en")
    carriers = [c for c in claims if any(q["value"] == 19_500_000 for q in c["quantities"])]
    assert [c["kind"] for c in carriers] == ["statement"]
    assert not any(q["value"] == 2021 for c in claims for q in c["quantities"])
    assert [c["kind"] for c in claims if c["kind"] == "denial"] == ["denial"]


def test_the_accused_goes_on_with_their_denial_and_the_statement_contradicts_the_charge(claims_of):
    text = ("The union accused Brevik Motors of lying to staff for months. "
            "Brevik's managing director, Ola Strand, denied lying to staff. "
            "Strand told reporters at the plant gates that the board had decided only on Tuesday.")
    claims = claims_of(text, "en")
    accusation = next(c for c in claims if c["kind"] == "accusation")
    statement = next(c for c in claims if c["kind"] == "statement")
    assert statement["text"] == "The board had decided only on Tuesday."
    assert {"type": "contradicts", "claim": accusation["id"]} in statement["links"]
