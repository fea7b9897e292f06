"""Grouped cross-validation of mined dramatic rows on PTC train (held-out articles excluded).

    PYTHONPATH=. python corpus/lexicon_cv.py

Rows whose notes say they were mined from PTC (``mined: PTC`` and ``lexmine``) are checked the
way they were chosen, but without seeing the evaluation articles: in each of 5 folds grouped by
article, a row is kept when, on the other four folds, it matches lines that are positive at least
half the time and overlaps annotated spans in at least 3 articles; the rules-only dramatic
P/R/F1 on the fold's own lines is then compared with the same lexicon without any mined row
(rows are switched off with weight-0 overrides). Pooled over folds, the gain says whether the
mined rows generalise to unseen articles rather than fitting the ones they came from.

Like the audit, this reads ``../shared`` and is not needed by tests.
"""

from __future__ import annotations

import sys
import tempfile
import zlib
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lexicon_audit import REPO, SHARED, _overlaps, load_corpora, prf  # noqa: E402

from hedgeometer import Analyzer  # noqa: E402
from hedgeometer.rules.lexicon import load_lexicons, read_lexicon_file  # noqa: E402
from hedgeometer.text.tokens import Tokens  # noqa: E402

FOLDS = 5


def mined_rows(path: Path = REPO / "lexicons" / "dramatic.tsv"):
    cues, problems = read_lexicon_file(path)
    assert not problems, problems
    return [c for c in cues if "mined: PTC" in c.notes and "lexmine" in c.notes]


def _override(cues, path: Path):
    with open(path, "w", encoding="utf-8") as out:
        out.write("# dimension: dramatic\npattern\tcategory\tweight\tnotes\n")
        for cue in cues:
            out.write(f"{cue.pattern}\t{cue.category}\t0\tswitched off for cross-validation\n")


def main():
    rows = load_corpora(SHARED / "real" / "ptc-train.jsonl", SHARED / "real" / "szeged-wiki-train.jsonl",
                        SHARED / "real" / "conll2010-bio-train.jsonl", SHARED / "wikiweasel-dev.jsonl")["ptc"]
    mined = mined_rows()
    keys = {c.pattern for c in mined}
    lexicon = load_lexicons()
    # per fold and row: lines matched, positive lines, articles where the match overlaps a span
    stats = defaultdict(lambda: [0, 0, set()])
    fold_of = [zlib.crc32(r["group"].encode()) % FOLDS for r in rows]
    for row, fold in zip(rows, fold_of):
        seen = set()
        for m in lexicon.match_tokens(Tokens(row["text"]), row["text"]):
            if m.dimension != "dramatic" or m.pattern not in keys or m.pattern in seen:
                continue
            seen.add(m.pattern)
            cell = stats[(fold, m.pattern)]
            cell[0] += 1
            cell[1] += row["pos"]["ptc"]
            if _overlaps(m.start, m.end, row["spans"]):
                cell[2].add(row["group"])
    pooled_base, pooled_mined = [], []
    print("fold\tkept\tbase-P\tbase-R\tbase-F1\tmined-P\tmined-R\tmined-F1\tlines")
    with tempfile.TemporaryDirectory() as tmp:
        all_off = Path(tmp) / "all-off.tsv"
        _override(mined, all_off)
        base = Analyzer(lexicons=[all_off], model=None, readability=False)
        for fold in range(FOLDS):
            kept, dropped = [], []
            for cue in mined:
                n = pos = 0
                articles = set()
                for other in range(FOLDS):
                    if other != fold:
                        cell = stats[(other, cue.pattern)]
                        n, pos, articles = n + cell[0], pos + cell[1], articles | cell[2]
                (kept if n and pos / n >= 0.5 and len(articles) >= 3 else dropped).append(cue)
            off = Path(tmp) / f"off-{fold}.tsv"
            _override(dropped, off)
            analyzer = Analyzer(lexicons=[off], model=None, readability=False)
            lines = [r for r, f in zip(rows, fold_of) if f == fold]
            texts = [r["text"] for r in lines]
            gold = [r["pos"]["ptc"] for r in lines]
            b = [(g, "dramatic" in s.labels) for g, s in zip(gold, base.score_sentences(texts))]
            w = [(g, "dramatic" in s.labels) for g, s in zip(gold, analyzer.score_sentences(texts))]
            pooled_base += b
            pooled_mined += w
            print(f"{fold}\t{len(kept)}/{len(mined)}\t" + "\t".join(f"{x:.3f}" for x in prf(b)[:3]) + "\t"
                  + "\t".join(f"{x:.3f}" for x in prf(w)[:3]) + f"\t{len(lines)}")
    print("pooled\t\t" + "\t".join(f"{x:.3f}" for x in prf(pooled_base)[:3]) + "\t"
          + "\t".join(f"{x:.3f}" for x in prf(pooled_mined)[:3]) + f"\t{len(pooled_base)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
