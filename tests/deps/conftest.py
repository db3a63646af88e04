"""A real Maven repository (Central, through kateval's cache) and a local one made per test.

Tests that read Maven Central share one cache for the session: the first run fetches, a
rerun finds everything in it. `local_repo` serves a folder on the loopback for the cases
Central cannot show (a corrupt file, a missing checksum)."""

from __future__ import annotations

import hashlib
import http.server
import os
import threading
from pathlib import Path

import pytest

from kateval.deps.repository import CENTRAL

CACHE = Path(os.environ.get("KATEVAL_TEST_DEPS_CACHE",
                            Path.home() / ".cache" / "kateval-test" / "deps"))
UNREACHABLE = "http://127.0.0.1:9/maven2/"
"""The discard port: nothing listens, so any request fails at once."""


@pytest.fixture(scope="session")
def central_cache() -> Path:
    """A cache of Maven Central files kept across sessions (a rerun makes no request)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    return CACHE


class LocalRepo:
    def __init__(self, root: Path, url: str):
        self.root, self.url = root, url

    def put(self, rel: str, data: bytes, *, sha256: str | None = "right",
            sha1: str | None = None) -> None:
        """A file and its checksum files: "right" for the true digest, None for none,
        anything else written as is."""
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        for algorithm, value in (("sha256", sha256), ("sha1", sha1)):
            if value is not None:
                digest = hashlib.new(algorithm, data).hexdigest() if value == "right" else value
                Path(f"{path}.{algorithm}").write_text(digest + "\n")


@pytest.fixture
def local_repo(tmp_path):
    root = tmp_path / "served"
    root.mkdir()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LocalRepo(root, f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()


__all__ = ["CENTRAL", "UNREACHABLE"]
