"""Run namenorm's benchmarks: quality on the gold sets, baselines, speed, scaling.

    python benchmarks/run.py [--quick] [--out DIR]

Writes DIR/results.json (schema in benchmarks/README.md), DIR/summary.md and, with
matplotlib installed, DIR/precision-recall.png and DIR/throughput.png. Exits 1 when a
check of benchmarks/floors.yaml fails the run (a quality floor, or a speed ratio more
than 5x below its target), else 0.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` and `namenorm` importable
    sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parents[1] / "src")]

from benchmarks import baselines, evaluate, gold, negatives, report, speed, synthetic, typos
from benchmarks.metrics import score_at
from namenorm import Normalizer, __version__
from namenorm.fold import fold

Names = Sequence[gold.NameRow]
NearMisses = Sequence[gold.NearMiss]
Typos = Sequence[typos.Typo]
Texts = Sequence[gold.Text]
SCHEMA = 1
THRESHOLDS = [round(0.5 + i / 100, 2) for i in range(51)]
LARGE = 30_000  # the speed targets hold for gazetteers of at least this many entities


WARMUP_SEED = 12  # the speed worker's untimed queries: generated names, none of them in a timed set


def settings(quick: bool) -> dict:
    """Sizes of the run: quick for CI (under 3 minutes on 2 cores), full for the README figures."""
    if quick:
        return {"typos": 400, "rapidfuzz_sample": 150, "text_bytes": 200_000, "sizes": [1_000, 10_000], "scale_queries": 1_000,
                "foreign_places": 3_000, "common_names": 1_500}  # fmt: skip
    return {"typos": 1_500, "rapidfuzz_sample": 600, "text_bytes": 10_000_000, "sizes": [1_000, 10_000, 30_000, 100_000],
            "scale_queries": 3_000, "foreign_places": None, "common_names": 6_000}  # fmt: skip


def predictor(normalizer: Normalizer) -> Callable[[str], str | None]:
    """Return query -> matched id or None."""

    def predict(query: str) -> str | None:
        found = normalizer.match(query)
        return found.id if found else None

    return predict


def scorer(normalizer: Normalizer) -> Callable[[str], tuple[str | None, float]]:
    """Return query -> (matched id or None, score)."""

    def best(query: str) -> tuple[str | None, float]:
        found = normalizer.match(query)
        return (found.id, found.score) if found else (None, 0.0)

    return best


def quality(
    normalizer: Normalizer, names: Names, near_misses: NearMisses, typo_rows: Typos, texts: Texts, long_tail: Names
) -> dict:
    """Measure namenorm on every gold set."""
    predict = predictor(normalizer)
    return {
        "names": evaluate.name_quality(normalizer, names, predict),
        "long_tail": evaluate.long_tail_quality(long_tail, predict),
        "exact_keys": evaluate.exact_key_recall(normalizer, names),
        "typos": evaluate.typo_quality(typo_rows, predict),
        "near_misses": evaluate.near_miss_quality(near_misses, predict),
        "texts": evaluate.text_quality(normalizer, texts),
        "prose": evaluate.prose_quality(normalizer),
        "collisions": evaluate.unmarked_collisions(normalizer),
    }


def run_baselines(normalizer: Normalizer, names: Names, near_misses: NearMisses, typo_rows: Typos, texts: Texts, sample: int) -> dict:
    """Measure the baselines on the same data; return their quality, the threshold curves and the samples used."""
    exact = baselines.ExactUnidecode(normalizer.index.entities)
    keys = baselines.unique_keys(normalizer.index.keys, normalizer.index.entities)
    fuzzy = baselines.FuzzyRapidfuzz(keys)
    rng = random.Random(typos.SEED)
    names_s = rng.sample(list(names), min(len(names), sample))
    typos_s = rng.sample(list(typo_rows), min(len(typo_rows), sample))
    misses_s = rng.sample(list(near_misses), min(len(near_misses), sample // 3))
    fuzzy_cache: dict[str, tuple[str | None, float]] = {}

    def fuzzy_best(query: str) -> tuple[str | None, float]:
        if query not in fuzzy_cache:
            fuzzy_cache[query] = fuzzy.best(fold(query))
        return fuzzy_cache[query]

    fuzzy_scored = evaluate.scored_rows(names_s, typos_s, misses_s, fuzzy_best)
    cutoff = evaluate.rapidfuzz_cutoff(fuzzy_scored, THRESHOLDS)["cutoff"]

    def fuzzy_predict(query: str) -> str | None:
        predicted, score = fuzzy_best(query)
        return predicted if score >= cutoff else None

    namenorm_sample = evaluate.scored_rows(names_s, typos_s, misses_s, scorer(normalizer))
    namenorm_all = evaluate.scored_rows(names, typo_rows, near_misses, scorer(normalizer))
    flash = baselines.TextFlashtext(keys)
    namenorm_precision = score_at(namenorm_sample, 0.0).precision
    return {
        "quality": {
            "exact_unidecode": {
                "names": evaluate.name_quality(normalizer, names, exact.match)["micro"],
                "typos": evaluate.typo_quality(typo_rows, exact.match)["micro"],
                "near_misses": evaluate.near_miss_quality(near_misses, exact.match),
            },
            "rapidfuzz": {
                "cutoff": cutoff,
                "sample": len(fuzzy_scored),
                "names": evaluate.name_quality(normalizer, names_s, fuzzy_predict)["micro"],
                "typos": evaluate.typo_quality(typos_s, fuzzy_predict)["micro"],
                "near_misses": evaluate.near_miss_quality(misses_s, fuzzy_predict),
                "pooled_at_cutoff": score_at(fuzzy_scored, cutoff).as_dict(),
                "namenorm_pooled_on_sample": score_at(namenorm_sample, 0.0).as_dict(),
            },
            "flashtext": evaluate.baseline_text_quality(texts, flash.find),
        },
        "curves": {"namenorm": evaluate.threshold_curve(namenorm_all, THRESHOLDS),
                   "rapidfuzz": evaluate.threshold_curve(fuzzy_scored, THRESHOLDS)},  # fmt: skip
        "comparison": {"precision_minus_rapidfuzz": round(namenorm_precision - score_at(fuzzy_scored, cutoff).precision, 4)},
        "systems": {"exact": exact},
        "rf_queries": [r.query for r in names_s] + [t.query for t in typos_s] + [m.query for m in misses_s],
    }


def text_corpus(texts: Texts, size: int) -> str:
    """Repeat the gold texts, in order, until the corpus has at least `size` UTF-8 bytes."""
    block = "\n\n".join(t.text for t in texts)
    return "\n\n".join([block] * max(1, -(-size // len(block.encode()))))


def speed_bundled(normalizer: Normalizer, names: Names, typo_rows: Typos, texts: Texts, base: dict, config: dict, work: Path) -> dict:
    """Time namenorm on the bundled gazetteer in a subprocess (cold caches; text throughput beside its baselines there),
    and the query baselines here."""
    exact_queries = [r.query for r in names if evaluate.exact_key_hit(normalizer, r.query, r.id)]
    misses = synthetic.synthetic_queries(500)
    spec = {
        "gazetteers": [str(p) for p in normalizer_paths()],
        "warm": True,
        "text": text_corpus(texts, 1),  # the gold texts once
        "corpus": text_corpus(texts, config["text_bytes"]),
        # other names first (untimed), then the rapidfuzz sample: each of its queries is new to the matcher's caches,
        # as rapidfuzz has none (timed after the typos, whose rows it samples, it ran 2.4x faster)
        "warmup": synthetic.synthetic_queries(300, seed=WARMUP_SEED),
        "queries": {"rf_sample": base["rf_queries"], "exact": exact_queries, "typos": [t.query for t in typo_rows], "misses": misses},
        "rapidfuzz_queries": base["rf_queries"],
    }
    bundled = {"label": "bundled", **speed.run_worker(spec, work / "bundled", cache=work / "cache"),
               "compile_s": config["bundled_compile_s"]}  # fmt: skip
    systems = base["systems"]
    exact_base = speed.time_calls(systems["exact"].match, exact_queries)
    fuzzy_base = bundled.pop("rapidfuzz", {})  # timed in the worker too, in CPU time: no load between the two
    unmeasured = {"mb_s": None, "bytes": len(spec["corpus"].encode())}  # the worker failed: see bundled["error"]
    timed = bundled.pop("text", None) or dict.fromkeys(("namenorm", "flashtext", "regex"), unmeasured)
    text_nn, text_flash, text_regex = timed["namenorm"], timed["flashtext"], timed["regex"]

    def ratio(a: float | None, b: float | None) -> float | None:
        return round(a / b, 2) if a and b else None

    megabytes = text_nn["bytes"] / 1e6
    sets = bundled.get("sets", {})
    nn_rf = sets.get("rf_sample", {}).get("cpu_qps")
    nn_exact = sets.get("exact", {}).get("qps")
    ratios = {
        "namenorm_vs_rapidfuzz": ratio(nn_rf, fuzzy_base.get("cpu_qps")),
        "exact_vs_unidecode_dict": ratio(nn_exact, exact_base["qps"]),
        "text_vs_flashtext": ratio(text_nn["mb_s"], text_flash["mb_s"]),
        "text_vs_regex": ratio(text_nn["mb_s"], text_regex["mb_s"]),
    }
    table = [
        {"measure": "queries/s, names+typos+near-misses sample (vs rapidfuzz extractOne)", "ratio": ratios["namenorm_vs_rapidfuzz"],
         "namenorm": nn_rf, "baseline": fuzzy_base.get("cpu_qps")},
        {"measure": "queries/s, exact-key names (vs dict lookup after unidecode)", "ratio": ratios["exact_vs_unidecode_dict"],
         "namenorm": nn_exact, "baseline": exact_base["qps"]},
        {"measure": f"text MB/s, find() on {megabytes:.1f} MB of repeated gold texts (vs flashtext)", "ratio": ratios["text_vs_flashtext"],
         "namenorm": text_nn["mb_s"], "baseline": text_flash["mb_s"]},
        {"measure": f"text MB/s, find() on {megabytes:.1f} MB of repeated gold texts (vs regex tokens + set lookup)",
         "ratio": ratios["text_vs_regex"], "namenorm": text_nn["mb_s"], "baseline": text_regex["mb_s"]},
    ]  # fmt: skip
    return {"bundled": bundled, "ratios": ratios, "table": table,
            "baselines": {"rapidfuzz": fuzzy_base, "exact_unidecode": exact_base},
            "text": {"namenorm": text_nn, "flashtext": text_flash, "regex": text_regex,
                     "namenorm_first_call": bundled.get("text_first_call")}}  # fmt: skip


def normalizer_paths() -> list[Path]:
    """Return the bundled gazetteer folder (the one Normalizer.default() reads)."""
    from namenorm.gazetteer import bundled_gazetteer_dir

    return [bundled_gazetteer_dir()]


def scaling(config: dict, work: Path) -> list[dict]:
    """Build synthetic gazetteers of each size in a subprocess and time exact, typo and miss queries."""
    runs = []
    misses = synthetic.synthetic_queries(config["scale_queries"])
    for size in config["sizes"]:
        entities = synthetic.synthetic_entities(size)
        path = synthetic.write_gazetteer(entities, work / f"synthetic-{size}" / "gazetteer.yaml")
        rng = random.Random(size)
        exact = [e["name"] for e in rng.sample(entities, min(size, config["scale_queries"]))]
        typo_queries = [typos.edit(name, rng)[0] for name in exact if typos.editable(name)]
        variants = [_written_variant(e) for e in rng.sample(entities, min(size, config["scale_queries"]))]
        spec = {"gazetteers": [str(path)],
                "queries": {"exact": exact, "variants": [v for v in variants if v], "typos": typo_queries, "misses": misses}}  # fmt: skip
        runs.append({"label": f"synthetic {size:,}", "size": size, **speed.run_worker(spec, work / f"synthetic-{size}")})
    return runs


def _written_variant(entity: dict) -> str | None:
    """Return another written name of a synthetic entity than its name (native, else its first alias), if any."""
    native = next(iter(entity.get("native", {}).values()), None)
    return native or next(iter(entity.get("aliases", ())), None)


def large_speed(runs: list[dict]) -> dict | None:
    """Return the query speeds of the smallest scaling run with at least LARGE entities (the size the speed targets
    name; the larger runs are reported beside it in the scaling table), if any."""
    large = [r for r in runs if "error" not in r and r["entities"] >= LARGE]
    if not large:
        return None
    run = min(large, key=lambda r: r["entities"])
    return {"entities": run["entities"], "exact_qps": run["sets"]["exact"]["qps"], "typo_qps": run["sets"]["typos"]["qps"],
            "miss_qps": run["sets"]["misses"]["qps"]}  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmarks, write the report, print the checks; return the exit code."""
    parser = argparse.ArgumentParser(prog="benchmarks/run.py", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller samples and gazetteers (CI: under 3 minutes)")
    parser.add_argument("--out", type=Path, default=Path("bench-out"), help="output folder (default: bench-out)")
    args = parser.parse_args(argv)
    config = settings(args.quick)
    began = time.perf_counter()
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with tempfile.TemporaryDirectory(prefix="namenorm-bench-") as tmp:
        work = Path(tmp)
        os.environ["NAMENORM_CACHE_DIR"] = str(work / "cache")
        start = time.perf_counter()
        normalizer = Normalizer.from_paths(*normalizer_paths())  # an empty cache folder: this is the compile time
        config["bundled_compile_s"] = round(time.perf_counter() - start, 3)
        names, near_misses, texts = gold.load_names(), gold.load_near_misses(), gold.load_texts()
        index = normalizer.index
        typo_rows = typos.make_typos(index.entities, index.keys.__contains__, predictor(normalizer), limit=config["typos"])
        print(f"namenorm {__version__}: {len(index.entities):,} entities, {len(index.keys):,} keys; "
              f"{len(names)} names, {len(near_misses)} near-misses, {len(typo_rows)} typos, {len(texts)} texts", file=sys.stderr)  # fmt: skip
        results: dict = {
            "schema": SCHEMA, "started": started, "quick": args.quick, "namenorm_version": __version__,
            "python": platform.python_version(), "platform": platform.platform(), "cpu_count": os.cpu_count(),
            "gazetteer": {"entities": len(index.entities), "keys": len(index.keys)},
            "settings": config,
        }  # fmt: skip
        results["quality"] = quality(normalizer, names, near_misses, typo_rows, texts, gold.load_long_tail())
        results["quality"]["foreign_places"] = evaluate.foreign_place_quality(normalizer, config["foreign_places"])
        results["quality"]["foreign_places_cyrillic"] = evaluate.foreign_place_quality(normalizer, config["foreign_places"], cyrillic=True)
        common = negatives.make_negatives(index.entities, config["common_names"])
        results["quality"]["common_names"] = evaluate.common_name_quality(normalizer, common)
        base = run_baselines(normalizer, names, near_misses, typo_rows, texts, config["rapidfuzz_sample"])
        results["baselines"] = base["quality"]
        results["curves"] = base["curves"]
        results["comparison"] = base["comparison"]
        results["speed"] = speed_bundled(normalizer, names, typo_rows, texts, base, config, work)
        results["scaling"] = scaling(config, work)
        results["speed"]["large"] = large_speed(results["scaling"])
    results["duration_s"] = round(time.perf_counter() - began, 1)
    results["checks"] = report.checks(results)
    report.write(results, args.out)
    failed = [c for c in results["checks"] if c["fails_run"]]
    for c in results["checks"]:
        mark = "n/a " if c["passed"] is None else "pass" if c["passed"] else "FAIL" if c["fails_run"] else "miss"
        print(f"{mark}  {c['name']}: {c['value']} ({c['op']} {c['target']}, {c['gate']})")
    print(f"wrote {args.out}/results.json and summary.md in {results['duration_s']:.0f} s; "
          f"{len(failed)} check(s) fail the run", file=sys.stderr)  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
