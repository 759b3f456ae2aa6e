"""Gazetteer schema, loading and validation.

A gazetteer is a YAML file with a top-level ``entities`` list (see README). Loading
checks every entity and reports **every** problem at once, each naming the file,
the line, the entity id and the field:

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "g.yaml"
>>> _ = path.write_text("entities:\\n  - id: x\\n    kind: planet\\n    country: RU\\n    name: X\\n")
>>> try:
...     load_gazetteers([path])
... except GazetteerError as error:
...     print(str(error).replace(str(path), "g.yaml"))
g.yaml:3: x: kind: must be one of person, place, not 'planet'
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Container, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import icu
import yaml
from yaml.composer import Composer, ComposerError

__all__ = [
    "TRANSLATED_TYPES",
    "Entity",
    "Gazetteer",
    "GazetteerError",
    "Problem",
    "bundled_gazetteer_dir",
    "fingerprint",
    "gazetteer_files",
    "load_gazetteers",
]

KINDS = ("person", "place")
# Place types whose names in other languages are translations, not spellings (Korean Peninsula,
# 한반도, Südkorea): the lint does not expect them to romanise alike, and a rewrite leaves them be.
TRANSLATED_TYPES = frozenset(
    {"country", "region", "peninsula", "site", "cosmodrome", "palace", "square", "university", "bay", "autonomous-oblast"}
)
_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_TYPE = re.compile(r"[a-z][a-z-]*\Z")
# BCP-47 syntax: language, then optional script, region, variants (RFC 5646, simplified).
_BCP47 = re.compile(r"(?P<lang>[a-z]{2,3})(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?(-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*\Z")
# libyaml's parser when PyYAML has it (several times faster), else the pure-Python one; both are safe.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FIELDS = (
    "id", "kind", "country", "name", "native", "aliases", "type", "description",
    "not", "ambiguous", "geonames", "population", "source",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a gazetteer, with where it is."""

    path: str
    line: int
    entity_id: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: "
        if self.entity_id:
            where += f"{self.entity_id}: "
        if self.field:
            where += f"{self.field}: "
        return where + self.message


class GazetteerError(Exception):
    """Raised with every problem found in the gazetteers, one per line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


@dataclass(frozen=True, slots=True)
class Entity:
    """A person or place, as the gazetteer describes it."""

    id: str
    kind: str
    country: str
    name: str
    native: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    type: str | None = None
    description: str | None = None
    not_: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    geonames: int | None = None
    population: int | None = None
    source: str | None = None
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """The entities of one or more gazetteer files, with a fingerprint of their content."""

    entities: tuple[Entity, ...]
    files: tuple[str, ...]
    fingerprint: str


def bundled_gazetteer_dir() -> Path:
    """Return the folder of the gazetteers shipped with namenorm."""
    installed = Path(__file__).parent / "gazetteers"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "gazetteers"  # a source checkout


def gazetteer_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into the sorted list of gazetteer files they name."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()))
        else:
            files.append(path)
    return files


def load_gazetteers(paths: Iterable[str | Path]) -> Gazetteer:
    """Load and check gazetteer files or folders; raise GazetteerError listing every problem."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in map(Path, paths):
        found = gazetteer_files([path])
        if path.is_dir() and not found:
            problems.append(Problem(str(path), 0, None, None, "no .yaml gazetteer files in this folder"))
        files.extend(found)
    entities: list[Entity] = []
    ids: list[tuple[str, str]] = []  # (id, "path:line") of every entity with an id, valid or not
    contents = []
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as error:
            problems.append(Problem(str(path), 0, None, None, f"cannot read: {error.strerror or error}"))
            continue
        contents.append((path, data))
        entities.extend(_load_file(str(path), data, problems, ids))
    _check_ids(entities, ids, problems)
    if problems:
        raise GazetteerError(problems)
    return Gazetteer(tuple(entities), tuple(map(str, files)), fingerprint(contents))


def fingerprint(contents: Iterable[tuple[Path, bytes]]) -> str:
    """Hash gazetteer files' paths and bytes: the Gazetteer.fingerprint the index cache is keyed by."""
    digest = hashlib.sha256()
    for path, data in contents:
        digest.update(str(path).encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


class _StreamingLoader(_LOADER, Composer):  # type: ignore[misc,valid-type]
    """The safe parser with PyYAML's composer, driven node by node (see :func:`_entities_of`)."""

    def __init__(self, text: str) -> None:
        _LOADER.__init__(self, text)
        Composer.__init__(self)  # (its anchors; libyaml's parser composes without them)


def _load_file(path: str, data: bytes, problems: list[Problem], ids: list[tuple[str, str]]) -> Iterator[Entity]:
    """Parse one file into entities, adding what is wrong to problems."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problems.append(Problem(path, 1, None, None, f"not UTF-8 text (byte {error.start})"))
        return
    loader = _StreamingLoader(text)
    try:
        yield from _entities_of(loader, path, problems, ids)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        problems.append(Problem(path, line, None, None, f"YAML syntax: {error.problem or error.context}"))
    except yaml.YAMLError as error:
        problems.append(Problem(path, 1, None, None, f"YAML syntax: {error}"))
    finally:
        loader.dispose()


def _entities_of(loader: _StreamingLoader, path: str, problems: list[Problem], ids: list[tuple[str, str]]) -> Iterator[Entity]:
    """Compose a file's top-level mapping key by key and its entities one at a time, checking each: the node tree
    of a whole file is never held (for 30,000 entities it takes about 175 MB, more than the parsed entities)."""
    loader.get_event()  # the stream starts
    if loader.check_event(yaml.StreamEndEvent):
        problems.append(Problem(path, 1, None, None, "empty file: expected a top-level 'entities' list"))
        return
    document = loader.get_event()
    if not loader.check_event(yaml.MappingStartEvent):
        _mapping(loader.compose_node(None, None), path, None, None, problems)  # not a mapping: says so
        return
    top_line = loader.get_event().start_mark.line + 1
    keys: set[str] = set()
    while not loader.check_event(yaml.MappingEndEvent):
        key = loader.compose_node(None, None)
        name = _key_name(key, keys, path, None, None, problems)
        first = name is not None and name not in keys
        if first and name == "entities" and loader.check_event(yaml.SequenceStartEvent):
            loader.get_event()
            while not loader.check_event(yaml.SequenceEndEvent):
                entity = _entity(loader.compose_node(None, None), path, problems, ids)
                if entity is not None:
                    yield entity
            loader.get_event()
        else:
            value = loader.compose_node(None, None)  # (not kept: the key is reported)
            if first and name == "entities":
                problems.append(Problem(path, _line(value), None, "entities", "must be a list of entities"))
            elif first:
                problems.append(Problem(path, _line(key), None, name, "unknown top-level key (expected 'entities')"))
        if name is not None:
            keys.add(name)
    if "entities" not in keys:
        problems.append(Problem(path, top_line, None, "entities", "missing top-level 'entities' list"))
    loader.get_event()  # the mapping ends
    loader.get_event()  # the document ends
    if not loader.check_event(yaml.StreamEndEvent):
        found = loader.get_event()
        raise ComposerError("expected a single document in the stream", document.start_mark, "but found another document", found.start_mark)


def _line(node: yaml.Node) -> int:
    """Return the 1-based line where a YAML node starts."""
    return node.start_mark.line + 1


def _mapping(
    node: yaml.Node, path: str, entity_id: str | None, field: str | None, problems: list[Problem]
) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
    """Return a mapping node's items by key, reporting duplicate or non-string keys."""
    if not isinstance(node, yaml.MappingNode):
        problems.append(Problem(path, _line(node), entity_id, field, "must be a mapping"))
        return None
    items: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key, value in node.value:
        name = _key_name(key, items, path, entity_id, field, problems)
        if name is not None:
            items[name] = (key, value)
    return items


def _key_name(
    key: yaml.Node, seen: Container[str], path: str, entity_id: str | None, field: str | None, problems: list[Problem]
) -> str | None:
    """Return a mapping key's string, reporting a key that is not a plain string (then None) or one already `seen`."""
    if not isinstance(key, yaml.ScalarNode):
        problems.append(Problem(path, _line(key), entity_id, field, "keys must be plain strings"))
        return None
    if key.value in seen:
        problems.append(Problem(path, _line(key), entity_id, key.value, "duplicate key"))
    return key.value


def _scalar(node: yaml.Node) -> object:
    """Return the Python value of a scalar node, as the safe loader would build it."""
    return yaml.constructor.SafeConstructor().construct_object(node)


def _declared_id(node: yaml.Node) -> str | None:
    """Return the id an entity node declares, before it is checked, for messages."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(value, yaml.ScalarNode):
                return str(value.value)
    return None


def _entity(node: yaml.Node, path: str, problems: list[Problem], ids: list[tuple[str, str]]) -> Entity | None:
    """Check one entity node and build it, or return None after reporting its problems."""
    entity_id = _declared_id(node)
    items = _mapping(node, path, entity_id, None, problems)
    if items is None:
        return None
    before = len(problems)
    line = _line(node)

    def report(field: str | None, message: str, at: yaml.Node | None = None) -> None:
        problems.append(Problem(path, _line(at) if at is not None else line, entity_id, field, message))

    def text(field: str, required: bool = False) -> str | None:
        if field not in items:
            if required:
                report(field, "missing")
            return None
        value_node = items[field][1]
        value = _scalar(value_node) if isinstance(value_node, yaml.ScalarNode) else None
        if not isinstance(value, str) and not (field == "name" and isinstance(value, int | float)):
            report(field, "must be a string", value_node)
            return None
        value = str(value).strip()
        if not value:
            report(field, "must not be empty", value_node)
            return None
        return value

    def strings(field: str, value_node: yaml.Node) -> tuple[str, ...]:
        values = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        out = []
        for item in values:
            value = _scalar(item) if isinstance(item, yaml.ScalarNode) else None
            if not isinstance(value, str | int) or not str(value).strip():
                report(field, "must be a non-empty string or a list of them", item)
                continue
            out.append(str(value).strip())
        return tuple(out)

    raw_id = text("id", required=True)
    if raw_id is not None:
        ids.append((raw_id, f"{path}:{line}"))
        if not _ID.match(raw_id):
            report("id", f"must match [a-z0-9][a-z0-9-]*, not {raw_id!r}", items["id"][1])
    for key, (key_node, _) in items.items():
        if key not in _FIELDS:
            report(key, f"unknown key (allowed: {', '.join(_FIELDS)})", key_node)
    kind = text("kind", required=True)
    if kind is not None and kind not in KINDS:
        report("kind", f"must be one of {', '.join(KINDS)}, not {kind!r}", items["kind"][1])
    country = text("country", required=True)
    if country is not None and country not in _iso_countries():
        report("country", f"must be an ISO 3166-1 alpha-2 code such as RU, KP, KR, not {country!r}", items["country"][1])
    name = text("name", required=True)
    native: dict[str, tuple[str, ...]] = {}
    if "native" in items:
        native_items = _mapping(items["native"][1], path, entity_id, "native", problems) or {}
        for tag, (tag_node, value_node) in native_items.items():
            match = _BCP47.match(tag)
            if not match or match["lang"] not in _iso_languages():
                report(f"native.{tag}", "not a valid BCP-47 language tag", tag_node)
                continue
            names = strings(f"native.{tag}", value_node)
            for native_name in names:
                wrong = _wrong_script(tag, native_name)
                if wrong:
                    report(f"native.{tag}", f"{wrong} in {native_name!r}", value_node)
            native[tag] = names
    extra: dict[str, tuple[str, ...]] = {}
    for key in ("aliases", "not", "ambiguous"):
        if key in items:
            extra[key] = strings(key, items[key][1])
    for other in extra.get("not", ()):
        if not _ID.match(other):
            report("not", f"not an entity id: {other!r}", items["not"][1])
    numbers: dict[str, int] = {}
    for key in ("geonames", "population"):
        if key in items:
            value_node = items[key][1]
            value = _scalar(value_node) if isinstance(value_node, yaml.ScalarNode) else None
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                report(key, "must be a whole number of 0 or more", value_node)
            else:
                numbers[key] = value
    entity_type = text("type")
    if entity_type is not None and not _TYPE.match(entity_type):
        report("type", f"must be a lower-case word such as city, river, island, not {entity_type!r}", items["type"][1])
    description, source = text("description"), text("source")
    if len(problems) > before or raw_id is None or kind is None or country is None or name is None:
        return None
    return Entity(
        id=raw_id,
        kind=kind,
        country=country,
        name=name,
        native=native,
        aliases=extra.get("aliases", ()),
        type=entity_type,
        description=description,
        not_=extra.get("not", ()),
        ambiguous=extra.get("ambiguous", ()),
        geonames=numbers.get("geonames"),
        population=numbers.get("population"),
        source=source,
        origin=f"{path}:{line}",
    )


def _check_ids(entities: list[Entity], ids: list[tuple[str, str]], problems: list[Problem]) -> None:
    """Report ids used twice and `not` links to ids that no loaded gazetteer has."""
    seen: dict[str, str] = {}
    for entity_id, origin in ids:
        if entity_id in seen:
            path, line = origin.rsplit(":", 1)
            problems.append(Problem(path, int(line), entity_id, "id", f"duplicate id, first defined at {seen[entity_id]}"))
        else:
            seen[entity_id] = origin
    for entity in entities:
        for other in entity.not_:
            if other not in seen:
                path, line = entity.origin.rsplit(":", 1)
                problems.append(Problem(path, int(line), entity.id, "not", f"no loaded entity has the id {other!r}"))


@cache
def _iso_countries() -> frozenset[str]:
    """Return the ISO 3166-1 alpha-2 codes ICU knows."""
    return frozenset(icu.Locale.getISOCountries())


@cache
def _iso_languages() -> frozenset[str]:
    """Return the ISO 639 language codes ICU knows."""
    return frozenset(icu.Locale.getISOLanguages())


@cache
def _expected_scripts(tag: str) -> frozenset[str]:
    """Return the ISO 15924 script codes a language's names are written in (Kore -> Hang, Hani)."""
    script = icu.Locale.addLikelySubtags(icu.Locale(tag.replace("-", "_"))).getScript()
    combined = {"Kore": {"Hang", "Hani"}, "Jpan": {"Hira", "Kana", "Hani"}, "Hans": {"Hani"}, "Hant": {"Hani"}}
    return frozenset(combined.get(script, {script}))


def _wrong_script(tag: str, name: str) -> str | None:
    """Say which letters of a native name are not in its language's script, or return None."""
    expected = _expected_scripts(tag)
    if not expected or expected == {""}:
        return None
    wrong = []
    for char in name:
        if not char.isalpha():
            continue
        script = icu.Script.getScript(char)
        if script.getShortName() not in expected and script.getShortName() not in ("Zyyy", "Zinh"):
            wrong.append(script.getName())
    if wrong:
        return f"{', '.join(sorted(set(wrong)))} letters in a {tag!r} name (expected script {'/'.join(sorted(expected))})"
    return None
