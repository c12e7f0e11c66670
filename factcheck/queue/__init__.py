"""The queue blueprint."""
