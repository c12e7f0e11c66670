"""Telling people what needs them: notifications drawn from audit events (a mention, an assignment, a verdict sent
back, approved, changed or published, background work that failed) in ``fan_out``, triggered by the audit rows
themselves (``trigger``); the bell and list (``inbox``), mail one by one or as a digest (``mail``), and the "my
work" page (``my_work``). Owns ``Notification`` and the user's mail choice. ``notifications`` may import ``core``
only: it reads the other aggregates' rows, never their services."""
