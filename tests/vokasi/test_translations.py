"""Bahasa Indonesia is the default language: every interface text must have it."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

PO_FILES = sorted(Path(settings.BASE_DIR).glob("*/locale/id/LC_MESSAGES/django.po"))


def test_every_app_with_text_has_an_indonesian_catalogue():
    apps = {path.parts[-5] for path in PO_FILES}
    assert {"vokasi", "trainees", "placements"} <= apps


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda p: p.parts[-5])
def test_every_text_is_translated_and_compiled(po_path):
    po = polib.pofile(str(po_path))
    missing = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not missing, f"untranslated in {po_path}: {missing[:10]}"
    assert not fuzzy, f"fuzzy in {po_path}: {fuzzy[:10]}"
    compiled = polib.mofile(str(po_path.with_suffix(".mo")))
    in_mo = {(e.msgctxt, e.msgid): e.msgstr for e in compiled}
    stale = [
        e.msgid
        for e in po.translated_entries()
        if not e.msgid_plural and in_mo.get((e.msgctxt, e.msgid)) != e.msgstr
    ]
    assert not stale, f"{po_path.with_suffix('.mo')} is out of date: run make messages"


GETTEXT_NAMES = {"_", "_l", "_lazy", "gettext", "gettext_lazy", "pgettext", "ngettext"}


def translations_inside_f_strings(root: Path) -> list[str]:
    """Where a module calls gettext inside an f-string: ``make messages`` cannot read it
    there, so the message leaves the catalogue the next time it is regenerated."""
    import ast

    found = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.FormattedValue)
                and isinstance(node.value, ast.Call)
                and isinstance(node.value.func, ast.Name)
                and node.value.func.id in GETTEXT_NAMES
            ):
                found.append(f"{path.relative_to(root.parent)}:{node.lineno}")
    return found


@pytest.mark.parametrize("app", ["vokasi", "trainees", "placements", "reports", "demo"])
def test_no_message_is_marked_inside_an_f_string(app):
    assert translations_inside_f_strings(Path(settings.BASE_DIR) / app) == []


def test_the_f_string_check_sees_one(tmp_path):
    app = tmp_path / "app"
    app.mkdir()
    (app / "views.py").write_text('name = f"{_(\'outcomes\')}-2026"\nok = _("outcomes") + "-"\n')
    assert translations_inside_f_strings(app) == ["app/views.py:1"]
