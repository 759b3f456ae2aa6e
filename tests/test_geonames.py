"""Tests for namenorm.geonames (GeoNames dump importer).

The fixtures in tests/fixtures/geonames/ are in the GeoNames dump formats.
Rows with geonameids >= 9000000 are synthetic (made up for the tests); the
others are abridged real GeoNames records.
"""

from __future__ import annotations

import doctest
import io
from pathlib import Path

import pytest
import yaml

from namenorm import geonames
from namenorm.geonames import ATTRIBUTION, feature_type, read_geonames, slugify, write_gazetteer

FIXTURES = Path(__file__).parent / "fixtures" / "geonames"
MAIN = FIXTURES / "KP.txt"
ALT = FIXTURES / "alternateNamesV2.txt"


def by_geonames(entities: list[dict]) -> dict[int, dict]:
    return {e["geonames"]: e for e in entities}


def test_doctests() -> None:
    result = doctest.testmod(geonames, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def test_reads_all_rows_without_filters() -> None:
    entities = read_geonames(MAIN)
    assert len(entities) == 8
    for entity in entities:
        assert entity["kind"] == "place"
        assert entity["country"] == "KP"
        assert isinstance(entity["geonames"], int)
    # sorted by id, deterministic
    assert [e["id"] for e in entities] == sorted(e["id"] for e in entities)
    assert read_geonames(MAIN) == entities


def test_without_alternate_names_uses_geonames_name() -> None:
    ham = by_geonames(read_geonames(MAIN))[1877449]
    assert ham["name"] == "Hamhŭng"
    assert ham["id"] == "hamhung"
    assert "native" not in ham
    assert "aliases" not in ham


def test_filters() -> None:
    assert read_geonames(MAIN, countries=["RU"]) == []
    assert len(read_geonames(MAIN, countries=["kp"])) == 8
    cities = read_geonames(MAIN, feature_classes={"P"})
    assert {e["geonames"] for e in cities} == {1871859, 1877449, 1876373, 2040893, 9000002, 9000003}
    capitals = read_geonames(MAIN, feature_codes={"PPLC", "PPLA"})
    assert {e["geonames"] for e in capitals} == {1871859, 1877449, 2040893}
    big = read_geonames(MAIN, min_population=300_000)
    assert {e["geonames"] for e in big} == {1871859, 1877449, 1876373}
    combined = read_geonames(MAIN, feature_codes={"PPL"}, min_population=1)
    assert {e["geonames"] for e in combined} == {1876373, 9000003}
    with pytest.raises(ValueError):
        read_geonames(MAIN, min_population=-1)


def test_types_from_feature_codes() -> None:
    entities = by_geonames(read_geonames(MAIN))
    assert entities[1871859]["type"] == "city"
    assert entities[9000001]["type"] == "river"
    assert entities[9000004]["type"] == "mountain"
    assert feature_type("A", "ADM1", "KP") == "province"
    assert feature_type("A", "ADM1", "RU") == "region"
    assert feature_type("T", "ISL") == "island"
    assert feature_type("T", "ISLS") == "islands"
    assert feature_type("A", "PCLI") == "country"
    assert feature_type("S", "AIRP") is None


def test_alternate_names() -> None:
    entities = by_geonames(read_geonames(MAIN, ALT))
    pyongyang = entities[1871859]
    assert pyongyang["name"] == "Pyongyang"
    # preferred native name first; historic (서경) and colloquial (류경) skipped
    assert pyongyang["native"] == {"ko": ["평양", "평양직할시"]}
    # other requested languages become aliases; "de" and "link" are not requested
    assert pyongyang["aliases"] == ["Пхеньян"]
    assert pyongyang["population"] == 3222000

    hamhung = entities[1877449]
    assert hamhung["name"] == "Hamhung"  # preferred English name wins
    assert hamhung["id"] == "hamhung"
    assert hamhung["native"] == {"ko": "함흥"}
    assert hamhung["aliases"] == ["Hamhŭng", "Хамхын"]

    kaesong = entities[1876373]
    assert kaesong["native"] == {"ko": "개성"}  # 송도 is historic
    assert kaesong["name"] == "Kaesŏng"  # the English name is not preferred
    assert "Kaesong" in kaesong["aliases"]

    river = entities[9000001]
    assert river["name"] == "Taedong River"
    assert river["id"] == "taedong-river"
    assert river["native"] == {"ko": "대동강"}


def test_languages_parameter() -> None:
    entities = by_geonames(read_geonames(MAIN, ALT, languages=("ko", "de")))
    pyongyang = entities[1871859]
    assert pyongyang["name"] == "Pyongyang"  # GeoNames name, English not requested
    assert pyongyang["aliases"] == ["Pjöngjang"]
    entities = by_geonames(read_geonames(MAIN, ALT, languages=("en",)))
    assert "native" not in entities[1871859]


def test_unrelated_alternate_names_are_ignored() -> None:
    entities = read_geonames(MAIN, ALT)
    names = yaml.safe_dump(entities, allow_unicode=True)
    assert "서울" not in names
    assert 1835848 not in {e["geonames"] for e in entities}


def test_ids_are_unique_slugs() -> None:
    entities = read_geonames(MAIN, ALT)
    ids = [e["id"] for e in entities]
    assert len(ids) == len(set(ids))
    namyang = by_geonames(entities)
    # the more populous place keeps the plain slug
    assert namyang[9000003]["id"] == "namyang"
    assert namyang[9000002]["id"] == "namyang-9000002"
    assert "population" not in namyang[9000002]
    for entity_id in ids:
        assert entity_id == slugify(entity_id)


def test_slugify() -> None:
    assert slugify("Sinŭiju") == "sinuiju"
    assert slugify("Nar'yan-Mar") == "naryan-mar"
    assert slugify("Saint Petersburg") == "saint-petersburg"


def test_write_gazetteer_header_and_roundtrip(tmp_path: Path) -> None:
    entities = read_geonames(MAIN, ALT)
    out = tmp_path / "kp.yaml"
    write_gazetteer(entities, out)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Source: GeoNames (https://www.geonames.org), CC-BY 4.0\n")
    assert ATTRIBUTION in text
    assert yaml.safe_load(text) == {"entities": entities}
    assert "평양" in text  # written as UTF-8, not escaped


def test_write_gazetteer_generator_line_and_stream() -> None:
    buf = io.StringIO()
    write_gazetteer([], buf, attribution="Data: test\nLicence: CC-BY 4.0", generator="test-tool")
    lines = buf.getvalue().splitlines()
    assert lines[0] == "# Generated by test-tool from GeoNames - do not edit by hand."
    assert lines[1:3] == ["# Data: test", "# Licence: CC-BY 4.0"]
    assert yaml.safe_load(buf.getvalue()) == {"entities": []}


def test_malformed_main_line(tmp_path: Path) -> None:
    bad = tmp_path / "KP.txt"
    lines = MAIN.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(2, "1234\tBroken\tline\n")
    bad.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ValueError, match=r"KP\.txt:3: expected 19 tab-separated columns, got 3"):
        read_geonames(bad)


def test_non_integer_population(tmp_path: Path) -> None:
    bad = tmp_path / "KP.txt"
    fields = MAIN.read_text(encoding="utf-8").splitlines()[0].split("\t")
    fields[14] = "many"
    bad.write_text("\t".join(fields) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"KP\.txt:1: population is not an integer"):
        read_geonames(bad)


def test_malformed_alternate_names_line(tmp_path: Path) -> None:
    bad = tmp_path / "alternateNamesV2.txt"
    bad.write_text(ALT.read_text(encoding="utf-8") + "20\t1871859\tko\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"alternateNamesV2\.txt:20: expected at least 8"):
        read_geonames(MAIN, bad)


def test_old_eight_column_alternate_names(tmp_path: Path) -> None:
    old = tmp_path / "alternateNames.txt"
    old.write_text("1\t1871859\tko\t평양\t1\t\t\t\n", encoding="utf-8")
    pyongyang = by_geonames(read_geonames(MAIN, old))[1871859]
    assert pyongyang["native"] == {"ko": "평양"}
