"""`namenorm explain ID`: list an entity's variant keys with their provenance."""

from __future__ import annotations

import argparse
import json
import sys


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `explain` subcommand."""
    from ..cli import add_gazetteer_option

    parser = subparsers.add_parser("explain", help="list an entity's variant keys and the rules that made them")
    parser.add_argument("ids", nargs="+", metavar="ID", help="entity ids")
    parser.add_argument("--json", action="store_true", help="print one JSON object per key")
    add_gazetteer_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the keys of each entity: key, rank, scheme, the name it came from, and if it is shared."""
    from ..cli import UsageError, normalizer_for

    normalizer = normalizer_for(args)
    for entity_id in args.ids:
        try:
            entity = normalizer.entity(entity_id)
        except KeyError:
            raise UsageError(f"{entity_id}: no such entity id in the loaded gazetteers") from None
        variants = normalizer.variants(entity_id)
        if not args.json:
            print(f"{entity.id}: {entity.name} ({entity.kind}, {entity.country}) from {entity.origin}: {len(variants)} keys")
        for variant in variants:
            shared = len(normalizer.index.lookup(variant.key)) > 1
            if args.json:
                record = {
                    "id": entity.id, "key": variant.key, "rank": variant.rank.name.lower(),
                    "scheme": variant.scheme, "source": variant.source, "ambiguous": shared,
                }  # fmt: skip
                print(json.dumps(record, ensure_ascii=False))
            else:
                flag = "  (ambiguous)" if shared else ""
                print(f"  {variant.key:<40} {variant.rank.name.lower():<9} {variant.scheme:<28} {variant.source}{flag}")
    sys.stdout.flush()
    return 0
