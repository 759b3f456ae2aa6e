"""Sample Russian entities shared by the Russian variant tests."""

from namenorm.gazetteer import Entity
from namenorm.variants import Rank, generate


def person(entity_id: str, name: str, native: str, country: str = "RU") -> Entity:
    """A person with one Russian name."""
    return Entity(entity_id, "person", country, name, {"ru": (native,)})


def place(entity_id: str, name: str, native: str, country: str = "RU") -> Entity:
    """A place (a city) with one Russian name."""
    return Entity(entity_id, "place", country, name, {"ru": (native,)}, type="city")


def keys(entity: Entity) -> set[str]:
    """The folded keys of an entity."""
    return {v.key for v in generate(entity)}


def ranks(entity: Entity) -> dict[str, Rank]:
    """The folded keys of an entity with their ranks."""
    return {v.key: v.rank for v in generate(entity)}


PUTIN = person("vladimir-putin", "Vladimir Putin", "Владимир Владимирович Путин")
LAVROV = person("sergey-lavrov", "Sergey Lavrov", "Сергей Викторович Лавров")
SHOIGU = person("sergei-shoigu", "Sergei Shoigu", "Сергей Кужугетович Шойгу")
KAZAN = place("kazan", "Kazan", "Казань")
TYUMEN = place("tyumen", "Tyumen", "Тюмень")
PSKOV = place("pskov", "Pskov", "Псков")
KHASAN = place("khasan", "Khasan", "Хасан")
