"""Throughput of Analyzer.analyze beside a bare tokenizer pass and VADER: interleaved rounds,
one process, median ratios.

    python benchmarks/throughput.py [--mb 1] [--rounds 7] [--no-vader] [--wall] [--cores]

Builds an article set of about ``--mb`` megabytes from the seed article, a neutral sample and
the corpus sentences laid out as seed-sized articles. Every round runs every method once on the
whole set, in turn, so that a burst of other work on the shared machine hits all methods
alike; each run is timed in CPU time of this process (``--wall`` for wall-clock time). The
methods:

* ``tokenizer``: a bare ``re.findall(r"\\w+|[^\\w\\s]")`` over every article (the floor any
  tokenizer pays),
* ``vader``: VADER's ``polarity_scores`` on every sentence (the closest widely used
  lexicon-and-rules tool; ``pip install vaderSentiment``, in the test extra),
* ``analyze, model``: ``Analyzer.analyze`` on every article with the model, readability off (as in
  batch runs),
* ``analyze, rules``: the same with rules only,
* ``analyze_many, model``: ``Analyzer.analyze_many`` over the set, with the model,
* ``score_sentences``: ``Analyzer.score_sentences`` on every sentence, pre-split, with the model,
* ``analyze + readability``: with the model and readability (on a tenth of the set, scaled).

The other methods run on the scanner core that imports (the compiled one when built, see
``hedgeometer/text/scanner.py``). ``--cores`` adds ``analyze, model [compiled]`` and ``analyze, model
[python]``, the same run with each scanner core switched on for it, interleaved with the rest,
and prints the median ratio of their times (python / compiled: the compiled core's speed-up).

It prints each method's median sentences/s and, per method, the median over rounds of its time
divided by the tokenizer's time and VADER's sentences/s divided by its own: ratios are taken
within a round, so they hold better than the raw rates on a busy machine.

Targets (issue "Speed"): analyze with the model at >= 2x VADER's sentences/s and <= 6x the
tokenizer's time with the compiled core; >= 1x VADER with the pure-Python one.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hedgeometer import Analyzer  # noqa: E402
from hedgeometer.learning.corpus import load_corpus  # noqa: E402
from hedgeometer.text.segment import split_sentences  # noqa: E402

NEUTRAL = (
    "The city council approved a budget of 4.2 million dollars on Tuesday by a vote of seven to two. "
    "The plan funds two new fire stations and the repair of 14 kilometres of road. "
    "Mayor Ana Ruiz signed the measure in the afternoon, her office said in a statement. "
    "Work on the first station begins in March and is scheduled to finish in October."
)


def build_articles(megabytes: float, article_bytes: int = 3500) -> list[str]:
    """Articles of about ``article_bytes`` (the seed article's size, a typical news story):
    the seed, and the corpus's article-like groups laid out as paragraphs, each group a
    paragraph, several groups to an article; repeated until the set reaches ``megabytes``."""
    pieces = [(ROOT / "seeds" / "damascus-talks.txt").read_text("utf-8")]
    paragraphs: dict[str, list[str]] = {}
    for example in load_corpus([ROOT / "corpus"]):
        paragraphs.setdefault(example.group, []).append(example.text)
    article: list[str] = [NEUTRAL]
    for sentences in paragraphs.values():
        article.append(" ".join(sentences))
        if sum(map(len, article)) >= article_bytes:
            pieces.append("\n\n".join(article))
            article = []
    if article:
        pieces.append("\n\n".join(article))
    articles, size, target = [], 0, int(megabytes * 1_000_000)
    while size < target:
        for piece in pieces:
            articles.append(piece)
            size += len(piece.encode("utf-8"))
            if size >= target:
                break
    return articles


def on_core(core: str, function):
    """``function`` run with the scanner ``core`` ("compiled" or "python"), the default after."""
    from hedgeometer.text import scanner

    default = scanner.CORE

    def run():
        scanner.use(core)
        try:
            return function()
        finally:
            scanner.use(default)
    return run


def methods(articles: list[str], sentences: list[str], vader: bool, cores: bool = False) -> dict:
    """name -> (function running the method once, share of the set it covers)."""
    pattern = re.compile(r"\w+|[^\w\s]")
    model = Analyzer(readability=False)
    rules = Analyzer(model=None, readability=False)
    readable = Analyzer(readability=True)
    sample = articles[: max(1, len(articles) // 10)]
    share = sum(len(split_sentences(a)) for a in sample) / len(sentences)  # of the set's sentences
    for analyzer in (model, rules, readable):
        analyzer.analyze(articles[0])  # lexicons, model, textstat's dictionary: loaded outside the timing
    model.score_sentences(sentences[:10])
    found = {
        "tokenizer": (lambda: [pattern.findall(a) for a in articles], 1.0),
        "analyze, model": (lambda: [model.analyze(a) for a in articles] and None, 1.0),
        "analyze, rules": (lambda: [rules.analyze(a) for a in articles] and None, 1.0),
        "analyze_many, model": (lambda: [None for _ in model.analyze_many(articles)], 1.0),
        "score_sentences": (lambda: model.score_sentences(sentences) and None, 1.0),
        "analyze + readability": (lambda: [readable.analyze(a) for a in sample] and None, share),
    }
    if cores:
        from hedgeometer.text import scanner

        if scanner.compiled_scan is None:
            print("--cores: the compiled scanner is not built (or HEDGEOMETER_PURE_PYTHON is set); left out")
        else:
            run_model = found["analyze, model"][0]
            found["analyze, model [compiled]"] = (on_core("compiled", run_model), 1.0)
            found["analyze, model [python]"] = (on_core("python", run_model), 1.0)
    if vader:
        try:
            from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
        except ImportError:
            print("VADER: not installed (pip install vaderSentiment); left out")
        else:
            scorer = SentimentIntensityAnalyzer()
            found["vader"] = (lambda: [scorer.polarity_scores(s) for s in sentences] and None, 1.0)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=1.0, help="size of the article set in MB (default 1)")
    parser.add_argument("--article-bytes", type=int, default=3500,
                        help="rough size of each article (default 3500, the seed article's size)")
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds (default 7)")
    parser.add_argument("--no-vader", action="store_true", help="skip the VADER comparison")
    parser.add_argument("--wall", action="store_true", help="time in wall-clock seconds, not CPU seconds")
    parser.add_argument("--cores", action="store_true",
                        help="also run analyze with the model on each scanner core (compiled, python), interleaved")
    parser.add_argument("--only", action="append", help="run only this method (repeatable; the tokenizer always runs)")
    args = parser.parse_args()
    clock = time.perf_counter if args.wall else time.process_time

    articles = build_articles(args.mb, args.article_bytes)
    megabytes = sum(len(a.encode("utf-8")) for a in articles) / 1_000_000
    sentences = [s.text for a in articles for s in split_sentences(a)]
    n_sentences = len(sentences)
    table = methods(articles, sentences, not args.no_vader, args.cores)
    if args.only:
        table = {name: entry for name, entry in table.items()
                 if name in args.only or name in ("tokenizer", "vader") or name.startswith("analyze, model [")}
    from hedgeometer.text import scanner

    print(f"scanner core: {scanner.CORE} (the compiled one {'is' if scanner.compiled_scan else 'is not'} built)")
    print(f"article set: {len(articles)} articles (mean {1e6 * megabytes / len(articles):,.0f} bytes), "
          f"{megabytes:.2f} MB, {n_sentences} sentences; {args.rounds} interleaved rounds, "
          f"{'wall-clock' if args.wall else 'CPU'} time")

    seconds: dict[str, list[float]] = {name: [] for name in table}
    for round_number in range(args.rounds):
        order = list(table)
        if round_number % 2:  # alternate the order, so no method always runs right after another
            order.reverse()
        for name in order:
            function, share = table[name]
            start = clock()
            function()
            seconds[name].append((clock() - start) / share)  # scaled to the whole set

    bare = seconds["tokenizer"]
    vader = seconds.get("vader")
    print(f"{'method':26}{'sentences/s':>12}{'MB/s':>8}{'x tokenizer time':>18}{'x VADER sentences/s':>21}   (medians)")
    for name, times in seconds.items():
        rate = n_sentences / statistics.median(times)
        mbs = megabytes / statistics.median(times)
        to_bare = statistics.median(t / b for t, b in zip(times, bare))
        to_vader = f"{statistics.median(v / t for t, v in zip(times, vader)):.2f}" if vader else "-"
        print(f"{name:26}{rate:12,.0f}{mbs:8.2f}{to_bare:18.1f}{to_vader:>21}")
    if "analyze, model [compiled]" in seconds:
        gain = statistics.median(p / c for p, c in zip(seconds["analyze, model [python]"],
                                                       seconds["analyze, model [compiled]"]))
        print(f"analyze, model: python core time / compiled core time = {gain:.2f} (median over rounds)")


if __name__ == "__main__":
    main()
