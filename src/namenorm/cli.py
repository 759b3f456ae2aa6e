"""The `namenorm` command line: a thin layer over the library.

Every user error ends as one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .commands import COMMANDS
from .gazetteer import GazetteerError, bundled_gazetteer_dir
from .normalizer import Normalizer

__all__ = ["UsageError", "add_gazetteer_option", "check_gazetteer_paths", "main", "normalizer_for"]


class UsageError(Exception):
    """A mistake in how the command was called or in its input, shown as one line."""


def add_gazetteer_option(parser: argparse.ArgumentParser) -> None:
    """Add -g/--gazetteer: files or folders used instead of the bundled gazetteers."""
    parser.add_argument(
        "-g", "--gazetteer", action="append", type=Path, metavar="PATH",
        help="gazetteer file or folder, repeatable; replaces the bundled gazetteers",
    )  # fmt: skip
    parser.add_argument("--no-cache", action="store_true", help="build the index afresh, without the disk cache")


def check_gazetteer_paths(paths: list[Path]) -> None:
    """Raise a UsageError naming the first gazetteer path that does not exist."""
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such gazetteer file or folder")


def normalizer_for(args: argparse.Namespace) -> Normalizer:
    """Return the Normalizer for -g paths, or the bundled one."""
    paths = args.gazetteer or [bundled_gazetteer_dir()]
    check_gazetteer_paths(paths)
    if not args.gazetteer and not args.no_cache:
        return Normalizer.default()
    return Normalizer.from_paths(*paths, use_cache=not args.no_cache)


def build_parser() -> argparse.ArgumentParser:
    """Return the parser with every subcommand registered."""
    parser = argparse.ArgumentParser(prog="namenorm", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"namenorm {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in COMMANDS:
        register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except GazetteerError as error:
        for problem in error.problems:
            print(f"namenorm: {problem}", file=sys.stderr)
        return 2
    except UsageError as error:
        print(f"namenorm: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (| head): not an error worth a message
        return 0
    except KeyboardInterrupt:
        return 130
