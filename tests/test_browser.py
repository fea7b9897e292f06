"""The HTML report as a person sees it: rendered by headless Chromium."""

from click.testing import CliRunner

from hedgeometer.cli import main

from browser import load
from conftest import EVIL, SEED


def test_seed_report_renders_in_chromium(tmp_path):
    page = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", str(SEED), "--format", "html", "-o", str(page)])
    assert result.exit_code == 0, result.output
    screenshot = tmp_path / "report.png"
    dom, console = load(page, tmp_path, screenshot=screenshot)
    assert console == [], console
    assert "Legend" in dom
    for dimension in ("hedging", "speculation", "dramatic", "attribution", "booster"):
        assert f'class="cue c-{dimension}' in dom or f"swatch s-{dimension}" in dom
        assert dimension in dom
    assert 'class="cue c-dramatic" data-tip=' in dom and ">on the brink of</span>" in dom
    assert screenshot.stat().st_size > 20_000


def test_injected_markup_does_not_run(tmp_path):
    article = tmp_path / "evil.txt"
    article.write_text(EVIL, encoding="utf-8")
    page = tmp_path / "evil.html"
    result = CliRunner().invoke(main, ["report", str(article), "--format", "html", "-o", str(page), "--no-model"])
    assert result.exit_code == 0, result.output
    dom, console = load(page, tmp_path)
    assert "data-pwned" not in dom.split("<body", 1)[1].split(">", 1)[0]
    assert "&lt;script&gt;" in dom  # shown as text
    assert "<img" not in dom
    assert console == [], console
