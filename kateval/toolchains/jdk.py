"""Which JDKs the toolchains use.

The test JVM, and the cold kotlinc, run on the `java` found on PATH: the JDK a user's
Gradle build would use, so its class library is the one samples compile against and run
on. It must be JDK 17 to 21: model code runs there under the Security Manager, which JDK 24
removed (JEP 486). The warm compile server only hosts the compiler. It runs on the newest
JDK here that has an AOT cache (JDK 25, JEP 483/515), when there is one: the install's
training run then leaves the server with the compiler's classes already loaded and linked,
and the training's data (primer.py measures what its rounds are worth). Its JVM compiles still
see the PATH JDK's class library (`-jdk-home`), so the warm and cold toolchains compile
exactly alike.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kateval.errors import ToolchainError

SERVER_JAVA_ENV = "KATEVAL_SERVER_JAVA"
"""A `java` launcher for the warm server (any JDK 17+), instead of the one found."""
JDK_ROOTS = (Path("/usr/lib/jvm"),)
AOT_FEATURE = 25
"""The first JDK whose AOT cache keeps method profiles."""
TEST_FEATURES = range(17, 22)
"""JDKs the test JVM may run on: 17 and 21 are the long-term releases with a Security Manager
(JDK 24 removed it)."""
INSTALL_JDK = "apt-get install openjdk-17-jre-headless"


@dataclass(frozen=True)
class Jdk:
    java: str
    """The `java` launcher's path."""
    home: str
    """Its JDK's home (java.home)."""
    version: str
    """JAVA_VERSION from the JDK's `release` file, e.g. 17.0.15."""

    @property
    def feature(self) -> int:
        return int(self.version.split(".")[0])


def _read(java: Path) -> Jdk | None:
    java = java.resolve()
    home = java.parent.parent
    release = home / "release"
    if not java.is_file() or not release.is_file():
        return None
    match = re.search(r'^JAVA_VERSION="([0-9][^"]*)"', release.read_text(errors="replace"),
                      re.MULTILINE)
    return Jdk(str(java), str(home), match.group(1)) if match else None


def launcher(java: str) -> Jdk:
    """The JDK of a `java` launcher's path."""
    found = _read(Path(java))
    if found is None:
        raise ToolchainError(f"{java}: not a JDK's java launcher (no `release` file beside "
                             f"its bin/); reinstall that JDK or set {SERVER_JAVA_ENV}")
    return found


@lru_cache(maxsize=None)
def path_jdk() -> Jdk:
    """The JDK of the `java` on PATH."""
    found = shutil.which("java")
    jdk = _read(Path(found)) if found else None
    if jdk is None:
        raise ToolchainError(f"no JDK found: `{INSTALL_JDK}` (java must be on PATH)")
    return jdk


def test_jdk() -> Jdk:
    """The PATH JDK, when the test JVM can run on it."""
    found = path_jdk()
    if found.feature not in TEST_FEATURES:
        raise ToolchainError(
            f"java on PATH is JDK {found.version} ({found.home}); the test JVM needs JDK "
            f"{TEST_FEATURES[0]} to {TEST_FEATURES[-1]}, whose Security Manager keeps model "
            f"code from the grade: `{INSTALL_JDK}` and put its java first on PATH")
    return found


@lru_cache(maxsize=None)
def server_jdk() -> Jdk:
    """KATEVAL_SERVER_JAVA's JDK, else the newest JDK >= 25 installed, else PATH's."""
    chosen = os.environ.get(SERVER_JAVA_ENV)
    if chosen:
        jdk = _read(Path(chosen))
        if jdk is None or jdk.feature < 17:
            raise ToolchainError(f"{SERVER_JAVA_ENV}={chosen}: not the java launcher of a "
                                 f"JDK 17 or newer (its JDK needs a `release` file)")
        return jdk
    candidates = [jdk for root in JDK_ROOTS if root.is_dir()
                  for java in sorted(root.glob("*/bin/java"))
                  if (jdk := _read(java)) is not None and jdk.feature >= AOT_FEATURE]
    if candidates:
        return max(candidates, key=lambda j: [int(x) for x in re.findall(r"\d+", j.version)])
    return path_jdk()
