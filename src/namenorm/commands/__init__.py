"""The subcommands of `namenorm`; each module has a `register(subparsers)` function."""

from . import bench, explain, gazetteer, match, rewrite

COMMANDS = [match.register, explain.register, gazetteer.register, rewrite.register, bench.register]
