"""Labels of exported documents: every message the exports use has a translation in both languages."""
from pathlib import Path

import pytest

from centreplan.exports.labels import beds_label, group_label, number, use_label
from centreplan.planner.errors import ExportError
from centreplan.planner.i18n import placeholder_mismatches, untranslated, used_messages
from centreplan.planner.model import GROUPS, USES

EXPORT_FILES = sorted((Path(__file__).resolve().parents[2] / "exports").glob("*.py"))


def test_every_export_message_is_translated_in_both_languages():
    used = used_messages(EXPORT_FILES)
    assert "Rooms" in used and "Procurement list" in used  # extraction finds literal and N_ strings
    assert untranslated(used, "exports") == {}
    assert placeholder_mismatches("exports") == []


def test_every_use_and_group_has_a_name_in_the_vocabulary():
    for lang in ("en", "fr"):
        assert all(use_label(u, lang) != u for u in USES)
        assert all(group_label(g, lang) != g for g in GROUPS)


def test_words_in_french_and_english():
    assert use_label("dormitory", "fr") == "Dortoir"
    assert use_label("dormitory", "en") == "Dormitory"
    assert group_label("boys", "fr") == "Garçons (non accompagnés)"
    assert use_label("legal", "en") == "Legal advice" and use_label("legal", "fr") == "Conseil juridique"
    # regression: "girls (UASC)" on the plan was unexplained; the plan spells the group out
    assert group_label("girls", "en", short=True) == "girls (unaccompanied)"
    assert group_label("boys", "fr", short=True) == "garçons (non accompagnés)"
    assert beds_label(1, "fr") == "1 lit" and beds_label(6, "fr") == "6 lits" and beds_label(6, "en") == "6 beds"


def test_numbers_use_a_decimal_comma_in_french():
    assert number(1234.5, 1, "en") == "1,234.5"
    assert number(1234.5, 1, "fr") == "1\u202f234,5"  # the one number format (planner.numbers)


def test_unknown_language_names_the_field():
    with pytest.raises(ExportError, match="lang: 'es' is not available; choose one of: en, fr"):
        use_label("dormitory", "es")
