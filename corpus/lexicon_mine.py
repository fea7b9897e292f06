"""Propose lexicon rows from real annotated text, with their precision as cues, for review by hand.

    PYTHONPATH=. python corpus/lexicon_mine.py dramatic > /tmp/dramatic-candidates.tsv
    PYTHONPATH=. python corpus/lexicon_mine.py hedging
    PYTHONPATH=. python corpus/lexicon_mine.py speculation

Candidates are word n-grams (1 to 4 words):

- dramatic: n-grams inside PTC Loaded_Language, Exaggeration,Minimisation and
  Appeal_to_fear-prejudice spans (PTC train, held-out articles dropped on loading);
- hedging: Szeged ``speculation_modal_*`` cue strings and CoNLL bio ``speculation_modal_*`` cues;
- speculation: Szeged and CoNLL bio ``speculation_hypo_*`` (doxastic, investigation, condition) cues.

For each candidate the table gives how often it was annotated (``ann``) and in how many distinct
articles or documents (``groups``), then its precision as a cue: ``P-line`` (the lines containing
the n-gram that are positive), ``P-cue`` (the occurrences that are themselves annotated: inside a
span, or listed as the line's cue), and ``P-oof``: the precision of the n-gram on held-out groups
in a 5-fold cross-validation grouped by article/document, counted only in folds where the n-gram
was proposed by the other four folds (annotated at least 3 times in 3 groups there). ``in-lex``
says whether the shipped lexicon already matches the n-gram in that dimension; ``in-house`` is
its precision on the project corpus (train and dev splits, never test).

Nothing here is copied into the repo: rows are written by hand after reading the contexts
(``corpus/lexicon_audit.py --contexts``) against GUIDELINES.md.
"""

from __future__ import annotations

import argparse
import sys
import zlib
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lexicon_audit import SHARED, load_corpora, _read, REPO  # noqa: E402

from hedgeometer.rules.lexicon import load_lexicons  # noqa: E402
from hedgeometer.text.tokens import Tokens  # noqa: E402

STOP = set("""a an the of to in on at by for with and or but is are was were be been being that this these those
it its as from he she they we i you his her their our my your not no than then there here which who whom what
when where why how so if do does did has have had will would can could may might shall should must also just
""".split())
HYPO = ("speculation_hypo_doxastic", "speculation_hypo_investigation", "speculation_hypo_condition")
FOLDS = 5


def _words(text: str):
    """Lowercase word tokens with their character offsets."""
    tokens = Tokens(text)
    return [(tokens.lower[i], tokens.start(i), tokens.end(i)) for i in range(len(tokens.lower)) if tokens.is_word[i]]


def _fold(group: str) -> int:
    return zlib.crc32(group.encode()) % FOLDS


def _lines(dimension: str, corpora):
    """Yield (corpus, group, words, line_positive, annotated_token_positions_or_cue_strings)."""
    if dimension == "dramatic":
        for row in corpora["ptc"]:
            words = _words(row["text"])
            inside = {k for k, (_, s, e) in enumerate(words) if any(s < se and ss < e for ss, se in row["spans"])}
            yield "ptc", row["group"], words, bool(row["spans"]), ("positions", inside)
        return
    wanted = (lambda t: t.startswith("speculation_modal")) if dimension == "hedging" else (lambda t: t in HYPO)
    for row in corpora["szeged"]:
        cues = {c.lower() for c, t in zip(row["cues"], row["types"]) if wanted(t)}
        yield "szeged", row["group"], _words(row["text"]), bool(cues), ("cues", cues)
    for row in corpora["bio"]:
        cues = {c.lower() for t, c in row["suc"] if wanted(t)}
        yield "bio", row["group"], _words(row["text"]), bool(cues), ("cues", cues)


def _ngrams(words, n_max=4):
    lows = [w for w, _, _ in words]
    for n in range(1, n_max + 1):
        for i in range(len(lows) - n + 1):
            gram = lows[i:i + n]
            if n > 1 and (gram[0] in STOP and gram[-1] in STOP):
                continue
            yield " ".join(gram), i, i + n


def mine(dimension: str, corpora, min_ann=3, min_groups=3):
    ann = defaultdict(int)
    ann_groups = defaultdict(set)
    ann_fold = defaultdict(lambda: defaultdict(int))  # gram -> fold -> annotated count
    ann_fold_groups = defaultdict(lambda: defaultdict(set))
    occ = defaultdict(lambda: [0, 0, 0])  # gram -> [lines, positive lines, annotated occurrences]
    occ_fold = defaultdict(lambda: defaultdict(lambda: [0, 0]))  # gram -> fold -> [lines, positive lines]
    for corpus, group, words, positive, (kind, marks) in _lines(dimension, corpora):
        fold = _fold(group)
        seen = set()
        for gram, i, j in _ngrams(words):
            if kind == "positions":
                annotated = all(k in marks for k in range(i, j))
            else:
                annotated = gram in marks
            if annotated:
                ann[gram] += 1
                ann_groups[gram].add(group)
                ann_fold[gram][fold] += 1
                ann_fold_groups[gram][fold].add(group)
            if gram not in seen:
                seen.add(gram)
                cell = occ[gram]
                cell[0] += 1
                cell[1] += positive
                cell[2] += annotated
                f = occ_fold[gram][fold]
                f[0] += 1
                f[1] += positive
    results = []
    for gram, count in ann.items():
        if count < min_ann or len(ann_groups[gram]) < min_groups:
            continue
        oof_n = oof_pos = 0
        for fold in range(FOLDS):
            rest = sum(c for f, c in ann_fold[gram].items() if f != fold)
            rest_groups = set().union(*[g for f, g in ann_fold_groups[gram].items() if f != fold] or [set()])
            if rest >= min_ann and len(rest_groups) >= min_groups:
                n, pos = occ_fold[gram][fold]
                oof_n += n
                oof_pos += pos
        lines, pos_lines, annotated = occ[gram]
        results.append((gram, count, len(ann_groups[gram]), lines, pos_lines / lines, min(1.0, annotated / lines),
                        (oof_pos / oof_n) if oof_n else float("nan"), oof_n))
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dimension", choices=["dramatic", "hedging", "speculation"])
    parser.add_argument("--ptc", type=Path, default=SHARED / "real" / "ptc-train.jsonl")
    parser.add_argument("--szeged", type=Path, default=SHARED / "real" / "szeged-wiki-train.jsonl")
    parser.add_argument("--bio", type=Path, default=SHARED / "real" / "conll2010-bio-train.jsonl")
    parser.add_argument("--weasel", type=Path, default=SHARED / "wikiweasel-dev.jsonl")
    parser.add_argument("--min-ann", type=int, default=3)
    parser.add_argument("--min-groups", type=int, default=3)
    parser.add_argument("--min-precision", type=float, default=0.0, help="on P-line")
    args = parser.parse_args(argv)
    corpora = load_corpora(args.ptc, args.szeged, args.bio, args.weasel)
    # the cue strings and types of Szeged and CoNLL bio (load_corpora keeps only flags)
    szeged = [r for r in _read(args.szeged)]
    for row, raw in zip(corpora["szeged"], szeged):
        row["cues"], row["types"] = raw["cues"], raw["cue_types"]
    for row, raw in zip(corpora["bio"], _read(args.bio)):
        row["suc"] = raw["suc_cues"]
    lexicon = load_lexicons()
    inhouse = [r for path in sorted((REPO / "corpus").glob("*.jsonl")) for r in _read(path)
               if r.get("split") in ("train", "dev")]
    inhouse_words = [(" " + " ".join(w for w, _, _ in _words(r["text"])) + " ", args.dimension in r["labels"])
                     for r in inhouse]
    out = sys.stdout
    out.write("ngram\tann\tgroups\tlines\tP-line\tP-cue\tP-oof\toof-n\tin-lex\tin-house n\tin-house P\n")
    rows = mine(args.dimension, corpora, args.min_ann, args.min_groups)
    rows.sort(key=lambda r: (-(r[6] if r[6] == r[6] else 0), -r[1]))
    for gram, count, groups, lines, p_line, p_cue, p_oof, oof_n in rows:
        if p_line < args.min_precision:
            continue
        covered = any(m.dimension == args.dimension for m in lexicon.match_tokens(Tokens(gram), gram))
        needle = f" {gram} "
        hits = [pos for text, pos in inhouse_words if needle in text]
        in_p = f"{sum(hits) / len(hits):.2f}" if hits else ""
        out.write(f"{gram}\t{count}\t{groups}\t{lines}\t{p_line:.2f}\t{p_cue:.2f}\t{p_oof:.2f}\t{oof_n}\t"
                  f"{'yes' if covered else ''}\t{len(hits)}\t{in_p}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
