"""The editorial blueprint."""
