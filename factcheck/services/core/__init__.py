"""What every use case shares and no aggregate owns: the service errors, the permission guard, audit rows,
commit-then-enqueue dispatch to Celery, reordering a hand-ordered list, case-insensitive unique names, reading
the admin settings and the fetch policy built from them, the worker heartbeat, and whole numbers from outside kept
to 64 bits. ``core`` imports nothing from the other service packages."""
