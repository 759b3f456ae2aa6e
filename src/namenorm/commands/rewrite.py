"""`namenorm rewrite`: put every name in files (or stdin) into its canonical spelling.

Files are read and written as a stream of paragraphs, so memory stays bounded; line
ends (CRLF), a byte-order mark and the last newline are kept exactly. Writing in place
goes through a temporary file in the same folder, fsync and rename, so a failure leaves
the original untouched.
"""

from __future__ import annotations

import argparse
import codecs
import difflib
import fnmatch
import io
import json
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ..text import Mention, paragraphs

if TYPE_CHECKING:
    from ..normalizer import Normalizer

DEFAULT_GLOB = "*.txt,*.md,*.markdown,*.rst,*.text"
_SNIFF_BYTES = 8192


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `rewrite` subcommand."""
    from ..cli import add_gazetteer_option

    parser = subparsers.add_parser("rewrite", help="rewrite names in text files to their canonical spelling")
    parser.add_argument("paths", nargs="*", default=["-"], metavar="FILE", help="files or folders; - or nothing: stdin")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("-i", "--in-place", action="store_true", help="rewrite the files themselves (atomically)")
    mode.add_argument("-o", "--output", type=Path, metavar="OUT", help="write the one input's rewrite to OUT")
    mode.add_argument("--diff", action="store_true", help="print a unified diff, write nothing")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if any file would change")
    parser.add_argument("--backup", metavar="SUFFIX", help="with --in-place: keep the original as FILE+SUFFIX")
    parser.add_argument("--report", type=Path, metavar="PATH", help="write one JSON line per mention to PATH")
    parser.add_argument("--glob", action="append", metavar="PATTERNS",
                        help=f"comma-separated file patterns for folders, repeatable (default: {DEFAULT_GLOB})")  # fmt: skip
    parser.add_argument("--encoding", default="utf-8", help="text encoding of the files (default: utf-8)")
    parser.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="rewrite files in N processes")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no 'would rewrite' lines")
    add_gazetteer_option(parser)
    parser.set_defaults(run=run)


@dataclass(frozen=True, slots=True)
class Job:
    """One input and what to do with it (picklable, for worker processes)."""

    path: str  # "-" for stdin
    mode: str  # stdout, in-place, output, diff, check
    encoding: str
    backup: str | None = None
    output: str | None = None
    report: bool = False


@dataclass(slots=True)
class Outcome:
    """What happened to one input: changed or not, the diff, the mentions, or why it was skipped."""

    path: str
    changed: bool = False
    diff: str = ""
    records: list[dict[str, object]] = field(default_factory=list)
    problem: str = ""  # one line for the user: a skipped file or an error
    failed: bool = False  # the problem is an error, not a skipped file
    size: int = 0


class _Skip(Exception):
    """An input that is not text in the expected encoding."""


def _records(path: str, mentions: Iterable[Mention]) -> list[dict[str, object]]:
    """Return the --report objects of mentions in one file."""
    return [
        {"file": path, "start": m.start, "end": m.end, "text": m.text, "id": m.id, "name": m.name,
         "replacement": m.replacement, "score": round(m.score, 4)}
        for m in mentions
    ]  # fmt: skip


def _rewrite_lines(normalizer: Normalizer, lines: Iterable[str], write: Callable[[str], object], job: Job, outcome: Outcome, progress: Callable[[int], object]) -> None:
    """Rewrite a stream of lines paragraph by paragraph, writing the result and noting mentions."""
    for part in normalizer.rewrite_stream(paragraphs(lines)):
        write(part.text)
        outcome.changed |= part.changed
        if job.report:
            outcome.records.extend(_records(job.path, part.mentions))
        progress(len(part.text))


def _lines(stream: IO[str]) -> Iterator[str]:
    """Yield the lines of a text stream, turning a decoding error into a skip."""
    try:
        yield from stream
    except UnicodeDecodeError as error:
        raise _Skip(f"not {error.encoding} text (byte {error.start}); try --encoding") from None


def _sniff(path: str) -> None:
    """Raise _Skip for a binary file (a NUL byte near the start)."""
    with open(path, "rb") as stream:
        if b"\0" in stream.read(_SNIFF_BYTES):
            raise _Skip("binary file")


def _write_atomically(target: str, job: Job, produce: Callable[[IO[str]], bool]) -> None:
    """Write a file through a temporary file in its folder, fsync and rename; `produce` returns False to keep it.

    In place, the file keeps its permission bits and, with --backup, a copy of the original.
    """
    folder = os.path.dirname(os.path.abspath(target))
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".namenorm")
    try:
        with os.fdopen(fd, "w", encoding=job.encoding, newline="") as out:
            wanted = produce(out)
            out.flush()
            os.fsync(out.fileno())
        if not wanted:
            os.unlink(temporary)
            return
        os.chmod(temporary, stat.S_IMODE(os.stat(target).st_mode) if os.path.exists(target) else 0o666 & ~_umask())
        if job.mode == "in-place" and job.backup:
            shutil.copy2(target, target + job.backup)
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _umask() -> int:
    """Return the process's file-creation mask."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def process(normalizer: Normalizer, job: Job, progress: Callable[[int], object] = lambda n: None) -> Outcome:
    """Rewrite one file as the job says; never raise for a bad file, report it in the Outcome."""
    outcome = Outcome(job.path)

    def rewrite_to(out: IO[str]) -> bool:
        _rewrite_lines(normalizer, _lines(source), out.write, job, outcome, progress)
        return outcome.changed or job.mode == "output"

    try:
        outcome.size = os.path.getsize(job.path)
        _sniff(job.path)
        with open(job.path, encoding=job.encoding, newline="") as source:
            if job.mode in ("in-place", "output"):
                _write_atomically(job.path if job.mode == "in-place" else job.output or "", job, rewrite_to)
            else:
                parts: list[str] = []
                _rewrite_lines(normalizer, _lines(source), parts.append if job.mode == "diff" else _ignore, job, outcome, progress)
                if job.mode == "diff" and outcome.changed:
                    source.seek(0)
                    outcome.diff = _diff(job.path, source.read(), "".join(parts))
    except _Skip as skip:
        outcome.problem, outcome.changed, outcome.records = f"{job.path}: skipped: {skip}", False, []
    except OSError as error:
        outcome.problem, outcome.failed = f"{job.path}: {error.strerror or error}", True
    return outcome


def _ignore(text: str) -> None:
    """Drop rewritten text (--check only needs to know whether anything changed)."""


def _diff(path: str, old: str, new: str) -> str:
    """Return a unified diff of a file's text before and after the rewrite."""
    a, b = (path, path) if os.path.isabs(path) else (f"a/{path}", f"b/{path}")
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), a, b)
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def _inputs(paths: list[str], patterns: list[str]) -> list[str]:
    """Expand folders (recursively, by the glob patterns, hidden folders skipped) into files."""
    from ..cli import UsageError

    files: list[str] = []
    for path in paths:
        if path == "-" or os.path.isfile(path):
            files.append(path)
        elif os.path.isdir(path):
            for folder, subfolders, names in os.walk(path):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                files.extend(os.path.join(folder, n) for n in sorted(names) if any(fnmatch.fnmatch(n, p) for p in patterns))
        else:
            raise UsageError(f"{path}: no such file or folder")
    return files


def _mode(args: argparse.Namespace) -> str:
    """Return what to do with each input, from the options."""
    if args.check and not args.diff:
        return "check"
    return "in-place" if args.in_place else "output" if args.output else "diff" if args.diff else "stdout"


def _check_options(args: argparse.Namespace, files: list[str], mode: str) -> None:
    """Raise UsageError for options that do not go together."""
    from ..cli import UsageError

    if args.backup and not args.in_place:
        raise UsageError("--backup needs --in-place")
    if args.jobs < 1:
        raise UsageError(f"--jobs must be at least 1, not {args.jobs}")
    try:
        codecs.lookup(args.encoding)
    except LookupError:
        raise UsageError(f"--encoding: unknown encoding '{args.encoding}'") from None
    if "-" in files and len(files) > 1:
        raise UsageError("stdin (-) cannot be mixed with files")
    if mode in ("in-place", "output") and args.check:
        raise UsageError("--check writes nothing: drop --in-place and -o")
    if mode == "in-place" and files == ["-"]:
        raise UsageError("--in-place needs files, not stdin")
    if mode in ("stdout", "output") and len(files) != 1:
        raise UsageError(f"{len(files)} inputs: use --in-place, --diff or --check for several files")


_worker_normalizer: Normalizer | None = None


def _start_worker(normalizer: Normalizer) -> None:
    """Keep the Normalizer a worker process was given."""
    global _worker_normalizer
    _worker_normalizer = normalizer


def _work(job: Job) -> Outcome:
    """Process one job in a worker process."""
    assert _worker_normalizer is not None
    return process(_worker_normalizer, job)


def _stdout_writer(encoding: str) -> Callable[[str], object]:
    """Return a function that writes text to stdout in the encoding, line ends untouched."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        return sys.stdout.write
    return lambda text: buffer.write(text.encode(encoding))


def _stdin_outcome(normalizer: Normalizer, job: Job) -> Outcome:
    """Rewrite stdin to stdout (or check it, or diff it)."""
    outcome = Outcome("-")
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding=job.encoding, newline="")
    try:
        if job.mode == "stdout":
            _rewrite_lines(normalizer, _lines(stdin), _stdout_writer(job.encoding), job, outcome, lambda n: None)
        else:
            text = "".join(_lines(stdin))
            parts: list[str] = []
            _rewrite_lines(normalizer, [text], parts.append, job, outcome, lambda n: None)
            if job.mode == "diff" and outcome.changed:
                outcome.diff = _diff("-", text, "".join(parts))
    except _Skip as skip:
        outcome.problem = f"-: skipped: {skip}"
    finally:
        stdin.detach()
    return outcome


def _outcomes(normalizer: Normalizer, jobs: list[Job], workers: int, quiet: bool) -> Iterator[Outcome]:
    """Yield the outcome of every job in order, with a progress bar on stderr for a terminal."""
    from tqdm import tqdm

    total = sum(os.path.getsize(j.path) for j in jobs if j.path != "-" and os.path.exists(j.path))
    with tqdm(total=total, unit="B", unit_scale=True, disable=quiet or not sys.stderr.isatty() or None, leave=False) as bar:
        if workers > 1 and len(jobs) > 1:
            with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(normalizer,)) as pool:
                for outcome in pool.map(_work, jobs, chunksize=max(1, len(jobs) // (workers * 8))):
                    bar.update(outcome.size)
                    yield outcome
            return
        for job in jobs:
            if job.path == "-":
                yield _stdin_outcome(normalizer, job)
            elif job.mode == "stdout":
                yield _stdout_outcome(normalizer, job, _stdout_writer(job.encoding), bar.update)
            else:
                yield process(normalizer, job, bar.update)


def _stdout_outcome(normalizer: Normalizer, job: Job, write: Callable[[str], object], progress: Callable[[int], object]) -> Outcome:
    """Rewrite one file to stdout."""
    outcome = Outcome(job.path)
    try:
        _sniff(job.path)
        with open(job.path, encoding=job.encoding, newline="") as source:
            _rewrite_lines(normalizer, _lines(source), write, job, outcome, progress)
    except _Skip as skip:
        outcome.problem = f"{job.path}: skipped: {skip}"
    except OSError as error:
        outcome.problem, outcome.failed = f"{job.path}: {error.strerror or error}", True
    return outcome


def run(args: argparse.Namespace) -> int:
    """Rewrite, check or diff every input; return 1 for --check with changes, 2 after an error."""
    from ..cli import UsageError, normalizer_for

    files = _inputs(args.paths, [p.strip() for patterns in args.glob or [DEFAULT_GLOB] for p in patterns.split(",") if p.strip()])
    mode = _mode(args)
    _check_options(args, files, mode)
    normalizer = normalizer_for(args)
    output = str(args.output) if args.output else None
    jobs = [Job(f, mode, args.encoding, args.backup, output, args.report is not None) for f in files]
    try:
        report = open(args.report, "w", encoding="utf-8") if args.report else None
    except OSError as error:
        raise UsageError(f"{args.report}: {error.strerror or error}") from None
    changed = failed = False
    try:
        for outcome in _outcomes(normalizer, jobs, args.jobs, args.quiet):
            if outcome.problem:
                print(f"namenorm: {outcome.problem}", file=sys.stderr)
            failed |= outcome.failed
            changed |= outcome.changed
            if outcome.diff:
                sys.stdout.write(outcome.diff)
            if outcome.changed and args.check and not args.quiet:
                print(f"would rewrite {outcome.path}", file=sys.stderr)
            if report:
                report.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in outcome.records)
    finally:
        if report:
            report.close()
        sys.stdout.flush()
        if getattr(sys.stdout, "buffer", None) is not None:
            sys.stdout.buffer.flush()
    if failed:
        return 2
    return 1 if args.check and changed else 0
