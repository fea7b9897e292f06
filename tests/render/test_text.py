"""The terminal report (hedgeometer.render.text): colour only when asked, wrapped to the width."""

from hedgeometer.render import RENDERERS


def test_text_report_colour_and_width(seed_report):
    plain = RENDERERS["text"](seed_report, color=False, width=60)
    coloured = RENDERERS["text"](seed_report, color=True, width=60)
    assert "\x1b[" not in plain and "\x1b[" in coloured
    # wrapped sentence text: 6-space indent (cue details use 8 and may run long)
    body = [line for line in plain.splitlines() if line.startswith("      ") and not line.startswith("        ")]
    assert body and max(len(line) for line in body) <= 60 + 25  # a long cue mark cannot be broken
