"""Rewrite the report excerpts in README.md from real ``hedgeometer report`` output.

Each excerpt sits between two markers in README.md::

    <!-- excerpt: terminal -->
    ```
    ...generated...
    ```
    <!-- /excerpt -->

and is cut from the output of ``hedgeometer report seeds/damascus-talks.txt`` (text, Markdown
and JSON, at a width of 100 columns, no colour) by the function of the same name below. So after
a change to the model, the lexicons or a renderer, one command brings the README up to date:

    python docs/readme_excerpts.py            # rewrite README.md
    python docs/readme_excerpts.py --check    # exit 1, with a diff, when README.md is stale

``tests/test_docs.py`` runs the check, so a stale excerpt fails the test suite.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SEED = "seeds/damascus-talks.txt"
WIDTH = "100"
_BLOCK = re.compile(r"(<!-- excerpt: (?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- /excerpt -->)", re.S)


def report(*options: str) -> str:
    """``hedgeometer report seeds/damascus-talks.txt OPTIONS`` as a user runs it, from the
    repository's root, at a fixed width and without colour."""
    env = {**os.environ, "COLUMNS": WIDTH, "NO_COLOR": "1"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    result = subprocess.run([sys.executable, "-m", "hedgeometer", "report", SEED, *options], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"hedgeometer report {' '.join(options)} failed:\n{result.stderr}")
    return result.stdout


def _blocks(lines: list[str]) -> list[list[str]]:
    """The text report cut at its blank lines."""
    blocks, current = [], []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _fence(lines: list[str], language: str = "") -> str:
    return f"```{language}\n" + "\n".join(lines) + "\n```\n"


def terminal(outputs: dict) -> str:
    """The report's head and first flagged sentence, then the summary table, sources and stamp."""
    blocks = _blocks(outputs["text"].splitlines())
    head, first = blocks[0], blocks[1]
    summary = next(b for b in blocks if b[0] == "Summary")
    tail = next(b for b in blocks if any(line.startswith("  Sources:") for line in b))
    sources = [line for line in tail if line.startswith("  Sources:")]
    stamp_start = next(k for k, line in enumerate(tail) if line.startswith("  Scored by"))
    return _fence([*head, "", *first, "...", *summary, "", *sources, "...", *tail[stamp_start:]])


def markdown(outputs: dict) -> str:
    """The summary table's head with the hedging and dramatic rows, and the flagged sentence that
    holds "on the brink of" (else the first flagged sentence)."""
    lines = outputs["markdown"].splitlines()
    table = next(k for k, line in enumerate(lines) if line.startswith("| dimension |"))
    rows = [line for line in lines[table + 2:] if line.startswith(("| hedging |", "| dramatic |"))]
    flagged = [line for line in lines if line.startswith("- **[")]
    example = next((line for line in flagged if "on the brink of" in line), flagged[0])
    return _fence([lines[table], lines[table + 1], *rows, "", example], "markdown")


def _evidence_sentence(outputs: dict) -> list[str]:
    """The text block of the first flagged sentence with a label the model gave alone (else the
    first with model n-grams)."""
    blocks = [b for b in _blocks(outputs["text"].splitlines()) if re.match(r"\[\d+\] ", b[0])]
    return next((b for b in blocks if "(model only)" in b[0]),
                next((b for b in blocks if any(" model n-grams: " in line for line in b)), blocks[0]))


def evidence(outputs: dict) -> str:
    """That sentence's labels, its cues and each label's evidence (its text elided)."""
    block = _evidence_sentence(outputs)
    details = [line for line in block[1:] if re.match(r" {8}\S", line) or re.match(r" {20,}\S", line)]
    return _fence([block[0], "      ...", *details])


def evidence_json(outputs: dict) -> str:
    """The same sentence's ``evidence`` in the JSON report, two n-grams a label."""
    index = int(re.match(r"\[(\d+)\]", _evidence_sentence(outputs)[0]).group(1))
    data = json.loads(outputs["json"])
    sentence = next(s for s in data["sentences"] if s["index"] == index)
    shown = {d: {"kind": e["kind"], "ngrams": e["ngrams"][:2]} for d, e in sentence["evidence"].items()}
    return _fence([f'"evidence": {json.dumps(shown, ensure_ascii=False)}'], "json")


EXCERPTS = {"terminal": terminal, "markdown": markdown, "evidence": evidence, "evidence-json": evidence_json}


def render(readme: str) -> str:
    """``readme`` with every marked excerpt rewritten from real output."""
    names = [m.group("name") for m in _BLOCK.finditer(readme)]
    unknown = sorted(set(names) - set(EXCERPTS))
    if unknown:
        raise SystemExit(f"README.md marks excerpts this script does not know: {', '.join(unknown)}")
    outputs = {"text": report(), "markdown": report("--format", "markdown"), "json": report("--format", "json")}
    return _BLOCK.sub(lambda m: m.group(1) + EXCERPTS[m.group("name")](outputs) + m.group(4), readme)


def main(argv: list[str]) -> int:
    current = README.read_text("utf-8")
    fresh = render(current)
    if "--check" in argv:
        if fresh != current:
            sys.stdout.writelines(difflib.unified_diff(current.splitlines(True), fresh.splitlines(True),
                                                       "README.md", "README.md (from real output)"))
            print("README.md excerpts are stale: run python docs/readme_excerpts.py", file=sys.stderr)
            return 1
        return 0
    if fresh != current:
        README.write_text(fresh, encoding="utf-8")
        print("README.md: excerpts rewritten from real output", file=sys.stderr)
    else:
        print("README.md: excerpts already match real output", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
