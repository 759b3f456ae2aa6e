"""`namenorm match`: arguments or stdin, JSON or a table, exit codes."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import namenorm
from namenorm.cli import main

SOURCE_ENV = {**os.environ, "PYTHONPATH": str(Path(namenorm.__file__).parents[1])}


def run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_contract_in_query_order(capsys, mini_path: Path) -> None:
    code, out, err = run(capsys, "match", "--json", "-g", str(mini_path), "Пхеньян", "nobody", "Kim Jong Un")
    assert code == 0 and err == ""
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["query"] for r in records] == ["Пхеньян", "nobody", "Kim Jong Un"]
    assert records[0]["id"] == "pyongyang" and records[0]["kind"] == "place" and 0 < records[0]["score"] <= 1
    assert records[1] == {"query": "nobody", "id": None, "name": None, "score": None, "kind": None, "country": None, "reason": None}
    assert {"query", "id", "name", "score", "kind", "reason"} <= records[2].keys()


def test_stdin_one_query_per_line(capsys, monkeypatch, mini_path: Path) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Kazan\r\n\nХасан\n"))
    code, out, _ = run(capsys, "match", "--json", "-g", str(mini_path))
    assert code == 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["kazan", None, "khasan"]


def test_plain_output_is_a_table(capsys, mini_path: Path) -> None:
    code, out, _ = run(capsys, "match", "-g", str(mini_path), "Kazan", "nobody")
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:3] == ["QUERY", "ID", "SCORE"]
    assert lines[1].split()[:3] == ["Kazan", "kazan", "1.00"] and "no match" in lines[2]


def test_gazetteer_error_exits_2_with_one_line_per_problem(capsys, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("entities:\n  - id: x\n    kind: planet\n    country: XX\n    name: X\n", encoding="utf-8")
    code, out, err = run(capsys, "match", "-g", str(bad), "x")
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"namenorm: {bad}:3: x: kind: must be one of person, place, not 'planet'",
        f"namenorm: {bad}:4: x: country: must be an ISO 3166-1 alpha-2 code such as RU, KP, KR, not 'XX'",
    ]


def test_missing_gazetteer_and_bad_usage_exit_2(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "match", "-g", str(tmp_path / "nope.yaml"), "x")
    assert code == 2 and err.strip() == f"namenorm: {tmp_path / 'nope.yaml'}: no such gazetteer file or folder"
    with pytest.raises(SystemExit) as caught:
        main(["match", "--no-such-option"])
    assert caught.value.code == 2


def test_many_queries_on_stdin_through_the_console_script(mini_path: Path) -> None:
    queries = "".join(f"{name}\n" for name in ["Vladimir Putin", "Kazan", "nobody", "평양"] * 25_000)
    result = subprocess.run(
        [sys.executable, "-m", "namenorm", "match", "--json", "-g", str(mini_path)],
        input=queries, capture_output=True, text=True, check=True, timeout=300, env=SOURCE_ENV,
    )  # fmt: skip
    lines = result.stdout.splitlines()
    assert len(lines) == 100_000
    assert json.loads(lines[-1])["id"] == "pyongyang" and json.loads(lines[2])["id"] is None


def test_explain_shows_candidates_with_key_and_rule(capsys, mini_path: Path) -> None:
    code, out, _ = run(capsys, "match", "--json", "--explain", "-g", str(mini_path), "Gwangju", "Pchjongjang")
    ambiguous, alias = (json.loads(line) for line in out.splitlines())
    assert ambiguous["id"] is None and {c["id"] for c in ambiguous["candidates"]} == {"gwangju", "gwangju-gyeonggi"}
    assert alias["id"] == "pyongyang" and "pchjongjang" in alias["candidates"][0]["reason"]
    assert "alias" in alias["candidates"][0]["reason"]
    code, out, _ = run(capsys, "match", "--explain", "-g", str(mini_path), "Pchjongjang")
    assert "candidate pyongyang" in out
