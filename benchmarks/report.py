"""Check results against benchmarks/floors.yaml and write results.json, summary.md and plots.

>>> check({"name": "p", "metric": "a.b", "min": 0.9, "gate": "quality"}, {"a": {"b": 0.95}}, 5)["passed"]
True
>>> check({"name": "q", "metric": "a.b", "min": 100, "gate": "speed"}, {"a": {"b": 30}}, 5)["fails_run"]
False
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

FLOORS = Path(__file__).parent / "floors.yaml"


def lookup(results: dict, dotted: str) -> object:
    """Return the value at a dotted path of nested dicts, or None if a step is missing."""
    value: object = results
    for step in dotted.split("."):
        if not isinstance(value, dict) or step not in value:
            return None
        value = value[step]
    return value


def check(spec: dict, results: dict, slack: float) -> dict:
    """Evaluate one floors.yaml check: passed, and whether the miss fails the run."""
    value = lookup(results, spec["metric"])
    op = next(op for op in ("min", "max", "above") if op in spec)
    target = spec[op]
    out = {"name": spec["name"], "metric": spec["metric"], "op": op, "target": target, "gate": spec["gate"], "value": value}
    if value is None:
        return {**out, "passed": None, "fails_run": spec["gate"] == "quality"}
    value = float(value)
    passed = value >= target if op == "min" else value <= target if op == "max" else value > target
    if spec["gate"] == "quality":
        fails = not passed
    elif spec["gate"] == "speed":
        fails = value < target / slack if op == "min" else value > target * slack
    else:
        fails = False
    return {**out, "passed": passed, "fails_run": fails}


def checks(results: dict, floors: Path = FLOORS) -> list[dict]:
    """Evaluate every check of floors.yaml against the results."""
    spec = yaml.safe_load(floors.read_text(encoding="utf-8"))
    return [check(item, results, spec["speed_slack"]) for item in spec["checks"]]


def _fmt(value: object) -> str:
    """Format a number for the summary table."""
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1000 else f"{value:,.0f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def summary(results: dict) -> str:
    """Render the Markdown summary of a run."""
    q, s = results["quality"], results["speed"]
    lines = [
        f"# namenorm benchmarks ({'quick' if results['quick'] else 'full'} run)",
        "",
        f"{results['started']} - namenorm {results['namenorm_version']} - Python {results['python']} - "
        f"{results['cpu_count']} CPUs - {results['duration_s']:.0f} s. Gazetteer: {results['gazetteer']['entities']:,} entities, "
        f"{results['gazetteer']['keys']:,} keys.",
        "",
        "## Checks",
        "",
        "| check | value | target | gate | result |",
        "| --- | --- | --- | --- | --- |",
    ]
    for c in results["checks"]:
        verdict = "n/a" if c["passed"] is None else "pass" if c["passed"] else "FAIL" if c["fails_run"] else "miss"
        sign = {"min": ">=", "max": "<=", "above": ">"}[c["op"]]
        lines.append(f"| {c['name']} | {_fmt(c['value'])} | {sign} {_fmt(c['target'])} | {c['gate']} | {verdict} |")
    lines += ["", "## Quality", "", "| set | n | precision | recall | F1 |", "| --- | --- | --- | --- | --- |"]
    for name in ("names", "typos"):
        m = q[name]["micro"]
        lines.append(f"| {name} | {q[name]['n']} | {m['precision']:.4f} | {m['recall']:.4f} | {m['f1']:.4f} |")
    shapes = q["typos"]["by_shape"]
    c = q["common_names"]
    t = q["texts"]["micro"]
    lines.append(f"| texts (mentions; recall of full names) | {q['texts']['n_mentions']} | {t['precision']:.4f} | {t['recall_full_names']:.4f} | |")
    lines += [
        "",
        "Typo recall by shape as typed: " + "; ".join(f"{shape} {score['recall']:.3f} (n={score['tp'] + score['fn']})" for shape, score in shapes.items()) + ".",
        "By issue 4's word budgets applied to the words as typed too (two letters missed in a 6-letter word leave a "
        "4-letter word with two edits, beyond its budget): " + "; ".join(
            f"{group} P {score['precision']:.3f} R {score['recall']:.3f} (n={score['tp'] + score['fn']})" for group, score in q["typos"]["by_budget"].items()
        ) + ".",
        "",
        f"Near-misses: {q['near_misses']['false_matches']} false matches in {q['near_misses']['n']} "
        f"(rate {q['near_misses']['false_match_rate']:.4f}). Texts: {q['texts']['bytes_changed_outside']} bytes changed outside "
        f"mention spans, {q['texts']['protected_spans_changed']} protected spans changed, idempotent: {q['texts']['idempotent']}. "
        f"Names of cities outside Russia and the Koreas: {q['foreign_places']['false_matches']} false matches in "
        f"{q['foreign_places']['n']} (rate {q['foreign_places']['false_match_rate']:.4f}); their names in Cyrillic: "
        f"{q['foreign_places_cyrillic']['false_matches']} in {q['foreign_places_cyrillic']['n']} "
        f"(rate {q['foreign_places_cyrillic']['false_match_rate']:.4f}). "
        f"English prose that names no one ({q['prose']['source']}, {q['prose']['mb']} MB): {q['prose']['mentions']} "
        f"mentions, {q['prose']['rewrites']} rewrites. "
        f"Common Russian names that name nobody in the gazetteers (surname with a given name, initials or patronymic): "
        f"{c['match']['false_matches']} false matches in {c['n_named']} (rate {c['match']['false_match_rate']:.4f}); "
        f"common surnames alone: {c['lone']['false_matches']} false matches in {c['n_lone']}, {c['lone']['exact_people']} "
        f"exact keys of a person and {c['lone']['exact_places']} of a place; both in a sentence: {c['text']['rewrites']} of "
        f"{c['text']['n']} sentences rewritten ({c['text']['rewrites_named']} named, {c['text']['rewrites_lone']} lone). "
        f"Unmarked full-name keys left shared: {q['collisions']['unmarked_full_name']}; full-name keys pruned as chance"
        f" collisions of rules: {q['collisions']['pruned']} (of {q['collisions']['total']} shared keys).",
        "",
        "### Long-tail spellings by group",
        "",
        "| group | n | precision | recall |",
        "| --- | --- | --- | --- |",
        *(
            f"| {name} | {g['tp'] + g['fn']} | {g['precision']:.3f} | {g['recall']:.3f} |"
            for name, g in q["long_tail"]["by_group"].items()
        ),
        f"| all | {q['long_tail']['n']} | {q['long_tail']['micro']['precision']:.3f} | {q['long_tail']['micro']['recall']:.3f} |",
        "",
        "### Names by language and convention",
        "",
        "| language/convention | n | exact-key recall | precision | recall |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, score in q["names"]["by_convention"].items():
        exact = q["exact_keys"]["by_convention"][name]["recall"]
        lines.append(f"| {name} | {score['tp'] + score['fn']} | {exact:.3f} | {score['precision']:.3f} | {score['recall']:.3f} |")
    lines += ["", "### Exact-key recall by group", "", "| group | n | exact-key recall |", "| --- | --- | --- |"]
    for name, share in q["exact_keys"]["by_group"].items():
        lines.append(f"| {name} | {share['n']} | {share['recall']:.3f} |")
    b = results["baselines"]
    lines += [
        "",
        "## Baselines (same data, same run)",
        "",
        "| system | names P / R | typos P / R | near-miss false matches |",
        "| --- | --- | --- | --- |",
        f"| namenorm | {q['names']['micro']['precision']:.3f} / {q['names']['micro']['recall']:.3f} | "
        f"{q['typos']['micro']['precision']:.3f} / {q['typos']['micro']['recall']:.3f} | {q['near_misses']['false_matches']} |",
        f"| exact after unidecode | {b['exact_unidecode']['names']['precision']:.3f} / {b['exact_unidecode']['names']['recall']:.3f} | "
        f"{b['exact_unidecode']['typos']['precision']:.3f} / {b['exact_unidecode']['typos']['recall']:.3f} | "
        f"{b['exact_unidecode']['near_misses']['false_matches']} |",
        f"| rapidfuzz ratio >= {b['rapidfuzz']['cutoff']} (sample of {b['rapidfuzz']['sample']}) | "
        f"{b['rapidfuzz']['names']['precision']:.3f} / {b['rapidfuzz']['names']['recall']:.3f} | "
        f"{b['rapidfuzz']['typos']['precision']:.3f} / {b['rapidfuzz']['typos']['recall']:.3f} | "
        f"{b['rapidfuzz']['near_misses']['false_matches']} |",
        "",
        f"Texts, flashtext over the same keys: precision {b['flashtext']['precision']:.3f}, "
        f"full-name recall {b['flashtext']['recall_full_names']:.3f}.",
        "",
        "## Speed (ratios first: the machine is shared and noisy)",
        "",
        "| measure | ratio | namenorm | baseline |",
        "| --- | --- | --- | --- |",
    ]
    for row in s["table"]:
        lines.append(f"| {row['measure']} | {_fmt(row['ratio'])}x | {_fmt(row['namenorm'])} | {_fmt(row['baseline'])} |")
    first = s["text"].get("namenorm_first_call")
    if first:
        lines += ["", (f"First find() in a fresh process (index from the disk cache, every table and cache cold), "
                       f"on the gold texts once ({first['bytes'] / 1e3:.1f} kB): {first['s']} s. The MB/s above are warm: "
                       f"the texts repeat, and each word's tables are built at its first sight.")]  # fmt: skip
    lines += ["", "| gazetteer | entities | keys | compile s | load s | peak RSS MB | exact q/s | typo q/s | miss q/s |",
              "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]  # fmt: skip
    for run in [s["bundled"], *results["scaling"]]:
        if "error" in run:
            lines.append(f"| {run['label']} | error: {run['error']} | | | | | | | |")
            continue
        sets = run["sets"]
        lines.append(f"| {run['label']} | {run['entities']:,} | {run['keys']:,} | {run['compile_s']} | {run['load_s']} | "
                     f"{run['peak_rss_mb']} | {_fmt(sets['exact']['qps'])} | {_fmt(sets['typos']['qps'])} | {_fmt(sets['misses']['qps'])} |")  # fmt: skip
    if results.get("plots_note"):
        lines += ["", results["plots_note"]]
    return "\n".join(lines) + "\n"


def plots(results: dict, out: Path) -> list[str]:
    """Draw the precision-recall-threshold and throughput-size plots; return file names (none without matplotlib)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    curves = results["curves"]
    figure, axis = plt.subplots(figsize=(7, 4.5))
    for name, style in (("namenorm", "-"), ("rapidfuzz", "--")):
        points = curves[name]
        axis.plot([p["threshold"] for p in points], [p["precision"] for p in points], style, label=f"{name} precision")
        axis.plot([p["threshold"] for p in points], [p["recall"] for p in points], style, label=f"{name} recall")
    axis.set(xlabel="score threshold", ylabel="precision / recall", title="Names + typos + near-misses", ylim=(0, 1.02))
    axis.legend(loc="lower left")
    figure.tight_layout()
    figure.savefig(out / "precision-recall.png", dpi=110)
    plt.close(figure)

    runs = [r for r in results["scaling"] if "error" not in r]
    figure, axis = plt.subplots(figsize=(7, 4.5))
    for name in ("exact", "typos", "misses"):
        axis.plot([r["entities"] for r in runs], [r["sets"][name]["qps"] for r in runs], "o-", label=f"{name} queries/s")
    axis.set(xscale="log", yscale="log", xlabel="entities in gazetteer", ylabel="queries per second", title="Throughput against gazetteer size")
    axis.legend()
    figure.tight_layout()
    figure.savefig(out / "throughput.png", dpi=110)
    plt.close(figure)
    return ["precision-recall.png", "throughput.png"]


def write(results: dict, out: Path) -> None:
    """Write results.json, summary.md and, when matplotlib is installed, the plots."""
    out.mkdir(parents=True, exist_ok=True)
    try:
        results["plots"] = plots(results, out)
    except ImportError:
        results["plots"] = []
        results["plots_note"] = "Plots skipped: matplotlib is not installed (pip install 'namenorm[bench]')."
    (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (out / "summary.md").write_text(summary(results), encoding="utf-8")
