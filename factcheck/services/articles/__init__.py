"""Articles from submission to claims: pasted, URL and bulk submission, fetching pages, feeds, the article status
with its sweeper, the article listing, and the extraction run that turns the pure extraction results into
``Claim`` rows and routes them. Owns ``Article`` and ``Feed``. ``articles`` may import ``core`` and ``queues``
(routing)."""
