"""The subcommands of `namenorm`; each module has a `register(subparsers)` function."""

from . import explain, gazetteer, match

COMMANDS = [match.register, explain.register, gazetteer.register]
