"""`namenorm bench`: run the benchmark suite of a source checkout (benchmarks/run.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[3]  # src/namenorm/commands/bench.py -> the checkout


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `bench` subcommand."""
    parser = subparsers.add_parser("bench", help="run the benchmarks (needs a source checkout)")
    parser.add_argument("--quick", action="store_true", help="smaller samples and gazetteers (CI: under 3 minutes)")
    parser.add_argument("--out", type=Path, default=Path("bench-out"), help="output folder (default: bench-out)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run benchmarks/run.py's main with the same options; return its exit code."""
    from ..cli import UsageError

    if not (_ROOT / "benchmarks" / "run.py").is_file():
        raise UsageError("benchmarks/run.py not found: `namenorm bench` runs from a source checkout of namenorm")
    sys.path.insert(0, str(_ROOT))
    from benchmarks.run import main

    return main([*(["--quick"] if args.quick else []), "--out", str(args.out)])
