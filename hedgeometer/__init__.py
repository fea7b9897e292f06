"""hedgeometer: measure hedging, speculation, drama, vague attribution and boosters in news.

>>> from hedgeometer import Analyzer
>>> from hedgeometer.resources import seed_text
>>> report = Analyzer().analyze(seed_text())
>>> report.headline.text
'Russia and Syria Strengthen Military Ties Amid Strategic Ambiguity'
>>> f"{len(report.flagged)} of {len(report.sentences)} sentences flagged"
'17 of 18 sentences flagged'

The public names load on first use (PEP 562), so ``import hedgeometer`` and the command
line's ``--help`` and ``--version`` import nothing heavy.
"""

from .version import __version__  # noqa: E402

from .dimensions import DIMENSIONS  # noqa: E402
from .errors import (HedgeometerError, InputError, LexiconError, MissingDependencyError,  # noqa: E402
                     MissingResourceError, ModelFileError, ParameterError)

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
           "LexiconError", "MissingDependencyError", "MissingResourceError", "ModelFileError", "ParameterError",
           "to_frame", "__version__"]
