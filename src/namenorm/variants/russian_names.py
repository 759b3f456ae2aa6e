"""Russian personal names: split a full name into its parts, and look up established given-name spellings.

>>> parse_name("Владимир Владимирович Путин")
RussianName(given='Владимир', patronymic='Владимирович', surname='Путин')
>>> parse_name("Мария Захарова")
RussianName(given='Мария', patronymic=None, surname='Захарова')
>>> parse_name("Ким Чен Ын") is None
True
>>> given_name_spellings("Пётр")["en"]
('Pyotr', 'Petr', 'Piotr')
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib.resources import files

import yaml

from ..fold import fold

__all__ = [
    "RussianName", "given_name_spellings", "given_name_table", "given_names", "has_surname_ending", "is_patronymic", "parse_name",
    "patronymic_endings", "surname_endings",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class RussianName:
    """A Russian full name: given name, patronymic (or None) and surname, in Cyrillic."""

    given: str
    patronymic: str | None
    surname: str


@functools.cache
def _table() -> dict:
    """Load data/ru-given-names.yaml."""
    return yaml.safe_load((files("namenorm") / "data" / "ru-given-names.yaml").read_text(encoding="utf-8"))


@functools.cache
def patronymic_endings() -> tuple[str, ...]:
    """Return the folded word endings that mark a Russian patronymic, in Cyrillic and as Latin scripts write them."""
    return (*_table()["patronymic_endings"], *_table()["latin_patronymic_endings"])


@functools.cache
def given_name_table() -> dict[str, dict[str, tuple[str, ...]]]:
    """Return folded Cyrillic given name -> language -> its established Latin spellings."""
    return {
        fold(name): {language: tuple(spellings) for language, spellings in by_language.items()}
        for name, by_language in _table()["given_names"].items()
    }


@functools.cache
def given_names() -> tuple[str, ...]:
    """Return the Cyrillic given names of the table as written: those with spellings of their own, then the common ones.

    >>> {"Анна", "Владимир", "Артём"} <= set(given_names()), "Москва" in given_names()
    (True, False)
    """
    return (*_table()["given_names"], *_table()["common"])


def given_name_spellings(given: str) -> dict[str, tuple[str, ...]]:
    """Return a Cyrillic given name's established spellings by language (empty if the table lacks it)."""
    return given_name_table().get(fold(given), {})


def is_patronymic(word: str) -> bool:
    """Tell whether a word, Cyrillic or Latin, has a patronymic ending.

    >>> is_patronymic("Иванович"), is_patronymic("Iwanowitsch"), is_patronymic("Ivanov")
    (True, True, False)
    """
    return fold(word).endswith(patronymic_endings())


@functools.cache
def surname_endings(feminine: bool) -> tuple[str, ...]:
    """Return the folded endings of Russian surnames, Cyrillic and Latin: masculine, and feminine too if asked."""
    endings = _table()["surname_endings"]
    return (*endings["masculine"], *(endings["feminine"] if feminine else ()))


def has_surname_ending(word: str, *, feminine: bool = False) -> bool:
    """Tell whether a word ends as a Russian surname does, in Cyrillic or Latin: masculine, or also feminine if asked.

    >>> has_surname_ending("Semenov"), has_surname_ending("Belova"), has_surname_ending("Belova", feminine=True)
    (True, False, True)
    >>> has_surname_ending("Бородин"), has_surname_ending("Бородино")
    (True, False)
    """
    return fold(word).endswith(surname_endings(feminine))


_REGNAL_NUMBER = re.compile(r"[IVXLC]+")


def parse_name(name: str) -> RussianName | None:
    """Split "Given [Patronymic] Surname" into its parts; None when the name does not have that shape."""
    words = name.split()
    if words and _REGNAL_NUMBER.fullmatch(words[-1]):
        return None  # Nicholas II, Николай II: a monarch's number is not a surname
    if len(words) == 2:
        return RussianName(words[0], None, words[1])
    if len(words) == 3 and is_patronymic(words[1]):
        return RussianName(words[0], words[1], words[2])
    return None
