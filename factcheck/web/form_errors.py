"""A service's refusal shown next to the form field it is about (``InvalidInput.field``), in words; a refusal
about no field in particular goes to ``fallback`` (a field the page shows), else above the form
(``form.form_errors``, for pages that render it)."""
from __future__ import annotations

from flask_wtf import FlaskForm

from factcheck.services.core.errors import ServiceError

# the services' names for what they check -> the forms' field names, where they differ
FORM_FIELDS = {"explanation_md": "explanation"}


def attach(form: FlaskForm, exc: ServiceError, fallback=None) -> None:
    """Add the refusal's message to its field's errors, else to ``fallback``'s, else to the form's own."""
    name = getattr(exc, "field", None) or ""
    field = getattr(form, FORM_FIELDS.get(name, name), None) if name else None
    field = field if field is not None else fallback
    if field is not None:
        field.errors = [*field.errors, str(exc)]
    else:
        form.form_errors.append(str(exc))
