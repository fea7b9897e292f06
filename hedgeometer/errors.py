"""Errors raised by hedgeometer, and the hints they carry.

An error that a setting can fix names it with a :class:`Hint`: the API parameter and the value
to give it. ``str(error)`` phrases a hint in the library's terms (``model=None``); a front end
phrases the same error its own way with :meth:`HedgeometerError.phrase` (the command line names
its options: ``--no-model``). The CLI turns each error into a one-line message and exit code 1.
"""

from __future__ import annotations

from collections.abc import Callable  # not typing or dataclasses: importing the package stays light


class _Mention:
    """The value of a hint that names a parameter without suggesting a value."""

    def __repr__(self) -> str:
        return "MENTION"

    def __reduce__(self):  # one object, also after a trip to a worker process
        return "MENTION"


MENTION = _Mention()


class Hint:
    """A setting named in a message: ``parameter`` (as the Analyzer or the function takes it) and
    ``value``, the value the message suggests or refers to (:data:`MENTION` when it names the
    parameter alone)."""

    __slots__ = ("parameter", "value")

    def __init__(self, parameter: str, value: object = MENTION):
        self.parameter, self.value = parameter, value

    def __eq__(self, other) -> bool:
        return isinstance(other, Hint) and (self.parameter, self.value) == (other.parameter, other.value)

    def __hash__(self) -> int:
        return hash((self.parameter, repr(self.value)))

    def __repr__(self) -> str:
        return f"Hint({self.parameter!r}, {self.value!r})"

    def __reduce__(self):
        return (Hint, (self.parameter, self.value))

    def __str__(self) -> str:
        return self.parameter if self.value is MENTION else f"{self.parameter}={self.value!r}"


class Action(Hint):
    """A step a message suggests that no setting takes (train a model, score a folder), named by
    the function of the API that takes it (``hedgeometer.learning.train.train_model``); a front
    end names it its own way (the command line: ``'hedgeometer train'``). Not a setting: an
    error's ``hints`` leave it out."""

    __slots__ = ()

    def __init__(self, function: str):
        super().__init__(function)

    def __repr__(self) -> str:
        return f"Action({self.parameter!r})"

    def __reduce__(self):
        return (Action, (self.parameter,))


class Message(str):
    """Text that names settings: built from plain pieces and :class:`Hint` pieces, it reads (as a
    ``str``) with each hint in API terms, and :meth:`phrase` reads it with each hint named by
    the caller's function. Kept whole through pickling (rows computed in worker processes)."""

    def __new__(cls, *pieces: str | Hint):
        self = super().__new__(cls, "".join(map(str, pieces)))
        self.pieces = tuple(pieces)
        return self

    def __reduce__(self):
        return (Message, self.pieces)

    @property
    def hints(self) -> tuple[Hint, ...]:
        """The settings the text names (not its :class:`Action` pieces)."""
        return tuple(piece for piece in self.pieces if isinstance(piece, Hint) and not isinstance(piece, Action))

    def phrase(self, name: Callable[[Hint], str]) -> str:
        """The message with each hint (and :class:`Action`) as ``name(hint)`` says it."""
        return "".join(name(piece) if isinstance(piece, Hint) else piece for piece in self.pieces)

    def removeprefix(self, prefix: str) -> "Message":
        """Without ``prefix`` (a source name the caller shows elsewhere), hints kept."""
        first = self.pieces[0] if self.pieces else None
        if isinstance(first, str) and first.startswith(prefix):
            return Message(first[len(prefix):], *self.pieces[1:])
        return self if not str.startswith(self, prefix) else Message(str.removeprefix(self, prefix))


def phrase(text: str, name: Callable[[Hint], str]) -> str:
    """``text`` with its hints named by ``name`` when it is a :class:`Message`; else as it is."""
    return text.phrase(name) if isinstance(text, Message) else text


class HedgeometerError(Exception):
    """Base class for every error hedgeometer raises on purpose. Given a :class:`Message`, it
    carries the message's ``hints``."""

    @property
    def message(self) -> str:
        return self.args[0] if len(self.args) == 1 and isinstance(self.args[0], str) else str(self)

    @property
    def hints(self) -> tuple[Hint, ...]:
        """The settings this error names, the suggested fix first."""
        message = self.message
        return message.hints if isinstance(message, Message) else ()

    @property
    def hint(self) -> Hint | None:
        """The first setting this error names (``Hint('model', None)``: rules only would work), or None."""
        return self.hints[0] if self.hints else None

    def phrase(self, name: Callable[[Hint], str]) -> str:
        """The message with each hint as ``name(hint)`` says it (the CLI: as its option)."""
        return phrase(self.message, name)


class LexiconError(HedgeometerError):
    """One or more lexicon rows are malformed. ``problems`` lists every one as ``file:line: why``."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(self._text(self.problems))

    @staticmethod
    def _text(problems) -> str:
        count = len(problems)
        head = f"{count} problem{'s' if count != 1 else ''} in lexicon data:"
        return "\n".join([head, *("  " + p for p in problems)])

    @property
    def hints(self) -> tuple[Hint, ...]:
        return tuple(hint for problem in self.problems if isinstance(problem, Message) for hint in problem.hints)

    def phrase(self, name: Callable[[Hint], str]) -> str:
        return self._text([phrase(problem, name) for problem in self.problems])


class InputError(HedgeometerError):
    """The text given to analyse cannot be read or is not text."""


class ModelFileError(HedgeometerError):
    """A model file is missing, truncated, tampered with or of an unknown format."""


class MissingResourceError(HedgeometerError, FileNotFoundError):
    """Data that ships with hedgeometer (lexicons, model, seed articles) is not where the package
    keeps it, so the install is broken; or a caller asked for data it does not ship (a seed
    article by another name), or for checkout data an install has not (the real-news test set).
    The message says which."""


class MissingDependencyError(HedgeometerError, ModuleNotFoundError):
    """A package hedgeometer needs for this step is not installed (the message says which)."""


class ParameterError(HedgeometerError, ValueError):
    """A parameter was given a value it does not take: ``parameter``, ``value``, ``expected`` (in
    words) and ``choices`` (the values it takes, when they can be listed) say which, so a caller
    can phrase the fix its own way (the CLI names its option)."""

    def __init__(self, parameter: str, value, expected: str, choices: tuple = ()):
        self.parameter, self.value, self.expected, self.choices = parameter, value, expected, tuple(choices)
        # its hint is the parameter and the value given: the CLI says '--max-chars 0: expected ...'
        super().__init__(Message(Hint(parameter, value), f": expected {expected}"))

    def __reduce__(self):  # rebuilt from its fields, also after a trip to a worker process
        return (type(self), (self.parameter, self.value, self.expected, self.choices))
