"""Which JDK hosts the warm server, and that samples still compile against the tests' JDK."""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

import pytest

from kateval.commands import doctor
from kateval.errors import ToolchainError
from kateval.toolchains import install, jdk
from kateval.toolchains.warm.service import CompileService, ServiceLimits, archive_name

# Character.isEmoji is JDK 21+: it resolves on a JDK 25 server's own class library only.
JDK21_ONLY = "fun emoji(cp: Int): Boolean = Character.isEmoji(cp)\n"
JDK17 = "fun letter(cp: Int): Boolean = Character.isLetter(cp)\n"


@pytest.fixture
def fresh_lookup():
    jdk.server_jdk.cache_clear()
    yield
    jdk.server_jdk.cache_clear()


def test_server_java_must_name_a_jdk(monkeypatch, tmp_path, fresh_lookup):
    fake = tmp_path / "bin" / "java"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\n")
    monkeypatch.setenv(jdk.SERVER_JAVA_ENV, str(fake))
    with pytest.raises(ToolchainError) as err:
        jdk.server_jdk()
    assert jdk.SERVER_JAVA_ENV in str(err.value) and "\n" not in str(err.value)


def test_server_java_picks_the_named_jdk(monkeypatch, fresh_lookup):
    path = jdk.path_jdk()
    monkeypatch.setenv(jdk.SERVER_JAVA_ENV, path.java)
    assert jdk.server_jdk() == path and path.feature >= 17


def _fake_jdk(root: Path, version: str) -> Path:
    """A JDK folder whose `release` names `version`, with a `java` that does nothing."""
    java = root / "bin" / "java"
    java.parent.mkdir(parents=True)
    java.write_text("#!/bin/sh\n")
    java.chmod(0o755)
    (root / "release").write_text(f'JAVA_VERSION="{version}"\n')
    return root / "bin"


@pytest.fixture
def path_java(monkeypatch):
    """Put a JDK's bin first on PATH for jdk.path_jdk (cached) to find."""
    def use(bin_dir: Path) -> None:
        monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
        jdk.path_jdk.cache_clear()

    yield use
    jdk.path_jdk.cache_clear()


def test_the_test_jvm_runs_on_a_jdk_with_a_security_manager(tmp_path, path_java):
    assert jdk.test_jdk().feature in jdk.TEST_FEATURES  # this machine's PATH JDK (17)
    path_java(_fake_jdk(tmp_path / "jdk-25", "25.0.1"))
    with pytest.raises(ToolchainError) as err:
        jdk.test_jdk()
    message = str(err.value)
    assert "JDK 25.0.1" in message and "apt-get install openjdk-17-jre-headless" in message
    assert "\n" not in message
    # ... which install refuses before it fetches anything, and doctor shows with its fix.
    with pytest.raises(ToolchainError, match="openjdk-17-jre-headless"):
        install.install_all(log=lambda line: pytest.fail(f"install went on: {line}"))
    assert doctor._test_jdk() == (None, message)


def test_jdk_21_is_a_test_jdk_and_16_is_not(tmp_path, path_java):
    path_java(_fake_jdk(tmp_path / "jdk-21", "21.0.5"))
    assert jdk.test_jdk().version == "21.0.5"
    path_java(_fake_jdk(tmp_path / "jdk-16", "16.0.2"))
    with pytest.raises(ToolchainError, match="needs JDK 17 to 21"):
        jdk.test_jdk()


def _compile(service: CompileService, source: str, extra: list[str]) -> tuple[int, str]:
    (service.slot / "A.kt").write_text(source)
    reply = service.compile("jvm", [*extra, "-d", "out", "A.kt"], 300)
    return reply.exit_code, reply.output


@pytest.mark.slow
def test_a_server_on_another_jdk_compiles_against_the_tests_jdk(toolchain, tmp_path):
    if not toolchain.server_java:
        pytest.skip("the warm server runs on the PATH JDK here: nothing to tell apart")
    service = CompileService(toolchain, tmp_path / "slot", ServiceLimits())
    try:
        # Without -jdk-home the server's own JDK 25 library would accept a JDK 21 API ...
        assert _compile(service, JDK21_ONLY, [])[0] == 0
        # ... with it (what every warm step passes), the tests' JDK 17 does not, as cold.
        code, output = _compile(service, JDK21_ONLY, ["-jdk-home", toolchain.jdk_home])
        assert code == 1 and "A.kt:1:" in output and "isEmoji" in output, output
        assert _compile(service, JDK17, ["-jdk-home", toolchain.jdk_home])[0] == 0
    finally:
        service.stop()


@pytest.mark.slow
def test_a_server_on_the_path_jdk_without_an_archive_still_compiles(toolchain, tmp_path):
    """Where no JDK 25 is installed the server runs on PATH's JDK 17, with an AppCDS
    archive once primed, and with none before."""
    home = tmp_path / "warm"
    home.mkdir()
    shutil.copy(Path(toolchain.warm_home) / "server.jar", home / "server.jar")
    paths = dataclasses.replace(toolchain, warm_home=str(home), server_java="", jdk_home="")
    assert archive_name(paths) == ("server.aot" if jdk.path_jdk().feature >= jdk.AOT_FEATURE
                                   else "server.jsa")
    service = CompileService(paths, tmp_path / "slot", ServiceLimits())
    try:
        heap = f"-Xmx{ServiceLimits().heap_mb}m"  # the first flag after the launcher
        assert service.proc.args[service.proc.args.index(heap) - 1] == "java"
        assert _compile(service, JDK17, [])[0] == 0
        assert (service.slot / "out" / "AKt.class").is_file()
    finally:
        service.stop()


@pytest.mark.slow
def test_a_damaged_class_archive_costs_speed_not_the_protocol(toolchain, tmp_path):
    """The JVM reports an archive it cannot map and starts without it. Its reports go to
    stderr: on stdout (a JVM's default) they would corrupt the answer the server sends."""
    home = tmp_path / "warm"
    home.mkdir()
    shutil.copy(Path(toolchain.warm_home) / "server.jar", home / "server.jar")
    paths = dataclasses.replace(toolchain, warm_home=str(home))
    (home / archive_name(paths)).write_bytes(b"not an archive\n" * 100)
    service = CompileService(paths, tmp_path / "slot", ServiceLimits())
    try:
        assert _compile(service, JDK17, [])[0] == 0
        assert (service.slot / "out" / "AKt.class").is_file()
    finally:
        service.stop()
