"""Measure only the scaling runs of benchmarks/run.py: compile time, peak memory, q/s and p50/p99 per size.

    python benchmarks/scale.py [SIZE ...] [--queries N] [--out FILE]

Each size is built and queried in a fresh subprocess (:func:`benchmarks.run.scaling`);
the default is the 30,000-entity gazetteer of the speed targets.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` and `namenorm` importable
    sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parents[1] / "src")]

from benchmarks.run import LARGE, scaling


def table(runs: list[dict]) -> str:
    """Render scaling runs as lines of compile s, peak MB, then q/s p50/p99 (µs) per query set."""
    lines = []
    for run in runs:
        if "error" in run:
            lines.append(f"{run['label']}: error: {run['error']}")
            continue
        lines.append(f"{run['label']}: {run['keys']:,} keys, compile {run['compile_s']} s, load {run['load_s']} s, "
                     f"peak RSS {run['peak_rss_mb']} MB")  # fmt: skip
        for name, stats in run["sets"].items():
            lines.append(f"  {name:9} {stats['qps']:>10,.0f} q/s  p50 {stats['p50_us']:>8} µs  p99 {stats['p99_us']:>9} µs  "
                         f"matched {stats['matched']}/{stats['n']}")  # fmt: skip
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the scaling measurement for the given sizes and print (and optionally write) the figures."""
    parser = argparse.ArgumentParser(prog="benchmarks/scale.py", description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="*", default=[LARGE], help=f"entities per gazetteer (default {LARGE})")
    parser.add_argument("--queries", type=int, default=3_000, help="queries per set (default 3000, as the full run)")
    parser.add_argument("--out", type=Path, help="also write the runs as JSON here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="namenorm-scale-") as tmp:
        runs = scaling({"sizes": args.sizes, "scale_queries": args.queries}, Path(tmp))
    print(table(runs))
    if args.out:
        args.out.write_text(json.dumps(runs, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 1 if any("error" in run for run in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
