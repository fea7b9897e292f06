"""Training (hedgeometer.learning.train): the same corpus gives the same bytes, and train says how
it goes: sentences encoded and settings cross-validated, with counts, and on a terminal as one
status line rewritten in place."""

import io

from click.testing import CliRunner

from hedgeometer.cli import TrainProgress, main
from hedgeometer.dimensions import DIMENSIONS
from hedgeometer.rules.lexicon import load_lexicons
from hedgeometer.learning.train import C_GRID, train_model

from conftest import SMALL_CORPUS


def test_train_reports_encoding_and_every_setting_with_counts():
    events = []
    train_model([SMALL_CORPUS], lexicon=load_lexicons(), seed=0, name="small",
                progress=lambda message, done=None, total=None: events.append((message, done, total)))
    encoding = [e for e in events if e[0].startswith("encoding ")]
    assert encoding[0][1:] == (0, 80) and encoding[-1][1:] == (80, 80)  # the start and the end of encoding
    settings = [e for e in events if "cross-validating" in e[0]]
    total = len(DIMENSIONS) * len(C_GRID)  # one weight setting: the small corpus has no real corpora
    assert [done for _, done, _ in settings] == list(range(total)) and {t for _, _, t in settings} == {total}
    results = [e for e in events if "cross-validated objective" in e[0]]
    assert len(results) == len(DIMENSIONS) and all(done is None for _, done, _ in results)


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_on_a_terminal_steps_rewrite_one_status_line_and_results_get_lines_of_their_own():
    stream, clock = io.StringIO(), Clock()
    progress = TrainProgress(stream, tty=True, clock=clock)
    progress("encoding 80 corpus and 0 real-corpus sentences", done=0, total=2000)
    clock.now = 0.05
    progress("encoding 80 corpus and 0 real-corpus sentences", done=1000, total=2000)  # too soon: not drawn
    clock.now = 65.0
    progress("encoding 80 corpus and 0 real-corpus sentences", done=2000, total=2000)
    progress("hedging: cross-validating C=3.0", done=0, total=10)
    progress("hedging: cross-validated objective 1.000")
    progress.close()
    out = stream.getvalue()
    assert out.count("\r") == 3 and "\x1b[K" in out
    assert "\r[0:00] encoding 80 corpus and 0 real-corpus sentences [....................] 0/2,000" in out
    assert "1,000/2,000" not in out
    assert "\r[1:05] encoding 80 corpus and 0 real-corpus sentences [####################] 2,000/2,000" in out
    assert "[..........] " not in out and "0/10\x1b[K\n[1:05] hedging: cross-validated objective 1.000\n" in out


def test_off_a_terminal_each_step_is_one_line_with_its_count():
    stream, clock = io.StringIO(), Clock()
    progress = TrainProgress(stream, tty=False, clock=clock)
    for done in (0, 1000, 2000):
        progress("encoding sentences", done=done, total=2000)
    clock.now = 3725
    progress("hedging: cross-validating C=3.0", done=0, total=10)
    progress("hedging: cross-validated objective 1.000")
    progress.close()
    assert stream.getvalue() == ("[0:00] encoding sentences (0/2,000)\n"
                                 "[1:02:05] hedging: cross-validating C=3.0 (0/10)\n"
                                 "[1:02:05] hedging: cross-validated objective 1.000\n")


def test_the_train_command_shows_its_progress(tmp_path):
    result = CliRunner().invoke(main, ["train", "--corpus", str(SMALL_CORPUS), "-o", str(tmp_path / "m.json")])
    assert result.exit_code == 0, result.output
    assert "[0:0" in result.output and "encoding 80 corpus and 0 real-corpus sentences (0/80)" in result.output
    assert "booster: cross-validating C=10.0, real weight=1.0, news weight=1.0 (9/10)" in result.output


def test_train_twice_gives_identical_bytes(tmp_path, trained):
    _, _, first = trained
    second = tmp_path / "again.json"
    result = CliRunner().invoke(main, ["train", "--corpus", str(SMALL_CORPUS), "-o", str(second), "--name", "small"])
    assert result.exit_code == 0, result.output
    assert second.read_bytes() == first.read_bytes()


def test_train_model_from_python_keeps_the_real_news_test_articles_out(tmp_path):
    """The held-out rule is the library's: a Python caller that passes no held-out list (or an
    empty one) still never trains on the real-news test set."""
    import json

    from hedgeometer.learning.train import realnews_test_articles

    from conftest import FIXTURES

    heldout = realnews_test_articles()[0]
    lines = [json.loads(line) for line in (FIXTURES / "real" / "ptc-mini.jsonl").read_text().splitlines()]
    kept = [r for r in lines if r["article"] == "900001"]
    test_article = [{**r, "article": heldout, "id": f"ptc-{heldout}-{r['line']}"} for r in lines if r["article"] == "900004"]
    ptc = tmp_path / "ptc-with-a-test-article.jsonl"
    ptc.write_text("".join(json.dumps(r) + "\n" for r in kept + test_article))
    # three of 900001's lines are word for word in the test article: kept out with it
    clean = [r for r in kept if r["text"] not in {t["text"] for t in test_article}]
    assert len(clean) == 3
    for given in ({}, {"heldout_articles": ()}):
        _, record = train_model([SMALL_CORPUS], lexicon=load_lexicons(), real_paths=[ptc], standoff=(), **given)
        (corpus,) = record["real_corpora"]
        assert (corpus["records"], corpus["used"]) == (len(kept) + len(test_article), len(clean))
        assert record["heldout_articles"] == len(set(realnews_test_articles()))
