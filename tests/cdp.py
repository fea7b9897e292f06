"""A small Chrome DevTools protocol client for the browser tests: the system's headless Chromium,
driven over a pipe (``--remote-debugging-pipe``), with the standard library alone.

Why a pipe and not a package: the tests need JavaScript, clicks, key presses, file inputs and
screenshots, which ``chromium --dump-dom`` cannot do. Selenium needs a chromedriver of the
same version, Playwright a browser build of its own (its download does not work here) and
websocket-client a debugging port. Over a pipe nothing listens on any port, there is nothing
to download or keep in step with Chromium, and the browser ends with the pipe. The protocol
is JSON messages ended by a NUL byte; a few methods are all the tests use.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import subprocess
import time
from pathlib import Path

from browser import FLAGS, chromium_path

# --virtual-time-budget and --enable-logging suit --dump-dom runs, not a driven browser
_FLAGS = [flag for flag in FLAGS if not flag.startswith(("--virtual-time-budget", "--enable-logging", "--v="))]


def _above_4(fd: int) -> int:
    """The same pipe end on a descriptor above 4, so that moving it to 3 or 4 clobbers nothing."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved


class BrowserError(Exception):
    """The browser answered a command with an error, or a page script threw."""


class Browser:
    """A headless Chromium with one page; ``with Browser(tmp_path) as page: ...``."""

    def __init__(self, profile: Path, width: int = 1280, height: int = 1000, timeout: float = 30):
        self.timeout = timeout
        self.events: list[dict] = []
        self._buffer = b""
        self._next_id = 0
        commands_read, self._commands = os.pipe()  # we write commands, Chromium reads its fd 3
        self._replies, replies_write = os.pipe()  # Chromium writes replies to its fd 4
        commands_read, replies_write = _above_4(commands_read), _above_4(replies_write)
        # bash (dash takes one-digit descriptors only) moves the pipes to fds 3 and 4, where Chromium expects them, and closes the originals
        script = f'exec "$@" 3<&{commands_read} 4>&{replies_write} {commands_read}<&- {replies_write}>&-'
        command = [chromium_path(), *_FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}",
                   "--remote-debugging-pipe", "about:blank"]
        self.process = subprocess.Popen(["/bin/bash", "-c", script, "bash", *command], pass_fds=(commands_read, replies_write),
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(commands_read)
        os.close(replies_write)
        self.session = None
        try:
            target = self.call("Target.createTarget", url="about:blank")["targetId"]
            self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
            for domain in ("Page", "Runtime", "Log"):
                self.send(f"{domain}.enable")
            self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)
        except Exception:
            self.close()
            raise

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Ask the browser to quit, then make sure it has (it is our own child process)."""
        if self.process.poll() is None:
            try:
                self.call("Browser.close", timeout=5)
            except Exception:
                pass
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        for fd in (self._commands, self._replies):
            try:
                os.close(fd)
            except OSError:
                pass

    # --- the protocol ------------------------------------------------------------------------

    def call(self, method: str, timeout: float | None = None, **params):
        """A browser-level command (no page session)."""
        return self._command(method, params, None, timeout)

    def send(self, method: str, **params):
        """A command to the page."""
        return self._command(method, params, self.session, None)

    def _command(self, method, params, session, timeout):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        reply = self._read(lambda m: m.get("id") == self._next_id, timeout or self.timeout, method)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def _read(self, wanted, timeout: float, what: str) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                message = json.loads(raw)
                if wanted(message):
                    return message
                if "method" in message:
                    self.events.append(message)
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no answer from Chromium to {what} in {timeout:.0f} s")
            ready, _, _ = select.select([self._replies], [], [], left)
            if ready:
                chunk = os.read(self._replies, 1 << 20)
                if not chunk:
                    raise BrowserError(f"Chromium closed the pipe (exit code {self.process.poll()}) during {what}")
                self._buffer += chunk

    # --- what the tests do -------------------------------------------------------------------

    def goto(self, url: str) -> None:
        self.send("Page.navigate", url=url)
        self.wait_for("document.readyState === 'complete'")

    def evaluate(self, expression: str, await_promise: bool = False):
        """The value of a JavaScript expression in the page (JSON-serialisable values)."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=await_promise,
                           userGesture=True)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise BrowserError(details.get("exception", {}).get("description") or details.get("text"))
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 20, interval: float = 0.05) -> None:
        """Poll until the JavaScript ``expression`` is truthy (as JavaScript judges it)."""
        deadline = time.monotonic() + timeout
        while not self.evaluate(f"Boolean({expression})"):
            if time.monotonic() > deadline:
                raise TimeoutError(f"still false after {timeout:.0f} s: {expression}")
            time.sleep(interval)

    def click(self, selector: str) -> None:
        """A real mouse click (move, press, release) in the middle of the first line box of the
        element, scrolled into view first."""
        x, y = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            f" e.scrollIntoView({{block: 'center'}}); const r = e.getClientRects()[0];"
            f" return [r.x + Math.min(r.width / 2, 40), r.y + r.height / 2]; }})()")
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def press(self, key: str, code: int, modifiers: int = 0) -> None:
        """A key press as the keyboard sends it (``press("Tab", 9)``)."""
        for kind in ("rawKeyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", type=kind, key=key, code=key, windowsVirtualKeyCode=code,
                      modifiers=modifiers)

    def insert_text(self, text: str) -> None:
        """Type ``text`` where the focus is (as an IME or a paste would insert it)."""
        self.send("Input.insertText", text=text)

    def set_files(self, selector: str, paths) -> None:
        """Choose files in an ``<input type=file>``, as the file dialog would."""
        document = self.send("DOM.getDocument")["root"]["nodeId"]
        node = self.send("DOM.querySelector", nodeId=document, selector=selector)["nodeId"]
        self.send("DOM.setFileInputFiles", nodeId=node, files=[str(p) for p in paths])

    def download(self, selector: str, folder: Path, timeout: float = 20) -> Path:
        """Click a download link as a person would; return the file the browser saved in ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        self.call("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(folder))
        name = self.evaluate(f"document.querySelector({json.dumps(selector)}).download")
        self.click(selector)
        saved, deadline = folder / name, time.monotonic() + timeout
        while not saved.exists() or any(folder.glob("*.crdownload")):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{name} was not downloaded in {timeout:.0f} s")
            time.sleep(0.05)
        return saved

    def screenshot(self, path: Path, full_page: bool = True, until: str | None = None) -> None:
        """A PNG of the viewport, or of the whole page (``full_page``), or of the page from its top
        to just below the element ``until``."""
        params = {"format": "png"}
        if full_page or until:
            width, height = self.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
            if until:
                height = self.evaluate(f"Math.ceil(document.querySelector({json.dumps(until)}).getBoundingClientRect()"
                                       f".bottom + window.scrollY + 24)")
            params.update(captureBeyondViewport=True, clip={"x": 0, "y": 0, "width": width, "height": height, "scale": 1})
        Path(path).write_bytes(base64.b64decode(self.send("Page.captureScreenshot", **params)["data"]))

    def problems(self) -> list[str]:
        """Console errors and warnings, uncaught exceptions and CSP reports the page has had."""
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(params["exceptionDetails"].get("text", "exception"))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
                found.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif method == "Log.entryAdded" and params["entry"].get("level") in ("error", "warning"):
                found.append(params["entry"].get("text", ""))
        return found
