"""The signed-in person's own desk: notifications (the bell, the list, mark read) and the "my work" page."""
from factcheck.notifications.views import bp

__all__ = ["bp"]
