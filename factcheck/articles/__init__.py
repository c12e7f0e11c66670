"""The articles blueprint."""
