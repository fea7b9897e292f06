"""Headless Chromium for tests: load a local HTML file, return the DOM after load, the console
log and a screenshot. Skips (or fails, when HEDGEOMETER_REQUIRE_BROWSER=1 as in CI) without it."""

import os
import shutil
import subprocess

import pytest

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0", "--virtual-time-budget=2000"]


def chromium_path():
    path = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if path is None:
        if os.environ.get("HEDGEOMETER_REQUIRE_BROWSER"):
            pytest.fail("chromium is required (HEDGEOMETER_REQUIRE_BROWSER=1) but not installed")
        pytest.skip("chromium not installed (apt-get install chromium)")
    return path


def load(html_path, tmp_path, screenshot=None, width=1280, height=2000):
    """Return (dom, console_lines) for html_path; write a PNG screenshot if asked."""
    browser = chromium_path()
    profile = tmp_path / "chromium-profile"
    base = [browser, *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"]
    dom = subprocess.run([*base, "--dump-dom", html_path.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    if screenshot is not None:
        shot = subprocess.run([*base, f"--screenshot={screenshot}", html_path.as_uri()], capture_output=True, text=True, timeout=120)
        assert shot.returncode == 0 and screenshot.exists(), shot.stderr[-2000:]
    console = [line for line in dom.stderr.splitlines() if "CONSOLE" in line]
    return dom.stdout, console
