"""Import places from the GeoNames dumps into namenorm gazetteer entities.

GeoNames (https://www.geonames.org) publishes its gazetteer as tab-separated
text files under the Creative Commons Attribution 4.0 licence:

* ``XX.txt`` (one country) or ``allCountries.txt``: one place per line,
  19 columns (geonameid, name, asciiname, alternatenames, latitude, longitude,
  feature class, feature code, country code, cc2, admin1 code, admin2 code,
  admin3 code, admin4 code, population, elevation, dem, timezone,
  modification date);
* ``alternateNamesV2.txt``: one name per line, 10 columns (alternateNameId,
  geonameid, isolanguage, alternate name, isPreferredName, isShortName,
  isColloquial, isHistoric, from, to).  The older 8-column
  ``alternateNames.txt`` is accepted as well.

Both files are streamed line by line (``allCountries.txt`` and
``alternateNamesV2.txt`` are several gigabytes), so memory use is bounded by
the number of places selected by the filters, not by the size of the dump.

The resulting entities follow the gazetteer format (``kind: place``): the
canonical ``name`` is the preferred English name when the alternate names
file has one, else the GeoNames ``name`` column; ``native`` holds the names
in the country's own language (``ru`` for RU, ``ko`` for KP and KR);
names in the other requested languages become ``aliases``.  Historic and
colloquial alternate names are skipped.  Output written with
:func:`write_gazetteer` carries the attribution that the licence requires.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TextIO, Union

import yaml
from unidecode import unidecode

__all__ = [
    "ATTRIBUTION",
    "NATIVE_LANGUAGES",
    "feature_type",
    "read_geonames",
    "slugify",
    "write_gazetteer",
]

PathLike = Union[str, "os.PathLike[str]"]

#: Attribution line required by the GeoNames licence (CC-BY 4.0).
ATTRIBUTION = "Source: GeoNames (https://www.geonames.org), CC-BY 4.0"

#: Language of the native names, by ISO 3166-1 alpha-2 country code.
NATIVE_LANGUAGES: dict[str, str] = {"RU": "ru", "KP": "ko", "KR": "ko"}

_MAIN_COLUMNS = 19
_ALT_MIN_COLUMNS = 8  # alternateNames.txt (old) has 8, alternateNamesV2.txt 10

# Feature code -> gazetteer ``type``.  Codes not listed get no ``type``.
_FEATURE_TYPES: dict[str, str] = {
    "PCLI": "country",
    "PCLIX": "region",
    "RGN": "region",
    "PPLX": "district",
    "PPLH": "site",
    "PPLQ": "site",
    "PPLW": "site",
    "STM": "river",
    "STMI": "river",
    "STMS": "river",
    "STMA": "river",
    "ISL": "island",
    "ISLET": "island",
    "ISLS": "islands",
    "MT": "mountain",
    "MTS": "mountain",
    "PK": "mountain",
    "PKS": "mountain",
    "VLC": "mountain",
    "HLL": "mountain",
    "LK": "lake",
    "LKS": "lake",
    "LKI": "lake",
    "RSV": "lake",
    "SEA": "sea",
    "BAY": "bay",
    "GULF": "bay",
    "COVE": "bay",
    "PEN": "peninsula",
    "PRT": "port",
    "UNIV": "university",
    "PAL": "palace",
    "SQR": "square",
    "ANS": "site",
    "HSTS": "site",
    "MNMT": "site",
}


def slugify(text: str) -> str:
    """Return the lowercase ASCII slug used for entity ids.

    >>> slugify("Komsomolsk-on-Amur")
    'komsomolsk-on-amur'
    >>> slugify("Ryazan’")
    'ryazan'
    >>> slugify("Hamhŭng")
    'hamhung'
    >>> slugify("평양")
    'pyeongyang'
    """
    ascii_text = unidecode(text).lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def feature_type(feature_class: str, feature_code: str, country: str = "") -> str | None:
    """Map a GeoNames feature class and code to a gazetteer place ``type``.

    Populated places (``P``/``PPL*``) are cities, first-level divisions are
    provinces in the Koreas and regions elsewhere; unknown codes give ``None``.

    >>> feature_type("P", "PPLA")
    'city'
    >>> feature_type("A", "ADM1", "KP")
    'province'
    >>> feature_type("A", "ADM1", "RU")
    'region'
    >>> feature_type("H", "STM")
    'river'
    >>> feature_type("S", "AIRP") is None
    True
    """
    code = feature_code.upper()
    if code in _FEATURE_TYPES:
        return _FEATURE_TYPES[code]
    if code.startswith("PPL") or (feature_class.upper() == "P" and not code):
        return "city"
    if code == "ADM1" or code == "ADM1H":
        return "province" if country.upper() in ("KP", "KR") else "region"
    if code in ("ADM2", "ADM3"):
        return "county" if country.upper() in ("KP", "KR") else "district"
    return None


def _open_text(path: PathLike) -> TextIO:
    return open(path, encoding="utf-8", newline="")


def _split(line: str, path: PathLike, lineno: int, min_columns: int, exact: bool) -> list[str]:
    fields = line.rstrip("\r\n").split("\t")
    if (exact and len(fields) != min_columns) or len(fields) < min_columns:
        expected = f"{min_columns}" if exact else f"at least {min_columns}"
        raise ValueError(
            f"{path}:{lineno}: expected {expected} tab-separated columns, got {len(fields)}"
        )
    return fields


def _int(value: str, path: PathLike, lineno: int, column: str) -> int:
    if value == "":
        return 0
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{path}:{lineno}: {column} is not an integer: {value!r}") from None


def _iter_lines(path: PathLike) -> Iterator[tuple[int, str]]:
    with _open_text(path) as handle:
        for lineno, line in enumerate(handle, 1):
            if not line.strip() or line.startswith("#"):
                continue
            yield lineno, line


def _read_main(
    path: PathLike,
    countries: Collection[str] | None,
    feature_classes: Collection[str] | None,
    feature_codes: Collection[str] | None,
    min_population: int,
) -> dict[int, dict[str, Any]]:
    places: dict[int, dict[str, Any]] = {}
    for lineno, line in _iter_lines(path):
        f = _split(line, path, lineno, _MAIN_COLUMNS, exact=True)
        geonameid = _int(f[0], path, lineno, "geonameid")
        if geonameid <= 0:
            raise ValueError(f"{path}:{lineno}: geonameid is missing")
        if not f[1].strip():
            raise ValueError(f"{path}:{lineno}: name is empty")
        population = _int(f[14], path, lineno, "population")
        country = f[8]
        if countries is not None and country not in countries:
            continue
        if feature_classes is not None and f[6] not in feature_classes:
            continue
        if feature_codes is not None and f[7] not in feature_codes:
            continue
        if population < min_population:
            continue
        places[geonameid] = {
            "geonameid": geonameid,
            "name": f[1].strip(),
            "feature_class": f[6],
            "feature_code": f[7],
            "country": country,
            "population": population,
            "names": [],  # (language, name, preferred, short)
        }
    return places


def _read_alternate_names(
    path: PathLike, places: Mapping[int, dict[str, Any]], languages: Collection[str]
) -> None:
    for lineno, line in _iter_lines(path):
        f = _split(line, path, lineno, _ALT_MIN_COLUMNS, exact=False)
        geonameid = _int(f[1], path, lineno, "geonameid")
        place = places.get(geonameid)
        if place is None:
            continue
        language = f[2]
        if language not in languages:
            continue
        is_colloquial = f[6] == "1"
        is_historic = f[7] == "1"
        if is_colloquial or is_historic:
            continue
        if len(f) >= 10 and f[9].strip():
            continue  # the name has an end date: no longer in use
        name = f[3].strip()
        if name:
            place["names"].append((language, name, f[4] == "1", f[5] == "1"))


def _ordered(names: Iterable[tuple[str, str, bool, bool]]) -> list[str]:
    """Preferred names first, then in file order; duplicates removed."""
    ranked = sorted(enumerate(names), key=lambda item: (not item[1][2], item[0]))
    result: list[str] = []
    for _, (_, name, _, _) in ranked:
        if name not in result:
            result.append(name)
    return result


def _entity(place: Mapping[str, Any], languages: Collection[str]) -> dict[str, Any]:
    country: str = place["country"]
    native_language = NATIVE_LANGUAGES.get(country)
    names: list[tuple[str, str, bool, bool]] = place["names"]

    english = _ordered(n for n in names if n[0] == "en")
    preferred_english = [n[1] for n in names if n[0] == "en" and n[2]]
    canonical = preferred_english[0] if preferred_english else place["name"]

    entity: dict[str, Any] = {"id": "", "kind": "place"}
    kind_type = feature_type(place["feature_class"], place["feature_code"], country)
    if kind_type:
        entity["type"] = kind_type
    entity["country"] = country
    entity["name"] = canonical

    native: dict[str, str | list[str]] = {}
    if native_language and native_language in languages:
        native_names = _ordered(n for n in names if n[0] == native_language)
        if native_names:
            native[native_language] = native_names[0] if len(native_names) == 1 else native_names
    if native:
        entity["native"] = native

    aliases: list[str] = []
    candidates = [place["name"], *english]
    for language in languages:
        if language not in ("en", native_language):
            candidates.extend(_ordered(n for n in names if n[0] == language))
    for alias in candidates:
        if alias != canonical and alias not in aliases:
            aliases.append(alias)
    if aliases:
        entity["aliases"] = aliases

    entity["geonames"] = place["geonameid"]
    if place["population"] > 0:
        entity["population"] = place["population"]
    return entity


def _assign_ids(entities: list[dict[str, Any]]) -> None:
    """Slug ids; on a collision the most populous place keeps the plain slug."""
    by_slug: dict[str, list[dict[str, Any]]] = {}
    for entity in entities:
        slug = slugify(entity["name"]) or f"geonames-{entity['geonames']}"
        by_slug.setdefault(slug, []).append(entity)
    for slug, group in by_slug.items():
        group.sort(key=lambda e: (-e.get("population", 0), e["geonames"]))
        group[0]["id"] = slug
        for entity in group[1:]:
            entity["id"] = f"{slug}-{entity['geonames']}"


def read_geonames(
    main_path: PathLike,
    alternate_names_path: PathLike | None = None,
    *,
    countries: Collection[str] | None = None,
    feature_classes: Collection[str] | None = None,
    feature_codes: Collection[str] | None = None,
    min_population: int = 0,
    languages: Collection[str] = ("ru", "ko", "en"),
) -> list[dict[str, Any]]:
    """Read a GeoNames dump and return gazetteer entity dicts, sorted by id.

    ``main_path`` is ``XX.txt`` or ``allCountries.txt``; ``alternate_names_path``
    (optional) is ``alternateNamesV2.txt`` (or a per-country extract of it).
    The filters keep a place when its country code, feature class and
    feature code are in the given collections (``None``: no filter) and its
    population is at least ``min_population``.  Only alternate names whose
    ``isolanguage`` is in ``languages`` are used.  A malformed line raises
    ``ValueError`` naming the file and the line number.

    >>> import os, tempfile
    >>> row = ["1871859", "Pyongyang", "Pyongyang", "", "39.03", "125.75", "P",
    ...        "PPLC", "KP", "", "12", "", "", "", "3222000", "", "38",
    ...        "Asia/Pyongyang", "2024-01-01"]
    >>> alt = ["1", "1871859", "ko", "평양", "1", "", "", "", "", ""]
    >>> tmp = tempfile.mkdtemp()
    >>> main, names = os.path.join(tmp, "KP.txt"), os.path.join(tmp, "alt.txt")
    >>> _ = open(main, "w", encoding="utf-8").write("\\t".join(row) + "\\n")
    >>> _ = open(names, "w", encoding="utf-8").write("\\t".join(alt) + "\\n")
    >>> read_geonames(main, names, countries={"KP"})  # doctest: +NORMALIZE_WHITESPACE
    [{'id': 'pyongyang', 'kind': 'place', 'type': 'city', 'country': 'KP',
      'name': 'Pyongyang', 'native': {'ko': '평양'}, 'geonames': 1871859,
      'population': 3222000}]
    """
    if min_population < 0:
        raise ValueError("min_population must not be negative")
    places = _read_main(
        main_path,
        None if countries is None else frozenset(c.upper() for c in countries),
        None if feature_classes is None else frozenset(feature_classes),
        None if feature_codes is None else frozenset(feature_codes),
        min_population,
    )
    language_set = tuple(dict.fromkeys(languages))
    if alternate_names_path is not None and places:
        _read_alternate_names(alternate_names_path, places, frozenset(language_set))
    entities = [_entity(places[gid], language_set) for gid in sorted(places)]
    _assign_ids(entities)
    entities.sort(key=lambda e: e["id"])
    return entities


def write_gazetteer(
    entities: Iterable[Mapping[str, Any]],
    out: PathLike | TextIO,
    attribution: str = ATTRIBUTION,
    *,
    generator: str | None = None,
) -> None:
    """Write entities as a gazetteer YAML file with an attribution header.

    ``out`` is a path or an open text stream.  ``attribution`` (one or more
    lines) is written as a leading comment; ``generator`` (e.g.
    ``"namenorm gazetteer import-geonames"``) adds the "generated, do not
    edit by hand" line that generated gazetteer files start with.

    >>> import io
    >>> buf = io.StringIO()
    >>> write_gazetteer([{"id": "pyongyang", "kind": "place", "country": "KP",
    ...                   "name": "Pyongyang", "native": {"ko": "평양"}}], buf)
    >>> print(buf.getvalue(), end="")
    # Source: GeoNames (https://www.geonames.org), CC-BY 4.0
    entities:
    - id: pyongyang
      kind: place
      country: KP
      name: Pyongyang
      native: {ko: 평양}
    """
    header: list[str] = []
    if generator:
        header.append(f"Generated by {generator} from GeoNames - do not edit by hand.")
    header.extend(attribution.splitlines())
    text = "".join(f"# {line}".rstrip() + "\n" for line in header)
    text += yaml.safe_dump(
        {"entities": [dict(e) for e in entities]},
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=None,
        width=100_000,
    )
    if isinstance(out, io.TextIOBase) or hasattr(out, "write"):
        out.write(text)  # type: ignore[union-attr]
    else:
        Path(out).write_text(text, encoding="utf-8")
