"""Use cases: one public function is one unit of work with an explicit actor; it commits once.

Grouped by the aggregate each module reads and writes, in sub-packages only (no module lives here). Imports
between them point one way: ``core`` ← ``accounts``, ``queues``, ``claims`` ← ``articles`` (uses ``queues``),
``verdicts`` (uses ``claims``) ← ``admin``. ``tests/unit/test_service_layout.py`` checks the layout and the edges.
"""
