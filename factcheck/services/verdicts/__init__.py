"""Verdicts from draft to publication: drafts and revisions, editorial review (approve, publish, send back,
edit, correct, unpublish) with the checker's notification, the public fact-check pages with their ClaimReview,
and the default rating scale. Owns ``Verdict`` and ``VerdictRevision``. ``verdicts`` may import ``core`` and
``claims`` (a verdict moves its claim and follows its edit rights) and ``search`` (readers search the published
fact-checks)."""
