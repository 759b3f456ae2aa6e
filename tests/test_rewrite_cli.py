"""`namenorm rewrite`: modes, check, report, folders, encodings, jobs, errors."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from namenorm.cli import main

TEXTS = Path(__file__).parent / "fixtures" / "texts"
SRC = Path(__file__).parents[1] / "src"


@pytest.fixture()
def gazetteer(mini_path: Path) -> list[str]:
    """The -g options of the text fixtures."""
    return ["-g", str(mini_path), "-g", str(TEXTS / "extra.yaml"), "--no-cache"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the command line; return exit code, stdout, stderr."""
    code = main(["rewrite", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_stdout_by_default(tmp_path: Path, capsys: pytest.CaptureFixture[str], gazetteer: list[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Kim Jong-un in Moskau\n", encoding="utf-8")
    assert run(capsys, *gazetteer, str(path)) == (0, "Kim Jong Un in Moscow\n", "")
    assert path.read_text(encoding="utf-8") == "Kim Jong-un in Moskau\n"


def test_stdin_to_stdout(mini_path: Path) -> None:
    args = [sys.executable, "-m", "namenorm", "rewrite", "-g", str(mini_path), "-g", str(TEXTS / "extra.yaml"), "-"]
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run(args, input="Moskau\r\nKim Jong-un".encode(), capture_output=True, env=env, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "Moscow\r\nKim Jong Un".encode(), b"")


def test_in_place_keeps_mode_and_backup(tmp_path: Path, capsys: pytest.CaptureFixture[str], gazetteer: list[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Moskau\n", encoding="utf-8")
    path.chmod(0o640)
    assert run(capsys, *gazetteer, "-i", "--backup", ".orig", str(path))[0] == 0
    assert path.read_text(encoding="utf-8") == "Moscow\n"
    assert (path.stat().st_mode & 0o777) == 0o640
    assert (tmp_path / "a.txt.orig").read_text(encoding="utf-8") == "Moskau\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "a.txt.orig"]  # no temporary file left


def test_in_place_leaves_unchanged_files_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str], gazetteer: list[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Moscow\n", encoding="utf-8")
    os.utime(path, (1, 1))
    assert run(capsys, *gazetteer, "-i", str(path))[0] == 0
    assert path.stat().st_mtime == 1


def test_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], gazetteer: list[str]) -> None:
    source, target = tmp_path / "a.txt", tmp_path / "b.txt"
    source.write_text("Moskau", encoding="utf-8")
    assert run(capsys, *gazetteer, "-o", str(target), str(source)) == (0, "", "")
    assert target.read_text(encoding="utf-8") == "Moscow"


def test_diff_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str], gazetteer: list[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x\nMoskau\n", encoding="utf-8")
    code, out, _ = run(capsys, *gazetteer, "--diff", str(path))
    assert code == 0 and "-Moskau\n+Moscow\n" in out and out.startswith("--- ")
    assert path.read_text(encoding="utf-8") == "x\nMoskau\n"


def test_check_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str], gazetteer: list[str]) -> None:
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text("Moscow", encoding="utf-8")
    bad.write_text("Moskau", encoding="utf-8")
    assert run(capsys, *gazetteer, "--check", str(good)) == (0, "", "")
    code, out, err = run(capsys, *gazetteer, "--check", str(good), str(bad))
    assert (code, out, err) == (1, "", f"would rewrite {bad}\n")
    assert bad.read_text(encoding="utf-8") == "Moskau"


def test_report_schema_and_offsets(tmp_path: Path, capsys: pytest.CaptureFixture[str], gazetteer: list[str]) -> None:
    path, report = tmp_path / "a.txt", tmp_path / "r.jsonl"
    text = "\ufeffИз Москвы:\r\nMoskau and Kim Jong-un.\n\nPutin said."
    path.write_text(text, encoding="utf-8")
    assert run(capsys, *gazetteer, "--check", "--report", str(report), str(path))[0] == 1
    records = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert [set(r) for r in records] == [{"file", "start", "end", "text", "id", "name", "replacement", "score"}] * 4
    assert [(r["text"], r["replacement"]) for r in records] == [
        ("Москвы", "Москвы"), ("Moskau", "Moscow"), ("Kim Jong-un", "Kim Jong Un"), ("Putin", "Putin"),
    ]  # fmt: skip
    assert all(text[r["start"] : r["end"]] == r["text"] and r["file"] == str(path) for r in records)


def test_directory_recursion_with_glob(tmp_path: Path, capsys: pytest.CaptureFixture[str], gazetteer: list[str]) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("a.txt", "sub/b.md", "sub/c.csv", ".git/d.txt"):
        (tmp_path / name).write_text("Moskau", encoding="utf-8")
    code, _, err = run(capsys, *gazetteer, "--check", str(tmp_path))
    assert code == 1 and err.splitlines() == [f"would rewrite {tmp_path / 'a.txt'}", f"would rewrite {tmp_path / 'sub' / 'b.md'}"]
    code, _, err = run(capsys, *gazetteer, "--check", "--glob", "*.csv", str(tmp_path))
    assert err.splitlines() == [f"would rewrite {tmp_path / 'sub' / 'c.csv'}"]
    code, _, err = run(capsys, *gazetteer, "--check", "--glob", "*.csv", "--glob", "*.txt", str(tmp_path))  # repeated, as -g is
    assert err.splitlines() == [f"would rewrite {tmp_path / 'a.txt'}", f"would rewrite {tmp_path / 'sub' / 'c.csv'}"]


def test_binary_and_non_utf8_are_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str], gazetteer: list[str]) -> None:
    binary, latin1, good = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt"
    binary.write_bytes(b"Moskau\0\1\2")
    latin1.write_bytes("Moskau Ümlaut".encode("latin-1"))
    good.write_text("Moskau", encoding="utf-8")
    code, _, err = run(capsys, *gazetteer, "-i", str(binary), str(latin1), str(good))
    assert code == 0
    assert err.splitlines() == [f"namenorm: {binary}: skipped: binary file", f"namenorm: {latin1}: skipped: not utf-8 text (byte 7); try --encoding"]
    assert binary.read_bytes() == b"Moskau\0\1\2" and latin1.read_bytes() == "Moskau Ümlaut".encode("latin-1")
    assert good.read_text(encoding="utf-8") == "Moscow"
    assert run(capsys, *gazetteer, "-i", "--encoding", "latin-1", str(latin1))[0] == 0
    assert latin1.read_bytes() == "Moscow Ümlaut".encode("latin-1")


def test_crlf_bom_and_trailing_newlines_are_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str], gazetteer: list[str]) -> None:
    for original, expected in [
        (b"\xef\xbb\xbfMoskau\r\nKim\r\n\r\n", b"\xef\xbb\xbfMoscow\r\nKim\r\n\r\n"),
        (b"Moskau", b"Moscow"),
        (b"Moskau\n\n\n", b"Moscow\n\n\n"),
        (b"a\rMoskau\r", b"a\rMoscow\r"),
    ]:
        path = tmp_path / "a.txt"
        path.write_bytes(original)
        assert run(capsys, *gazetteer, "-i", str(path))[0] == 0
        assert path.read_bytes() == expected


def test_jobs_give_the_same_output(tmp_path: Path, capsys: pytest.CaptureFixture[str], gazetteer: list[str]) -> None:
    for i in range(6):
        (tmp_path / f"{i}.txt").write_text((TEXTS / "news-en.txt").read_text(encoding="utf-8") + f"Moskau {i}\n", encoding="utf-8")
    one = run(capsys, *gazetteer, "--diff", "--report", str(tmp_path / "r1.jsonl"), str(tmp_path))
    two = run(capsys, *gazetteer, "--diff", "--jobs", "2", "--report", str(tmp_path / "r2.jsonl"), str(tmp_path))
    assert one == two and one[1].count("+Moscow") == 6
    assert (tmp_path / "r1.jsonl").read_text(encoding="utf-8") == (tmp_path / "r2.jsonl").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt"], "namenorm: missing.txt: no such file or folder\n"),
        (["--backup", ".b", "{a}"], "namenorm: --backup needs --in-place\n"),
        (["-i", "-"], "namenorm: --in-place needs files, not stdin\n"),
        (["{a}", "{a}"], "namenorm: 2 inputs: use --in-place, --diff or --check for several files\n"),
        (["--encoding", "nope", "{a}"], "namenorm: --encoding: unknown encoding 'nope'\n"),
    ],
)
def test_usage_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], gazetteer: list[str], args: list[str], message: str) -> None:
    (tmp_path / "a.txt").write_text("Moskau", encoding="utf-8")
    args = [a.replace("{a}", str(tmp_path / "a.txt")) for a in args]
    assert run(capsys, *gazetteer, *args) == (2, "", message)


def test_write_failure_leaves_the_original(tmp_path: Path, capsys: pytest.CaptureFixture[str], gazetteer: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Moskau", encoding="utf-8")

    def full_disk(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    assert run(capsys, *gazetteer, "-i", str(path)) == (2, "", f"namenorm: {path}: No space left on device\n")
    assert path.read_text(encoding="utf-8") == "Moskau"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_pre_commit_hook_definition() -> None:
    import yaml

    [hook] = yaml.safe_load((Path(__file__).parents[1] / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["language"], hook["types"]) == ("namenorm", "namenorm rewrite --check", "python", ["text"])
