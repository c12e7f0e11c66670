"""The interface's message catalogues: extract every marked string, merge it into the French and English
catalogues, and list what a catalogue still lacks.

``python -m factcheck.catalogues`` (``make messages``) refreshes ``factcheck/translations/<lang>/LC_MESSAGES/
messages.po`` from the source: new strings arrive empty in French (to be translated by hand) and equal to
themselves in English (the source language); strings no longer used are dropped. The build compiles the
catalogues to ``.mo`` files (``make translations``); ``tests/unit/test_catalogues.py`` fails while any string is
missing, untranslated or fuzzy. Marking: ``_``/``gettext`` where a request is running, ``_l``/``lazy_gettext``
for strings defined at import time (form labels), ``N_`` in modules that must not import Flask (the string is
translated where it is shown).
"""
from __future__ import annotations

import copy
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from factcheck.languages import DEFAULT_LANGUAGE, LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "factcheck" / "translations"
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "lazy_ngettext": (1, 2),
            # services' refusals: the message template is the first argument of the error (``core.errors``), the
            # third of ``guards.require``; ``str(exc)`` translates it where it is shown
            **dict.fromkeys(("Message", "ServiceError", "InvalidInput", "Conflict", "NotFound", "PermissionDenied",
                             "InvalidTransition", "reword")), "require": (3,)}
SKIPPED_DIRECTORIES = {".venv", "node_modules", ".git", "tests", "bench", "migrations", "docs", "artefacts",
                       "static", "instance"}


def _walk_filter(path: str) -> bool:
    name = Path(path).name
    return name not in SKIPPED_DIRECTORIES and not name.startswith((".", "_"))


def extract(root: Path = ROOT) -> Catalog:
    """Every marked string of the Python code and the templates (the mapping is ``babel.cfg``)."""
    with open(root / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    template = Catalog(project="factcheck", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
            str(root), method_map, options_map, keywords=KEYWORDS, directory_filter=_walk_filter):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def catalogue_path(language: str) -> Path:
    return TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"


def read(language: str) -> Catalog:
    with open(catalogue_path(language), "rb") as po:
        return read_po(po, locale=language)


def problems(template: Catalog, catalogue: Catalog) -> list[str]:
    """What keeps a catalogue from being complete: missing, untranslated and fuzzy messages."""
    found = []
    for message in template:
        if not message.id:
            continue
        entry = catalogue.get(message.id, context=message.context)
        if entry is None:
            found.append(f"missing: {message.id!r}")
            continue
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if not all(strings):
            found.append(f"untranslated: {message.id!r}")
        if entry.fuzzy:
            found.append(f"fuzzy: {message.id!r}")
    return found


def update(root: Path = ROOT) -> dict[str, list[str]]:
    """Merge the source's strings into every catalogue; returns each language's remaining problems."""
    template = extract(root)
    report = {}
    for language in LANGUAGES:
        path = catalogue_path(language)
        catalogue = read(language) if path.exists() else Catalog(locale=language, project="factcheck")
        catalogue.update(copy.deepcopy(template), no_fuzzy_matching=True)  # update shares the messages it adds
        catalogue.obsolete.clear()
        catalogue.fuzzy = False  # a fuzzy header keeps the whole catalogue from being compiled
        if language == DEFAULT_LANGUAGE:  # the source language: every string translates to itself
            for message in catalogue:
                if message.id:
                    message.string = message.id
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as po:
            write_po(po, catalogue, width=120, sort_output=True, include_previous=False)
        report[language] = problems(template, catalogue)
    return report


if __name__ == "__main__":
    remaining = update()
    for lang, issues in remaining.items():
        print(f"{lang}: {len(issues)} to do", *issues[:20], sep="\n  ")
    sys.exit(1 if any(remaining.values()) else 0)
