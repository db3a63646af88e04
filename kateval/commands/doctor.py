"""`kateval doctor`: every prerequisite, its version, and a fix hint for what is missing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table

from kateval.errors import ToolchainError
from kateval.toolchains import installed


@dataclass(frozen=True)
class Check:
    name: str
    required: bool
    version: str | None
    fix: str


def _version(cmd: list[str]) -> str | None:
    if shutil.which(cmd[0]) is None:
        return None
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (proc.stdout or proc.stderr).strip()
    return text.splitlines()[0] if text else "present"


def _kotlinc() -> tuple[str | None, str | None]:
    try:
        paths = installed.locate()
    except ToolchainError:
        home = installed.install_dir()
        version = installed.version_of(installed.ToolPaths(str(home), "")) if home.is_dir() else None
        return version, installed.find_junit_console() and str(installed.find_junit_console())
    return installed.version_of(paths), paths.junit_console


def _docker_engine() -> str | None:
    try:
        import docker

        client = docker.from_env(timeout=5)
        return "engine " + client.version().get("Version", "?")
    except Exception:
        return None


def _bwrap_works() -> str | None:
    """bwrap's version if the local sandbox's exact command line starts `true`, else None."""
    from kateval.sandbox.local import check_bwrap

    try:
        mounts = installed.locate().mounts()
    except ToolchainError:
        mounts = []
    if check_bwrap(mounts) is not None:
        return None
    return _version(["bwrap", "--version"])


def _test_jdk() -> tuple[str | None, str]:
    """(the PATH JDK's version, or None when the test JVM cannot run on it; the fix)."""
    from kateval.toolchains import jdk

    try:
        found = jdk.test_jdk()
    except ToolchainError as exc:
        return None, str(exc)
    return f"{found.version} ({found.home})", ""


def _server_jdk() -> str | None:
    """The warm server's JDK when it is one with an AOT cache (jdk.py), else None."""
    from kateval.toolchains import jdk

    try:
        server = jdk.server_jdk()
    except ToolchainError:
        return None
    return f"{server.version} ({server.home})" if server.feature >= jdk.AOT_FEATURE else None


def _gradle() -> str | None:
    """Gradle's version (for `toolchain: gradle`), read from its installation when it can be."""
    from kateval.toolchains import gradle

    try:
        return gradle.gradle_version(gradle.find_gradle())
    except ToolchainError:
        return None


def checks() -> list[Check]:
    kotlin_version, junit = _kotlinc()
    test_jdk, test_jdk_fix = _test_jdk()
    return [
        Check("python", True, sys.version.split()[0], "use Python 3.10 or newer"),
        Check("java 17 to 21 (the test JVM)", True, test_jdk, test_jdk_fix),
        Check("JDK 25 (warm server, optional)", False, _server_jdk(),
              "install a JDK 25 under /usr/lib/jvm or set KATEVAL_SERVER_JAVA (the warm server "
              "then warms up in a few samples); without it the server runs on java 17"),
        Check("git", True, _version(["git", "--version"]), "apt-get install git"),
        Check("kotlinc", True, kotlin_version, "kateval toolchain install (needs npm)"),
        Check("JUnit console launcher", True, junit,
              "apt-get install junit5, or set KATEVAL_JUNIT_CONSOLE"),
        Check("Node.js (JS tests)", True, _version(["node", "--version"]),
              "apt-get install nodejs (the js target's tests run on Node)"),
        Check("gradle (toolchain: gradle, optional)", False, _gradle(),
              "apt-get install gradle, or set KATEVAL_GRADLE=/path/to/bin/gradle"),
        Check("npm (to install kotlinc)", False, _version(["npm", "--version"]),
              "apt-get install npm"),
        Check("patch (3rd apply fallback)", False, _version(["patch", "--version"]),
              "apt-get install patch"),
        Check("bwrap + prlimit (the local sandbox)", False, _bwrap_works(),
              "apt-get install bubblewrap util-linux; without them runs need --sandbox docker "
              "(or --sandbox none: no isolation)"),
        Check("docker engine (docker sandbox)", False, _docker_engine(),
              "apt-get install docker.io and start dockerd; then kateval sandbox build"),
    ]


def ray_cluster_table(address: str | None) -> Table:
    """The cluster's nodes: address, slots, and whether the toolchain is there."""
    from kateval.executors.ray import cluster_nodes

    table = Table(title=f"ray cluster ({address or 'auto'})")
    for column in ("node", "address", "alive", "kateval_slot", "toolchain", "bwrap"):
        table.add_column(column)
    for node in cluster_nodes(address or "auto"):
        toolchain = ("[green]" if node["toolchain"] else "[red]") + node["detail"] + "[/]"
        table.add_row(node["node_id"][:12], node["address"], str(node["alive"]),
                      str(node["slots"]), toolchain, str(node["bwrap"]))
    return table


def _doctor_json(console: Console, found: list[Check], executor: str,
                 ray_address: str | None) -> None:
    from kateval.commands.tables import print_json

    data: dict = {"checks": [{"name": c.name, "required": c.required, "ok": c.version is not None,
                              "version": c.version, "fix": c.fix} for c in found]}
    if executor == "ray":
        from kateval.executors.ray import cluster_nodes

        data["ray_nodes"] = cluster_nodes(ray_address or "auto")
    print_json(console, data)


def doctor_command(console: Console, executor: str = "local",
                   ray_address: str | None = None, as_json: bool = False) -> None:
    found = checks()
    missing = [c.name for c in found if c.version is None and c.required]
    if as_json:
        _doctor_json(console, found, executor, ray_address)
        if missing:
            raise ToolchainError(f"missing: {', '.join(missing)}; see the fix field above")
        return
    if executor == "ray":
        console.print(ray_cluster_table(ray_address))
    table = Table(title="kateval doctor")
    for column in ("prerequisite", "status", "version", "fix"):
        table.add_column(column)
    missing_required = []
    for check in found:
        ok = check.version is not None
        status = "[green]ok[/]" if ok else ("[red]missing[/]" if check.required
                                           else "[yellow]missing[/]")
        table.add_row(check.name, status, check.version or "-", "" if ok else check.fix)
        if not ok and check.required:
            missing_required.append(check.name)
    console.print(table)
    if missing_required:
        raise ToolchainError(f"missing: {', '.join(missing_required)}; see the fix column above")
    console.print("all required prerequisites are present")
