"""Loading gazetteers: the format, and a clear report of every problem."""

import tracemalloc
from pathlib import Path

import pytest
import yaml

from namenorm.gazetteer import GazetteerError, bundled_gazetteer_dir, load_gazetteers

GOOD = """\
entities:
  - id: vladimir-putin
    kind: person
    country: RU
    name: Vladimir Putin
    native:
      ru: Владимир Владимирович Путин
    aliases: [Putin]
  - id: pyongyang
    kind: place
    country: KP
    type: city
    name: Pyongyang
    native: {ko: 평양, ru: [Пхеньян]}
    geonames: 1871859
"""


def write(tmp_path: Path, text: str, name: str = "g.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    path = write(tmp_path, text)
    with pytest.raises(GazetteerError) as caught:
        load_gazetteers([path])
    return [line.replace(str(path), "g.yaml") for line in str(caught.value).splitlines()]


def entity(**fields: str) -> str:
    base = {"id": "x", "kind": "place", "country": "RU", "name": "X"}
    base.update(fields)
    return "entities:\n  - " + "\n    ".join(f"{k}: {v}" for k, v in base.items() if v is not None) + "\n"


def test_good_file_loads_every_field(tmp_path: Path) -> None:
    gazetteer = load_gazetteers([write(tmp_path, GOOD)])
    putin, pyongyang = gazetteer.entities
    assert putin.native == {"ru": ("Владимир Владимирович Путин",)}
    assert putin.aliases == ("Putin",)
    assert pyongyang.native["ru"] == ("Пхеньян",) and pyongyang.geonames == 1871859
    assert pyongyang.origin.endswith("g.yaml:9")


def test_folder_loads_all_yaml_files_and_fingerprint_follows_content(tmp_path: Path) -> None:
    write(tmp_path, GOOD, "a.yaml")
    write(tmp_path, entity(id="kazan", name="Kazan"), "b.yml")
    write(tmp_path, "not a gazetteer", "notes.txt")
    first = load_gazetteers([tmp_path])
    assert [e.id for e in first.entities] == ["vladimir-putin", "pyongyang", "kazan"]
    write(tmp_path, entity(id="kazan", name="Kazan City"), "b.yml")
    assert load_gazetteers([tmp_path]).fingerprint != first.fingerprint


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    (found,) = problems(tmp_path, "entities:\n  - id: a\n    name: [unclosed\n")
    assert found.startswith("g.yaml:4: YAML syntax: ") and "expected ',' or ']'" in found
    (found,) = problems(tmp_path, "entities:\n  - id: a\n\tkind: person\n")
    assert found.startswith("g.yaml:3: YAML syntax: ")


def test_problems_before_a_syntax_error_are_reported_with_it(tmp_path: Path) -> None:
    text = entity(id="a", country="XX") + "  - id: b\n    name: [unclosed\n"
    found = problems(tmp_path, text)
    assert found[0].startswith("g.yaml:4: a: country: must be an ISO 3166-1") and found[1].startswith("g.yaml:8: YAML syntax: ")


def test_a_file_is_read_entity_by_entity_not_as_one_node_tree(tmp_path: Path) -> None:
    # a 30,000-entity file's node tree takes about 175 MB: loading holds one entity's nodes at a time
    rows = [f"  - {{id: p{i}, kind: place, country: RU, name: Town {i}, native: {{ru: Город {i}}}, aliases: [Gorod {i}]}}" for i in range(2000)]
    path = write(tmp_path, "entities:\n" + "\n".join(rows) + "\n")
    peaks = []
    for load in (lambda: yaml.compose(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), lambda: load_gazetteers([path])):
        tracemalloc.start()
        loaded = load()
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        del loaded
    assert peaks[1] < peaks[0] / 2


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"colour": "red"}, "g.yaml:6: x: colour: unknown key"),
        ({"name": None}, "g.yaml:2: x: name: missing"),
        ({"name": '""'}, "g.yaml:5: x: name: must not be empty"),
        ({"kind": "planet"}, "g.yaml:3: x: kind: must be one of person, place, not 'planet'"),
        ({"country": "XX"}, "g.yaml:4: x: country: must be an ISO 3166-1 alpha-2 code"),
        ({"country": "RUS"}, "g.yaml:4: x: country: must be an ISO 3166-1 alpha-2 code"),
        ({"native": "{xx-foo: abc}"}, "g.yaml:6: x: native.xx-foo: not a valid BCP-47 language tag"),
        ({"native": "{Russian: Казань}"}, "g.yaml:6: x: native.Russian: not a valid BCP-47 language tag"),
        ({"native": "{ko: Kim Jong Un}"}, "g.yaml:6: x: native.ko: Latin letters in a 'ko' name"),
        ({"native": "{ru: [Казань, Kazan]}"}, "g.yaml:6: x: native.ru: Latin letters in a 'ru' name"),
        ({"id": "Bad_Id"}, "g.yaml:2: Bad_Id: id: must match"),
        ({"population": "-3"}, "g.yaml:6: x: population: must be a whole number"),
        ({"aliases": "[[nested]]"}, "g.yaml:6: x: aliases: must be a non-empty string"),
        ({"not": "[nobody]"}, "g.yaml:2: x: not: no loaded entity has the id 'nobody'"),
    ],
)
def test_each_problem_is_reported_with_file_line_id_and_field(tmp_path: Path, fields: dict, expected: str) -> None:
    found = problems(tmp_path, entity(**fields))
    assert any(line.startswith(expected) for line in found), found


def test_every_problem_is_reported_not_only_the_first(tmp_path: Path) -> None:
    text = entity(kind="planet", country="XX") + "  - id: y\n    kind: person\n    country: RU\n    name: ''\n"
    found = problems(tmp_path, text)
    assert len(found) == 3
    assert {line.split(": ")[2] for line in found} == {"kind", "country", "name"}


def test_duplicate_id_across_files_names_both_places(tmp_path: Path) -> None:
    first = write(tmp_path, entity(id="kazan"), "a.yaml")
    second = write(tmp_path, "# second file\n" + entity(id="kazan"), "b.yaml")
    with pytest.raises(GazetteerError) as caught:
        load_gazetteers([first, second])
    assert str(caught.value) == f"{second}:3: kazan: id: duplicate id, first defined at {first}:2"


def test_duplicate_key_and_bad_top_level(tmp_path: Path) -> None:
    assert problems(tmp_path, entity() + "    name: Y\n")[0].startswith("g.yaml:6: x: name: duplicate key")
    assert problems(tmp_path, "people: []\n") == [
        "g.yaml:1: people: unknown top-level key (expected 'entities')",
        "g.yaml:1: entities: missing top-level 'entities' list",
    ]
    assert problems(tmp_path, "") == ["g.yaml:1: empty file: expected a top-level 'entities' list"]


def test_unsafe_yaml_tags_are_refused(tmp_path: Path) -> None:
    found = problems(tmp_path, entity(name="!!python/object/apply:os.system [echo hacked]"))
    assert found and "name" in found[0]


def test_bundled_gazetteers_load_without_problems() -> None:
    gazetteer = load_gazetteers([bundled_gazetteer_dir()])
    assert len(gazetteer.entities) > 0
