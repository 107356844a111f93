"""planner.i18n: catalogues read with Babel, placeholders, and no message without a translation."""
from __future__ import annotations

from pathlib import Path

import pytest

from centreplan.planner.errors import PlannerError
from centreplan.planner.i18n import (
    LANGUAGES,
    TranslationError,
    catalogue,
    placeholder_mismatches,
    translator,
    untranslated,
    used_messages,
)

ROOT = Path(__file__).resolve().parents[2]
APP_FILES = [ROOT / "app.py", *sorted((ROOT / "app_pages").rglob("*.py"))]  # plan_editor/ too

PO_FR = '''
msgid ""
msgstr ""
"Language: fr\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgid "Rooms"
msgstr "Pièces"

msgid "{n} beds"
msgstr "{n} lits"

msgid "Draft"
msgstr ""

#, fuzzy
msgid "Doors"
msgstr "Portes"
'''

PO_EN = '''
msgid ""
msgstr ""
"Language: en\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgid "Rooms"
msgstr "Rooms"

msgid "{n} beds"
msgstr "{n} beds"

msgid "Draft"
msgstr "Draft"

msgid "Doors"
msgstr "Doors"
'''


@pytest.fixture
def locales(tmp_path: Path) -> Path:
    for lang, text in (("fr", PO_FR), ("en", PO_EN)):
        d = tmp_path / lang / "LC_MESSAGES"
        d.mkdir(parents=True)
        (d / "demo.po").write_text(text, encoding="utf-8")
    return tmp_path


def test_translator_reads_the_po_catalogue_and_fills_placeholders(locales):
    _ = translator("fr", "demo", locales)
    assert _("Rooms") == "Pièces"
    assert _("{n} beds", n=12) == "12 lits"


def test_empty_and_fuzzy_entries_are_not_translations(locales):
    _ = translator("fr", "demo", locales)
    # "Draft" has an empty msgstr and "Doors" is fuzzy: both fall back to the English id
    assert _("Draft") == "Draft"
    assert _("Doors") == "Doors"
    assert untranslated(["Rooms", "Draft", "Doors", "Windows"], "demo", locales) == {
        "fr": ["Doors", "Draft", "Windows"],
        "en": ["Windows"],
    }


def test_an_edited_catalogue_is_read_again(locales):
    assert translator("fr", "demo", locales)("Rooms") == "Pièces"
    po = locales / "fr" / "LC_MESSAGES" / "demo.po"
    po.write_text(PO_FR.replace('"Pièces"', '"Salles"'), encoding="utf-8")
    import os
    st = po.stat()
    os.utime(po, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert translator("fr", "demo", locales)("Rooms") == "Salles"


def test_unknown_language_and_missing_domain_are_clear_errors(locales):
    with pytest.raises(TranslationError, match="'de' is not available; choose one of: en, fr"):
        translator("de", "demo", locales)
    with pytest.raises(PlannerError, match="no message catalogue for domain 'nothing' in 'fr'"):
        translator("fr", "nothing", locales)


def test_a_broken_catalogue_is_a_clear_error(locales):
    (locales / "fr" / "LC_MESSAGES" / "broken.po").write_text('msgid "a"\nmsgid "b"\nmsgstr "x"\n', encoding="utf-8")
    with pytest.raises(TranslationError, match="broken.po: cannot read the message catalogue"):
        catalogue("fr", "broken", locales)


def test_used_messages_finds_keyword_calls_and_N_marks(tmp_path):
    src = tmp_path / "page.py"
    src.write_text(
        'from centreplan.planner.i18n import N_\n'
        'LABELS = {"men": N_("Men")}\n'
        'def show(_):\n'
        '    return _("Rooms"), _("{n} beds", n=3), f"not {1}", str("plain")\n',
        encoding="utf-8")
    found = used_messages([src])
    assert sorted(found) == ["Men", "Rooms", "{n} beds"]
    assert found["Rooms"] == [f"{src}:4"]


def test_placeholder_mismatch_is_found(locales):
    po = locales / "fr" / "LC_MESSAGES" / "demo.po"
    po.write_text(PO_FR.replace('"{n} lits"', '"{count} lits"'), encoding="utf-8")
    assert placeholder_mismatches("demo", locales) == ["fr/demo: '{n} beds' -> '{count} lits'"]


# ---- the app's own catalogue ------------------------------------------------------------------

def test_every_app_message_is_translated_in_both_languages():
    used = used_messages([f for f in APP_FILES if f.exists()])
    assert len(used) > 0  # the app does use the catalogue
    missing = untranslated(used, "app")
    assert missing == {}, "\n".join(
        f"{lang}: {m!r} (used at {', '.join(used[m])})" for lang, ms in missing.items() for m in ms)


def test_app_translations_keep_their_placeholders():
    assert placeholder_mismatches("app") == []


def test_both_languages_have_an_app_catalogue():
    for lang in LANGUAGES:
        assert catalogue(lang, "app")


def test_no_message_is_translated_inside_an_f_string():
    """Regression (Compliance page showed 'Measured' and 'Suggested fix' in English in French): the
    extractor cannot see ``_("…")`` inside an f-string, so such a message never reaches the catalogue."""
    import re

    found = []
    for f in APP_FILES:
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"""\{\s*_\(\s*['"]""", line):
                found.append(f"{f.name}:{n}: {line.strip()}")
    assert found == []


def test_every_text_the_plan_editor_script_shows_is_a_translated_label():
    """The component's JavaScript shows no text of its own: each one is a key of plan_editor.LABELS,
    translated by the page (``this.t("undo")``, ``this.t("hint_" + mode)``, ``this.t("route_" + kind)``)."""
    import re

    from app_pages.plan_editor import LABELS

    js = (ROOT / "app_pages" / "plan_editor" / "editor.js").read_text(encoding="utf-8")
    keys = set(re.findall(r"""this\.t\(\s*["'](\w+)["']\s*\)""", js))
    modes = set(re.findall(r'"(\w+)"', re.search(r"const modes = \[([^\]]*)\]", js).group(1))) | {"merge"}
    keys |= {f"hint_{m}" for m in modes} | {f"route_{k}" for k in ("exit", "wc")}
    assert {"undo", "redo", "hint_select", "hint_door"} <= keys
    assert keys - set(LABELS) == set()
    assert untranslated(used_messages([ROOT / "app_pages" / "plan_editor" / "__init__.py"]), "app") == {}
