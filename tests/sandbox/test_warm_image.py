"""What the sandbox image's build context carries for the warm compile server (warm_image.py):
the host's server.jar, and a training in the server's protocol on the image's own paths.
The image build runs it (tests/sandbox/test_docker_warm.py uses the image it makes)."""

from __future__ import annotations

from pathlib import Path

from kateval.sandbox import warm_image
from kateval.sandbox.image import IMAGE_TOOLS
from kateval.toolchains.warm import primer
from kateval.toolchains.installed import ToolPaths


def _host(tmp_path, with_server: bool, server_jdk: str = "") -> ToolPaths:
    home = tmp_path / "warm"
    home.mkdir()
    if with_server:
        (home / "server.jar").write_bytes(b"PK server")
    server_java = ""
    if server_jdk:  # a JDK folder as jdk.py reads one: bin/java and its release file
        jdk_home = tmp_path / f"jdk-{server_jdk}"
        (jdk_home / "bin").mkdir(parents=True)
        (jdk_home / "bin" / "java").write_text("")
        (jdk_home / "release").write_text(f'JAVA_VERSION="{server_jdk}"\n')
        server_java = str(jdk_home / "bin" / "java")
    return ToolPaths(kotlin_home=str(tmp_path / "kotlinc"), junit_console=str(tmp_path / "j.jar"),
                     warm_home=str(home), server_java=server_java)


def _requests(stream: bytes) -> list[tuple[str, list[str]]]:
    lines, found = stream.decode().splitlines(), []
    while lines:
        word, kind, count = lines.pop(0).split(" ")
        assert word == "COMPILE"
        found.append((kind, lines[: int(count)]))
        lines = lines[int(count):]
    return found


def test_the_training_compiles_on_the_images_paths_only(tmp_path):
    files = warm_image.context(_host(tmp_path, True), IMAGE_TOOLS)
    assert files["kateval-warm/server.jar"] == b"PK server"
    assert {name.removeprefix("kateval-warm/training/") for name in files
            if "/training/" in name} == set(primer.TRAINING)
    requests = _requests(files["kateval-warm/training.requests"])
    assert [kind for kind, _ in requests] == ["jvm", "jvm", "js", "js", "js"]
    for _, args in requests:
        for arg in args:  # the image's toolchain, or the slot's own relative paths
            for path in arg.split("=")[-1].replace(",", ":").split(":"):
                assert not path.startswith("/") or path.startswith("/opt/"), arg
            assert str(tmp_path) not in arg
    script = files["kateval-warm/prime.sh"].decode()
    assert "-XX:ArchiveClassesAtExit=/opt/kateval-warm/server.jsa" in script
    assert f"!= {len(requests)} ]" in script  # every training compile must succeed
    assert "-cp /opt/kateval-warm/server.jar:/opt/kotlinc/lib/kotlin-compiler.jar" in script


def test_without_a_server_on_the_host_the_image_primes_nothing(tmp_path):
    files = warm_image.context(_host(tmp_path, False), IMAGE_TOOLS)
    assert set(files) == {"kateval-warm/README", "kateval-warm/prime.sh"}
    assert files["kateval-warm/prime.sh"] == b"exit 0\n"


def test_a_host_server_on_jdk_25_puts_that_jdk_and_its_aot_cache_in_the_image(tmp_path):
    host = _host(tmp_path, True, server_jdk="25.0.3")
    assert Path(warm_image.host_server_jdk(host).home) == tmp_path / "jdk-25.0.3"
    image = warm_image.image_paths(IMAGE_TOOLS, host)
    assert image.server_java == "/opt/kateval-server-jdk/bin/java"
    assert image.jdk_home == warm_image.IMAGE_JDK_HOME  # JVM compiles see the image's JDK 17
    assert warm_image.archive_of(image) == "server.aot"
    files = warm_image.context(host, IMAGE_TOOLS)
    requests = _requests(files["kateval-warm/training.requests"])
    script = files["kateval-warm/prime.sh"].decode()
    assert "/opt/kateval-server-jdk/bin/java " in script
    assert "-XX:AOTCacheOutput=/opt/kateval-warm/server.aot" in script
    rounds = primer.TRAINING_ROUNDS
    assert f"seq {rounds}" in script and f"!= {rounds * len(requests)} ]" in script
    assert any(f"-jdk-home={warm_image.IMAGE_JDK_HOME}" in " ".join(args) or
               warm_image.IMAGE_JDK_HOME in args for kind, args in requests if kind == "jvm")


def test_a_host_server_on_jdk_17_leaves_the_image_on_its_own_jdk(tmp_path):
    host = _host(tmp_path, True, server_jdk="17.0.15")
    assert warm_image.host_server_jdk(host) is None
    assert warm_image.image_paths(IMAGE_TOOLS, host) == IMAGE_TOOLS
    assert warm_image.archive_of(IMAGE_TOOLS) == "server.jsa"
