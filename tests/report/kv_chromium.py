"""Headless Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe: requests on
fd 3, answers on fd 4, NUL-separated JSON), so no websocket library is needed.

A `Page` loads a page, collects every console message, uncaught exception and failed resource
load (Runtime.consoleAPICalled, Runtime.exceptionThrown, Log.entryAdded), runs script in it,
clicks and types as a user would (Input events), and takes screenshots. Also a minimal PNG
decoder, to count the pixels of a chart's colour and how varied a screenshot is.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import struct
import subprocess
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--remote-debugging-pipe", "--window-size=1280,1000", "--hide-scrollbars"]


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


class _Pipe:
    def __init__(self, proc: subprocess.Popen, write_fd: int, read_fd: int):
        self.proc, self.write_fd, self.read_fd = proc, write_fd, read_fd
        self.buffer, self.next_id, self.events = b"", 0, []

    def _receive(self, deadline: float) -> dict:
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("chromium did not answer in time")
            ready, _, _ = select.select([self.read_fd], [], [], left)
            if ready:
                chunk = os.read(self.read_fd, 1 << 20)
                if not chunk:
                    raise EOFError("chromium closed the DevTools pipe")
                self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = 30) -> dict:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.write_fd, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            answer = self._receive(deadline)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer["result"]
            self.events.append(answer)

    def wait_for(self, method: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == method for e in self.events):
            self.events.append(self._receive(deadline))


def _problems(events: list[dict]) -> list[str]:
    out = []
    for e in events:
        p = e.get("params", {})
        if e.get("method") == "Runtime.consoleAPICalled":
            args = (str(a.get("value", a.get("description"))) for a in p.get("args", []))
            out.append(f"console.{p.get('type')}: " + " ".join(args))
        elif e.get("method") == "Runtime.exceptionThrown":
            d = p.get("exceptionDetails", {})
            detail = d.get("exception", {}).get("description", "")
            out.append(f"exception: {d.get('text')} {detail}")
        elif e.get("method") == "Log.entryAdded":
            entry = p.get("entry", {})
            out.append(f"log.{entry.get('level')}: {entry.get('text')} {entry.get('url', '')}")
    return out


CHART_RECTS = """JSON.stringify([...document.querySelectorAll('svg.chart')].map(e => {
  const r = e.getBoundingClientRect();
  return {title: e.querySelector('title')?.textContent || '', x: r.x + scrollX, y: r.y + scrollY,
          width: r.width, height: r.height};
}))"""


@dataclass
class PageCheck:
    """What the browser saw: problems (console, exceptions, failed loads), the full-page PNG,
    and one PNG per svg.chart element, cut from the rendered page by its on-screen box."""

    problems: list[str]
    screenshot: Path
    charts: list[tuple[str, dict, bytes]] = field(default_factory=list)


def _shot(pipe: _Pipe, session: str, clip: dict, timeout: float) -> bytes:
    shot = pipe.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                "clip": clip | {"scale": 1}},
                     session=session, timeout=timeout)
    return base64.b64decode(shot["data"])


class Page:
    """One headless Chromium tab on a page: run script in it, click, type, take screenshots.
    Every console message, exception and failed load is collected in `problems`."""

    def __init__(self, url: str, timeout: float = 60, size: tuple[int, int] = (1280, 1000)):
        browser = find_chromium()
        assert browser, "chromium not installed (apt-get install chromium)"
        self.timeout = timeout
        to_browser_r, to_browser_w = os.pipe()
        from_browser_r, from_browser_w = os.pipe()
        self._profile = tempfile.mkdtemp(prefix="kv-chromium-")

        def wire_fds() -> None:
            # Pipes are close-on-exec and may already sit on fd 3 or 4: duplicate first, then
            # place them, since dup2 onto the same number would keep the close-on-exec flag.
            a, b = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        flags = [f for f in FLAGS if not f.startswith("--window-size")]
        self._proc = subprocess.Popen(
            [browser, *flags, f"--window-size={size[0]},{size[1]}",
             f"--user-data-dir={self._profile}", "about:blank"],
            preexec_fn=wire_fds, close_fds=False, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._fds = (to_browser_w, from_browser_r)
        self.pipe = _Pipe(self._proc, to_browser_w, from_browser_r)
        try:
            target = self.pipe.call("Target.createTarget", {"url": "about:blank"}, timeout=timeout)
            self.session = self.pipe.call("Target.attachToTarget", {
                "targetId": target["targetId"], "flatten": True})["sessionId"]
            for domain in ("Page.enable", "Runtime.enable", "Log.enable"):
                self.call(domain)
            self.call("Emulation.setDeviceMetricsOverride", {
                "width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": False})
            self.call("Page.navigate", {"url": url})
            self.pipe.wait_for("Page.loadEventFired", timeout)
        except BaseException:
            self.close()
            raise

    def call(self, method: str, params: dict | None = None) -> dict:
        return self.pipe.call(method, params, session=self.session, timeout=self.timeout)

    @property
    def problems(self) -> list[str]:
        return _problems(self.pipe.events)

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page (JSON-serializable)."""
        answer = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in answer:
            raise RuntimeError(f"{expression}: {answer['exceptionDetails']}")
        return answer["result"].get("value")

    def click(self, selector: str) -> None:
        """A real mouse click (press and release) at the middle of the element."""
        box = self.evaluate(f"""(() => {{ const e = document.querySelector({json.dumps(selector)});
            e.scrollIntoView({{block: "center"}}); const r = e.getBoundingClientRect();
            return {{x: r.x + r.width / 2, y: r.y + r.height / 2}}; }})()""")
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", {"type": kind, "x": box["x"], "y": box["y"],
                                                   "button": "left", "clickCount": 1})
        self.settle()

    def type(self, selector: str, text: str) -> None:
        """Focus an input and type into it, as keystrokes would (input events fire)."""
        self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        self.call("Input.insertText", {"text": text})
        self.settle()

    def key(self, key: str, code: int) -> None:
        for kind in ("keyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", {"type": kind, "key": key, "code": key,
                                                 "windowsVirtualKeyCode": code})
        self.settle()

    def settle(self) -> None:
        """Wait for two animation frames: the page has handled the event and laid out."""
        self.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")

    def screenshot(self, path: Path, full_page: bool = False) -> bytes:
        if full_page:
            size = self.call("Page.getLayoutMetrics")["cssContentSize"]
            clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"]}
        else:
            view = self.call("Page.getLayoutMetrics")["cssVisualViewport"]
            clip = {"x": view["pageX"], "y": view["pageY"], "width": view["clientWidth"],
                    "height": view["clientHeight"]}
        data = _shot(self.pipe, self.session, clip, self.timeout)
        path.write_bytes(data)
        return data

    def charts(self) -> list[tuple[str, dict, bytes]]:
        rects = json.loads(self.evaluate(CHART_RECTS))
        box = ("x", "y", "width", "height")
        return [(r["title"], r, _shot(self.pipe, self.session, {k: r[k] for k in box},
                                      self.timeout))
                for r in rects if r["width"] and r["height"]]

    def close(self) -> None:
        try:
            self.pipe.call("Browser.close", timeout=5)
        except (OSError, TimeoutError, EOFError, RuntimeError):
            pass
        try:
            self._proc.wait(10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait(10)
        for fd in self._fds:
            os.close(fd)
        shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> "Page":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def load_page(url: str, screenshot: Path, timeout: float = 60) -> PageCheck:
    """Open `url`, save a full-page PNG to `screenshot`, and cut one PNG per chart."""
    with Page(url, timeout) as page:
        page.screenshot(screenshot, full_page=True)
        return PageCheck(page.problems, screenshot, page.charts())


def decode_png(data: bytes) -> tuple[int, int, list[bytes], int]:
    """(width, height, rows, bytes per pixel) of an 8-bit RGB/RGBA non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, color, _, _, interlace = header
    assert depth == 8 and color in (2, 6) and interlace == 0, f"unsupported PNG {header}"
    bpp = 3 if color == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up, corner = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                guess = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + guess) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, rows, bpp


def count_color(png: bytes, hex_color: str, tolerance: int = 6) -> int:
    """Pixels within `tolerance` of the colour in every channel."""
    want = bytes.fromhex(hex_color.lstrip("#"))
    width, _, rows, bpp = decode_png(png)
    count = 0
    for row in rows:
        for x in range(0, width * bpp, bpp):
            if all(abs(row[x + c] - want[c]) <= tolerance for c in range(3)):
                count += 1
    return count
