"""Builds the optional compiled scanner (hedgeometer/text/_scan.pyx); all metadata is in setup.cfg.

When the extension cannot be built (no C compiler, or Cython missing in a build without build
isolation), the install goes on with a warning and hedgeometer runs its pure-Python scanner,
which gives the same results, slower (see hedgeometer/text/scanner.py).
"""

from setuptools import setup
from setuptools.command.build_ext import build_ext

WARNING = """
*** hedgeometer: the optional compiled scanner was not built ({reason}).
*** hedgeometer works without it, with the same results, using its pure-Python scanner (slower).
*** To build it, install a C compiler (e.g. gcc) and reinstall.
"""


class OptionalBuildExt(build_ext):
    """build_ext that warns and carries on when the extension fails to compile."""

    def run(self):
        try:
            super().run()
        except Exception as error:  # a missing compiler surfaces here as a distutils error
            self._skip(error)

    def build_extension(self, extension):
        try:
            super().build_extension(extension)
        except Exception as error:
            self._skip(error)

    def _skip(self, error):
        # once: after a failed compile, an editable install's copy of the missing file fails too
        if not getattr(self, "_warned", False):
            self._warned = True
            print(WARNING.format(reason=f"{type(error).__name__}: {error}".strip()))


def extensions():
    try:
        from Cython.Build import cythonize
    except ImportError as error:
        print(WARNING.format(reason=f"Cython is not installed: {error}"))
        return []
    return cythonize(["hedgeometer/text/_scan.pyx"], compiler_directives={"language_level": 3}, quiet=True)


# the Cython source and the C made from it are build inputs (the sdist carries the .pyx), not package data
setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuildExt}, exclude_package_data={"": ["*.c", "*.pyx"]})
