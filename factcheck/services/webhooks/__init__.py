"""Webhooks: the endpoints admins register, the deliveries the outbox writes when a verdict is published,
corrected or unpublished or a claim is created, their signed POSTs with back-off, and the log admins replay from."""
