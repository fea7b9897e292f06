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
