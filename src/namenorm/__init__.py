"""namenorm: recognise Korean and Russian names of people and places in any spelling."""

__version__ = "0.1.0"

from .compare import Comparison, compare  # noqa: E402
from .fold import fold  # noqa: E402 - the version must be set before the modules that read it
from .gazetteer import Entity, GazetteerError, load_gazetteers  # noqa: E402
from .matcher import Match  # noqa: E402
from .normalizer import Normalizer  # noqa: E402

__all__ = ["Comparison", "Entity", "GazetteerError", "Match", "Normalizer", "__version__", "compare", "fold", "load_gazetteers"]
