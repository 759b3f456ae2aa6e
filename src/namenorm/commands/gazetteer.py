"""`namenorm gazetteer`: lint gazetteers, import GeoNames dumps."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `gazetteer` subcommand and its own subcommands."""
    parser = subparsers.add_parser("gazetteer", help="lint gazetteers, import GeoNames dumps")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    lint = actions.add_parser("lint", help="check gazetteers for schema errors, likely wrong facts and shared keys")
    lint.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: bundled)")
    lint.set_defaults(run=run_lint)
    compile_ = actions.add_parser("compile", help="compile gazetteers into the index cache and say how long it took")
    compile_.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: bundled)")
    compile_.set_defaults(run=run_compile)
    geonames = actions.add_parser("import-geonames", help="write a gazetteer from a GeoNames dump (CC-BY 4.0)")
    geonames.add_argument("main", type=Path, help="GeoNames XX.txt or allCountries.txt")
    geonames.add_argument("--alternate-names", type=Path, metavar="FILE", help="alternateNamesV2.txt, or an extract")
    geonames.add_argument("--country", dest="countries", action="append", metavar="CC", help="keep this country (repeatable)")
    geonames.add_argument(
        "--feature-class", dest="feature_classes", action="append", choices=list("ADHLPRSTUV"),
        help="keep this feature class (repeatable)",
    )  # fmt: skip
    geonames.add_argument(
        "--feature-code", dest="feature_codes", action="append", metavar="CODE",
        help="keep this feature code, e.g. PPLC, ADM1, STM (repeatable)",
    )  # fmt: skip
    geonames.add_argument("--min-population", type=int, default=0, metavar="N", help="keep places of N people or more")
    geonames.add_argument(
        "--languages", default="ru,ko,en", metavar="LIST",
        help="comma-separated languages of alternate names to keep (default: ru,ko,en)",
    )  # fmt: skip
    geonames.add_argument("-o", "--output", type=Path, metavar="FILE", help="output YAML (default: stdout)")
    geonames.set_defaults(run=run_import_geonames)


def run_compile(args: argparse.Namespace) -> int:
    """Build the index (or find it in the cache) and report entities, keys, time and cache folder."""
    import time

    from ..cli import check_gazetteer_paths
    from ..gazetteer import bundled_gazetteer_dir
    from ..index import cache_dir, load_index_from_paths

    paths = args.paths or [bundled_gazetteer_dir()]
    check_gazetteer_paths(paths)
    started = time.perf_counter()
    index = load_index_from_paths(paths)
    seconds = time.perf_counter() - started
    print(
        f"{len(index.entities)} entities, {len(index.keys)} keys in {seconds:.2f} s; cache: {cache_dir()}"
    )
    return 0


def run_lint(args: argparse.Namespace) -> int:
    """Print one line per finding; exit 1 if there are any."""
    from ..cli import check_gazetteer_paths
    from ..gazetteer import GazetteerError, bundled_gazetteer_dir, load_gazetteers
    from ..lint import lint

    paths = args.paths or [bundled_gazetteer_dir()]
    check_gazetteer_paths(paths)
    try:
        gazetteer = load_gazetteers(paths)
    except GazetteerError as error:
        for problem in error.problems:
            print(problem)
        print(f"{len(error.problems)} problems")
        return 1
    report = lint(gazetteer)
    for problem in report.problems:
        print(problem)
    shared = f"; {report.shared_generated_keys} generated keys two entities made by chance, pruned from both"
    if report.problems:
        print(f"{len(report.problems)} problems{shared}")
        return 1
    print(f"ok: {len(gazetteer.entities)} entities in {len(gazetteer.files)} files{shared}")
    return 0


def run_import_geonames(args: argparse.Namespace) -> int:
    """Read the dump with the filters and write the gazetteer; the output file is replaced atomically."""
    from ..cli import UsageError
    from ..geonames import read_geonames, write_gazetteer

    for path in (args.main, args.alternate_names):
        if path is not None and not path.is_file():
            raise UsageError(f"{path}: no such file")
    if args.min_population < 0:
        raise UsageError("--min-population must be 0 or more")
    try:
        entities = read_geonames(
            args.main, args.alternate_names, countries=args.countries, feature_classes=args.feature_classes,
            feature_codes=args.feature_codes, min_population=args.min_population,
            languages=tuple(language for language in args.languages.split(",") if language),
        )  # fmt: skip
    except (ValueError, UnicodeDecodeError, OSError) as error:
        raise UsageError(str(error)) from None
    generator = "namenorm gazetteer import-geonames"
    if args.output is None:
        write_gazetteer(entities, sys.stdout, generator=generator)
    else:
        directory = args.output.resolve().parent
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=directory, delete=False, suffix=".tmp") as stream:
            try:
                write_gazetteer(entities, stream, generator=generator)
                stream.flush()
                os.fsync(stream.fileno())
            except BaseException:
                os.unlink(stream.name)
                raise
        os.replace(stream.name, args.output)
    print(f"namenorm: wrote {len(entities)} places", file=sys.stderr)
    return 0
