"""Administration: users and (later) queues, rating scales, audit log."""
