"""Service errors. They know nothing of HTTP: ``factcheck.web.errors`` maps each one to its status.

Every refusal a use case makes is one of these, so the web layer, the API, the CLI and the tasks all see the
same tree: ``PermissionDenied`` (403), ``InvalidTransition`` and ``Conflict`` (409), ``NotFound`` (404),
``InvalidInput`` (422). The workflow table keeps its own pure lookup error; ``core.guards`` translates it.

Messages speak the reader's language without services knowing Flask: each message is an English template with
named parameters (``"There is no claim %(claim_id)s.", claim_id=…``), extracted for the catalogue from the calls
of these classes (``factcheck.catalogues``), and ``str(exc)`` translates it with the translator the web layer
installs (``use_translator``; ``web/i18n.py`` gives Flask-Babel's, for requests). Tasks and the command line keep
the English.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence


def _untranslated(message: str) -> str:
    return message


_translate: Callable[[str], str] = _untranslated


def use_translator(translate: Callable[[str], str]) -> None:
    """Install how a message template becomes the reader's language (before its parameters are filled in)."""
    global _translate
    _translate = translate


def _render(message: str, params: dict) -> str:
    text = _translate(message)
    return text % params if params else text


class Message:
    """A sentence for the reader that is not itself a refusal (what changed, listed with a ``Conflict``): an
    English template and its parameters, translated when it is turned into text."""

    def __init__(self, message: str, **params):
        self.message, self.params = message, params

    def __str__(self) -> str:
        return _render(self.message, self.params)

    def __repr__(self) -> str:
        return f"Message({str(self)!r})"


class ServiceError(Exception):
    """Base class of the errors a use case raises; the message is shown to the user, in their language."""

    def __init__(self, message: str, **params):
        super().__init__(message)
        self.message, self.params = message, params

    def reword(self, message: str, **params) -> None:
        """Say it another way (a bulk action naming the claim that failed), keeping the error's kind."""
        self.message, self.params = message, params
        self.args = (message,)

    def __str__(self) -> str:
        return _render(self.message, self.params)


class NotFound(ServiceError):
    """The object asked for does not exist."""


class PermissionDenied(ServiceError):
    """The actor may not do this (permission, assignment or authorship), or there is no actor at all."""


class Conflict(ServiceError):
    """Someone else changed the object since it was loaded (optimistic locking)."""

    def __init__(self, message: str, changes: Sequence[Message | str] | None = None, **params):
        super().__init__(message, **params)
        self.changes = list(changes or [])

    def change_lines(self) -> list[str]:
        """What changed, in the reader's language."""
        return [str(change) for change in self.changes]


class InvalidTransition(ServiceError):
    """The claim is not in a state from which this move exists (usually someone moved it first)."""


class InvalidInput(ServiceError):
    """The input breaks a rule a form cannot check on its own; ``field`` names the input at fault, when one is, so
    a form can show the message next to it."""

    def __init__(self, message: str, field: str | None = None, **params):
        super().__init__(message, **params)
        self.field = field
