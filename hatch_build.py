"""Compile namenorm's C fast paths (src/namenorm/_speedups.c) when hatchling builds a wheel or an editable install.

It uses the compiler and flags Python was built with (sysconfig), the compiler PyICU's build needs anyway. If
compiling fails, the package still works: namenorm.edits, namenorm.tokenindex, namenorm.matcher, namenorm.word_orders and namenorm.text compute the same in
Python, slower.
`python hatch_build.py` compiles it in place, for a source tree run with PYTHONPATH=src.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
import sysconfig
from pathlib import Path

PACKAGE = Path(__file__).parent / "src" / "namenorm"
SOURCE = PACKAGE / "_speedups.c"


def compile_extension() -> Path:
    """Compile the extension next to its source file; return the shared library's path."""
    target = PACKAGE / ("_speedups" + sysconfig.get_config_var("EXT_SUFFIX"))
    config = sysconfig.get_config_vars()
    command = [
        *shlex.split(config.get("LDSHARED") or "cc -shared"),
        *shlex.split(config.get("CCSHARED") or ""),
        "-O2",
        "-I" + sysconfig.get_paths()["include"],
        str(SOURCE),
        "-o",
        str(target),
    ]
    subprocess.run(command, check=True)
    return target


try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # run as a script, without hatchling
    pass
else:

    class CompileHook(BuildHookInterface):
        """Compile the extension into the source tree (where an editable install imports it) and ship it in a wheel."""

        def initialize(self, version: str, build_data: dict) -> None:
            """Compile before the wheel is built; mark the wheel platform-specific if it holds the library."""
            if self.target_name != "wheel":
                return
            try:
                target = compile_extension()
            except (OSError, subprocess.CalledProcessError) as error:
                print(f"namenorm: could not compile {SOURCE.name} ({error}); using the slower Python path", file=sys.stderr)
                return
            if version != "editable":
                build_data["force_include"][str(target)] = f"namenorm/{target.name}"  # git-ignored, so not picked up by itself
                build_data["pure_python"] = False
                build_data["infer_tag"] = True


if __name__ == "__main__":
    print(compile_extension())
