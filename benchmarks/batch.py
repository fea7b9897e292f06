"""Corpus throughput and memory of ``hedgeometer batch``.

    python benchmarks/batch.py [--articles 2000] [--big 20000]

Prints articles/s for ``--jobs 1`` and ``--jobs 2`` on the same corpus, and the peak resident
memory of a ``--jobs 1`` run on 2,000 and on 20,000 articles: streaming should keep it roughly
flat as the corpus grows ten times.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MEASURE = """
import resource, sys, time
from hedgeometer.cli import main
start = time.perf_counter()
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
seconds = time.perf_counter() - start
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{seconds} {own} {children}")
"""


def write_corpus(path: Path, count: int) -> None:
    seed = (ROOT / "seeds" / "damascus-talks.txt").read_text("utf-8")
    calm = (ROOT / "seeds" / "rewrites" / "damascus-talks-calm.txt").read_text("utf-8")
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            text = seed if number % 2 else calm
            handle.write(json.dumps({"id": f"a{number}", "text": text}) + "\n")


def run(corpus: Path, output: Path, jobs: int) -> tuple[float, int, int]:
    args = ["batch", str(corpus), "-o", str(output), "--jobs", str(jobs), "--quiet"]
    result = subprocess.run([sys.executable, "-c", MEASURE, *args], capture_output=True, text=True, check=True, cwd=ROOT)
    seconds, own, children = result.stdout.split()
    return float(seconds), int(own), int(children)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--big", type=int, default=20000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        small, big = folder / "small.jsonl", folder / "big.jsonl"
        write_corpus(small, args.articles)
        write_corpus(big, args.big)
        print(f"corpus: {args.articles} articles of {small.stat().st_size / args.articles / 1000:.1f} kB (seed and calm rewrite)")
        for jobs in (1, 2):
            seconds, own, children = run(small, folder / f"out{jobs}.csv", jobs)
            print(f"--jobs {jobs}: {args.articles / seconds:8.1f} articles/s  ({seconds:.1f} s)")
        for count, corpus in ((args.articles, small), (args.big, big)):
            seconds, own, children = run(corpus, folder / f"mem{count}.csv", 1)
            print(f"peak RSS, {count:>6} articles, --jobs 1: {own / 1024:7.1f} MB  ({count / seconds:.0f} articles/s)")


if __name__ == "__main__":
    main()
