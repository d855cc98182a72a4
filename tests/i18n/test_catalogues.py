"""The shipped catalogues match the code: every message extracted from the bundled
templates and Python modules is in the .pot and translated in every .po, and no
catalogue holds messages the code no longer prints (a stale catalogue)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from briefgen.i18n.catalogues import BUNDLED, compile_po, mo_bytes

ROOT = Path(__file__).resolve().parents[2]
POT = BUNDLED / "briefgen.pot"
SHIPPED = sorted(BUNDLED.glob("*/LC_MESSAGES/briefgen.po"))


def extracted(root: Path = ROOT) -> set[tuple[str | None, str | tuple]]:
    """(context, msgid) of every message in ``root``'s templates and Python, as pybabel sees it."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh, "babel.cfg")
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
            str(root), method_map, options_map):
        found.add((context, message))
    return found


def catalogue_ids(path: Path) -> set[tuple[str | None, str | tuple]]:
    """(context, msgid) of a catalogue's live (not obsolete) messages."""
    with path.open("rb") as fh:
        catalog = read_po(fh)
    return {(m.context, m.id if isinstance(m.id, str) else tuple(m.id))
            for m in catalog if m.id}


def _missing_or_stale(code: set, catalogue: set) -> tuple[set, set]:
    return code - catalogue, catalogue - code


def test_english_and_russian_are_shipped():
    assert {p.parent.parent.name for p in SHIPPED} >= {"en", "ru"}


def test_the_template_catalogue_matches_the_code():
    missing, stale = _missing_or_stale(extracted(), catalogue_ids(POT))
    assert not missing, f"run scripts/update_catalogues.sh: not in briefgen.pot: {missing}"
    assert not stale, f"run scripts/update_catalogues.sh: no longer in the code: {stale}"


@pytest.mark.parametrize("po", SHIPPED, ids=lambda p: p.parent.parent.name)
def test_every_catalogue_is_complete_and_current(po):
    missing, stale = _missing_or_stale(extracted(), catalogue_ids(po))
    assert not missing, f"{po}: untranslated (not in the catalogue): {missing}"
    assert not stale, f"{po}: stale messages: {stale}"
    with po.open("rb") as fh:
        catalog = read_po(fh)
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{po}: empty translation of {message.id!r}"
        assert "fuzzy" not in message.flags, f"{po}: fuzzy translation of {message.id!r}"
    # Babel's own checks: the same %(name)s placeholders, right number of plural forms
    problems = [(m.id, errs) for m, errs in catalog.check()]
    assert not problems, f"{po}: {problems}"


def test_a_new_template_label_is_caught(tmp_path):
    """The check above is real: a label added to a copy of the templates is reported."""
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    brief = tmp_path / "templates" / "brief.md.j2"
    brief.write_text(brief.read_text(encoding="utf-8") + '\n{{ _("A label nobody translated") }}\n',
                     encoding="utf-8")
    missing, _ = _missing_or_stale(extracted(tmp_path), catalogue_ids(POT))
    assert (None, "A label nobody translated") in missing


@pytest.mark.parametrize("po", SHIPPED, ids=lambda p: p.parent.parent.name)
def test_catalogues_compile(po):
    mo = compile_po(po.read_bytes(), str(po))
    assert mo[:4] in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")  # the .mo magic number


def test_a_po_newer_than_its_mo_is_compiled_afresh(tmp_path):
    """A stale .mo beside an edited .po is not read (a catalogue being translated)."""
    import os

    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "briefgen.po"
    po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "Sources"\nmsgstr "Quellen"\n', encoding="utf-8")
    (folder / "briefgen.mo").write_bytes(b"not a catalogue")
    old = po.stat().st_mtime - 3600
    os.utime(folder / "briefgen.mo", (old, old))
    from babel.support import Translations

    tr = Translations(io.BytesIO(mo_bytes(po)))
    assert tr.gettext("Sources") == "Quellen"
