"""The Swedish catalogues are complete (issue 15): every string the code and templates
mark for translation has a Swedish translation, none is fuzzy and none is empty."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext, ngettext, npgettext, pgettext

from samtrygg.testing.catalogues import Entry, read_po

SRC = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(SRC.glob("*/locale/sv/LC_MESSAGES/django.po")) + sorted(
    SRC.glob("locale/sv/LC_MESSAGES/django.po")
)


def _where(path: Path, entry: Entry) -> str:
    context = f" [{entry.context}]" if entry.context else ""
    return f"{path.relative_to(SRC)}:{entry.line}: {entry.msgid!r}{context}"


def test_there_are_catalogues() -> None:
    assert len(CATALOGUES) >= 10


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.relative_to(SRC).parts[0])
def test_no_fuzzy_or_empty_translation(path: Path) -> None:
    bad = [
        f"{_where(path, e)}: {'fuzzy' if e.fuzzy else 'not translated'}"
        for e in read_po(path)
        if e.fuzzy or e.untranslated
    ]
    assert not bad, "\n".join(bad)


def _xgettext() -> None:
    if shutil.which("xgettext") is None:
        message = "xgettext is not installed (apt install gettext)"
        if os.environ.get("SAMTRYGG_REQUIRE_TOOLS") == "1":
            pytest.fail(message)
        pytest.skip(message)


@pytest.mark.parametrize(
    "path",
    [p for p in CATALOGUES if p.parts[-5] != "samtrygg"],
    ids=lambda p: p.relative_to(SRC).parts[0],
)
def test_every_marked_string_is_in_the_catalogue(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``make messages`` run on a copy of the app finds nothing the catalogue lacks."""
    _xgettext()
    app = path.parents[3]
    copy = tmp_path / app.name
    shutil.copytree(
        app, copy, ignore=shutil.ignore_patterns("tests", "__pycache__", "static", "*.mo")
    )
    monkeypatch.chdir(copy)
    call_command(
        "makemessages",
        locale=["sv"],
        no_obsolete=True,
        no_wrap=True,
        add_location="file",
        ignore_patterns=["tests/*"],
        verbosity=0,
    )
    known = {e.key for e in read_po(path)}
    fresh = read_po(copy / "locale/sv/LC_MESSAGES/django.po")
    missing = [
        f"{app.name}: {e.msgid!r}" + (f" [{e.context}]" if e.context else "")
        for e in fresh
        if e.key not in known
    ]
    assert not missing, "marked for translation but missing from the catalogue:\n" + "\n".join(
        missing
    )


def _shown(entry: Entry) -> list[str]:
    if entry.plural is not None:
        return [
            npgettext(entry.context, entry.msgid, entry.plural, n)
            if entry.context is not None
            else ngettext(entry.msgid, entry.plural, n)
            for n in (1, 2)
        ]
    if entry.context is not None:
        return [pgettext(entry.context, entry.msgid)]
    return [gettext(entry.msgid)]


def test_every_translation_is_the_one_shown() -> None:
    """Django merges every app's catalogue into one: when two apps translate the same
    English string differently, one of them shows the other's words ("Problem" in the
    theory of change showed the import screen's "Fel"). Such a string needs a context
    (``pgettext``) or one agreed translation."""
    wrong = []
    with translation.override("sv"):
        for path in CATALOGUES:
            for entry in read_po(path):
                shown = _shown(entry)
                if shown != entry.translations[: len(shown)]:
                    wrong.append(f"{_where(path, entry)}: {entry.translations} shown as {shown}")
    assert not wrong, "\n".join(wrong)
