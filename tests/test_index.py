"""The compiled index: key and token tables, the disk cache, pickling with the fuzzy index."""

import pickle
from pathlib import Path

import pytest

import namenorm.index as index_module
from namenorm import Normalizer
from namenorm.gazetteer import Entity, Gazetteer, load_gazetteers
from namenorm.index import build_index, cache_dir, load_index
from namenorm.matcher import Matcher


def test_every_key_is_posted_under_each_of_its_tokens(mini_path: Path) -> None:
    index = build_index(load_gazetteers([mini_path]))
    assert set(index.key_list) == set(index.keys)
    for key_id, key in enumerate(index.key_list):
        for token in key.split():
            assert key_id in index.tokens.postings(index.tokens.ids[token])


def test_confusables_are_linked_both_ways(mini_path: Path) -> None:
    index = build_index(load_gazetteers([mini_path]))
    un, il = index.positions["kim-jong-un"], index.positions["kim-jong-il"]
    assert index.confusables == {un: (il,), il: (un,)}
    assert "kim jong il" in index.confusable_keys[il] and "kim jong un" in index.confusable_keys[un]


def test_entities_sharing_all_keys_share_one_position_tuple() -> None:
    index = build_index(Gazetteer((Entity("x", "place", "RU", "Kazan", aliases=("Kasan",)),), (), "t"))
    assert index.lookup("kazan") is index.lookup("kasan")


def test_cache_is_reused(mini_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gazetteer = load_gazetteers([mini_path])
    first = load_index(gazetteer)
    monkeypatch.setattr(index_module, "build_index", lambda _: pytest.fail("rebuilt a fresh cache"))
    again = load_index(gazetteer)
    assert again.keys == first.keys and again.tokens.ids == first.tokens.ids
    assert Normalizer(again).match("Vkadimir Pitin").id == "vladimir-putin"


def test_stale_cache_is_never_used(mini_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_index(load_gazetteers([mini_path]))
    changed = tmp_path / "g.yaml"
    changed.write_text(mini_path.read_text(encoding="utf-8").replace("Khasan", "Khasanovo").replace("Хасан", "Хасаново"), encoding="utf-8")
    index = load_index(load_gazetteers([changed]))
    assert index.lookup("khasanovo") and not index.lookup("khasan")
    monkeypatch.setattr(index_module, "_code_fingerprint", lambda: "other code")
    calls = []
    monkeypatch.setattr(index_module, "build_index", lambda g: calls.append(g) or build_index(g))
    load_index(load_gazetteers([changed]))
    assert len(calls) == 1  # new code, new cache


def test_corrupt_cache_is_rebuilt_with_a_warning(mini_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    gazetteer = load_gazetteers([mini_path])
    load_index(gazetteer)
    for cached in cache_dir().glob("index-*.pickle"):
        cached.write_bytes(pickle.dumps(["not", "an", "index"]))
    assert load_index(gazetteer).lookup("kazan")
    assert "corrupt index cache" in caplog.text


def test_normalizer_with_fuzzy_index_pickles(mini: Normalizer) -> None:
    copy = pickle.loads(pickle.dumps(mini))
    for query in ("Vkadimir Pitin", "Pyongynag", "Tyumen", "Gwangjy"):
        assert copy.match(query) == mini.match(query)
        assert copy.candidates(query) == mini.candidates(query)


def test_load_from_paths_reads_the_cache_without_parsing(mini_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = index_module.load_index_from_paths([mini_path])
    assert first.fingerprint == load_gazetteers([mini_path]).fingerprint
    monkeypatch.setattr(index_module, "load_gazetteers", lambda _: pytest.fail("parsed unchanged gazetteers"))
    again = index_module.load_index_from_paths([mini_path])
    assert again.keys == first.keys and again.phonetic == first.phonetic


def test_load_from_paths_sees_a_changed_file(mini_path: Path, tmp_path: Path) -> None:
    changed = tmp_path / "g.yaml"
    changed.write_text(mini_path.read_text(encoding="utf-8"), encoding="utf-8")
    assert index_module.load_index_from_paths([changed]).lookup("khasan")
    changed.write_text(mini_path.read_text(encoding="utf-8").replace("Khasan", "Khasanovo").replace("Хасан", "Хасаново"), encoding="utf-8")
    index = index_module.load_index_from_paths([changed])
    assert index.lookup("khasanovo") and not index.lookup("khasan")


def test_a_full_name_key_two_rules_make_by_chance_is_pruned_from_both() -> None:
    sharya = Entity("sharya", "place", "RU", "Sharya", {"ru": ("Шарья",)}, type="city")
    zarya = Entity("zarya", "place", "RU", "Zarya", {"ru": ("Заря",)}, type="city")
    index = build_index(Gazetteer((sharya, zarya), (), "chance"))
    assert "sarja" in index.pruned and "sarja" not in index.keys  # Czech Šarja, German Sarja
    assert "sarja" not in {v.key for v in index.variants("sharya")}
    assert (collision := next(c for c in index.collisions if c.key == "sarja")) and not collision.marked
    matcher = Matcher(index)
    assert matcher.match("Sarja") is None
    assert {m.id for m in matcher.candidates("Sarja")} == {"sharya", "zarya"}
    assert matcher.match("Sharya").id == "sharya" and matcher.match("Заря").id == "zarya"


def test_known_namesakes_keep_their_shared_keys() -> None:
    first, second = (
        Entity(i, "place", "KR", "Gwangju", {"ko": ("광주",)}, type="city", ambiguous=("Gwangju", "광주")) for i in ("a", "b")
    )
    index = build_index(Gazetteer((first, second), (), "namesakes"))
    assert index.keys["gwangju"] == (0, 1) and not index.pruned


def test_an_accented_alias_leaves_its_folded_key_to_another_entity_and_keeps_its_spelling() -> None:
    tyumen = Entity("tyumen", "place", "RU", "Tyumen", {"ru": ("Тюмень",)}, ("Tümen",), type="city")
    river = Entity("tumen-river", "place", "KP", "Tumen River", {"ko": ("두만강",)}, type="river")
    index = build_index(Gazetteer((tyumen, river), (), "accents"))
    assert index.keys["tumen"] == (1,) and index.spellings == {"tümen": (0,)}
    matcher = Matcher(index)
    assert matcher.match("Tümen").id == "tyumen" and matcher.match("TÜMEN").id == "tyumen"
    assert "exact spelling 'tümen'" in matcher.match("Tümen").reason
    assert matcher.match("Tumen").id == "tumen-river" and matcher.match("Tumen River").id == "tumen-river"


def test_an_accented_alias_keeps_its_folded_key_where_no_other_entity_claims_it() -> None:
    tyumen = Entity("tyumen", "place", "RU", "Tyumen", {"ru": ("Тюмень",)}, ("Tümen",), type="city")
    index = build_index(Gazetteer((tyumen,), (), "accents"))
    assert index.keys["tumen"] == (0,) and not index.spellings
    assert Matcher(index).match("Tumen").id == "tyumen"
