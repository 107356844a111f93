"""The bases of equipment quantities are template keys and numbers, written per language by one
renderer (equipment/basis.py, equipment/bases.yaml): the templates agree between languages, name
only units of the one vocabulary, and render numbers in each language's format."""
from __future__ import annotations

import re

import pytest

from centreplan.equipment import sizing as sz
from centreplan.equipment.basis import basis, known_unit, placeholders, templates
from centreplan.planner.numbers import NARROW_NBSP, NBSP


def test_every_template_has_the_same_placeholders_in_both_languages() -> None:
    def names(k: str, lang: str) -> list[str]:
        return sorted(name for name, _ in placeholders(k, lang))
    bad = {k: (names(k, "en"), names(k, "fr")) for k in templates() if names(k, "en") != names(k, "fr")}
    assert bad == {}


def test_every_unit_of_a_template_is_in_the_vocabulary() -> None:
    bad = [(k, name, spec) for k in templates() for lang in ("en", "fr") for name, spec in placeholders(k, lang)
           if "{" not in spec and not known_unit(spec)]
    assert bad == []


def test_an_unknown_key_fails_when_the_basis_is_made_not_when_it_is_printed() -> None:
    with pytest.raises(KeyError, match="no template 'blanket'"):
        basis("blanket", k=1, n=2)


def test_numbers_and_units_are_written_in_each_language() -> None:
    # 250 g × 1 234 persons × 1.5 months = 462.75 kg → 1 851 bars of 250 g (worked by hand)
    b = sz.bathing_soap(1234, 1.5, 250, 250)
    assert b.value == 1851
    assert b.basis_en == "250 g/person/month × 1,234 persons × 1.5 months = 462.75 kg = 1,851 bars of 250 g"
    assert b.basis_fr == (f"250{NBSP}g/personne/mois × 1{NARROW_NBSP}234{NBSP}personnes × 1,5{NBSP}mois = "
                          f"462,75{NBSP}kg = 1{NARROW_NBSP}851{NBSP}pains de 250{NBSP}g")


def test_counted_words_follow_each_language_s_plural() -> None:
    # French writes the singular below 2 (1,5 jour), English only for exactly one (1.5 days)
    s = sz.water_storage(1000, 1.5, 1.0)
    assert s.basis_en == "1,000 L/day × 1.5 days"
    assert s.basis_fr == f"1{NARROW_NBSP}000{NBSP}L/jour × 1,5{NBSP}jour"
    one = sz.dining_seats(1, 1)
    assert one.basis_en == "ceil(1 resident / 1 sitting)" and one.basis_fr == f"plafond(1{NBSP}résident / 1{NBSP}service)"


def test_parts_follow_the_basis_with_their_own_punctuation() -> None:
    t = sz.toilets(120, "emergency", females=60, males=60)
    b = t.basis.plus("toilets.layout", n=4)
    assert b.en.endswith("; the layout has 4 WCs") and b.fr.endswith(" ; le plan compte 4 WC")


def test_warnings_and_notes_are_written_in_french() -> None:
    # 140 users × 18 L/person/day is below the 40 L/person/day of the UNHCR tool
    septic = sz.septic_tank(140, 18)
    assert not septic.applicable
    (note,) = septic.notes
    assert "below the 40 L/person/day" in note.en
    assert note.fr.startswith("les eaux usées réunies, 18") and not re.search(r"\d\.\d", note.fr)
