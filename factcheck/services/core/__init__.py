"""What every use case shares and no aggregate owns: the service errors, the permission guard, audit rows,
database constraint refusals read as service errors, commit-then-enqueue dispatch to Celery, reordering a
hand-ordered list, case-insensitive unique names, reading the admin settings and the fetch policy built from them,
the worker heartbeat, and whole numbers from outside kept to what a column holds. ``core`` imports nothing from the
other service packages."""
