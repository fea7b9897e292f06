"""hedgeometer serve without a browser: what the endpoint answers, the HTTP checks, the command.

Servers bind 127.0.0.1 on a free port and are shut down by their fixture."""

import base64
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest
from click.testing import CliRunner

from hedgeometer.cli import main
from hedgeometer.errors import InputError
from hedgeometer.serve import INTERNAL_ERROR, TooLarge, make_server, score_request

from conftest import EVIL, ROOT, SEED

CALM = ROOT / "seeds" / "rewrites" / "damascus-talks-calm.txt"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


@pytest.fixture(scope="module")
def served(analyzer):
    """A server on 127.0.0.1 (any free port) in a thread; its log lines are kept."""
    log = []
    server = make_server(analyzer, host="127.0.0.1", port=0, max_chars=6000, log=log.append)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, log
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def request(server, path="/", body=None, headers=None, method=None):
    """(status, headers, body) of one request; HTTP errors are answers too."""
    data = json.dumps(body).encode() if isinstance(body, dict) else body
    headers = {"Content-Type": "application/json", **(headers or {})} if data is not None else (headers or {})
    req = urllib.request.Request(server.url.rstrip("/") + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


# --- what the endpoint answers ----------------------------------------------------------------


def test_one_text_gives_the_report_fragment_and_downloads(analyzer, seed_text):
    answer = score_request(analyzer, {"texts": [{"text": seed_text}]})
    html = answer["html"]
    assert html.startswith('<div class="hm-report">') and "<html" not in html and "<style" not in html
    first = html[html.index('<span id="r-s1"'):html.index('<span id="r-s2"')]
    assert "s-dramatic flagged" in first and 'tabindex="0" aria-describedby="r-why1"' in first
    assert ">sent ripples through</span>" in first and '<span class="why" id="r-why1" role="note">' in first
    assert answer["texts"] == [{"name": "pasted text", "text": seed_text, "format": "text", "from_file": False}]
    downloads = {d["filename"]: d for d in answer["downloads"]}
    assert set(downloads) == {"pasted-text.hedgeometer.json", "pasted-text.hedgeometer.md"}
    data = json.loads(downloads["pasted-text.hedgeometer.json"]["content"])
    assert data["text"] == seed_text and len(data["sentences"]) == 18 and data["id"] == "pasted text"
    assert data == json.loads(json.dumps(analyzer.analyze(seed_text, id="pasted text").to_dict(include_text=True)))
    assert "| dimension | sentences | share |" in downloads["pasted-text.hedgeometer.md"]["content"]
    assert answer["summary"].startswith("18 sentences, ")


def test_two_texts_are_compared_side_by_side(analyzer, seed_text):
    calm = CALM.read_text("utf-8")
    answer = score_request(analyzer, {"texts": [{"text": seed_text}, {"file": b64(calm.encode()), "name": "calm.txt"}]})
    html = answer["html"]
    assert '<table class="compare">' in html and html.count('<section class="hm-column"') == 2
    assert '<th scope="col">first text</th><th scope="col">calm.txt</th>' in html
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids)) and '<span id="c0-s1"' in html and '<span id="c1-s1"' in html
    names = [d["filename"] for d in answer["downloads"]]
    assert names == ["comparison.hedgeometer.json", "comparison.hedgeometer.md", "first-text.hedgeometer.json",
                     "first-text.hedgeometer.md", "calm.hedgeometer.json", "calm.hedgeometer.md"]
    assert json.loads(answer["downloads"][0]["content"])["most"]["dramatic"] == "first text"
    assert answer["texts"][1] == {"name": "calm.txt", "text": calm, "format": "text", "from_file": True}


def test_article_text_is_escaped_everywhere(analyzer):
    evil_name = '"><img src=x onerror=alert(1)>.md'
    answer = score_request(analyzer, {"texts": [{"text": EVIL}, {"file": b64(EVIL.encode()), "name": evil_name}]})
    html = answer["html"]
    assert "<script" not in html and "<img" not in html and "onerror=\"" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;.md" in html


def test_files_are_read_by_their_suffix(analyzer):
    markdown = "# Talks May Collapse\n\nThe talks **may** collapse, [analysts say](https://example.org).\n"
    answer = score_request(analyzer, {"texts": [{"file": b64(b"\xef\xbb\xbf" + markdown.encode()), "name": "dir/notes.md"}]})
    assert answer["texts"][0] == {"name": "notes.md", "text": markdown, "format": "markdown", "from_file": True}
    assert "https://example.org" in answer["html"] and "hedgeometer report · <span class=\"source\">notes.md</span>" in answer["html"]
    pytest.importorskip("trafilatura")
    page = ("<!DOCTYPE html><html><head><title>x</title><script>var tracking = 1;</script></head><body><article>"
            "<h1>Talks on the brink</h1><p>" + "The talks may collapse, analysts say, as the two sides meet again. " * 4
            + "</p></article></body></html>")
    answer = score_request(analyzer, {"texts": [{"file": b64(page.encode()), "name": "page.html"}]})
    scored = answer["texts"][0]
    assert scored["format"] == "text" and "The talks may collapse" in scored["text"] and "tracking" not in scored["text"]
    pasted = score_request(analyzer, {"texts": [{"text": page}]})["texts"][0]  # a pasted page source too
    assert "tracking" not in pasted["text"] and "<p>" not in pasted["text"]


@pytest.mark.parametrize("item, message", [
    ({"text": "   \n"}, "The text is empty"),
    ({"text": 12}, "Bad request: the text must be a string."),
    ({"file": "***", "name": "a.txt"}, "Bad request: the file of a.txt is not valid base64."),
    ({"file": b64(b"PK\x03\x04\x00\x00"), "name": "essay.docx"}, "essay.docx looks like a binary file"),
    ({"file": b64("café au lait".encode("latin-1")), "name": "old.txt"}, "old.txt is not UTF-8 text (byte 3: invalid continuation byte)"),
    ({"text": "It may rain.", "format": "pdf"}, "format='pdf': expected 'auto' or 'text' or 'markdown' or 'html'"),
])
def test_bad_input_is_a_message(analyzer, item, message):
    with pytest.raises(InputError if "format=" not in message else ValueError) as caught:
        score_request(analyzer, {"texts": [item]})
    assert message in str(caught.value)


def test_odd_text_is_scored_not_crashed_on(served):
    """Half a surrogate pair (valid JSON, no character), control characters, deep nesting."""
    server, _ = served
    status, _, body = request(server, "/api/report", json.dumps({"texts": [{"text": "It may \ud800 rain.\x00\x1b It will."}]}).encode())
    answer = json.loads(body)
    assert status == 200 and answer["texts"][0]["text"] == "It may \ufffd rain.\x00\x1b It will."
    status, _, body = request(server, "/api/report", b"[" * 100_000 + b"]" * 100_000)
    assert status == 400 and json.loads(body) == {"error": "Bad request: the body is not JSON."}


def test_size_limit(analyzer):
    with pytest.raises(TooLarge, match=r"^Too long: the second text has 6,001 characters, and this page takes at most "
                                       r"6,000 a text\. Score a part of it here, or the whole file with 'hedgeometer report FILE'\.$"):
        score_request(analyzer, {"texts": [{"text": "It may rain."}, {"text": "x" * 6001}]}, max_chars=6000)
    assert score_request(analyzer, {"texts": [{"text": "It may rain. " * 400}]}, max_chars=6000)["html"]
    with pytest.raises(InputError, match="at most 2 texts"):
        score_request(analyzer, {"texts": [{"text": "a"}] * 3})
    with pytest.raises(InputError, match="Nothing to score"):
        score_request(analyzer, {"texts": []})


# --- HTTP -------------------------------------------------------------------------------------


def test_server_binds_loopback_and_serves_the_page(served):
    server, _ = served
    assert server.server_address[0] == "127.0.0.1" and server.loopback
    status, headers, body = request(server, "/")
    page = body.decode()
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert "script-src 'self'" in headers["Content-Security-Policy"] and "default-src 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    # one script, our own file: no inline script, no external asset
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/app.js" defer>']
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    assert 'id="hm-text-0"' in page and 'id="hm-text-1"' in page and "Up to 6,000 characters a text" in page
    status, headers, script = request(server, "/app.js")
    assert status == 200 and headers["Content-Type"].startswith("text/javascript") and b"/api/report" in script
    assert b"innerHTML" in script and script.count(b"innerHTML") == 1  # only the server's escaped fragment


def test_post_scores_and_errors_are_json(served, seed_text):
    server, _ = served
    status, headers, body = request(server, "/api/report", {"texts": [{"text": seed_text}]})
    answer = json.loads(body)
    assert status == 200 and headers["Content-Type"] == "application/json; charset=utf-8"
    assert answer["summary"].startswith("18 sentences") and answer["seconds"] >= 0
    for payload, code, message in [
        (b"{not json", 400, "Bad request: the body is not JSON."),
        ({"texts": [{"text": "x" * 6001}]}, 413, "Too long: the text has 6,001 characters"),
        ({"texts": [{"text": ""}]}, 400, "The text is empty"),
        ({"text": "no list"}, 400, "Bad request: expected a JSON object with a list 'texts'."),
    ]:
        status, _, body = request(server, "/api/report", payload)
        assert status == code and json.loads(body)["error"].startswith(message), body


def test_http_checks(served):
    server, _ = served
    body = {"texts": [{"text": "It may rain."}]}
    status, _, answer = request(server, "/api/report", body, {"Origin": "http://elsewhere.example"})
    assert status == 403 and json.loads(answer) == {"error": "Requests from other web sites are refused."}
    status, _, _ = request(server, "/api/report", body, {"Origin": server.url.rstrip("/")})
    assert status == 200
    status, _, answer = request(server, "/api/report", json.dumps(body).encode(), {"Content-Type": "text/plain"})
    assert status == 415
    status, _, answer = request(server, "/", headers={"Host": "rebound.example:80"})
    assert status == 421 and b"Unknown host name" in answer
    status, _, answer = request(server, "/nowhere")
    assert status == 404 and b"Nothing at /nowhere" in answer and b"<script" not in answer
    status, _, answer = request(server, "/%3Cscript%3Ealert(1)%3C/script%3E")
    assert status == 404 and b"<script>" not in answer
    status, _, answer = request(server, "/", method="DELETE")
    assert status == 501 and b"Traceback" not in answer
    status, _, answer = request(server, "/api/report", b"{}", {"Content-Length": str(10 ** 10)})
    assert status == 413 and json.loads(answer)["error"].startswith("Too large: the request is")


def test_a_failure_is_one_line_in_the_page_and_the_traceback_in_the_log(served, monkeypatch):
    server, log = served

    class Broken:
        def analyze(self, *args, **kwargs):
            raise RuntimeError("secret detail")

    monkeypatch.setattr(server, "analyzer", Broken())
    status, _, body = request(server, "/api/report", {"texts": [{"text": "It may rain."}]})
    assert status == 500 and json.loads(body) == {"error": INTERNAL_ERROR}
    assert b"secret detail" not in body and b"Traceback" not in body
    assert any("Traceback" in line and "RuntimeError: secret detail" in line for line in log)


# --- the command ------------------------------------------------------------------------------


def test_serve_command_prints_its_address_and_serves(tmp_path):
    """The installed command, as a person runs it: --port 0, read the address, load the page."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "hedgeometer", "serve", "--port", "0", "--no-model", "--quiet"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    try:
        deadline, lines = time.monotonic() + 120, []
        while time.monotonic() < deadline:
            line = process.stderr.readline()
            lines.append(line)
            if "open http" in line or not line:
                break
        address = re.search(r"open (http://127\.0\.0\.1:\d+/) in a browser \(Ctrl\+C to stop\)", "".join(lines))
        assert address, lines
        with urllib.request.urlopen(address.group(1), timeout=30) as response:
            assert response.status == 200 and b"What does this text lean on?" in response.read()
        req = urllib.request.Request(address.group(1) + "api/report", data=json.dumps({"texts": [{"text": SEED.read_text()}]}).encode(),
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as response:
            assert "rules only" in json.loads(response.read())["html"]
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stdout.close()
        process.stderr.close()


def test_serve_command_names_a_busy_port():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port), "--no-model"])
    assert result.exit_code == 1
    assert f"Error: port {port} is in use: choose another with --port, or --port 0 for any free port" in result.output
    assert "Traceback" not in result.output


def test_serve_command_help_and_bad_options():
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0 and "--max-chars" in result.output and "127.0.0.1" in result.output
    result = CliRunner().invoke(main, ["serve", "--port", "70000"])
    assert result.exit_code == 2 and "Invalid value for '--port'" in result.output
    result = CliRunner().invoke(main, ["serve", "--max-chars", "0"])
    assert result.exit_code == 2 and "Invalid value for '--max-chars'" in result.output
