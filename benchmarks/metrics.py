"""Quality metrics: precision, recall, F1 (micro and macro), false-match rate, text spans.

Scoring a name query: a prediction of the gold id is a true positive; a
prediction of any other id is a false positive *and* a false negative (the gold
entity was missed); no prediction is a false negative. Precision is over the
predictions made, recall over the gold rows:

>>> score = score_predictions([("a", "a"), ("a", "b"), ("a", None), ("b", "b")])
>>> (score.tp, score.fp, score.fn, round(score.precision, 3), score.recall)
(2, 1, 2, 0.667, 0.5)

Text scoring compares predicted mentions to gold mentions with the same id
whose spans overlap; :func:`bytes_changed_outside` counts the bytes a rewrite
changed outside the gold mention spans (it must be 0):

>>> bytes_changed_outside("Putin's visit", "Vladimir Putin's visit", [(0, 5)])
0
>>> bytes_changed_outside("Putin's visit", "Vladimir Putin visit", [(0, 5)])
2
"""

from __future__ import annotations

import difflib
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass


@dataclass(frozen=True, slots=True)
class Score:
    """Counts of true positives, false positives and false negatives, with the ratios they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Share of predictions that were right (1.0 when nothing was predicted)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of gold items found (1.0 when there were none)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def as_dict(self) -> dict[str, float | int]:
        """Return counts and ratios, ratios rounded to 4 places, for results.json."""
        return {**asdict(self), "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}  # fmt: skip


def score_predictions(pairs: Iterable[tuple[str, str | None]]) -> Score:
    """Score (gold id, predicted id or None) pairs."""
    tp = fp = fn = 0
    for gold, predicted in pairs:
        if predicted == gold:
            tp += 1
        else:
            fn += 1
            fp += predicted is not None
    return Score(tp, fp, fn)


def macro(scores: Iterable[Score]) -> dict[str, float]:
    """Average precision, recall and F1 over groups, each group counting once."""
    scores = list(scores)
    if not scores:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    n = len(scores)
    return {
        "precision": round(sum(s.precision for s in scores) / n, 4),
        "recall": round(sum(s.recall for s in scores) / n, 4),
        "f1": round(sum(s.f1 for s in scores) / n, 4),
    }


def grouped(items: Sequence[object], key: Callable[[object], str], pairs: Sequence[tuple[str, str | None]]) -> dict[str, Score]:
    """Score `pairs` per group; `key` maps the item at the same position to its group name."""
    groups: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for item, pair in zip(items, pairs, strict=True):
        groups[key(item)].append(pair)
    return {name: score_predictions(groups[name]) for name in sorted(groups)}


def false_match_rate(predictions: Iterable[str | None], forbidden: Iterable[Iterable[str]]) -> tuple[int, int]:
    """Return (false matches, queries): a false match is a prediction among the row's forbidden ids."""
    false = total = 0
    for predicted, must_not in zip(predictions, forbidden, strict=True):
        total += 1
        false += predicted is not None and predicted in set(must_not)
    return false, total


def best_threshold(scored: Sequence[tuple[str | None, str | None, float]], thresholds: Iterable[float]) -> tuple[float, Score]:
    """Return the threshold with the best F1 for (gold id, predicted id, score) rows, and its score.

    A prediction is kept when its score is at least the threshold; rows with a
    gold id of None (near-misses) count only their false positives.
    """
    best: tuple[float, Score] | None = None
    for threshold in thresholds:
        score = score_at(scored, threshold)
        if best is None or score.f1 > best[1].f1:
            best = (threshold, score)
    if best is None:
        raise ValueError("no thresholds")
    return best


def score_at(scored: Iterable[tuple[str | None, str | None, float]], threshold: float) -> Score:
    """Score (gold id or None, predicted id, score) rows keeping predictions scored >= threshold."""
    tp = fp = fn = 0
    for gold, predicted, score in scored:
        kept = predicted if predicted is not None and score >= threshold else None
        if gold is None:
            fp += kept is not None
        elif kept == gold:
            tp += 1
        else:
            fn += 1
            fp += kept is not None
    return Score(tp, fp, fn)


def span_score(gold: Iterable[tuple[int, int, str]], predicted: Iterable[tuple[int, int, str]], exact: bool = False) -> Score:
    """Score predicted (start, end, id) mentions against gold ones: same id and overlapping (or equal) spans."""
    gold, predicted = list(gold), list(predicted)

    def same(g: tuple[int, int, str], p: tuple[int, int, str]) -> bool:
        return g[2] == p[2] and ((g[0], g[1]) == (p[0], p[1]) if exact else p[0] < g[1] and g[0] < p[1])

    tp_predicted = sum(any(same(g, p) for g in gold) for p in predicted)
    found = sum(any(same(g, p) for p in predicted) for g in gold)
    return Score(tp=found, fp=len(predicted) - tp_predicted, fn=len(gold) - found)


def bytes_changed_outside(original: str, rewritten: str, spans: Iterable[tuple[int, int]]) -> int:
    """Count UTF-8 bytes a rewrite changed in `original` outside the given (start, end) spans."""
    spans = sorted(spans)
    keep, last = [], 0
    for start, end in spans:
        keep.append(original[last:start])
        last = max(last, end)
    keep.append(original[last:])
    pattern = "(?:.*?)".join(map(re.escape, keep))
    if re.fullmatch(pattern, rewritten, flags=re.DOTALL):
        return 0
    inside = [False] * (len(original) + 1)
    for start, end in spans:
        for i in range(start, end):
            inside[i] = True
    changed = 0
    matcher = difflib.SequenceMatcher(None, original, rewritten, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        changed += sum(len(original[i].encode()) for i in range(i1, i2) if not inside[i])
        at_edge = i1 > 0 and inside[i1 - 1] or inside[i1]
        if tag == "insert" and not at_edge:
            changed += len(rewritten[j1:j2].encode())
    return changed


def percentile(values: Sequence[float], q: float) -> float:
    """Return the q-th percentile (0..100) of values by the nearest-rank method.

    >>> percentile([5, 1, 3, 2, 4], 50)
    3
    """
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]
