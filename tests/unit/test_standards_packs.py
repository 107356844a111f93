"""Rule packs load through pydantic; a typo fails at load naming the pack file and the rule."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from centreplan.planner.errors import PackError
from centreplan.standards import default_pack_names, load_pack_file, load_packs, pack_names
from centreplan.standards.packs import PACKS_DIR


def _write(tmp_path: Path, name: str, data: dict) -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _humanitarian() -> dict:
    return yaml.safe_load((PACKS_DIR / "humanitarian.yaml").read_text(encoding="utf-8"))


def test_bundled_packs_and_defaults() -> None:
    assert pack_names() == ["integrity", "humanitarian", "protection", "accessibility", "fire", "fr-cra"]
    assert default_pack_names() == ["integrity", "humanitarian", "protection", "accessibility", "fire"]
    assert [p.id for p in load_packs()] == ["integrity", "humanitarian", "protection", "accessibility", "fire"]


def test_integrity_cannot_be_disabled() -> None:
    assert [p.id for p in load_packs(["fire"])] == ["integrity", "fire"]
    assert [p.id for p in load_packs([])] == ["integrity"]


def test_unknown_pack_lists_the_valid_ones() -> None:
    with pytest.raises(PackError) as e:
        load_packs(["humanitarain"])
    assert "humanitarain" in str(e.value)
    assert "integrity, humanitarian, protection, accessibility, fire, fr-cra" in str(e.value)


def test_every_rule_cites_a_source_and_speaks_both_languages() -> None:
    for pack in load_packs(pack_names()):
        for rule in pack.rules:
            assert rule.sources and rule.cite()
            assert rule.message.en and rule.message.fr
            assert rule.title.en and rule.title.fr
            assert rule.status in ("verified", "secondary", "unverified")


def test_typo_in_a_parameter_name_names_file_and_rule(tmp_path: Path) -> None:
    data = _humanitarian()
    rule = next(r for r in data["rules"] if r["id"] == "AREA-SLEEP-HUM")
    rule["params"]["minn"] = rule["params"].pop("min")
    with pytest.raises(PackError) as e:
        load_pack_file(_write(tmp_path, "humanitarian", data))
    text = str(e.value)
    assert text.startswith("humanitarian.yaml: rule AREA-SLEEP-HUM: ")
    assert "minn" in text


def test_typo_in_a_rule_key_names_file_and_rule(tmp_path: Path) -> None:
    data = _humanitarian()
    rule = next(r for r in data["rules"] if r["id"] == "LOCK-WC")
    rule["severty"] = rule.pop("severity")
    with pytest.raises(PackError) as e:
        load_pack_file(_write(tmp_path, "humanitarian", data))
    assert "humanitarian.yaml: rule LOCK-WC:" in str(e.value)
    assert "severty" in str(e.value)


def test_wrong_unit_names_file_rule_and_parameter(tmp_path: Path) -> None:
    data = _humanitarian()
    rule = next(r for r in data["rules"] if r["id"] == "DIST-WC")
    rule["params"]["max"] = "50 kg"
    with pytest.raises(PackError) as e:
        load_pack_file(_write(tmp_path, "humanitarian", data))
    assert "humanitarian.yaml: rule DIST-WC: params.max" in str(e.value)
    assert "not a length" in str(e.value)


def test_unknown_kind_and_phase_and_placeholder(tmp_path: Path) -> None:
    data = _humanitarian()
    data["rules"][0]["kind"] = "min_areaa"
    with pytest.raises(PackError, match=r"rule AREA-SLEEP-HUM: kind: 'min_areaa' is not a rule kind"):
        load_pack_file(_write(tmp_path, "humanitarian", data))
    data = _humanitarian()
    rule = next(r for r in data["rules"] if r["id"] == "FIX-WC-HUM")
    rule["params"]["persons_per"]["wc"]["by_phase"]["stabilized"] = rule["params"]["persons_per"]["wc"]["by_phase"].pop("stabilised")
    with pytest.raises(PackError, match=r"rule FIX-WC-HUM: .*'stabilized' is not one of emergency, stabilised"):
        load_pack_file(_write(tmp_path, "humanitarian", data))
    data = _humanitarian()
    data["rules"][0]["message"]["fr"] = "{Subject} : {mesured}"
    with pytest.raises(PackError, match=r"rule AREA-SLEEP-HUM: message.fr: unknown placeholder \{mesured\}"):
        load_pack_file(_write(tmp_path, "humanitarian", data))


def test_pack_id_must_match_its_file(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="must match the file name"):
        load_pack_file(_write(tmp_path, "other", _humanitarian()))


def test_unverified_densities_load_and_are_flagged() -> None:
    fire = next(p for p in load_packs(["fire"]) if p.id == "fire")
    rule = fire.rule("EXITS-COUNT")
    assert rule.p.densities == {"dining": 1.0, "waiting": 1.0, "recreation": 1.0, "office": 0.1}
    assert rule.unverified_note("densities") is not None


def test_thresholds_by_phase_and_climate_are_data() -> None:
    packs = {p.id: p for p in load_packs(["humanitarian"])}
    wc = packs["humanitarian"].rule("FIX-WC-HUM").p.persons_per["wc"]
    assert (wc.at("emergency", "hot"), wc.at("stabilised", "hot")) == (50, 20)
    height = packs["humanitarian"].rule("HEIGHT-HUM").p.min
    assert (height.at("stabilised", "hot"), height.at("stabilised", "temperate")) == (2.6, 2.0)
