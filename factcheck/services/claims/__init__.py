"""A claim's life on the desk: workflow moves with their audit rows (``claim_state``), triage (accept, dismiss,
merge, detach, priority, assign, take next, bulk), the claim page and who may edit a claim (``desk``), corrections by
reviewers and checkers (edit, denial links, split, merge) kept as revisions (``corrections``, ``revisions``),
duplicate groups around a canonical claim (``duplicates``), comments with mentions, evidence and its sources, and
fetching a source's page. Owns ``Claim`` once extracted, ``ClaimRevision``, ``ClaimLink``, ``Comment``,
``Evidence`` and ``Source``. ``claims`` may import ``core`` only."""
