"""The back office and the views across aggregates: changing settings, rating scales, queues with their members
and routing rules, the audit log, the dashboard, the home page summary and the demo data. ``admin`` may import
every other service package; no service package imports ``admin``."""
