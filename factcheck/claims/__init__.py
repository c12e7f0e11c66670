"""The claims blueprint."""
