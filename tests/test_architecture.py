"""The package's layout rules (docs/architecture.md), checked on the source: data flows one way
through the stages, so a module imports only from its own stage, earlier stages and the shared
top-level modules (that only cli.py imports click is checked in test_errors.py); and no module
uses another module's private names (``_name``)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "hedgeometer"

# Stages in the order text goes through them; a module may import from its own stage or a lower rank.
RANK = {
    "dimensions": 0, "errors": 0, "version": 0, "rounding": 0, "resources": 0.5,  # shared; resources raises errors
    "text": 1, "rules": 2, "model": 3, "scoring": 4, "reports": 5, "render": 6,
    "analyzer": 7, "runs": 8, "learning": 8, "serve": 8, "cli": 9, "__main__": 10,
    "__init__": 10,  # the public face re-exports from anywhere, lazily
}

# Deliberate exceptions, each with its reason: (stage, stage imported, the function importing).
ALLOWED = {
    # a report shows itself in Jupyter as the HTML report does: its display hook asks the renderer
    ("reports", "render", "_repr_html_"),
}


def stage_of(parts: tuple[str, ...]) -> str:
    """The stage of a module given its dotted parts below ``hedgeometer``."""
    return parts[0]


def _functions_of(tree: ast.AST) -> dict[ast.AST, str]:
    """The name of the function (innermost) each node of ``tree`` is in; absent at module level."""
    inside: dict[ast.AST, str] = {}
    for function in ast.walk(tree):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(function):
                if node is not function:
                    inside[node] = function.name  # walked outer first, so inner functions overwrite
    return inside


def imports(path: Path, root: Path = PACKAGE):
    """(stage of ``path``, stage imported, line, function or None) for every import of a
    hedgeometer module in it, at module level or inside a function (``root``: the package folder)."""
    relative = path.relative_to(root).with_suffix("").parts
    package = relative[:-1]
    own = stage_of(relative)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    function_of = _functions_of(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - (node.level - 1)]
                target = (*base, *(node.module.split(".") if node.module else ()))
                if not target:  # from . import x, in the package root
                    target = tuple(alias.name for alias in node.names[:1])
            elif node.module and node.module.split(".")[0] == "hedgeometer":
                target = tuple(node.module.split(".")[1:]) or tuple(alias.name for alias in node.names[:1])
            else:
                continue
            yield own, stage_of(target), node.lineno, function_of.get(node)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                names = alias.name.split(".")
                if names[0] == "hedgeometer" and len(names) > 1:
                    yield own, names[1], node.lineno, function_of.get(node)


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_stage_has_a_rank():
    stages = {stage_of(p.relative_to(PACKAGE).with_suffix("").parts) for p in MODULES}
    assert stages <= set(RANK), f"stages without a place in the flow: {sorted(stages - set(RANK))}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_one_way(path):
    backwards = [f"{path.relative_to(PACKAGE)}:{line} imports {target} (a later stage than {own})"
                 for own, target, line, function in imports(path)
                 if target != own and RANK[target] >= RANK[own] and (own, target, function) not in ALLOWED]
    assert not backwards, "\n".join(backwards)


def probe_imports(tmp_path, stage: str, source: str) -> list[tuple]:
    """(stage, stage imported, function) of each import in a module ``source`` of ``stage``,
    written into a package laid out as ours."""
    probe = tmp_path / "hedgeometer" / stage / "probe.py"
    probe.parent.mkdir(parents=True)
    probe.write_text(source, encoding="utf-8")
    return [(own, target, function) for own, target, _, function in imports(probe, tmp_path / "hedgeometer")]


def test_the_rule_catches_a_backward_import(tmp_path):
    """The check can fail: a text-stage module importing the scoring stage, relatively or by
    its full name, is reported."""
    found = probe_imports(tmp_path, "text", "from ..scoring.scores import SentenceScore\n\n\ndef later():\n"
                                            "    import hedgeometer.reports.article\n")
    assert found == [("text", "scoring", None), ("text", "reports", "later")]
    assert all(RANK[target] > RANK[own] for own, target, _ in found)


def test_the_exception_holds_only_in_the_display_hook(tmp_path):
    """A report module may ask the renderer inside ``_repr_html_`` only, not at module level."""
    found = probe_imports(tmp_path, "reports", "from ..render.html import inline_html\n\n\nclass Report:\n"
                                               "    def _repr_html_(self):\n        from ..render.html import inline_html\n")
    assert found == [("reports", "render", None), ("reports", "render", "_repr_html_")]
    assert [item in ALLOWED for item in found] == [False, True]


# --- private names stay in their module ---------------------------------------------------------

# A NamedTuple's own methods: public API, spelled with "_" only so they cannot clash with field names.
NAMEDTUPLE_API = frozenset({"_replace", "_asdict", "_make", "_fields", "_field_defaults"})

# Deliberate exceptions, (module, private name): each with its reason.
PRIVATE_ALLOWED = {
    # the compiled scanner's extension module: text/scanner.py is its one public face, which picks
    # it or the pure-Python text/scan.py
    ("text/scanner.py", "_scan"),
}


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_uses(path: Path, root: Path = PACKAGE):
    """(line, what) for every private name ``path`` takes from elsewhere: ``from X import _name``,
    ``import X._name``, and ``obj._name`` where ``obj`` is not ``self`` or ``cls``."""
    module = path.relative_to(root).as_posix()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            found = [(alias.name, f"from {'.' * node.level}{node.module or ''} import {alias.name}")
                     for alias in node.names if _private(alias.name)]
            found += [(part, f"from {'.' * node.level}{node.module} import ...")
                      for part in (node.module or "").split(".") if _private(part)]
        elif isinstance(node, ast.Import):
            found = [(part, f"import {alias.name}") for alias in node.names for part in alias.name.split(".")
                     if _private(part)]
        elif isinstance(node, ast.Attribute) and _private(node.attr) and node.attr not in NAMEDTUPLE_API:
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
                continue
            found = [(node.attr, ast.unparse(node))]
        else:
            continue
        for name, what in found:
            if (module, name) not in PRIVATE_ALLOWED:
                yield node.lineno, what


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_reaches_into_another_modules_private_names(path):
    found = [f"{path.relative_to(PACKAGE)}:{line} uses {what}" for line, what in private_uses(path)]
    assert not found, "\n".join(found) + "\n(give the name a public one in its module, or move the code there)"


def test_the_private_name_rule_can_fail(tmp_path):
    """Each kind of reach is reported, and what is allowed is not."""
    probe = tmp_path / "hedgeometer" / "runs" / "probe.py"
    probe.parent.mkdir(parents=True)
    probe.write_text("from .engines import _provenance, run_local\nimport hedgeometer.text._scan\n\n\n"
                     "def f(tokens, self, m):\n"
                     "    self._cache = tokens._starts, self._lexicon._prefixes, type(m).__name__, m._replace(a=1)\n",
                     encoding="utf-8")
    found = [what for _, what in private_uses(probe, tmp_path / "hedgeometer")]
    assert sorted(found) == sorted(["from .engines import _provenance", "import hedgeometer.text._scan",
                                    "tokens._starts", "self._lexicon._prefixes"])
