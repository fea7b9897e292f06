"""Start-up: wall time of short commands beside ``python -c "import numpy, click"``.

    python benchmarks/startup.py [--rounds 7]

Runs each command in a fresh interpreter, interleaved in rounds, and prints the median wall
time of each and its ratio to the baseline (numpy and click are what any run of the command
needs). The commands: ``hedgeometer --help``, ``--version``, a one-article ``report`` of the
seed (text format, model and readability on, as a teacher would run it), the same with
``--no-model``, and, in process, ``load_model("default")`` and the first ``analyze`` of the
seed after imports.

Targets (issue "Speed"): ``--help`` within 3x and a one-article report within 6x the baseline.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "damascus-talks.txt"

IN_PROCESS = """
import time
start = time.perf_counter()
import hedgeometer.analyzer
imported = time.perf_counter()
from hedgeometer.model.linear import load_model
load_model("default")
loaded = time.perf_counter()
from hedgeometer import Analyzer
text = open({seed!r}, encoding="utf-8").read()
Analyzer(readability=True).analyze(text)
first = time.perf_counter()
print(imported - start, loaded - imported, first - loaded)
"""

COMMANDS = {
    "python -c 'import numpy, click'": [sys.executable, "-c", "import numpy, click"],
    "hedgeometer --help": [sys.executable, "-m", "hedgeometer", "--help"],
    "hedgeometer --version": [sys.executable, "-m", "hedgeometer", "--version"],
    "report seed (model)": [sys.executable, "-m", "hedgeometer", "report", str(SEED), "--no-color"],
    "report seed (--no-model)": [sys.executable, "-m", "hedgeometer", "report", str(SEED), "--no-color", "--no-model"],
}


def run(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    parts: list[list[float]] = []
    for _ in range(args.rounds):
        for name, command in COMMANDS.items():
            times[name].append(run(command, env))
        found = subprocess.run([sys.executable, "-c", IN_PROCESS.format(seed=str(SEED))], cwd=ROOT, env=env,
                               capture_output=True, text=True, check=True)
        parts.append([float(x) for x in found.stdout.split()])
    baseline = times["python -c 'import numpy, click'"]
    print(f"{args.rounds} interleaved rounds, wall time, medians")
    print(f"{'command':34}{'seconds':>9}{'x baseline':>12}")
    for name, values in times.items():
        ratio = statistics.median(v / b for v, b in zip(values, baseline))
        print(f"{name:34}{statistics.median(values):9.3f}{ratio:12.2f}")
    imports, load, first = (statistics.median(column) for column in zip(*parts))
    print(f"in process: import hedgeometer.analyzer {imports:.3f} s, load_model('default') {load:.3f} s, "
          f"first analyze of the seed with readability {first:.3f} s")


if __name__ == "__main__":
    main()
