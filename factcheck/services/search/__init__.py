"""Full-text search over claims, articles and verdicts, one service on two engines: PostgreSQL (a stored
``tsvector`` per row, French or English with accents folded, a GIN index, ``ts_rank_cd`` and ``ts_headline``) and
SQLite (FTS5 tables kept in sync by triggers, ``bm25()`` and ``highlight()``/``snippet()``). Owns the query syntax
(``query_syntax``: words, "phrases", -exclusions) and the search structures the migrations create beside the
tables; reads ``Claim``, ``Article`` and ``Verdict`` and writes nothing. ``search`` may import ``core`` only."""
