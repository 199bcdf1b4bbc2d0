"""`conflictwire places import`: the user's GeoNames dumps and CSV files, used ahead of the bundled towns.

The fixture tests/fixtures/places/XX.txt is written by hand in the real dump format (19 tab-separated
columns); its places are invented so that nothing bundled can answer for them.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictwire.cli import app
from conflictwire.gazetteer import Gazetteer, GeoContext, get_gazetteer
from conflictwire.places_import import ImportProblem, import_files

FIXTURES = Path(__file__).parent / "fixtures" / "places"


@pytest.fixture()
def imported(tmp_path) -> Gazetteer:
    import_files([FIXTURES / "XX.txt", FIXTURES / "alternateNamesV2.txt", FIXTURES / "analyst.csv"], cache=tmp_path)
    return Gazetteer(get_gazetteer().path, user_places=tmp_path / "user-places.sqlite")


def test_an_imported_village_resolves_with_its_governorate_and_district(imported):
    place = imported.resolve("Kharbat Umm Sawsan", GeoContext(countries=("SY",)))
    assert place is not None and place.country_code == "SY"
    assert (place.admin1, place.admin2, place.geo_precision) == ("Idleb", "Mintaqat Wadi al Ghazlan", 1)
    assert "GeoNames 9900003" in place.source and "[PPL]" in place.source
    # an alternate name from alternateNamesV2, and a transliteration of the dump's own name
    assert imported.resolve("Khirbet Umm Sawsan", GeoContext(countries=("SY",))).place_id == place.place_id
    assert imported.resolve("Tell Zahrat al-Qamh").latitude == pytest.approx(35.7012)


def test_imported_units_and_facilities_keep_their_kind(imported):
    district = imported.resolve("Wadi al-Ghazlan District")
    assert district.kind == "district" and district.geo_precision == 2
    base = imported.resolve("Nahr al-Qasab air base", GeoContext(countries=("IQ",)))
    assert base.kind == "airbase" and base.admin1 == "Baghdad"
    assert imported.resolve("Bir Zaytun Road") is None  # roads (class R) are not kept


def test_csv_places_and_their_aliases(imported):
    place = imported.resolve("Burtuqal quarter", GeoContext(countries=("IQ",)))
    assert place is not None and (place.admin1, place.country_code) == ("Ninewa", "IQ")


def test_without_an_import_the_names_are_unknown():
    assert get_gazetteer().resolve("Kharbat Umm Sawsan", GeoContext(countries=("SY",))) is None or \
        get_gazetteer().user_places is not None


def test_a_zipped_country_dump_as_downloaded(tmp_path):
    archive = tmp_path / "XX.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(FIXTURES / "XX.txt", "XX.txt")
        zf.writestr("readme.txt", "readme for XX.zip\tnot data\n")
    done = import_files([archive], cache=tmp_path / "cache")
    assert done == [(archive, "places (GeoNames)", 5)]


def test_a_file_that_is_not_a_dump_is_refused_naming_file_and_line(tmp_path):
    bad = tmp_path / "SY.txt"
    bad.write_text("9900001\tName\tonly three columns\n", encoding="utf-8")
    with pytest.raises(ImportProblem, match=r"SY.txt, line 1: 3 tab-separated columns"):
        import_files([bad], cache=tmp_path)
    csv = tmp_path / "mine.csv"
    csv.write_text("name,latitude\nX,1\n", encoding="utf-8")
    with pytest.raises(ImportProblem, match=r"mine.csv: the CSV header lacks"):
        import_files([csv], cache=tmp_path)


def test_cli_import_reports_counts_and_errors_without_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFLICTWIRE_CACHE", str(tmp_path))
    runner = CliRunner()
    result = runner.invoke(app, ["places", "import", str(FIXTURES / "XX.txt"), str(FIXTURES / "analyst.csv")])
    assert result.exit_code == 0, result.output
    assert "XX.txt: 5 places (GeoNames)" in result.output and "analyst.csv: 1 places (CSV)" in result.output
    assert (tmp_path / "user-places.sqlite").exists()
    result = runner.invoke(app, ["places", "import", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1 and "missing.txt: no such file" in result.output


def test_cli_search_says_what_a_name_resolves_to_and_why():
    result = CliRunner().invoke(app, ["places", "search", "Harim district"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "resolves to Harim, Syria" in said and "district" in said and "OCHA SY0703" in said
