"""Errors raised by hedgeometer. The CLI turns each into a one-line message and exit code 1."""


class HedgeometerError(Exception):
    """Base class for every error hedgeometer raises on purpose."""


class LexiconError(HedgeometerError):
    """One or more lexicon rows are malformed. ``problems`` lists every one as ``file:line: why``."""

    def __init__(self, problems):
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in lexicon data:"
        super().__init__("\n".join([head, *("  " + p for p in self.problems)]))


class InputError(HedgeometerError):
    """The text given to analyse cannot be read or is not text."""


class ModelFileError(HedgeometerError):
    """A model file is missing, truncated, tampered with or of an unknown format."""


class MissingResourceError(HedgeometerError, FileNotFoundError):
    """Data that ships with hedgeometer (lexicons, model, seed articles) is not where the package
    keeps it: the install is broken (the message says what is missing)."""


class MissingDependencyError(HedgeometerError, ModuleNotFoundError):
    """A package hedgeometer needs for this step is not installed (the message says which)."""


class NotFittedError(HedgeometerError):
    """A model was used before ``fit``."""


class ParameterError(HedgeometerError, ValueError):
    """A parameter was given a value it does not take: ``parameter``, ``value``, ``expected`` (in
    words) and ``choices`` (the values it takes, when they can be listed) say which, so a caller
    can phrase the fix its own way (the CLI names its option)."""

    def __init__(self, parameter: str, value, expected: str, choices: tuple = ()):
        self.parameter, self.value, self.expected, self.choices = parameter, value, expected, tuple(choices)
        super().__init__(f"{parameter}={value!r}: expected {expected}")
