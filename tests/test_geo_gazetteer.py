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


class _Planted:
    """A pickle that, once unpickled, creates the marker file (as a shell command could)."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def _small_gazetteer(tmp_path):
    dump = tmp_path / "UA.txt"
    dump.write_text("\n".join("\t".join(r) for r in DUMP_ROWS) + "\n", encoding="utf-8")
    return gz.build(list(parse_geonames_dump(dump)))


def test_planted_pickle_in_the_cache_is_never_executed(tmp_path, monkeypatch, caplog):
    """The cache is read as plain arrays: a pickle planted at the old or the new cache path runs
    nothing, is replaced by a rebuilt cache, and the rebuild is one warning line."""
    import pickle

    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setenv("CONSILIENCE_CACHE_DIR", str(cache))
    small = _small_gazetteer(tmp_path)
    monkeypatch.setattr(gz, "build", lambda places=None: small)
    new = gz.cache_path()
    assert new.parent == cache and new.suffix == ".npz"
    old = new.with_suffix(".pickle")
    markers = [tmp_path / "ran-old", tmp_path / "ran-new"]
    old.write_bytes(pickle.dumps(_Planted(markers[0])))
    new.write_bytes(pickle.dumps(_Planted(markers[1])))
    with caplog.at_level("WARNING", logger="consilience.geo.gazetteer"):
        gaz = gz.load()
    assert not any(m.exists() for m in markers)
    assert gaz.names == small.names
    (warning,) = [r.getMessage() for r in caplog.records]
    assert "\n" not in warning and "rebuilding" in warning and str(new) in warning
    assert not old.exists()
    again = gz.read_cache(new)  # the planted file was replaced by a valid cache
    assert again.names == small.names and again.exact == small.exact
    assert again.folded == small.folded and again.aliases == small.aliases
    assert again.lookup("Rabotino")[0].index == small.lookup("Robotyne")[0].index


def test_corrupt_cache_is_rebuilt_with_a_warning(tmp_path, monkeypatch, caplog):
    cache = tmp_path / "cache"
    monkeypatch.setenv("CONSILIENCE_CACHE_DIR", str(cache))
    small = _small_gazetteer(tmp_path)
    built = []
    monkeypatch.setattr(gz, "build", lambda places=None: built.append(1) or small)
    gz.load()  # writes the cache
    assert built == [1]
    path = gz.cache_path()
    assert gz.read_cache(path).names == small.names
    assert gz.load().names == small.names and built == [1]  # read back, not rebuilt
    data = path.read_bytes()
    for damaged in (data[: len(data) // 2], b"\x00garbage" * 10, b""):
        path.write_bytes(damaged)
        caplog.clear()
        with caplog.at_level("WARNING", logger="consilience.geo.gazetteer"):
            gaz = gz.load()
        assert gaz.names == small.names
        (warning,) = [r.getMessage() for r in caplog.records]
        assert "\n" not in warning and "rebuilding" in warning
        assert gz.read_cache(path).names == small.names
    assert built == [1, 1, 1, 1]


def test_no_pickle_is_read_from_disk_in_the_product():
    from pathlib import Path

    src = Path(gz.__file__).resolve().parents[1]
    offenders = [str(p) for p in src.rglob("*.py")
                 for word in ("pickle.load", "joblib.load", "allow_pickle=True", "import dill",
                              "marshal.load")
                 if word in p.read_text(encoding="utf-8")]
    assert offenders == []
