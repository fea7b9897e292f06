"""hedgeometer: measure hedging, speculation, drama, vague attribution and boosters in news.

>>> from hedgeometer import Analyzer
>>> report = Analyzer().analyze(open("seeds/damascus-talks.txt").read())  # doctest: +SKIP
"""

__version__ = "0.1.0"

from .analyzer import Analyzer  # noqa: E402
from .dimensions import DIMENSIONS  # noqa: E402
from .errors import HedgeometerError, InputError, LexiconError, ModelFileError, ParameterError  # noqa: E402
from .report import ArticleReport  # noqa: E402
from .scoring import SentenceScore  # noqa: E402


def to_frame(reports, sentences=False):
    """A pandas DataFrame of reports (see :func:`hedgeometer.frame.to_frame`)."""
    from .frame import to_frame as build

    return build(reports, sentences=sentences)


__all__ = ["Analyzer", "ArticleReport", "SentenceScore", "DIMENSIONS", "HedgeometerError", "InputError",
           "LexiconError", "ModelFileError", "ParameterError", "to_frame", "__version__"]
