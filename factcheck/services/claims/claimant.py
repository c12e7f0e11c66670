"""Whether a claimant is a person or an organisation (ClaimReview's ``Claim.author`` type).

A reviewer's choice wins; until there is one, the label the entity recogniser gave the claimant's name in the
sentence decides (spaCy: PERSON / PER for people; ORG, NORP, GPE for organisations, parties, governments). A
claimant no entity names is taken for a person: claims are mostly what someone said.
"""
from __future__ import annotations

from factcheck.models import Claim

PERSON_LABELS = frozenset({"PERSON", "PER"})
ORGANISATION_LABELS = frozenset({"ORG", "NORP", "GPE"})


def claimant_type_from_entities(claimant: str, entities: list[dict]) -> str:
    """Person or Organization, from the label of the entity that names the claimant (or is named by it)."""
    name = claimant.casefold()
    for entity in entities or []:
        text = str(entity.get("text", "")).casefold()
        if text and (text in name or name in text):
            if entity.get("label") in ORGANISATION_LABELS:
                return "Organization"
            if entity.get("label") in PERSON_LABELS:
                return "Person"
    return "Person"


def claimant_type(claim: Claim) -> str:
    """The claimant's type: the reviewer's, else the entity labels'."""
    return claim.claimant_type or claimant_type_from_entities(claim.claimant or "", claim.entities)
