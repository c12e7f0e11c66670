"""Whole numbers from the request, bounded to what an ``Integer`` column holds (32 bits on PostgreSQL):
``<int:…>`` in every URL rule, ``int_arg`` for cursors and ids in query strings, ``DbIntField`` and
``coerce_db_int`` in forms. A larger number is an unknown id (404) or a bad request (400/422), never an overflow
inside the database driver."""
from __future__ import annotations

from flask import Flask, abort, request
from werkzeug.routing import IntegerConverter
from wtforms import IntegerField

from factcheck.services.core.numbers import DB_INT_MAX, parse_int


class DbIntConverter(IntegerConverter):
    """``<int:…>`` that does not match beyond ``DB_INT_MAX``, so the route answers 404 like any unknown id."""

    def __init__(self, map, *args, **kwargs):  # noqa: A002  (werkzeug's parameter name)
        kwargs.setdefault("max", DB_INT_MAX)
        super().__init__(map, *args, **kwargs)


def register_db_int_converter(app: Flask) -> None:
    """Replace the ``int`` URL converter; call before any blueprint adds its rules (they bind it when added)."""
    app.url_map.converters["int"] = DbIntConverter


def int_arg(name: str, *, minimum: int = 1, args=None) -> int | None:
    """A whole-number parameter (an id or a cursor) of the query string, or of ``args`` (``request.form``): None
    when absent, 400 when it is not a number the database can hold."""
    raw = (request.args if args is None else args).get(name, "")
    if not raw:
        return None
    value = parse_int(raw, minimum=minimum)
    if value is None:
        abort(400, description=f"The '{name}' parameter must be a whole number from {minimum} to {DB_INT_MAX}.")
    return value


def coerce_db_int(value) -> int:
    """``SelectField(coerce=coerce_db_int)``: an id from a select, refused as a form error beyond ``DB_INT_MAX``."""
    number = parse_int(str(value))
    if number is None:
        raise ValueError("Not a valid choice.")
    return number


class DbIntField(IntegerField):
    """An ``IntegerField`` that refuses, as a form error, a number the database could not store or compare."""

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        self.data = parse_int(valuelist[0])
        if self.data is None:
            raise ValueError(self.invalid_value_message or self.gettext("Not a valid integer value."))
