"""Language detection on paragraphs written for these tests."""

import pytest

from factcheck.ingest.errors import UnsupportedLanguage
from factcheck.ingest.language import (
    SUPPORTED_EXTRACTION_LANGUAGES,
    detect_language,
    ensure_extraction_language,
    normalize_language,
)

FRENCH = ("Selon la préfecture, le nombre de bus en circulation dans l'agglomération a baissé d'un tiers "
          "depuis la rentrée, faute de chauffeurs. Les usagers dénoncent des retards quotidiens.")
ENGLISH = ("According to the county council, the number of buses running in the city has fallen by a third "
           "since September because of a shortage of drivers. Passengers complain of daily delays.")
SPANISH = ("Según el ayuntamiento, el número de autobuses en circulación ha bajado un tercio desde septiembre "
           "por la falta de conductores. Los usuarios denuncian retrasos todos los días.")
GERMAN = ("Nach Angaben der Stadtverwaltung ist die Zahl der Busse seit September um ein Drittel gesunken, "
          "weil Fahrer fehlen. Die Fahrgäste beklagen sich über tägliche Verspätungen.")


@pytest.mark.parametrize(("text", "code"), [(FRENCH, "fr"), (ENGLISH, "en"), (SPANISH, "es"), (GERMAN, "de")])
def test_paragraphs_are_detected(text, code):
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "ok", "12 345 678 — 90 %", "    "])
def test_too_little_text_gives_none(text):
    assert detect_language(text) is None


def test_supported_extraction_languages():
    assert SUPPORTED_EXTRACTION_LANGUAGES == ("fr", "en")
    assert ensure_extraction_language("fr-FR") == "fr"
    with pytest.raises(UnsupportedLanguage) as info:
        ensure_extraction_language("de")
    assert info.value.code == "unsupported_language"
    with pytest.raises(UnsupportedLanguage):
        ensure_extraction_language(None)


@pytest.mark.parametrize(("raw", "code"), [("fr-FR", "fr"), ("EN_gb", "en"), ("fr", "fr"), ("", None),
                                          ("français", None), (None, None)])
def test_normalize_language(raw, code):
    assert normalize_language(raw) == code
