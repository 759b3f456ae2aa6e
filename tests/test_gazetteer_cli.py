"""`namenorm gazetteer lint`, `namenorm gazetteer import-geonames` and `namenorm explain`."""

import json
from pathlib import Path

import pytest
import yaml

from namenorm.cli import main
from namenorm.index import cache_dir

GEONAMES = Path(__file__).parent / "fixtures" / "geonames"


def run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, entities: list[dict]) -> Path:
    path = tmp_path / "g.yaml"
    path.write_text(yaml.safe_dump({"entities": entities}, allow_unicode=True), encoding="utf-8")
    return path


KAZAN = {"id": "kazan", "kind": "place", "country": "RU", "type": "city", "name": "Kazan", "native": {"ru": "Казань"}}


def test_lint_passes_a_clean_gazetteer(capsys, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "gazetteer", "lint", str(write(tmp_path, [KAZAN])))
    assert code == 0 and out.startswith("ok: 1 entities in 1 files; 0 generated keys two entities made by chance")


def test_lint_finds_a_native_name_far_from_the_canonical_name(capsys, tmp_path: Path) -> None:
    wrong = {**KAZAN, "native": {"ru": "Тюмень"}}
    code, out, _ = run(capsys, "gazetteer", "lint", str(write(tmp_path, [wrong])))
    assert code == 1
    assert "kazan: native.ru: 'Тюмень' romanises nowhere near 'Kazan'" in out


def test_lint_finds_people_without_native_names_and_shared_keys(capsys, tmp_path: Path) -> None:
    person = {"id": "nobody", "kind": "person", "country": "RU", "name": "Ivan Nobody"}
    twin = {**KAZAN, "id": "kazan-2"}
    code, out, _ = run(capsys, "gazetteer", "lint", str(write(tmp_path, [KAZAN, twin, person])))
    assert code == 1
    assert "nobody: native: a person needs a native name" in out
    assert "kazan: name: names shared with kazan-2 ('kazan', 'казань')" in out


def test_lint_accepts_keys_marked_ambiguous(capsys, tmp_path: Path) -> None:
    first, second = ({**KAZAN, "id": i, "ambiguous": ["Kazan", "Казань"]} for i in ("kazan", "kazan-2"))
    code, out, _ = run(capsys, "gazetteer", "lint", str(write(tmp_path, [first, second])))
    assert code == 0, out


def test_lint_reports_schema_errors_as_findings(capsys, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "gazetteer", "lint", str(write(tmp_path, [{**KAZAN, "country": "XX"}])))
    assert code == 1 and "kazan: country: must be an ISO 3166-1 alpha-2 code" in out


def test_import_geonames_writes_a_loadable_gazetteer(capsys, tmp_path: Path) -> None:
    out_path = tmp_path / "kp.yaml"
    code, _, err = run(
        capsys, "gazetteer", "import-geonames", str(GEONAMES / "KP.txt"),
        "--alternate-names", str(GEONAMES / "alternateNamesV2.txt"), "--country", "KP", "-o", str(out_path),
    )  # fmt: skip
    assert code == 0 and "wrote" in err
    text = out_path.read_text(encoding="utf-8")
    assert "CC-BY 4.0" in text.splitlines()[1]
    code, out, _ = run(capsys, "match", "--json", "-g", str(out_path), "평양")
    assert json.loads(out)["id"] == "pyongyang"


def test_import_geonames_bad_input_is_one_line_and_keeps_the_output(capsys, tmp_path: Path) -> None:
    bad = tmp_path / "XX.txt"
    bad.write_text("not\ta\tdump\n", encoding="utf-8")
    out_path = tmp_path / "out.yaml"
    out_path.write_text("precious", encoding="utf-8")
    code, _, err = run(capsys, "gazetteer", "import-geonames", str(bad), "-o", str(out_path))
    assert code == 2 and err.startswith(f"namenorm: {bad}:1:") and len(err.splitlines()) == 1
    assert out_path.read_text(encoding="utf-8") == "precious"
    assert list(tmp_path.glob("*.tmp")) == []


def test_explain_lists_keys_with_provenance(capsys, mini_path: Path) -> None:
    code, out, _ = run(capsys, "explain", "--json", "-g", str(mini_path), "pyongyang")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    by_key = {r["key"]: r for r in records}
    assert by_key["pchjongjang"]["scheme"] == "alias" and by_key["pchjongjang"]["rank"] == "given"
    assert by_key["평양"]["source"] == "평양"
    code, out, _ = run(capsys, "explain", "-g", str(mini_path), "gwangju")
    assert "(ambiguous)" in out


def test_explain_unknown_id_is_a_usage_error(capsys, mini_path: Path) -> None:
    code, _, err = run(capsys, "explain", "-g", str(mini_path), "nobody")
    assert code == 2 and err.strip() == "namenorm: nobody: no such entity id in the loaded gazetteers"


def test_compile_builds_the_cache_then_reads_it(capsys, mini_path: Path) -> None:
    code, out, _ = run(capsys, "gazetteer", "compile", str(mini_path))
    assert code == 0 and out.startswith("9 entities, ") and " keys in " in out
    assert list(cache_dir().glob("index-*.pickle"))
    code, again, _ = run(capsys, "gazetteer", "compile", str(mini_path))
    assert code == 0 and again.split(" in ")[0] == out.split(" in ")[0]
