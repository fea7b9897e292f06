"""The renderers together (hedgeometer.render: RENDERERS, one per --format): each renders the
seed, and in linear time however many cues a sentence has."""

from hedgeometer import Analyzer
from hedgeometer.render import RENDERERS


def test_every_format_renders_the_seed(seed_report):
    for name, render in RENDERERS.items():
        out = render(seed_report)
        assert isinstance(out, str) and len(out) > 500, name


def test_a_long_sentence_full_of_cues_renders_in_linear_time():
    """Half a megabyte with no full stop and a cue every few words: one sentence with some
    36,000 cues (it took 84 s as text when every cut checked every cue)."""
    import time

    text = ("officials may possibly delay the talks on the brink of collapse, sources say it is likely "
            "that the plan will undoubtedly fail ") * 4500
    report = Analyzer(readability=False).analyze(text)
    assert len(report.sentences) == 1 and len(report.sentences[0].cues) > 30_000
    start = time.process_time()
    for render in RENDERERS.values():
        render(report)
    assert time.process_time() - start < 20
