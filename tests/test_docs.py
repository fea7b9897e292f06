"""Every command has --help and a README entry; the README's examples name real options."""

import re
from pathlib import Path

from click.testing import CliRunner

from hedgeometer.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")


def commands(group=main, prefix=()):
    for name, command in group.commands.items():
        path = (*prefix, name)
        yield path
        if hasattr(command, "commands"):
            yield from commands(command, path)


def test_every_command_has_help_and_a_readme_entry():
    for path in commands():
        result = CliRunner().invoke(main, [*path, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output, path
        assert f"hedgeometer {' '.join(path)}" in README, f"README never shows 'hedgeometer {' '.join(path)}'"


def test_readme_opens_with_the_two_setup_commands():
    blocks = re.findall(r"```bash\n(.*?)\n```", README, flags=re.S)[:2]
    assert "hedgeometer report seeds/damascus-talks.txt" in blocks[0]
    assert "pytest" in blocks[1]
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text()
    assert blocks[1].strip() in ci, ".ci/run must run the README's test command"


def _excerpts_script():
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "docs" / "readme_excerpts.py"
    spec = importlib.util.spec_from_file_location("readme_excerpts", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_excerpts_match_real_output():
    """The report excerpts in the README are cut from real output; after a change to the model,
    the lexicons or a renderer, regenerate them with: python docs/readme_excerpts.py"""
    script = _excerpts_script()
    marked = set(re.findall(r"<!-- excerpt: ([\w-]+) -->", README))
    assert marked == set(script.EXCERPTS), "every excerpt the script knows is marked in the README"
    fresh = script.render(README)
    assert fresh == README, "README.md excerpts are stale: run python docs/readme_excerpts.py"
    assert "python docs/readme_excerpts.py" in README


def test_readme_says_which_tests_need_chromium_and_how_to_get_it():
    assert "tests/test_browser.py" in README and "apt-get install chromium" in README.replace("\n", " ").replace("  ", " ")
    assert "HEDGEOMETER_REQUIRE_BROWSER" in README


def _resolves(dotted: str) -> bool:
    """Whether ``hedgeometer.a.b.c`` names a module, or an attribute reached from one."""
    import importlib

    parts = dotted.split(".")
    for n in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:n]))
        except ImportError:
            continue
        try:
            for name in parts[n:]:
                target = getattr(target, name)
        except AttributeError:
            return False
        return True
    return False


def test_every_dotted_name_in_the_docs_and_docstrings_exists():
    """A module moved or a function renamed leaves no stale ``hedgeometer.x.y`` behind in the
    package's docstrings, the README, docs/ or the data folders' READMEs."""
    root = Path(__file__).resolve().parent.parent
    files = [*sorted((root / "hedgeometer").rglob("*.py")), root / "README.md", *sorted((root / "docs").glob("*.md")),
             *sorted(root.glob("*/README.md"))]
    stale = set()
    for path in files:
        for match in re.finditer(r"\bhedgeometer(?:\.[A-Za-z_]\w*)+", path.read_text("utf-8")):
            dotted = match.group(0)
            if dotted.rsplit(".", 1)[1] in {"json", "md", "html", "csv", "jsonl", "txt", "tsv"}:
                continue  # a file name such as hedgeometer.json
            if not _resolves(dotted):
                stale.add(f"{path.relative_to(root)}: {dotted}")
    assert not stale, "\n".join(sorted(stale))
