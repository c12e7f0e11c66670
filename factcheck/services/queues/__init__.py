"""Queues as the desk works them: routing new claims to a queue by its rules, the queue listing (filters, search
and sorts from the URL, keyset cursors, rows with their links and dispute partners), saved views and the merge
dialog's candidates. Owns ``SavedView`` and the claims' ``queue_id``; queue and rule administration is in
``admin``. ``queues`` may import ``core`` and ``search``."""
