"""Shared fixtures: a small gazetteer, Normalizers built from it and from the bundled gazetteers without the disk cache."""

from collections.abc import Callable
from pathlib import Path

import pytest

from namenorm import Normalizer
from namenorm.gazetteer import bundled_gazetteer_dir

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def mini_path() -> Path:
    """Path of the small test gazetteer."""
    return FIXTURES / "mini.yaml"


@pytest.fixture(scope="session")
def mini(mini_path: Path) -> Normalizer:
    """A Normalizer over the small test gazetteer."""
    return Normalizer.from_paths(mini_path, use_cache=False)


@pytest.fixture(scope="session")
def bundled() -> Normalizer:
    """A Normalizer over the bundled gazetteers (no disk cache), built once for the whole run."""
    return Normalizer.from_paths(bundled_gazetteer_dir(), use_cache=False)


@pytest.fixture(scope="session")
def normalizer_of(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Normalizer]:
    """Return a function that builds a Normalizer (no disk cache) from gazetteer YAML text."""

    def build(yaml_text: str) -> Normalizer:
        path = tmp_path_factory.mktemp("gazetteer") / "g.yaml"
        path.write_text(yaml_text, encoding="utf-8")
        return Normalizer.from_paths(path, use_cache=False)

    return build


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Give every test its own index cache folder, out of the user's cache folder."""
    monkeypatch.setenv("NAMENORM_CACHE_DIR", str(tmp_path / "cache"))
