"""Shared by the tools that generate gazetteer files: write the output, or check it is up to date."""

from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(out: Path, text: str, check: bool) -> int:
    """Write a generated file, or with check=True exit code 1 if the file on disk differs."""
    if check:
        current = out.read_text(encoding="utf-8") if out.exists() else ""
        if current != text:
            print(f"{out} is out of date", file=sys.stderr)
            return 1
        return 0
    out.write_text(text, encoding="utf-8")
    return 0
