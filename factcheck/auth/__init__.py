"""Logging in and out, passwords and invitations."""
