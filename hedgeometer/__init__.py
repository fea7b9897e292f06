"""hedgeometer: measure hedging, speculation, drama, vague attribution and boosters in news.

>>> from hedgeometer import Analyzer
>>> report = Analyzer().analyze(open("seeds/damascus-talks.txt").read())  # doctest: +SKIP

The public names load on first use (PEP 562), so ``import hedgeometer`` and the command
line's ``--help`` and ``--version`` import nothing heavy.
"""

from .version import __version__  # noqa: E402

from .dimensions import DIMENSIONS  # noqa: E402
from .errors import HedgeometerError, InputError, LexiconError, ModelFileError, ParameterError  # noqa: E402

# name -> module that defines it, imported when the name is first used
_LAZY = {"Analyzer": ".analyzer", "ArticleReport": ".reports.article", "SentenceScore": ".scoring.scores"}


def __getattr__(name):
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(_LAZY[name], __name__), name)
        globals()[name] = value  # later lookups skip this function
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))


def to_frame(reports, sentences=False):
    """A pandas DataFrame of reports (see :func:`hedgeometer.runs.frame.to_frame`)."""
    from .runs.frame import to_frame as build

    return build(reports, sentences=sentences)


__all__ = ["Analyzer", "ArticleReport", "SentenceScore", "DIMENSIONS", "HedgeometerError", "InputError",
           "LexiconError", "ModelFileError", "ParameterError", "to_frame", "__version__"]
