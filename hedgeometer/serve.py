"""``hedgeometer serve``: the HTML report as a local web page. Paste a text or drop a file and
see it highlighted; add a second version to compare the two side by side.

The page is the HTML renderer's (:mod:`hedgeometer.render.html`): the same styles, the same
highlighted report, the same explanation of a sentence on click or focus. A small script
(``render/templates/serve.js``) sends the text to ``POST /api/report`` and shows the fragment
the server renders; nothing is fetched from anywhere else, so the page works offline.

Built on the standard library's :mod:`http.server`: one page, one script and one JSON
endpoint on the loopback address need no framework, and no dependency is added. It is not a
public web server: it binds 127.0.0.1 unless told otherwise, has no accounts, and scores one
request at a time.

Hostile input stays text: reports are rendered with autoescaping, the page allows no inline
script (Content-Security-Policy), requests from other origins or host names are refused, each
text is held to ``max_chars`` characters with a message that says so, and a failure shows a
one-line error in the page while the details go to the terminal, never a traceback to the page.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import json
import re
import socket
import sys
import threading
import time
import traceback
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import PurePath
from typing import Callable, NamedTuple
from urllib.parse import urlsplit

from .version import __version__
from .reports.compare import Comparison
from .errors import HedgeometerError, InputError, ParameterError
from .text.inputs import INPUT_FORMATS, html_to_text, resolve_format, without_byte_order_mark
from .render import RENDERERS
from .render.common import plural
from .render.compare import COMPARE_RENDERERS, comparison_fragment
from .render.html import environment, report_fragment

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
# Characters of one text (after HTML is reduced to its article): a long feature is 50,000.
DEFAULT_MAX_CHARS = 200_000
# A dropped file may be larger than the text it holds (an HTML page); the page refuses files
# larger than this before sending them, and the server bodies larger than two of them.
MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_TEXTS = 2  # a text and, to compare with it, another version
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src data:; "
                           "connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'")
INTERNAL_ERROR = ("hedgeometer could not score this text: an internal error. The terminal running "
                  "'hedgeometer serve' shows the details; please report them.")
_POSITIONS = ("first", "second")
# JSON can carry half of a UTF-16 surrogate pair, which is no character and cannot be written
# back as UTF-8; each becomes U+FFFD, so offsets still count the characters sent.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class TooLarge(InputError):
    """A text or file over the page's size limit (answered with HTTP 413)."""


class Submitted(NamedTuple):
    """One text as the page sent it, read: ``name`` is the file's name or a label for a pasted
    text, ``format`` is ``"text"`` or ``"markdown"`` (HTML has been reduced to its text)."""

    name: str
    text: str
    format: str
    from_file: bool


def _label(position: int, count: int, name: str | None) -> str:
    """How an error names a text: the file's name, else 'the text' or 'the second text'."""
    if name:
        return name
    return "the text" if count == 1 else f"the {_POSITIONS[position]} text"


def _too_long(label: str, length: int, max_chars: int) -> TooLarge:
    return TooLarge(f"Too long: {label} has {length:,} characters, and this page takes at most {max_chars:,} "
                      f"a text. Score a part of it here, or the whole file with 'hedgeometer report FILE'.")


def _file_name(value) -> str | None:
    """The base name of a dropped file, as plain text of a sane length (never a path)."""
    if not isinstance(value, str) or not value.strip():
        return None
    name = PurePath(value.replace("\\", "/")).name.strip()
    name = re.sub(r"[\x00-\x1f\x7f]", "", name)[:120]
    return name or None


def read_submitted(item, position: int, count: int, max_chars: int) -> Submitted:
    """One entry of a request's ``texts``: ``{"text": ...}`` for a pasted text or ``{"file":
    base64, "name": ...}`` for a dropped file, with an optional ``"format"`` (one of
    :data:`~hedgeometer.text.inputs.INPUT_FORMATS`). A file's format follows its suffix, a pasted
    text is plain text unless it starts like an HTML page. Raises :class:`InputError` with a
    message for the page."""
    if not isinstance(item, dict):
        raise InputError("Bad request: each entry of 'texts' must be an object.")
    name = _file_name(item.get("name"))
    label = _label(position, count, name)
    requested = item.get("format", "auto") or "auto"
    if requested not in INPUT_FORMATS:
        raise ParameterError("format", requested, " or ".join(map(repr, INPUT_FORMATS)), INPUT_FORMATS)
    if item.get("file") is not None:
        if not isinstance(item["file"], str):
            raise InputError(f"Bad request: the file of {label} must be base64 text.")
        try:
            data = base64.b64decode(item["file"], validate=True)
        except (binascii.Error, ValueError):
            raise InputError(f"Bad request: the file of {label} is not valid base64.") from None
        if len(data) > MAX_FILE_BYTES:
            raise TooLarge(f"Too large: {label} is {len(data) / 2**20:.1f} MB, and this page takes files up to "
                             f"{MAX_FILE_BYTES // 2**20} MB. Use 'hedgeometer report FILE'.")
        if b"\x00" in data[:8192]:
            raise InputError(f"{label} looks like a binary file (it contains NUL bytes), not text: "
                             f"drop a .txt, .md or .html file.")
        try:
            text = without_byte_order_mark(data.decode("utf-8"))
        except UnicodeDecodeError as error:
            raise InputError(f"{label} is not UTF-8 text (byte {error.start}: {error.reason}). Save it as UTF-8, "
                             f"or open it and paste its text.") from None
        fmt = resolve_format(name or "file.txt", text, requested)
        from_file = True
    else:
        text = item.get("text")
        if not isinstance(text, str):
            raise InputError(f"Bad request: {label} must be a string.")
        text = _LONE_SURROGATE.sub("\ufffd", without_byte_order_mark(text))
        fmt = resolve_format("<stdin>", text, requested)  # a pasted page source is read as HTML
        from_file = False
    if not text.strip():
        raise InputError(f"{label[0].upper()}{label[1:]} is empty: paste a text or drop a .txt, .md or .html file.")
    if fmt == "html":
        if len(text) > MAX_FILE_BYTES:
            raise _too_long(label, len(text), MAX_FILE_BYTES)
        text, fmt = html_to_text(text, label), "text"
    if len(text) > max_chars:
        raise _too_long(label, len(text), max_chars)
    default = "pasted text" if count == 1 else f"{_POSITIONS[position]} text"
    return Submitted(name or default, text, fmt, from_file)


def _slug(name: str) -> str:
    stem = PurePath(name).stem if "." in name else name
    return re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")[:60] or "text"


def _download(label: str, filename: str, kind: str, content: str) -> dict:
    return {"label": label, "filename": filename, "type": kind, "content": content}


def score_request(analyzer, payload, max_chars: int = DEFAULT_MAX_CHARS) -> dict:
    """Answer a ``POST /api/report`` body: score its one or two texts and return the highlighted
    view (``html``, a fragment for the page's ``.hedgeometer`` element), what was scored
    (``texts``: name, text, format, so the page can show a dropped file's text), the downloads
    (JSON and Markdown, as ``hedgeometer report`` writes them, the text included) and a
    ``summary`` line. Raises :class:`HedgeometerError` for anything wrong with the input."""
    if not isinstance(payload, dict) or not isinstance(payload.get("texts"), list):
        raise InputError("Bad request: expected a JSON object with a list 'texts'.")
    items = [item for item in payload["texts"] if item is not None]
    if not items:
        raise InputError("Nothing to score: paste a text or drop a .txt, .md or .html file.")
    if len(items) > MAX_TEXTS:
        raise InputError(f"Bad request: at most {MAX_TEXTS} texts (a text and another version to compare).")
    submitted = [read_submitted(item, k, len(items), max_chars) for k, item in enumerate(items)]
    if len(submitted) == 2 and submitted[0].name == submitted[1].name:  # two files of one name
        submitted = [s._replace(name=f"{s.name} ({_POSITIONS[k]})") for k, s in enumerate(submitted)]
    reports = [analyzer.analyze(s.text, id=s.name, markdown=s.format == "markdown") for s in submitted]
    downloads = []
    for s, report in zip(submitted, reports):
        slug, suffix = _slug(s.name), f" ({s.name})" if len(reports) > 1 else ""
        downloads.append(_download(f"JSON{suffix}", f"{slug}.hedgeometer.json", "application/json",
                                   RENDERERS["json"](report, include_text=True)))
        downloads.append(_download(f"Markdown{suffix}", f"{slug}.hedgeometer.md", "text/markdown",
                                   RENDERERS["markdown"](report)))
    if len(reports) == 1:
        report = reports[0]
        html = report_fragment(report, prefix="r-")
        summary = (f"{plural(len(report.sentences), 'sentence')}, {len(report.flagged)} flagged. "
                   f"Click or tab to a sentence to see why it was labelled.")
    else:
        comparison = Comparison(tuple(reports))
        html = comparison_fragment(comparison, prefix="c")
        downloads[:0] = [
            _download("comparison JSON", "comparison.hedgeometer.json", "application/json",
                      COMPARE_RENDERERS["json"](comparison)),
            _download("comparison Markdown", "comparison.hedgeometer.md", "text/markdown",
                      COMPARE_RENDERERS["markdown"](comparison)),
        ]
        summary = (f"Compared {submitted[0].name} ({plural(len(reports[0].sentences), 'sentence')}) with "
                   f"{submitted[1].name} ({plural(len(reports[1].sentences), 'sentence')}).")
    return {
        "html": html,
        "texts": [{"name": s.name, "text": s.text, "format": s.format, "from_file": s.from_file} for s in submitted],
        "downloads": downloads,
        "summary": summary,
    }


def app_page(analyzer, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """The page ``GET /`` serves: the two text boxes above an empty report area."""
    model = analyzer.provenance().get("model")
    scorer = f"model {model['name']}" if model else "rules only"
    return environment().get_template("serve.html.j2").render(
        version=__version__, scorer=scorer, max_chars=max_chars, max_file_bytes=MAX_FILE_BYTES)


def app_script() -> bytes:
    return (files("hedgeometer.render") / "templates" / "serve.js").read_bytes()


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _Handler(BaseHTTPRequestHandler):
    server_version = f"hedgeometer/{__version__}"

    def version_string(self) -> str:
        return self.server_version
    server: "ReportServer"

    # --- responses ---------------------------------------------------------------------------

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, data: dict) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def _error(self, status: int, message: str) -> None:
        """An error the page shows: JSON for the API, a small page for a browser's address bar."""
        if getattr(self, "path", "").startswith("/api/"):
            self._json(status, {"error": message})
        else:
            from html import escape

            page = (f'<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>{status} · hedgeometer</title>'
                    f'<p>{escape(message)}</p><p><a href="/">Back to hedgeometer</a></p></html>')
            self._send(status, page.encode("utf-8"), "text/html; charset=utf-8")

    def send_error(self, code, message=None, explain=None):  # malformed requests, unknown methods
        self.close_connection = True
        try:
            self._error(int(code), message or HTTPStatus(code).phrase)
        except Exception:  # the client has gone: nothing to tell it
            pass

    # --- checks ------------------------------------------------------------------------------

    def _host_allowed(self) -> bool:
        """On a loopback address, only requests that name it: a web page elsewhere cannot reach
        this server by pointing a host name of its own at 127.0.0.1 (DNS rebinding)."""
        if not self.server.loopback:
            return True
        host = (self.headers.get("Host") or "").strip().lower()
        return host in self.server.allowed_hosts

    def _origin_allowed(self) -> bool:
        """A browser names the page a request comes from: it must be this server's own."""
        origin = self.headers.get("Origin")
        if origin is None:  # not sent by a browser's cross-site request (curl, the tests)
            return True
        parts = urlsplit(origin)
        return parts.scheme == "http" and parts.netloc.lower() == (self.headers.get("Host") or "").strip().lower()

    # --- methods -----------------------------------------------------------------------------

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        path = urlsplit(self.path).path
        if not self._host_allowed():
            return self._error(HTTPStatus.MISDIRECTED_REQUEST, "Unknown host name: open the address that "
                                                               "'hedgeometer serve' printed.")
        if path == "/":
            self._send(HTTPStatus.OK, self.server.page, "text/html; charset=utf-8")
        elif path == "/app.js":
            self._send(HTTPStatus.OK, self.server.script, "text/javascript; charset=utf-8")
        elif path == "/favicon.ico":
            self._send(HTTPStatus.NO_CONTENT, b"", "image/x-icon")
        else:
            self._error(HTTPStatus.NOT_FOUND, f"Nothing at {path}: hedgeometer serve has one page, at /.")

    def do_POST(self):
        path = urlsplit(self.path).path
        if not self._host_allowed():
            return self._error(HTTPStatus.MISDIRECTED_REQUEST, "Unknown host name.")
        if path != "/api/report":
            return self._error(HTTPStatus.NOT_FOUND, f"Nothing at {path}.")
        if not self._origin_allowed():
            return self._error(HTTPStatus.FORBIDDEN, "Requests from other web sites are refused.")
        if (self.headers.get("Content-Type") or "").split(";")[0].strip().lower() != "application/json":
            return self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "Send the texts as JSON (Content-Type: application/json).")
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            return self._error(HTTPStatus.LENGTH_REQUIRED, "The request has no length.")
        if length < 0 or length > self.server.max_body:
            self.close_connection = True  # the body is not read: the connection cannot be reused
            return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                               f"Too large: the request is {length / 2**20:.1f} MB, and this page takes at most "
                               f"{self.server.max_chars:,} characters a text ({MAX_FILE_BYTES // 2**20} MB a file).")
        try:
            payload = json.loads(self.rfile.read(length).decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return self._error(HTTPStatus.BAD_REQUEST, "Bad request: the body is not JSON.")
        started = time.perf_counter()
        try:
            with self.server.lock:  # one request at a time: the work is CPU-bound, and one analyzer serves all
                answer = score_request(self.server.analyzer, payload, self.server.max_chars)
            answer["seconds"] = round(time.perf_counter() - started, 3)
            body = json.dumps(answer, ensure_ascii=False).encode("utf-8")
        except TooLarge as error:
            return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, str(error))
        except HedgeometerError as error:
            return self._error(HTTPStatus.BAD_REQUEST, str(error))
        except Exception:  # a bug: the page gets one line, the terminal the traceback
            self.server.log(f"error scoring a request:\n{traceback.format_exc()}")
            return self._error(HTTPStatus.INTERNAL_SERVER_ERROR, INTERNAL_ERROR)
        self._send(HTTPStatus.OK, body, "application/json; charset=utf-8")

    def log_message(self, format, *args):
        self.server.log(f"{self.address_string()} {format % args}")


class ReportServer(ThreadingHTTPServer):
    """The server behind ``hedgeometer serve``; :func:`make_server` builds one."""

    daemon_threads = True  # a stuck client never keeps the process alive
    allow_reuse_address = True

    def __init__(self, address, analyzer, max_chars: int, log: Callable[[str], None] | None):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)
        self.analyzer, self.max_chars = analyzer, max_chars
        self.max_body = MAX_TEXTS * (MAX_FILE_BYTES * 4 // 3 + 6 * max_chars) + 65536
        self.lock = threading.Lock()
        self._log = log
        host, port = self.server_address[:2]
        self.loopback = _is_loopback(host)
        shown = f"[{host}]" if ":" in host else host
        self.url = f"http://{shown}:{port}/"
        names = {shown, "localhost"} | ({"127.0.0.1", "[::1]"} if self.loopback else set())
        self.allowed_hosts = {f"{name}:{port}" for name in names} | ({*names} if port == 80 else set())
        self.page = app_page(analyzer, max_chars).encode("utf-8")
        self.script = app_script()

    def log(self, message: str) -> None:
        if self._log is not None:
            self._log(message)


def make_server(analyzer, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, max_chars: int = DEFAULT_MAX_CHARS,
                log: Callable[[str], None] | None = None) -> ReportServer:
    """A server for ``analyzer`` on ``host:port`` (port 0: any free port; ``server.url`` says
    which), ready for ``serve_forever()``. Loads the lexicons and model first, so the first
    request is as quick as the rest. ``log`` receives one line per request and any traceback.

    Raises :class:`ParameterError` for a bad ``max_chars`` and :class:`OSError` when the
    address cannot be bound (in use, or not this machine's)."""
    if isinstance(max_chars, bool) or not isinstance(max_chars, int) or max_chars < 1:
        raise ParameterError("max_chars", max_chars, "a whole number, 1 or more")
    analyzer.analyze("Warm up the lexicons, the model and readability. It may rain.")
    return ReportServer((host, port), analyzer, max_chars, log)


def log_to_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
