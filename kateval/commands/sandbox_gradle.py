"""`kateval sandbox build --toolchain gradle`: the kotlin-gradle image.

Its build downloads Gradle and resolves the task build template against Maven Central, the
Gradle plugin portal, nodejs.org and the npm registry, on a base image from a Docker registry.
Each is checked first, so a machine that cannot reach one fails in one line naming it instead
of half-way through a docker build.
"""

from __future__ import annotations

import hashlib
import os
import socket
import urllib.error
import urllib.request
from pathlib import Path

from rich.console import Console

from kateval.errors import ToolchainError

IMAGE_REPO = "kateval/kotlin-gradle"
# What the Dockerfile's build fetches from, in the order it needs them.
NEEDED = [
    ("a Docker registry (the eclipse-temurin base image)", "https://registry-1.docker.io/v2/"),
    ("services.gradle.org (the pinned Gradle)", "https://services.gradle.org/distributions/"),
    ("the Gradle plugin portal (the Kotlin Multiplatform plugin)", "https://plugins.gradle.org/m2/"),
    ("Maven Central (kotlin-test, kotlinx-coroutines)", "https://repo.maven.apache.org/maven2/"),
    ("nodejs.org (Node.js for jsNodeTest)", "https://nodejs.org/dist/"),
    ("the npm registry (the js test runner's packages)", "https://registry.npmjs.org/"),
]


def gradle_sandbox_dir() -> Path:
    here = Path(__file__).resolve().parents[2] / "sandboxes" / "kotlin-gradle"
    found = Path(os.environ.get("KATEVAL_GRADLE_SANDBOX_DIR", here))
    if not (found / "Dockerfile").is_file():
        raise ToolchainError(f"{found / 'Dockerfile'} not found; run kateval from its source "
                             "tree or set KATEVAL_GRADLE_SANDBOX_DIR to sandboxes/kotlin-gradle")
    return found


def unreachable(url: str, timeout_s: float = 10.0) -> str | None:
    """Why `url` cannot be reached, or None. Any HTTP answer (even 401 or 404) is reachable."""
    try:
        urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=timeout_s)
    except urllib.error.HTTPError:
        return None
    except (urllib.error.URLError, OSError, socket.timeout) as exc:
        reason = getattr(exc, "reason", exc)
        return str(reason).splitlines()[0][:120] if str(reason) else type(exc).__name__
    return None


def check_reachable() -> None:
    for what, url in NEEDED:
        why = unreachable(url)
        if why is not None:
            raise ToolchainError(
                f"sandbox build --toolchain gradle: cannot reach {what} at {url} ({why}); the "
                "image resolves its dependencies at build time, so build it where Maven "
                "Central, the plugin portal and a registry are reachable, then `docker save` "
                "it here")


def image_tag(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return f"{IMAGE_REPO}:{digest.hexdigest()[:12]}"


def build_gradle_image(console: Console, force: bool) -> None:
    from kateval.sandbox import image as images

    folder = gradle_sandbox_dir()
    tag = image_tag(folder)
    client = images.connect(timeout=3600)
    if images.image_exists(client, tag) and not force:
        console.print(f"{tag} is up to date (its inputs are unchanged); --force rebuilds it")
        return
    check_reachable()
    console.print(f"building {tag} from {folder} ...")
    stream = client.api.build(path=str(folder), tag=tag, rm=True, forcerm=True, decode=True,
                              labels={"kateval.image": "kotlin-gradle"})
    for chunk in stream:
        if "error" in chunk:
            raise ToolchainError(f"docker build of {tag} failed: {chunk['error'].strip()[:300]}")
        line = chunk.get("stream", "").strip()
        if line.startswith("Step "):
            console.print(line, markup=False, highlight=False)
    if not images.image_exists(client, tag):
        raise ToolchainError(f"docker build did not produce {tag}; see the dockerd log")
    console.print(f"built {tag}")
