import json

from centreplan.planner.cli import main


def test_info_reports_beds_versus_population(small_file, capsys):
    assert main(["info", str(small_file)]) == 0
    out = capsys.readouterr().out
    assert "beds 8 for 8 residents" in out
    assert "4 rooms, 4 doors (1 exits)" in out
    # floor area: corridor 40 + D1 20 + D2 20 + S 12 = 92 m²
    assert "floor area 92.0 m²" in out


def test_info_json(small_file, capsys):
    assert main(["info", str(small_file), "--format", "json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["beds_by_group"]["men"] == 8 and info["population"]["men"] == 8
    assert info["area_by_use_m2"] == {"corridor": 40.0, "dormitory": 40.0, "sanitary": 12.0}


def test_validate_ok(small_file, capsys):
    assert main(["validate", str(small_file)]) == 0
    assert capsys.readouterr().out.startswith(f"ok {small_file}: Petit centre, 4 rooms, 4 doors")


def test_unexpected_errors_show_no_traceback(small_file, capsys, monkeypatch):
    import centreplan.planner.cli as cli

    def broken(centre):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cli, "layout_info", broken)
    assert main(["info", str(small_file)]) == 2
    err = capsys.readouterr().err
    assert "unexpected error: ZeroDivisionError" in err and "Traceback" not in err
