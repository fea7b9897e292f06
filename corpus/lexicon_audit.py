"""Audit the shipped lexicon rows on real annotated text: each row's precision as a cue.

    PYTHONPATH=. python corpus/lexicon_audit.py                   # per-row table, worst first
    PYTHONPATH=. python corpus/lexicon_audit.py --dimension dramatic --min-n 5
    PYTHONPATH=. python corpus/lexicon_audit.py --contexts "dramatic:slam~" --limit 30
    PYTHONPATH=. python corpus/lexicon_audit.py --summary         # rules-only P/R/F1 per corpus

The corpora are the training splits in ``../shared/data`` (see its README), never copied into
the repo. PTC articles listed in ``corpus/realnews/heldout-articles.txt`` are a held-out test set
and are dropped on loading, before anything is counted. For each row and each corpus that speaks
to its dimension the table gives ``n`` (sentences the row matches, with the project's matcher:
longest match within a dimension, context guards applied) and ``P`` (the share of them that are
positive):

- dramatic rows on PTC lines: positive when a Loaded_Language, Exaggeration,Minimisation or
  Appeal_to_fear-prejudice span overlaps the line (``ptc``), and, stricter, when such a span
  overlaps the matched words themselves (``ptc-span``);
- hedging rows on Szeged Wikipedia (positive: a ``speculation_modal_*`` cue) and CoNLL-2010 bio
  (``uncertain``); speculation rows on Szeged (a ``speculation_hypo_*`` cue: doxastic,
  investigation, condition) and CoNLL bio;
- attribution and hedging rows on WikiWeasel (``uncertain``, weasel words included).

Speculation rows are also counted on WikiWeasel, and every row's ``szeged-any`` column counts any
Szeged cue. The scheme of each corpus is narrower or wider than GUIDELINES.md in places (Szeged
marks no weasel attribution; PTC's Loaded_Language is its own notion): a low figure says "read the
contexts", not "remove".

This script is a tool for lexicon work, not part of the package: tests do not need it, nor
``../shared``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from hedgeometer.dimensions import UNCERTAIN_DIMENSIONS
from hedgeometer.rules.lexicon import load_lexicons
from hedgeometer.text.tokens import Tokens

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
DRAMATIC_TECHNIQUES = {"Loaded_Language", "Exaggeration,Minimisation", "Appeal_to_fear-prejudice"}
HYPO_TYPES = {"speculation_hypo_doxastic", "speculation_hypo_investigation", "speculation_hypo_condition"}


def heldout_articles(path: Path = REPO / "corpus" / "realnews" / "heldout-articles.txt") -> set[str]:
    return {line.strip() for line in path.read_text().splitlines() if line.strip() and not line.startswith("#")}


def _read(path: Path):
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def load_corpora(ptc: Path, szeged: Path, bio: Path, weasel: Path, inhouse: bool = False) -> dict[str, list[dict]]:
    """Each corpus as a list of ``{"text", "group", "pos": {name: bool}, "spans"}`` records.

    ``pos`` holds the positive flags the table uses; ``group`` is the article or document (for
    grouped cross-validation). Held-out PTC articles are dropped here, so nothing downstream can
    count them."""
    held = heldout_articles()
    corpora: dict[str, list[dict]] = {}
    rows = []
    for r in _read(ptc):
        if r["article"] in held or not r["text"].strip():
            continue
        spans = [(s[1], s[2]) for s in r["spans"] if s[0] in DRAMATIC_TECHNIQUES]
        rows.append({"text": r["text"], "group": r["article"], "spans": spans,
                     "pos": {"ptc": bool(spans)}})
    corpora["ptc"] = rows
    rows = []
    for r in _read(szeged):
        types = set(r["cue_types"])
        rows.append({"text": r["text"], "group": r.get("doc") or r["id"], "spans": [],
                     "pos": {"szeged-modal": any(t.startswith("speculation_modal") for t in types),
                             "szeged-hypo": bool(types & HYPO_TYPES), "szeged-any": bool(r["label"])}})
    corpora["szeged"] = rows
    corpora["bio"] = [{"text": r["text"], "group": r.get("doc") or r.get("file") or r["id"], "spans": [], "pos": {"bio": bool(r["label"])}}
                      for r in _read(bio)]
    corpora["weasel"] = [{"text": r["text"], "group": r["id"], "spans": [], "pos": {"weasel": bool(r["label"])}}
                         for r in _read(weasel)]
    if inhouse:  # the project's own corpus, train and dev splits (never test), for comparison
        rows = []
        for path in sorted((REPO / "corpus").glob("*.jsonl")):
            for r in _read(path):
                if r.get("split") in ("train", "dev"):
                    rows.append({"text": r["text"], "group": r["group"], "spans": [],
                                 "pos": {f"in-{d}": d in r["labels"] for d in COLUMNS}})
        corpora["inhouse"] = rows
    return corpora


# which positive flags speak to which dimension (the table's columns)
COLUMNS = {
    "dramatic": [("ptc", "ptc"), ("ptc", "ptc-span")],
    "hedging": [("szeged", "szeged-modal"), ("szeged", "szeged-any"), ("bio", "bio"), ("weasel", "weasel")],
    "speculation": [("szeged", "szeged-hypo"), ("szeged", "szeged-any"), ("bio", "bio"), ("weasel", "weasel")],
    "attribution": [("weasel", "weasel"), ("szeged", "szeged-any")],
    "booster": [("ptc", "ptc"), ("weasel", "weasel")],
}
for _dimension, _columns in COLUMNS.items():  # in-house train+dev precision, when asked for
    _columns.append(("inhouse", f"in-{_dimension}"))


def _overlaps(start: int, end: int, spans) -> bool:
    return any(start < e and s < end for s, e in spans)


def count_rows(lexicon, corpora):
    """``counts[(dimension, pattern)][column] = [n, positives]`` and, for contexts, the matches."""
    counts: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    hits: dict[tuple[str, str], list[tuple[str, dict, int, int]]] = defaultdict(list)
    wanted = {dim: {corpus for corpus, _ in cols} for dim, cols in COLUMNS.items()}
    for corpus, rows in corpora.items():
        for row in rows:
            text = row["text"]
            seen = set()
            for match in lexicon.match_tokens(Tokens(text), text):
                key = (match.dimension, match.pattern)
                hits[key].append((corpus, row, match.start, match.end))
                if key in seen or corpus not in wanted[match.dimension]:
                    continue
                seen.add(key)
                for c, column in COLUMNS[match.dimension]:
                    if c != corpus:
                        continue
                    if column == "ptc-span":
                        positive = _overlaps(match.start, match.end, row["spans"])
                    else:
                        positive = row["pos"][column]
                    cell = counts[key][column]
                    cell[0] += 1
                    cell[1] += positive
    return counts, hits


def _primary(dimension: str) -> str:
    return COLUMNS[dimension][0][1]


def print_table(lexicon, counts, dimension=None, min_n=1, sort="gap", limit=None, out=sys.stdout):
    cues = [c for c in lexicon.cues if c.weight > 0 and (dimension is None or c.dimension == dimension)]
    table = []
    for cue in cues:
        cells = counts.get((cue.dimension, cue.pattern), {})
        n, pos = cells.get(_primary(cue.dimension), [0, 0])
        if n < min_n:
            continue
        precision = pos / n if n else float("nan")
        table.append((cue, cells, n, precision))
    if sort == "gap":  # weight far above real precision first
        table.sort(key=lambda t: (-(t[0].weight - t[3]) if t[2] else 9, -t[2]))
    elif sort == "n":
        table.sort(key=lambda t: -t[2])
    else:
        table.sort(key=lambda t: (t[3] if t[2] else 9, -t[2]))
    if limit:
        table = table[:limit]
    if dimension:
        all_cols = [c for _, c in COLUMNS[dimension]]
    else:
        all_cols = sorted({c for cols in COLUMNS.values() for _, c in cols})
    out.write("dimension\tweight\tpattern\t" + "\t".join(f"{col} n\t{col} P" for col in all_cols) + "\n")
    for cue, cells, _n, _p in table:
        parts = [cue.dimension, f"{cue.weight:.2f}", cue.pattern]
        for col in all_cols:
            if col in cells:
                n, pos = cells[col]
                parts += [str(n), f"{pos / n:.2f}"]
            else:
                parts += ["", ""]
        out.write("\t".join(parts) + "\n")


def print_contexts(hits, key_text, limit, out=sys.stdout):
    dimension, _, pattern = key_text.partition(":")
    for corpus, row, start, end in hits.get((dimension, pattern), [])[:limit]:
        text = row["text"]
        flags = ",".join(k for k, v in row["pos"].items() if v) or "-"
        if row["spans"] and _overlaps(start, end, row["spans"]):
            flags += ",span"
        out.write(f"[{corpus} {flags}] {text[max(0, start - 90):start]}[[{text[start:end]}]]{text[end:end + 90]}\n")


# --- rules-only figures -----------------------------------------------------------------------

def prf(pairs) -> tuple[float, float, float, int]:
    tp = sum(1 for g, p in pairs if g and p)
    fp = sum(1 for g, p in pairs if not g and p)
    fn = sum(1 for g, p in pairs if g and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, tp + fn


def rules_only_summary(corpora, lexicons=(), out=sys.stdout, inhouse=True):
    """Rules-only (model=None) precision/recall/F1 per corpus, and on the in-house dev split."""
    from hedgeometer import Analyzer

    analyzer = Analyzer(lexicons=lexicons, model=None, readability=False)
    out.write("corpus\ttarget\tprediction\tP\tR\tF1\tpositives\tsentences\n")

    def labels_of(rows):
        return [set(s.labels) for s in analyzer.score_sentences([r["text"] for r in rows])]

    plans = [("ptc", "ptc", "dramatic"), ("szeged", "szeged-any", "uncertain"), ("szeged", "szeged-modal", "hedging"),
             ("szeged", "szeged-hypo", "speculation"), ("bio", "bio", "uncertain"), ("bio", "bio", "hedging"),
             ("weasel", "weasel", "uncertain")]
    cache = {}
    for corpus, target, prediction in plans:
        if corpus not in cache:
            cache[corpus] = labels_of(corpora[corpus])
        predicted = cache[corpus]
        pairs = []
        for row, labels in zip(corpora[corpus], predicted):
            hit = bool(labels & set(UNCERTAIN_DIMENSIONS)) if prediction == "uncertain" else prediction in labels
            pairs.append((row["pos"][target], hit))
        p, r, f, npos = prf(pairs)
        out.write(f"{corpus}\t{target}\t{prediction}\t{p:.3f}\t{r:.3f}\t{f:.3f}\t{npos}\t{len(pairs)}\n")
    if inhouse:
        dev = []
        for path in sorted((REPO / "corpus").glob("*.jsonl")):
            for record in _read(path):
                if record.get("split") == "dev":  # never the test split
                    dev.append(record)
        predicted = labels_of(dev)
        from hedgeometer import DIMENSIONS

        for dimension in DIMENSIONS:
            p, r, f, npos = prf([(dimension in rec["labels"], dimension in labels) for rec, labels in zip(dev, predicted)])
            out.write(f"inhouse-dev\t{dimension}\t{dimension}\t{p:.3f}\t{r:.3f}\t{f:.3f}\t{npos}\t{len(dev)}\n")
        uncertain = set(UNCERTAIN_DIMENSIONS)
        p, r, f, npos = prf([(bool(set(rec["labels"]) & uncertain), bool(labels & uncertain))
                             for rec, labels in zip(dev, predicted)])
        out.write(f"inhouse-dev\tuncertain\tuncertain\t{p:.3f}\t{r:.3f}\t{f:.3f}\t{npos}\t{len(dev)}\n")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ptc", type=Path, default=SHARED / "real" / "ptc-train.jsonl")
    parser.add_argument("--szeged", type=Path, default=SHARED / "real" / "szeged-wiki-train.jsonl")
    parser.add_argument("--bio", type=Path, default=SHARED / "real" / "conll2010-bio-train.jsonl")
    parser.add_argument("--weasel", type=Path, default=SHARED / "wikiweasel-dev.jsonl")
    parser.add_argument("--lexicon", action="append", default=[], help="extra lexicon file or folder")
    parser.add_argument("--lexicon-dir", help="use this folder instead of the shipped lexicons")
    parser.add_argument("--dimension")
    parser.add_argument("--min-n", type=int, default=3, help="rows matching fewer sentences are left out")
    parser.add_argument("--sort", choices=["gap", "precision", "n"], default="gap",
                        help="gap: weight minus real precision, largest first (default)")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--contexts", metavar="DIMENSION:PATTERN", help="print the matches of one row")
    parser.add_argument("--summary", action="store_true", help="rules-only P/R/F1 per corpus and in-house dev")
    parser.add_argument("--inhouse", action="store_true",
                        help="also count rows on the project corpus (train and dev splits, never test)")
    args = parser.parse_args(argv)
    corpora = load_corpora(args.ptc, args.szeged, args.bio, args.weasel, inhouse=args.inhouse and not args.summary)
    if args.summary:
        rules_only_summary(corpora, lexicons=args.lexicon)
        return 0
    lexicon = load_lexicons(args.lexicon, lexicon_dir=args.lexicon_dir)
    counts, hits = count_rows(lexicon, corpora)
    if args.contexts:
        print_contexts(hits, args.contexts, args.limit or 40)
        return 0
    print_table(lexicon, counts, args.dimension, args.min_n, args.sort, args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
