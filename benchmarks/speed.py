"""Speed measurements: per-query latency, throughput, index compile and load time, peak memory.

Index and query timings run in a fresh subprocess per gazetteer (``python
benchmarks/speed.py --worker SPEC.json``), so that caches start cold and the
peak resident memory (ru_maxrss) belongs to that gazetteer alone. Text throughput
is timed there too, against its baselines in the same fresh process (nothing that
earlier benchmark stages left in memory weighs on one side), in CPU seconds.
Every number comes from a shared machine: compare ratios, not absolute figures.

>>> stats = time_calls(len, ["a", "bb", "ccc"])
>>> stats["n"], stats["qps"] > 0
(3, True)
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if __package__ in (None, ""):  # run as a script: make `benchmarks` and `namenorm` importable
    sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parents[1] / "src")]

from benchmarks import baselines
from benchmarks.metrics import percentile

if TYPE_CHECKING:
    from namenorm import Normalizer

ROOT = Path(__file__).resolve().parents[1]
TEXT_ROUNDS = 5  # interleaved rounds of text throughput: each system keeps its best (a shared machine slows some down)


def summarize(latencies_ns: Sequence[int]) -> dict[str, float]:
    """Return n, queries per second and p50/p99 latency (microseconds) of per-call timings."""
    total = sum(latencies_ns)
    return {
        "n": len(latencies_ns),
        "qps": round(len(latencies_ns) / (total / 1e9), 1) if total else 0.0,
        "p50_us": round(percentile(latencies_ns, 50) / 1e3, 2) if latencies_ns else None,
        "p99_us": round(percentile(latencies_ns, 99) / 1e3, 2) if latencies_ns else None,
    }


def time_calls(function: Callable[[str], object], queries: Sequence[str]) -> dict[str, float]:
    """Call `function` once per query and summarise the per-call latencies."""
    clock = time.perf_counter_ns
    latencies = []
    for query in queries:
        start = clock()
        function(query)
        latencies.append(clock() - start)
    return summarize(latencies)


def per_second(count: int, seconds: float) -> float:
    """Return a count per second, 0.0 for no time measured."""
    return round(count / seconds, 1) if seconds > 0 else 0.0


def rapidfuzz_speed(normalizer: Normalizer, queries: Sequence[str]) -> dict[str, float]:
    """Time rapidfuzz's extractOne over the index's unambiguous keys, one call per (folded) query: per-call
    latencies (:func:`time_calls`) and queries per CPU second (``cpu_qps``, what the ratio to namenorm reads)."""
    from namenorm import fold

    fuzzy = baselines.FuzzyRapidfuzz(baselines.unique_keys(normalizer.index.keys, normalizer.index.entities))
    cpu = time.process_time()
    stats = time_calls(lambda query: fuzzy.best(fold(query)), queries)
    return {**stats, "cpu_qps": per_second(len(queries), time.process_time() - cpu)}


def throughput(function: Callable[[str], object], text: str, *, min_seconds: float = 0.5) -> dict[str, float]:
    """Run `function` over `text` until it has used `min_seconds` of CPU time; return MB/s (UTF-8 bytes, per CPU
    second: on a shared machine, time the process spends waiting for a core is no work of its own) and runs."""
    size = len(text.encode())
    runs, start = 0, time.process_time()
    while True:
        function(text)
        runs += 1
        elapsed = time.process_time() - start
        if elapsed >= min_seconds:
            return {"mb_s": round(size * runs / elapsed / 1e6, 3), "runs": runs, "bytes": size}


def throughputs(functions: Mapping[str, Callable[[str], object]], text: str, *, rounds: int = 3, min_seconds: float = 0.5) -> dict[str, dict]:
    """Time each function over `text` in `rounds` interleaved rounds of `min_seconds` each; return the best round
    of each (a shared machine slows some rounds down, and interleaving spreads that over every function).

    >>> sorted(throughputs({"len": len, "upper": str.upper}, "abc", rounds=2, min_seconds=0.01))
    ['len', 'upper']
    """
    best: dict[str, dict] = {}
    for _ in range(rounds):
        for name, function in functions.items():
            found = throughput(function, text, min_seconds=min_seconds)
            if name not in best or found["mb_s"] > best[name]["mb_s"]:
                best[name] = found
    return {name: {**found, "rounds": rounds} for name, found in best.items()}


def text_speeds(normalizer: Normalizer, text: str) -> dict[str, dict]:
    """Time find() against flashtext and the bare regex pass over the same index keys (:func:`throughputs`)."""
    keys = baselines.unique_keys(normalizer.index.keys, normalizer.index.entities)
    flash, words = baselines.TextFlashtext(keys), frozenset(key for key in keys if " " not in key)
    systems = {"namenorm": normalizer.find, "flashtext": flash.find, "regex": lambda t: baselines.regex_tokens(t, words)}
    return throughputs(systems, text, rounds=TEXT_ROUNDS, min_seconds=0.3)


def worker(spec: dict) -> dict:
    """Build a Normalizer from spec['gazetteers'], then time a first find() on spec['text'] (if given), the spec['queries']
    sets (in order: each query's first call, after untimed calls on spec['warmup'], if given), rapidfuzz on
    spec['rapidfuzz_queries'] (if given; see :func:`rapidfuzz_speed`), and text throughput on spec['corpus'] (if
    given; see :func:`text_speeds`).

    With spec['warm'] the cache folder already holds the index (the caller measured
    the compile time), and only the load from the cache is timed.
    """
    from namenorm import Normalizer

    paths = spec["gazetteers"]
    compile_s = None
    if not spec.get("warm"):
        start = time.perf_counter()
        Normalizer.from_paths(*paths)  # cold disk cache: parse, build, write the cache
        compile_s = round(time.perf_counter() - start, 3)
    start = time.perf_counter()
    normalizer = Normalizer.from_paths(*paths)  # warm disk cache: parse and unpickle
    load_s = time.perf_counter() - start
    index = normalizer.index
    results: dict[str, object] = {
        "entities": len(index.entities),
        "keys": len(index.keys),
        "compile_s": compile_s,
        "load_s": round(load_s, 3),
    }
    if spec.get("text"):  # the first find() of the process, before any query: every table and cache is cold
        start = time.perf_counter()
        normalizer.find(spec["text"])
        elapsed = time.perf_counter() - start
        results["text_first_call"] = {"s": round(elapsed, 3), "bytes": len(spec["text"].encode()),
                                      "mb_s": round(len(spec["text"].encode()) / elapsed / 1e6, 3)}  # fmt: skip
    for query in spec.get("warmup", ()):  # untimed: what a long-running process has loaded and built by then
        normalizer.match(query)
    clock = time.perf_counter_ns
    by_result: dict[str, list[int]] = {"hit": [], "miss": []}
    sets = {}
    for name, queries in spec["queries"].items():
        latencies, hits, cpu = [], 0, time.process_time()
        for query in queries:
            start_ns = clock()
            found = normalizer.match(query)
            elapsed = clock() - start_ns
            latencies.append(elapsed)
            hits += found is not None
            by_result["hit" if found is not None else "miss"].append(elapsed)
        sets[name] = {**summarize(latencies), "matched": hits, "cpu_qps": per_second(len(queries), time.process_time() - cpu)}
    results["sets"] = sets
    results["by_result"] = {name: summarize(values) for name, values in by_result.items()}
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    if spec.get("rapidfuzz_queries"):  # the query baseline here too, after namenorm's sets (its keys are no part of namenorm's memory)
        results["rapidfuzz"] = rapidfuzz_speed(normalizer, spec["rapidfuzz_queries"])
    if spec.get("corpus"):  # last: the corpus and the flashtext baseline are no part of namenorm's memory
        results["text"] = text_speeds(normalizer, spec["corpus"])
    return results


def run_worker(spec: dict, workdir: Path, *, cache: Path | None = None, timeout: float = 1800) -> dict:
    """Run :func:`worker` in a fresh Python process (cache folder: `cache`, else a new one); return its results."""
    workdir.mkdir(parents=True, exist_ok=True)
    spec_path = workdir / "spec.json"
    spec_path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "NAMENORM_CACHE_DIR": str(cache or workdir / "cache"),
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT), os.environ.get("PYTHONPATH", "")])}  # fmt: skip
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker", str(spec_path)],
                          env=env, capture_output=True, text=True, timeout=timeout)  # fmt: skip
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    return json.loads(done.stdout)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "--worker":
        sys.exit("usage: speed.py --worker SPEC.json")
    print(json.dumps(worker(json.loads(Path(sys.argv[2]).read_text(encoding="utf-8")))))
