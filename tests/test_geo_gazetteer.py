"""The gazetteer: name keys, lookups with spelling variants, curated features, dump loading."""

from __future__ import annotations

import pytest

from consilience.errors import InputError
from consilience.geo import gazetteer as gz
from consilience.geo.normalize import exact_key, fold_key
from consilience.geo.sources import parse_geonames_dump, store_dump, user_places


@pytest.fixture(scope="module")
def gaz():
    return gz.default_gazetteer()


def test_keys_merge_transliteration_variants():
    assert exact_key("Zaporizhzhia’s") == "zaporizhzhias"
    assert exact_key("Sol'deu") == "soldeu"
    assert fold_key("Staromaiorske") == fold_key("Staromayorske")
    assert fold_key("Zaporizhzhia") == fold_key("Zaporizhzhya")
    assert fold_key("Dniprovskyi") == fold_key("Dniprovskyy") == fold_key("Dniprovsky")
    assert fold_key("Kharkiv") != fold_key("Kherson")


def _names(gaz, matches):
    return {gaz.names[m.index] for m in matches}


def test_lookup_variants_and_misspellings(gaz):
    hit = gaz.lookup("Staromayorske")
    assert "Staromaiorske" in _names(gaz, hit)
    rec = gaz.record(next(m.index for m in hit if gaz.names[m.index] == "Staromaiorske"))
    assert rec.country == "UA" and abs(rec.lat - 47.75) < 0.05 and abs(rec.lon - 36.79) < 0.05
    assert gaz.lookup("Zaporzhhia") == []
    fuzzy = gaz.fuzzy("Zaporzhhia")
    assert any(gaz.countries[m.index] == "UA" and gaz.population[m.index] > 500_000
               for m in fuzzy)
    assert any(gaz.names[m.index] == "Kyiv" for m in gaz.lookup("Kiev"))
    assert gaz.fuzzy("Lndn") == []  # too short to guess


def test_curated_seas_regions_and_aliases(gaz):
    azov = gaz.record(gaz.lookup("Sea of Azov")[0].index)
    assert azov.feature == "SEA" and 45 < azov.lat < 47.5 and 34.5 < azov.lon < 39.5
    assert any(gaz.record(m.index).country == "UA" for m in gaz.lookup("Crimea"))
    assert gaz.record(gaz.alias("demonym", "ukrainian")).country == "UA"
    assert gaz.record(gaz.alias("abbrev", "Ga.")).name == "Georgia"


DUMP_ROWS = [
    # geonameid name asciiname alternatenames lat lon fclass fcode cc cc2 a1 a2 a3 a4 pop ...
    ["9999001", "Robotyne", "Robotyne", "Rabotino,Работино,Роботине", "47.44", "35.84", "P",
     "PPL", "UA", "", "26", "", "", "", "300", "", "80", "Europe/Zaporozhye", "2023-01-01"],
    ["9999002", "Some Hill", "Some Hill", "", "47.5", "35.9", "T", "HLL", "UA", "", "26", "", "",
     "", "0", "", "120", "Europe/Zaporozhye", "2023-01-01"],
    ["9999003", "A Road", "A Road", "", "47.5", "35.9", "R", "RD", "UA", "", "26", "", "",
     "", "0", "", "120", "Europe/Zaporozhye", "2023-01-01"],
]


def test_geonames_dump_is_loaded_and_indexed(tmp_path):
    dump = tmp_path / "UA.txt"
    dump.write_text("\n".join("\t".join(r) for r in DUMP_ROWS) + "\n", encoding="utf-8")
    places = list(parse_geonames_dump(dump))
    assert [p.name for p in places] == ["Robotyne", "Some Hill"]  # roads are not kept
    assert "Rabotino" in places[0].alternates
    store = tmp_path / "data" / "gazetteer" / "UA.tsv"
    assert store_dump(places, store) == 2
    stored = list(user_places(store.parent))
    assert stored[0].geonames_id == 9999001 and stored[0].admin1 == "26"
    small = gz.build(stored)
    (m,) = small.lookup("Robotyne")
    assert small.record(m.index).lat == pytest.approx(47.44)
    assert small.lookup("Rabotino")[0].index == m.index  # alternate (Russian) name
    assert small.lookup("Роботине")[0].index == m.index  # Cyrillic, transliterated


def test_bad_dump_is_a_clear_input_error(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("this is not\ta geonames dump\n", encoding="utf-8")
    with pytest.raises(InputError, match="GeoNames dump"):
        list(parse_geonames_dump(bad))


def test_cli_load_rejects_a_missing_file(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from consilience.cli import cli

    monkeypatch.setenv("CONSILIENCE_DATA_DIR", str(tmp_path))
    res = CliRunner().invoke(cli, ["gazetteer", "load", str(tmp_path / "XX.txt")])
    assert res.exit_code == 1
    assert "no such file" in res.output


def test_cli_load_of_binary_or_empty_dump_is_one_line_and_keeps_the_stored_one(tmp_path,
                                                                               monkeypatch):
    from click.testing import CliRunner

    from consilience.cli import cli

    monkeypatch.setenv("CONSILIENCE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    stored = tmp_path / "data" / "gazetteer" / "UA.tsv"
    stored.parent.mkdir(parents=True)
    stored.write_text("1\tOldville\t\t47.00000\t36.00000\tPPL\tUA\t13\t10\n", encoding="utf-8")
    binary = tmp_path / "UA.txt"
    binary.write_bytes(b"\x00\xfd\xfe\xff" * 64)
    res = CliRunner().invoke(cli, ["gazetteer", "load", str(binary)])
    assert res.exit_code == 1
    assert res.exception is None or isinstance(res.exception, SystemExit)  # no crash
    lines = [ln for ln in res.output.splitlines() if ln.startswith("consilience:")]
    assert len(lines) == 1 and "not UTF-8" in lines[0] and str(binary) in lines[0]
    assert "Traceback" not in res.output
    assert stored.read_text(encoding="utf-8").startswith("1\tOldville")
    assert not list(stored.parent.glob("*.tmp"))
    empty = tmp_path / "XX.txt"
    empty.write_text("", encoding="utf-8")
    res = CliRunner().invoke(cli, ["gazetteer", "load", str(empty)])
    assert res.exit_code == 1 and "no places" in res.output
