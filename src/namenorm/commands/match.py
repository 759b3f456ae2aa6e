"""`namenorm match`: match names given as arguments, or one per line on stdin."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator

from ..matcher import Match


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `match` subcommand."""
    from ..cli import add_gazetteer_option

    parser = subparsers.add_parser("match", help="match names to gazetteer entities")
    parser.add_argument("queries", nargs="*", metavar="NAME", help="names to match (default: one per line on stdin)")
    parser.add_argument("--json", action="store_true", help="print one JSON object per query")
    parser.add_argument(
        "--explain", action="store_true",
        help="also show the candidates considered, each with the key, rule and edits behind it",
    )  # fmt: skip
    add_gazetteer_option(parser)
    parser.set_defaults(run=run)


def _queries(args: argparse.Namespace) -> Iterator[str]:
    """Yield the queries: the arguments, or stdin lines without their line ends."""
    if args.queries:
        yield from args.queries
    else:
        for line in sys.stdin:
            yield line.rstrip("\r\n")


def _json_line(query: str, match: Match | None, candidates: list[Match] | None = None) -> str:
    """Format one result (and, with --explain, its candidates) as a JSON object on one line."""
    record: dict[str, object] = {
        "query": query,
        "id": match.id if match else None,
        "name": match.name if match else None,
        "score": round(match.score, 4) if match else None,
        "kind": match.kind if match else None,
        "country": match.country if match else None,
        "reason": match.reason if match else None,
    }
    if candidates is not None:
        record["candidates"] = [
            {"id": c.id, "name": c.name, "score": round(c.score, 4), "reason": c.reason} for c in candidates
        ]
    return json.dumps(record, ensure_ascii=False)


def _table_line(query: str, match: Match | None) -> str:
    """Format one result as a row of the plain table."""
    if match is None:
        return f"{query:<30}  {'-':<28}  {'':>5}  no match"
    return f"{query:<30}  {match.id:<28}  {match.score:5.2f}  {match.name} ({match.reason})"


def run(args: argparse.Namespace) -> int:
    """Print the match of each query, in query order."""
    from ..cli import normalizer_for

    normalizer = normalizer_for(args)
    out = sys.stdout
    if not args.json:
        print(f"{'QUERY':<30}  {'ID':<28}  {'SCORE':>5}  NAME (REASON)", file=out)
    for query in _queries(args):
        match = normalizer.match(query)
        candidates = normalizer.candidates(query) if args.explain else None
        if args.json:
            print(_json_line(query, match, candidates), file=out)
            continue
        print(_table_line(query, match), file=out)
        for candidate in candidates or ():
            print(f"{'':<30}    candidate {candidate.id} {candidate.score:.2f}: {candidate.reason}", file=out)
    out.flush()
    return 0
