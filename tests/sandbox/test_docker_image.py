"""The sandbox image: its content hash, its build context, and what the built image holds."""

from __future__ import annotations

import fcntl
import io
import tarfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import docker
import pytest

from kateval.config import Limits
from kateval.errors import ToolchainError
from kateval.sandbox import image as images
from kateval.sandbox.docker import SANDBOX_UID, DockerSandbox, DockerSettings
from kateval.toolchains.installed import ToolPaths


@pytest.fixture
def fake_inputs(tmp_path):
    """A toolchain-shaped tree, so hashing is tested without the real 94 MB one."""
    home = tmp_path / "kotlinc"
    (home / "bin").mkdir(parents=True)
    (home / "lib").mkdir()
    (home / "bin" / "kotlinc").write_text("#!/bin/sh\n")
    (home / "bin" / "kotlinc").chmod(0o755)
    (home / "lib" / "kotlin-stdlib.jar").write_bytes(b"jar")
    junit = tmp_path / "junit.jar"
    junit.write_bytes(b"junit")
    dockerdir = tmp_path / "dockerdir"
    dockerdir.mkdir()
    (dockerdir / "Dockerfile").write_text("FROM scratch\n")
    paths = ToolPaths(kotlin_home=str(home), junit_console=str(junit))
    return lambda **kw: images.image_inputs(paths, dockerdir, **kw), home, dockerdir


def test_tag_is_a_stable_content_hash(fake_inputs):
    make, _, _ = fake_inputs
    first = make()
    assert first.tag == make().tag
    assert first.tag.startswith("kateval/kotlin-jvm:") and len(first.tag.split(":")[1]) == 12


@pytest.mark.parametrize("change", ["content", "exec-bit", "new-file", "dockerfile", "gradle"])
def test_any_changed_input_changes_the_tag(fake_inputs, tmp_path, change):
    make, home, dockerdir = fake_inputs
    before = make().tag
    kwargs = {}
    if change == "content":
        (home / "lib" / "kotlin-stdlib.jar").write_bytes(b"jar2")
    elif change == "exec-bit":
        (home / "bin" / "kotlinc").chmod(0o644)
    elif change == "new-file":
        (home / "lib" / "extra.jar").write_bytes(b"")
    elif change == "dockerfile":
        (dockerdir / "Dockerfile").write_text("FROM scratch\n# edited\n")
    else:
        cache = tmp_path / "gradle-cache" / "modules-2"
        cache.mkdir(parents=True)
        (cache / "a.jar").write_bytes(b"dep")
        kwargs["gradle_cache"] = tmp_path / "gradle-cache"
    assert make(**kwargs).tag != before


def test_context_is_a_tar_with_exec_bits_and_a_gradle_folder(fake_inputs):
    make, _, _ = fake_inputs
    buffer = io.BytesIO()
    images.write_context(make(), buffer)
    with tarfile.open(fileobj=buffer) as tar:
        members = {m.name: m for m in tar.getmembers()}
    assert set(members) == {"Dockerfile", "kotlinc/bin/kotlinc", "kotlinc/lib/kotlin-stdlib.jar",
                            "junit/junit-platform-console-standalone.jar",
                            "gradle-ro-cache/README", "js-runner/README", "kateval-runner/README",
                            "kateval-deps/README", "kateval-warm/README", "kateval-warm/prime.sh",
                            "kateval-cds/dump.sh",  # without a runner: a script that dumps nothing
                            "kateval-server-jdk/README"}  # no server JDK 25: a note
    assert members["kotlinc/bin/kotlinc"].mode == 0o755
    assert members["kotlinc/lib/kotlin-stdlib.jar"].mode == 0o644


def test_the_shipped_dockerfile_matches_the_contract():
    text = (images.sandbox_dir() / "Dockerfile").read_text()
    for needed in ("ARG BASE=", "FROM ${BASE}", "COPY kotlinc /opt/kotlinc", "COPY junit /opt/junit",
                   "COPY kateval-server-jdk /opt/kateval-server-jdk",
                   f"USER {SANDBOX_UID}:{SANDBOX_UID}", "GRADLE_RO_DEP_CACHE", "useradd --uid 10001"):
        assert needed in text


def test_base_mode_and_mirror_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("KATEVAL_SANDBOX_BASE", "debootstrap")
    assert images.base_mode() == "debootstrap"
    monkeypatch.setenv("KATEVAL_SANDBOX_BASE", "podman")
    with pytest.raises(ToolchainError, match="auto, registry or debootstrap"):
        images.base_mode()
    monkeypatch.setenv("KATEVAL_DEBIAN_MIRROR", "http://mirror.example/debian")
    assert images.debian_mirror() == "http://mirror.example/debian"


class _StubImages:
    def __init__(self, pull_error: Exception | None):
        self.pull_error, self.pulled = pull_error, []

    def get(self, name):
        raise docker.errors.ImageNotFound(name)

    def pull(self, name, tag):
        self.pulled.append(f"{name}:{tag}")
        if self.pull_error:
            raise self.pull_error


class _StubClient:
    def __init__(self, pull_error=None):
        self.images = _StubImages(pull_error)


def test_registry_probe_falls_back_when_the_pull_fails():
    failing = _StubClient(docker.errors.APIError("no such host registry-1.docker.io"))
    assert images.registry_answers(failing, log=lambda _: None) is False
    assert failing.images.pulled == [images.REGISTRY_BASE]
    assert images.registry_answers(_StubClient(), log=lambda _: None) is True


def test_connect_says_how_to_start_the_engine(monkeypatch):
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
    with pytest.raises(ToolchainError, match="start it"):
        images.connect(timeout=5)


# ---------------------------------------------------------------- with a real engine
@pytest.mark.docker
def test_an_unchanged_input_reuses_the_image(docker_client, sandbox_image, toolchain):
    inputs = images.image_inputs(toolchain)
    assert images.build(docker_client, inputs, log=lambda _: None) == (sandbox_image, False)
    labels = docker_client.images.get(sandbox_image).labels
    assert labels["kateval.inputs"] == inputs.digest and labels["kateval.image"] == "kotlin-jvm"


@pytest.mark.docker
def test_a_second_build_waits_for_the_first(docker_client, sandbox_image, toolchain, tmp_path,
                                            monkeypatch):
    """CI builds the image in the background while tests run: a build started meanwhile
    waits for the first's lock, then finds the image instead of building it again."""
    inputs = images.image_inputs(toolchain)
    monkeypatch.setenv("KATEVAL_HOME", str(tmp_path))  # the lock's folder, nothing else
    said: list[str] = []
    with open(tmp_path / "image-build.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with ThreadPoolExecutor(1) as pool:
            second = pool.submit(images.build, docker_client, inputs, log=said.append)
            time.sleep(1.5)
            assert not second.done() and any("waiting" in line for line in said)
            fcntl.flock(held, fcntl.LOCK_UN)
            assert second.result(timeout=60) == (sandbox_image, False)


@pytest.mark.docker
def test_containers_are_locked_down(docker_client, sandbox_image, run_id, tmp_path):
    settings = DockerSettings(image=sandbox_image, run_id=run_id,
                              limits=Limits(memory_mb=768, cpus=0.5, pids=64))
    sandbox = DockerSandbox(docker_client, settings, tmp_path / "ws")
    try:
        script = ("id -u; grep -c . /proc/net/dev; grep CapEff /proc/self/status; "
                  "grep NoNewPrivs /proc/self/status; touch /opt/x 2>/dev/null || echo ro-root; "
                  "touch /tmp/x && echo tmp-ok; touch ws-ok; java -version 2>&1 | head -1; "
                  "test -x /opt/kotlinc/bin/kotlinc && echo kotlinc; "
                  "test -f /opt/junit/junit-platform-console-standalone.jar && echo junit; "
                  "echo $GRADLE_RO_DEP_CACHE")
        result = sandbox.exec(["sh", "-c", script], timeout_s=60)
        lines = result.stdout.split("\n")
        assert lines[0] != "0"  # never root inside
        assert lines[1] == "3"  # /proc/net/dev: two header lines and `lo` only
        assert lines[2].split() == ["CapEff:", "0000000000000000"]
        assert lines[3].split() == ["NoNewPrivs:", "1"]
        assert lines[4:6] == ["ro-root", "tmp-ok"] and (sandbox.workspace / "ws-ok").exists()
        assert "openjdk version \"17" in result.stdout
        assert "kotlinc\njunit\n/opt/gradle-ro-cache" in result.stdout
        host = docker_client.api.inspect_container(sandbox._container.id)["HostConfig"]
        assert host["NetworkMode"] == "none" and host["ReadonlyRootfs"] is True
        assert host["Memory"] == 768 * 2**20 and host["MemorySwap"] == 768 * 2**20
        assert host["NanoCpus"] == 5 * 10**8 and host["PidsLimit"] == 64
        assert host["CapDrop"] == ["ALL"] and "no-new-privileges" in host["SecurityOpt"]
        assert list(host["Tmpfs"]) == ["/tmp"]
    finally:
        sandbox.close()


@pytest.mark.docker
def test_the_image_s_class_archives_map_for_its_own_jvm(docker_client, sandbox_image, run_id,
                                                        tmp_path):
    """The test JVM's and the cold compiler's archives were dumped by the image's JDK at its
    paths: with -Xshare:on a JVM refuses to start rather than run without them."""
    from kateval.sandbox.cds_image import CDS_HOME
    from kateval.toolchains.installed import COMPILER_ARCHIVES, cds_archive, compiler_archive

    sandbox = DockerSandbox(docker_client, DockerSettings(image=sandbox_image, run_id=run_id),
                            tmp_path / "ws")
    try:
        # Each with the class path it was dumped with (the compiler's: the launcher's).
        tools = images.IMAGE_TOOLS
        checks = [f"java -Xshare:on -XX:SharedArchiveFile={CDS_HOME}/{cds_archive(f)} "
                  f"-cp {':'.join(tools.test_class_path(f))} -version" for f in ("junit4", "junit5")]
        checks += [f"java -Xshare:on -XX:SharedArchiveFile={CDS_HOME}/{compiler_archive(k)} "
                   f"-cp {tools.lib('kotlin-preloader.jar')} -version" for k in COMPILER_ARCHIVES]
        result = sandbox.exec(["sh", "-c", " && ".join(checks) + " && echo all-mapped"],
                              timeout_s=120)
        assert result.returncode == 0 and "all-mapped" in result.stdout, result.stderr
        assert images.IMAGE_TOOLS.cds_dir == CDS_HOME
    finally:
        sandbox.close()


@pytest.mark.docker
def test_the_warm_servers_class_archive_maps_in_the_image(docker_client, sandbox_image, tmp_path,
                                                           run_id):
    """The image's warm server starts on its own archive: the AOT cache of the JDK 25 the
    image carries (the host's server has one here), else JDK 17's AppCDS archive. With
    -XX:AOTMode=on or -Xshare:on the JVM refuses to start rather than run without it."""
    import shlex

    from kateval.sandbox import warm_image
    from kateval.toolchains.warm.service import ServiceLimits, archive_flags, server_argv

    tools = images.image_tools()
    archive = warm_image.archive_of(tools)
    argv = server_argv(tools, ServiceLimits(),
                       archive_flags(Path(tools.warm_home, archive), dump=False))[:-1]
    strict = "-XX:AOTMode=on" if archive == "server.aot" else "-Xshare:on"
    argv[1:1] = [strict]
    sandbox = DockerSandbox(docker_client, DockerSettings(image=sandbox_image, run_id=run_id),
                            tmp_path / "ws")
    try:
        result = sandbox.exec(["sh", "-c", shlex.join([*argv, "-version"]) + " && echo mapped"],
                              timeout_s=120)
        assert result.returncode == 0 and "mapped" in result.stdout, result.stderr
        if Path("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java").is_file():
            assert archive == "server.aot"  # this host's server has a JDK 25: so has the image
    finally:
        sandbox.close()


@pytest.mark.docker
def test_the_image_s_node_accepts_its_ses_code_cache(docker_client, sandbox_image, run_id,
                                                     tmp_path):
    """The image's node (not the host's: a V8 code cache serves only the V8 that wrote it)
    loads SES through the cache the image build wrote."""
    from tests.toolchains.test_ses_cache import PROBE

    sandbox = DockerSandbox(docker_client, DockerSettings(image=sandbox_image, run_id=run_id),
                            tmp_path / "ws")
    try:
        runner = images.IMAGE_TOOLS.js_runner
        result = sandbox.exec(["node", "-e", PROBE, runner], timeout_s=60)
        assert result.stdout.strip() == '{"rejected":false,"frozen":true}', result.stderr
    finally:
        sandbox.close()
