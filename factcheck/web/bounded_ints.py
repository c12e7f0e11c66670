"""Whole numbers from the request, bounded to the 64 bits a database column holds: ``<int:…>`` in every URL rule,
``int_arg`` for cursors and ids in query strings, ``Int64Field`` and ``coerce_int64`` in forms. A larger number is
an unknown id (404) or a bad request (400/422), never an overflow inside the database driver."""
from __future__ import annotations

from flask import Flask, abort, request
from werkzeug.routing import IntegerConverter
from wtforms import IntegerField

from factcheck.services.core.numbers import INT64_MAX, parse_int64


class Int64Converter(IntegerConverter):
    """``<int:…>`` that does not match beyond 2**63-1, so the route answers 404 like any unknown id."""

    def __init__(self, map, *args, **kwargs):  # noqa: A002  (werkzeug's parameter name)
        kwargs.setdefault("max", INT64_MAX)
        super().__init__(map, *args, **kwargs)


def register_int64_converter(app: Flask) -> None:
    """Replace the ``int`` URL converter; call before any blueprint adds its rules (they bind it when added)."""
    app.url_map.converters["int"] = Int64Converter


def int_arg(name: str, *, minimum: int = 1, args=None) -> int | None:
    """A whole-number parameter (an id or a cursor) of the query string, or of ``args`` (``request.form``): None
    when absent, 400 when it is not a number the database can hold."""
    raw = (request.args if args is None else args).get(name, "")
    if not raw:
        return None
    value = parse_int64(raw, minimum=minimum)
    if value is None:
        abort(400, description=f"The '{name}' parameter must be a whole number from {minimum} to {INT64_MAX}.")
    return value


def coerce_int64(value) -> int:
    """``SelectField(coerce=coerce_int64)``: an id from a select, refused as a form error beyond 64 bits."""
    number = parse_int64(str(value))
    if number is None:
        raise ValueError("Not a valid choice.")
    return number


class Int64Field(IntegerField):
    """An ``IntegerField`` that refuses, as a form error, a number the database could not store or compare."""

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        self.data = parse_int64(valuelist[0])
        if self.data is None:
            raise ValueError(self.invalid_value_message or self.gettext("Not a valid integer value."))
