"""The French and English catalogues hold every marked string of the source, translated, none fuzzy, and the
build compiled them (``make translations``)."""
import pytest
from babel.messages.catalog import Catalog

from factcheck import catalogues
from factcheck.languages import LANGUAGES


@pytest.fixture(scope="module")
def template():
    return catalogues.extract()


def test_the_source_marks_interface_strings(template):
    ids = {m.id for m in template if m.id}
    assert "Preferences" in ids  # read from the templates


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_catalogue_is_complete(template, language):
    problems = catalogues.problems(template, catalogues.read(language))
    assert problems == [], f"run `make messages` and translate; {len(problems)} problems: {problems[:15]}"


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_compiled_catalogue_is_up_to_date(language):
    po = catalogues.catalogue_path(language)
    mo = po.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime, "run `make translations`"


def test_problems_names_missing_untranslated_and_fuzzy_messages():
    template = Catalog()
    for msgid in ("Save", "Cancel", "Delete", "Keep"):
        template.add(msgid)
    catalogue = Catalog(locale="fr")
    catalogue.add("Save", "Enregistrer")
    catalogue.add("Cancel", "")
    catalogue.add("Delete", "Supprimer", flags=["fuzzy"])
    assert catalogues.problems(template, catalogue) == [
        "untranslated: 'Cancel'", "fuzzy: 'Delete'", "missing: 'Keep'"]
