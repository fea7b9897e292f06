"""Where the data that ships with hedgeometer is: the cue lexicons (``lexicons/``), the model
(``models/``) and the seed articles (``seeds/``).

Each has one home, the repository's top-level folder of that name. A wheel carries the three
folders inside the package (``hedgeometer/lexicons/``, ... : ``package_dir`` in setup.cfg), found
with :mod:`importlib.resources` wherever the package was installed: a virtual environment,
``pip install --target``, ``pip install --user``. A source checkout, and the editable install
that runs it, keeps them beside the package and they are read there. Either way the data comes
from the same tree as the code that reads it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .errors import MissingResourceError, ParameterError

SHIPPED = ("lexicons", "models", "seeds")


def resource_dir(name: str) -> Path:
    """The folder of shipped data ``name`` (``"lexicons"``, ``"models"`` or ``"seeds"``).

    >>> sorted(p.name for p in resource_dir("models").glob("*.json"))
    ['default.json']
    """
    if name not in SHIPPED:
        raise ParameterError("name", name, f"data that ships with hedgeometer: {' or '.join(map(repr, SHIPPED))}", SHIPPED)
    package = _package_folder()
    for folder in (package / name, _checkout_folder(package, name)):
        if folder is not None and folder.is_dir():
            return folder
    raise MissingResourceError(f"the {name}/ folder that ships with hedgeometer is missing (looked in {package / name}): "
                               f"this install of hedgeometer is broken; reinstall it")


def checkout_dir(name: str) -> Path:
    """The folder ``name`` of the source checkout (such as ``corpus/``, which no install carries):
    it sits beside the package; it may not exist, and callers say what to do then."""
    return _package_folder().parent / name


def seed_text(name: str = "damascus-talks.txt") -> str:
    """The text of a seed article shipped with the package: ``"damascus-talks.txt"`` (the
    reference article) or ``"rewrites/damascus-talks-calm.txt"`` (the same story in plain wire
    style), wherever the caller's working folder is.

    >>> seed_text().splitlines()[0]
    'Russia and Syria Strengthen Military Ties Amid Strategic Ambiguity'
    """
    seeds = resource_dir("seeds")
    path = seeds.joinpath(*name.split("/"))
    if not path.is_file():
        shipped = sorted(p.relative_to(seeds).as_posix() for p in seeds.rglob("*.txt"))
        raise MissingResourceError(f"no seed article {name!r}; shipped: {', '.join(shipped)}")
    return path.read_text(encoding="utf-8")


def _package_folder() -> Path:
    package = resources.files("hedgeometer")
    # The lexicon loader lists folders: it needs real files (a wheel install always has them).
    if not isinstance(package, Path):
        raise MissingResourceError(f"hedgeometer is not installed as files on disk ({package!r}): its data cannot "
                                   f"be read; install it with pip")
    return package


def _checkout_folder(package: Path, name: str) -> Path | None:
    """``name`` beside the package, in a source checkout (known by its setup.cfg, so that a
    stray ``lexicons/`` beside an installed copy in site-packages is never taken for ours)."""
    root = package.parent
    return root / name if (root / "setup.cfg").is_file() else None
