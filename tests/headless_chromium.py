"""A small client of headless Chromium for the tests of the HTML pages.

Chromium is driven through the DevTools protocol over a pipe
(``--remote-debugging-pipe``: file descriptors 3 and 4, one JSON message per
NUL-terminated chunk), so no port is opened and no WebSocket library is
needed. A :class:`Browser` opens pages from files and reports, for each,
what a person would see and what the console would say: console calls and
uncaught exceptions (``Runtime`` domain), browser log entries such as
resource or security errors (``Log``), every request the page made
(``Network``), a screenshot and a print to PDF.

Where to find Chromium: ``$PARTNERSHIP_MODEL_CHROMIUM``, else ``chromium``,
``chromium-browser`` or ``google-chrome`` on ``PATH``.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-pipe",
)

# Runs in the child: move the pipe ends to the descriptors Chromium expects (3
# reads commands, 4 writes replies), then become Chromium.
_TRAMPOLINE = (
    "import os, sys\n"
    "r, w = int(sys.argv[1]), int(sys.argv[2])\n"
    "os.dup2(r, 3); os.dup2(w, 4); os.close(r); os.close(w)\n"
    "os.execv(sys.argv[3], sys.argv[3:])\n"
)


def find_chromium() -> str | None:
    """The Chromium executable to use, or ``None``."""
    configured = os.environ.get("PARTNERSHIP_MODEL_CHROMIUM")
    if configured:
        return configured
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


REQUIRE = "PARTNERSHIP_MODEL_REQUIRE_CHROMIUM"
"""Set to ``1`` (``.ci/run`` does) to make a missing Chromium fail the tests."""


def require_chromium() -> str:
    """The Chromium to test with; skip the test (fail it under :data:`REQUIRE`) if none."""
    import pytest

    found = find_chromium()
    if found is None:
        reason = (
            "headless Chromium not found (install the Debian package chromium, or "
            "set PARTNERSHIP_MODEL_CHROMIUM to its path)"
        )
        if os.environ.get(REQUIRE) == "1":
            pytest.fail(f"{REQUIRE}=1 but {reason}")
        print(f"skipping the browser test: {reason}")  # noqa: T201 - said in the log
        pytest.skip(reason)
    return found


class ChromiumError(RuntimeError):
    """Chromium did not answer, or answered with an error."""


@dataclass
class PageReport:
    """What loading one page showed.

    Attributes:
        url: The page's address.
        console_errors: Console calls of type error or assert, uncaught
            exceptions and browser log entries of level error, as text.
        requests: Every URL the page requested, the page itself included.
        screenshot: A PNG of the first screen.
        pdf: The page printed (its own ``@page`` size).
        values: What each expression passed to :meth:`Browser.open` evaluated to.
    """

    url: str
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    screenshot: bytes = b""
    pdf: bytes = b""
    values: dict[str, Any] = field(default_factory=dict)


class Browser:
    """A headless Chromium, started by :func:`browser`."""

    def __init__(self, executable: str, profile: Path, timeout: float) -> None:
        self.timeout = timeout
        to_child, self._commands = os.pipe()
        self._replies, from_child = os.pipe()
        # Above 9 so that moving them onto 3 and 4 in the child cannot clobber one.
        high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_child, from_child)]
        os.close(to_child)
        os.close(from_child)
        argv = [executable, *FLAGS, f"--user-data-dir={profile}", "about:blank"]
        self.process = subprocess.Popen(  # noqa: S603 - our own command line
            [sys.executable, "-c", _TRAMPOLINE, *map(str, high), *argv],
            pass_fds=high,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        for fd in high:
            os.close(fd)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []

    # -- protocol ----------------------------------------------------------------

    def _send(self, method: str, params: dict[str, Any], session: str | None) -> int:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method}
        message["params"] = params
        if session is not None:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        return self._next_id

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._replies], [], [], max(0.0, left))
            if not ready:
                msg = "Chromium did not answer in time"
                raise ChromiumError(msg)
            chunk = os.read(self._replies, 1 << 20)
            if not chunk:
                msg = "Chromium closed its end of the pipe"
                raise ChromiumError(msg)
            self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\0")
        message: dict[str, Any] = json.loads(raw)
        return message

    def call(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        session: str | None = None,
    ) -> dict[str, Any]:
        """Send a command and return its result; events that arrive meanwhile are kept."""
        wanted = self._send(method, params or {}, session)
        deadline = time.monotonic() + self.timeout
        while True:
            message = self._receive(deadline)
            if message.get("id") == wanted:
                if "error" in message:
                    raise ChromiumError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            self._events.append(message)

    def _wait_for(self, method: str, session: str) -> None:
        deadline = time.monotonic() + self.timeout
        while not any(
            e.get("method") == method and e.get("sessionId") == session
            for e in self._events
        ):
            self._events.append(self._receive(deadline))

    # -- pages -------------------------------------------------------------------

    def open(
        self,
        path: Path,
        *,
        width: int = 1000,
        height: int = 1400,
        evaluate: dict[str, str] | None = None,
    ) -> PageReport:
        """Load the file *path* in a new tab of *width* x *height* CSS pixels.

        Args:
            path: An HTML file.
            width: Width of the window.
            height: Height of the window (and of the screenshot).
            evaluate: JavaScript expressions to evaluate once loaded, by name
                (the page itself runs no script: these are the test's).
        """
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call(
            "Target.attachToTarget", {"targetId": target, "flatten": True}
        )["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=session)
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            session=session,
        )
        url = path.resolve().as_uri()
        self._events.clear()
        self.call("Page.navigate", {"url": url}, session=session)
        self._wait_for("Page.loadEventFired", session)
        report = PageReport(url=url)
        for name, expression in (evaluate or {}).items():
            result = self.call(
                "Runtime.evaluate",
                {"expression": expression, "returnByValue": True},
                session=session,
            )
            report.values[name] = result.get("result", {}).get("value")
        shot = self.call("Page.captureScreenshot", {"format": "png"}, session=session)
        report.screenshot = base64.b64decode(shot["data"])
        printed = self.call(
            "Page.printToPDF",
            {"preferCSSPageSize": True, "printBackground": True},
            session=session,
        )
        report.pdf = base64.b64decode(printed["data"])
        # Events that arrived while printing are kept too.
        self.call("Runtime.evaluate", {"expression": "0"}, session=session)
        for event in self._events:
            if event.get("sessionId") != session:
                continue
            report.console_errors += _errors(event)
            if event.get("method") == "Network.requestWillBeSent":
                report.requests.append(event["params"]["request"]["url"])
        self.call("Target.closeTarget", {"targetId": target})
        return report

    def close(self) -> None:
        """Ask Chromium to quit; end its process group if it does not."""
        with contextlib.suppress(ChromiumError, OSError):
            self.call("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        for fd in (self._commands, self._replies):
            with contextlib.suppress(OSError):
                os.close(fd)


def _errors(event: dict[str, Any]) -> list[str]:
    method = event.get("method")
    params = event.get("params", {})
    if method == "Runtime.consoleAPICalled" and params.get("type") in {
        "error",
        "assert",
    }:
        values = [
            str(arg.get("value", arg.get("description"))) for arg in params["args"]
        ]
        return [f"console.{params['type']}: {' '.join(values)}"]
    if method == "Runtime.exceptionThrown":
        details = params["exceptionDetails"]
        text = details.get("exception", {}).get("description") or details.get("text")
        return [f"uncaught exception: {text}"]
    if method == "Log.entryAdded" and params["entry"].get("level") == "error":
        entry = params["entry"]
        return [f"{entry.get('source')}: {entry.get('text')} {entry.get('url', '')}"]
    return []


@contextlib.contextmanager
def browser(executable: str, profile: Path, timeout: float = 60.0) -> Iterator[Browser]:
    """A headless Chromium for the duration of the ``with`` block."""
    started = Browser(executable, profile, timeout)
    try:
        yield started
    finally:
        started.close()
