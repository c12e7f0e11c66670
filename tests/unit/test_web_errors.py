"""The one table that gives each domain error its HTTP status."""
import importlib
import pkgutil

import pytest
from sqlalchemy.orm.exc import StaleDataError

import factcheck.services
from factcheck.services.core import errors
from factcheck.web.errors import STATUS_FOR_ERROR, status_for


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_service_error_has_its_own_entry():
    for module in pkgutil.walk_packages(factcheck.services.__path__, "factcheck.services."):
        importlib.import_module(module.name)  # a subclass defined in any service module counts
    ours = [cls for cls in _subclasses(errors.ServiceError) if cls.__module__.startswith("factcheck.")]
    missing = [cls.__name__ for cls in ours if cls not in STATUS_FOR_ERROR]
    assert len(ours) >= 4
    assert missing == [], f"add these to factcheck.web.errors.STATUS_FOR_ERROR: {missing}"


@pytest.mark.parametrize(("error", "status"), [
    (errors.ServiceError("x"), 400),
    (errors.InvalidInput("x"), 422),
    (errors.PermissionDenied("x"), 403),
    (errors.NotFound("x"), 404),
    (errors.Conflict("x", ["title"]), 409),
    (errors.InvalidTransition("x"), 409),
    (StaleDataError("x"), 409),
])
def test_status_for_each_domain_error(error, status):
    assert status_for(error) == status


def test_a_subclass_without_an_entry_takes_its_nearest_parents_status():
    class Gone(errors.NotFound):
        pass

    assert status_for(Gone("x")) == 404


def test_an_error_outside_the_table_has_no_status():
    with pytest.raises(KeyError):
        status_for(ValueError("x"))
