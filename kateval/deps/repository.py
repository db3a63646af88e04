"""A Maven repository (Maven Central) read through a local, verified, content-addressed cache.

Under the cache root (KATEVAL_HOME/deps):
  metadata/<repository path>           .module and .pom files, each verified against the
                                       .sha256 (else .sha1) the repository publishes beside it;
                                       `<path>.missing` records a 404 (a module without
                                       Gradle metadata), so a rerun need not ask again
  store/<sha256>/<file name>           jars and klibs, by the SHA-256 of their content
  index/<repository path>              the SHA-256 under which that file is stored
A file is fetched at most once: a second resolve of the same coordinates reads only the cache
and makes no network request. Downloads land in a temporary file beside their final place
and are renamed once verified, so a killed install leaves nothing half-written behind.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

CENTRAL = "https://repo1.maven.org/maven2/"
TIMEOUT_S = 60.0
MAX_BYTES = 256 * 1024 * 1024
"""The largest file kateval fetches: a library jar or klib is a few MB."""
USER_AGENT = "kateval (dependency resolver)"


class ResolveError(Exception):
    """Why a coordinate could not be resolved; the caller names the task and the coordinate."""


class NotFound(ResolveError):
    """The repository has no such file (HTTP 404)."""


class Unreachable(ResolveError):
    """The repository did not answer (no network, DNS, a refused connection, HTTP 5xx)."""


class ChecksumMismatch(ResolveError):
    """A file's content disagrees with its published checksum: refused, never stored."""


def repository_url() -> str:
    """KATEVAL_MAVEN_URL (a mirror of Maven Central), else Maven Central itself."""
    url = os.environ.get("KATEVAL_MAVEN_URL") or CENTRAL
    return url if url.endswith("/") else url + "/"


def _digest(data_path: Path, algorithm: str) -> str:
    digest = hashlib.new(algorithm)
    with open(data_path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Repository:
    """Fetch-once access to one Maven repository, cached under `root`."""

    def __init__(self, root: Path, url: str | None = None, timeout_s: float = TIMEOUT_S):
        self.root, self.url, self.timeout_s = Path(root), url or repository_url(), timeout_s
        self.requests = 0
        """Network requests made (tests check that a cached resolve makes none)."""

    # ------------------------------------------------------------ network
    def _download(self, rel: str, dest_dir: Path) -> Path | None:
        """The file at `rel` in a temporary file in dest_dir, or None on 404."""
        self.requests += 1
        url = self.url + rel
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        dest_dir.mkdir(parents=True, exist_ok=True)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                fd, name = tempfile.mkstemp(dir=dest_dir, prefix=".part-")
                total = 0
                with os.fdopen(fd, "wb") as out:
                    for block in iter(lambda: response.read(1 << 20), b""):
                        total += len(block)
                        if total > MAX_BYTES:
                            out.close()
                            os.unlink(name)
                            raise ResolveError(f"{url} is larger than {MAX_BYTES >> 20} MiB")
                        out.write(block)
                return Path(name)
        except urllib.error.HTTPError as exc:
            if exc.code in (404, 410):
                return None
            raise Unreachable(f"{url}: HTTP {exc.code}") from None
        except (urllib.error.URLError, OSError, TimeoutError) as exc:
            reason = getattr(exc, "reason", None) or exc
            raise Unreachable(f"cannot reach {self.url} ({reason})") from None

    def _published_checksum(self, rel: str) -> tuple[str, str]:
        """(algorithm, hex digest) the repository publishes for `rel`: SHA-256, else SHA-1.
        Not kept: once a file is verified, its own digest is what the cache remembers."""
        for algorithm in ("sha256", "sha1"):
            temp = self._download(f"{rel}.{algorithm}", self.root / "store")
            if temp is None:
                continue
            try:
                words = temp.read_text(encoding="ascii", errors="replace").split()
            finally:
                temp.unlink()
            if words:
                return algorithm, words[0].lower()
        raise ResolveError(f"{self.url}{rel}: no .sha256 or .sha1 published; refusing an "
                           "unverifiable file")

    @staticmethod
    def _verify(temp: Path, url: str, algorithm: str, expected: str) -> None:
        actual = _digest(temp, algorithm)
        if actual != expected.lower():
            temp.unlink(missing_ok=True)
            raise ChecksumMismatch(f"{url}: {algorithm} {actual} does not match the published "
                                   f"{expected}; refused (a corrupt download or mirror)")

    # ------------------------------------------------------------ metadata
    def metadata(self, rel: str) -> bytes | None:
        """A verified .module or .pom file, or None when the repository has none."""
        cached = self.root / "metadata" / rel
        missing = cached.with_name(cached.name + ".missing")
        if cached.is_file():
            return cached.read_bytes()
        if missing.is_file():
            return None
        temp = self._download(rel, cached.parent)
        if temp is None:
            missing.touch()
            return None
        try:
            algorithm, expected = self._published_checksum(rel)
            self._verify(temp, self.url + rel, algorithm, expected)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        os.replace(temp, cached)
        return cached.read_bytes()

    # ------------------------------------------------------------ artifacts
    def artifact(self, rel: str, sha256: str | None = None) -> str:
        """Store the jar or klib at `rel` (verified against `sha256` from Gradle metadata,
        else the repository's checksum file); returns its path relative to the cache root."""
        index = self.root / "index" / rel
        if index.is_file():
            stored = index.read_text(encoding="ascii").strip()
            if (self.root / stored).is_file():
                return stored
        name = rel.rsplit("/", 1)[-1]
        staging = self.root / "store"
        temp = self._download(rel, staging)
        if temp is None:
            raise NotFound(f"{self.url}{rel}: not found")
        try:
            if sha256:
                self._verify(temp, self.url + rel, "sha256", sha256)
            else:
                self._verify(temp, self.url + rel, *self._published_checksum(rel))
            content = _digest(temp, "sha256")
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        stored = f"store/{content}/{name}"
        (self.root / stored).parent.mkdir(parents=True, exist_ok=True)
        os.replace(temp, self.root / stored)
        (self.root / stored).chmod(0o644)
        index.parent.mkdir(parents=True, exist_ok=True)
        index.write_text(stored + "\n", encoding="ascii")
        return stored
