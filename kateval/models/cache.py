"""A response cache keyed by endpoint, model and the exact request, stored in the run folder.

Re-running a run folder (or `--replay RUN`) answers every call from here, so a finished run can
be rebuilt and regraded without touching an endpoint.
"""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path


class CacheMiss(Exception):
    """Replay-only mode met a request that the cache does not hold."""


class ResponseCache:
    def __init__(self, root: Path, *, replay_only: bool = False, sources: list[Path] | None = None):
        self.root = Path(root)
        self.replay_only = replay_only
        self.sources = [Path(s) for s in (sources or [])]
        self._lock = threading.Lock()

    @staticmethod
    def key(base_url: str, kind: str, request: dict) -> str:
        blob = json.dumps({"base_url": base_url.rstrip("/"), "kind": kind, "request": request},
                          sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()

    def _path(self, root: Path, key: str) -> Path:
        return root / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict | None:
        for root in [self.root, *self.sources]:
            path = self._path(root, key)
            if path.is_file():
                return json.loads(path.read_text())
        if self.replay_only:
            raise CacheMiss(f"request {key[:12]} is not in the replay cache")
        return None

    def put(self, key: str, value: dict) -> None:
        path = self._path(self.root, key)
        with self._lock:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(value, sort_keys=True))
            tmp.replace(path)
