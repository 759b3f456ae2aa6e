"""Generic terms of place names: the data table's samples, and what must not be made."""

from importlib.resources import files

import pytest
import yaml

from namenorm.fold import fold
from namenorm.gazetteer import Entity
from namenorm.variants import places

TABLE = yaml.safe_load(files("namenorm").joinpath("data/place-terms.yaml").read_text(encoding="utf-8"))


def keys_of(name: str, type_: str, country: str = "RU") -> set[str]:
    native = {} if name.isascii() else {"xx": (name,)}
    entity = Entity("x", "place", country, name if name.isascii() else "X", native, type=type_)
    return {v.key for v in places.variants(entity)}


@pytest.mark.parametrize("sample", TABLE["samples"], ids=lambda s: s["name"])
def test_table_samples(sample: dict) -> None:
    keys = keys_of(sample["name"], sample["type"], sample.get("country", "RU"))
    missing = {fold(e) for e in sample["expect"]} - keys
    assert not missing


def test_every_category_has_types_and_terms_in_known_scripts() -> None:
    for category in places.categories():
        assert category.types and category.terms
        assert {t.script for t in category.terms} <= {"Latn", "Cyrl", "Hang"}


def test_terms_follow_the_type_only() -> None:
    assert keys_of("Kazan", "city") == set()  # Russian cities get no Korean 시/City forms
    assert keys_of("Tumen River", "river", "KP") >= {"tumen"}
    assert not any("oblast" in key for key in keys_of("Tumen River", "river", "KP"))
    assert "amurgang" not in keys_of("Amur River", "river", "RU")  # gang only after Korean stems


def test_cyrillic_adjective_alone_is_not_a_key() -> None:
    keys = keys_of("остров Русский", "island")
    assert "русский" not in keys and "russkiy island" in keys
    assert not {"russky", "russkiy", "rusky"} & keys  # Czech "Ruský" is an adjective, not the island


def test_people_get_no_place_variants() -> None:
    assert list(places.variants(Entity("x", "person", "RU", "Amur River", type="river"))) == []


def test_a_language_term_takes_only_that_language_spelling() -> None:
    keys = keys_of("озеро Ханка", "lake")
    assert {"chankasee", "chanka see", "lac khanka", "jezioro chanka", "khanka lake"} <= keys
    assert not {"khankasee", "hankasee", "lac chanka", "jezioro khanka", "chanka lake"} & keys
    krai = keys_of("Хабаровский край", "krai")
    assert {"kraj chabarowski", "chabarovsky kraj"} <= krai
    assert not {"kraj chabarowskij", "kraj khabarovskiy", "chabarowskij krai"} & krai  # Polish form, Polish term
    assert "kraj chabarowski" not in keys_of("Хабаровский край", "oblast")  # Kraj for krais only


def test_adjective_stem_alone_only_where_the_category_says_so() -> None:
    assert "vostochny" in keys_of("космодром Восточный", "cosmodrome")
    assert not {"primorsky", "primorskiy", "primorsk"} & keys_of("Приморский край", "krai")


def test_an_english_stem_that_spells_a_russian_adjective_is_not_a_key_alone() -> None:
    island = Entity("russky-island", "place", "RU", "Russky Island", {"ru": ("остров Русский",)}, type="island")
    keys = {v.key for v in places.variants(island)}
    assert "russky island" in keys and "insel russki" in keys
    assert not {"russky", "russki", "rusky"} & keys  # Czech "Ruský prezident" is not the island
