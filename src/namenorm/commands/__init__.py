"""The subcommands of `namenorm`; each module has a `register(subparsers)` function."""

from . import match

COMMANDS = [match.register]
