"""A claim's life on the desk: workflow moves with their audit rows (``claim_state``), triage (accept, dismiss,
merge, priority, assign, take next, bulk), the claim page and who may edit a claim (``desk``), comments with
mentions, evidence and its sources, and fetching a source's page. Owns ``Claim`` once extracted, ``ClaimLink``,
``Comment``, ``Evidence`` and ``Source``. ``claims`` may import ``core`` only."""
