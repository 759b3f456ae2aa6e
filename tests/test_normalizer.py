"""The library API: Normalizer.match and candidates, threads and pickling."""

import pickle
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from namenorm import Normalizer
from namenorm.index import cache_dir, load_index
from namenorm.gazetteer import load_gazetteers


def test_exact_match_on_canonical_native_and_alias(mini: Normalizer) -> None:
    for query in ("Vladimir Putin", "vladimir  PUTIN", "Владимир Владимирович Путин", "Putin", "평양", "Pjöngjang"):
        match = mini.match(query)
        assert match is not None, query
    match = mini.match("Pyongyang")
    assert (match.id, match.name, match.kind, match.country, match.score) == ("pyongyang", "Pyongyang", "place", "KP", 1.0)
    assert "pyongyang" in match.reason


def test_near_misses_do_not_match(mini: Normalizer) -> None:
    assert mini.match("Kim Jong Il").id == "kim-jong-il"
    for query in ("Vladimir Soldatkin", "Kimchi", "Tyumen", "https://putin.example.org", ""):
        assert mini.match(query) is None, query
    assert mini.match("Kazan").id == "kazan"  # not Khasan


def test_ambiguous_key_abstains_but_lists_candidates(mini: Normalizer) -> None:
    assert mini.match("Gwangju") is None
    assert {m.id for m in mini.candidates("Gwangju")} == {"gwangju", "gwangju-gyeonggi"}
    assert len(mini.candidates("Gwangju", limit=1)) == 1


def test_collisions_are_reported(mini: Normalizer) -> None:
    collision = next(c for c in mini.index.collisions if c.key == "gwangju")
    assert set(collision.entity_ids) == {"gwangju", "gwangju-gyeonggi"} and collision.marked


def test_normalizer_pickles(mini: Normalizer) -> None:
    copy = pickle.loads(pickle.dumps(mini))
    assert copy.match("Путин") == mini.match("Путин")


def test_normalizer_is_safe_across_threads(mini: Normalizer) -> None:
    queries = ["Vladimir Putin", "평양", "Kazan", "nobody", "Ким Чен Ын"] * 200
    expected = [mini.match(q) for q in queries]
    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(mini.match, queries)) == expected


def test_index_cache_is_reused_and_rebuilt_when_stale_or_corrupt(mini_path: Path, tmp_path: Path, caplog) -> None:
    gazetteer = load_gazetteers([mini_path])
    load_index(gazetteer)
    (cached,) = cache_dir().glob("index-*.pickle")
    assert load_index(gazetteer).fingerprint == gazetteer.fingerprint
    cached.write_bytes(b"garbage")
    assert load_index(gazetteer).lookup("kazan")
    assert "corrupt index cache" in caplog.text
    changed = tmp_path / "g.yaml"
    changed.write_text(mini_path.read_text().replace("Pchjongjang", "Pchenjan"), encoding="utf-8")
    index = load_index(load_gazetteers([changed]))
    assert index.lookup("pchenjan") and index.schemes.get("pchjongjang") != "alias"  # now only the Czech rule's


def test_variants_have_provenance(mini: Normalizer) -> None:
    schemes = {v.key: v.scheme for v in mini.variants("pyongyang")}
    assert schemes["pyongyang"] == "name" and schemes["평양"] == "native:ko" and schemes["pchjongjang"] == "alias"
