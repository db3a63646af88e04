"""The kotlin-jvm sandbox image: its inputs, their content hash (the tag), and how to build it.

Inputs are sandboxes/kotlin-jvm/Dockerfile, the host's kotlinc install, the JUnit console jar,
kateval's JVM test runner and its policy, the JS test runner (run-tests.js and ses, from `kateval toolchain install`) and an (optional) pre-warmed
Gradle dependency cache. The tag is `kateval/kotlin-jvm:<hash12>`
over all of them, so a changed input means a new tag and an unchanged one reuses the image.

The base comes from a registry (debian:bookworm-slim) when one answers; otherwise from
`debootstrap --variant=minbase` imported with `docker import`, so no registry is needed.
"""

from __future__ import annotations

import fcntl
import hashlib
import io
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kateval.errors import ToolchainError
from kateval.sandbox import cds_image, warm_image
from kateval.toolchains import installed

IMAGE_REPO = "kateval/kotlin-jvm"
BASE_REPO = "kateval/kotlin-jvm-base"
REGISTRY_BASE = "debian:bookworm-slim"
DEBIAN_SUITE = "bookworm"
BASE_PACKAGES = ["openjdk-17-jre-headless", "nodejs"]  # node runs the JS tests (run-tests.js)
DEFAULT_MIRROR = "http://deb.debian.org/debian"
GRADLE_NOTE = b"Pre-warmed Gradle dependency cache (GRADLE_RO_DEP_CACHE); empty for kotlinc.\n"
DEPS_NOTE = b"The tasks' libraries from Maven Central (kateval/deps), by content.\n"
Log = Callable[[str], None]
IMAGE_TOOLS = installed.ToolPaths(
    kotlin_home="/opt/kotlinc", junit_console="/opt/junit/junit-platform-console-standalone.jar",
    js_runner="/opt/js-runner", runner_dir="/opt/kateval-runner", deps_home="/opt/kateval-deps",
    warm_home=warm_image.WARM_HOME, cds_dir=cds_image.CDS_HOME)
"""The toolchain as a container sees it: where the Dockerfile copies each folder (the warm
server's JDK aside: image_tools)."""


def image_tools(host: installed.ToolPaths | None = None) -> installed.ToolPaths:
    """IMAGE_TOOLS for the image built from `host` (default: `installed.locate()`): its warm
    server on the JDK 25 the image carries when the host's server has one."""
    return warm_image.image_paths(IMAGE_TOOLS, host or installed.locate())


def connect(timeout: int = 120):
    """A client for the local engine, or a ToolchainError that says how to start one."""
    import docker  # imported late: the local sandbox must not need the SDK

    try:
        client = docker.from_env(timeout=timeout)
        client.ping()
    except Exception as exc:  # DockerException, requests errors, a missing socket...
        where = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
        reason = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
        raise ToolchainError(
            f"cannot reach the Docker engine at {where} ({reason}); start it "
            "(`dockerd &` or `systemctl start docker`) or use --sandbox local") from None
    return client


def sandbox_dir() -> Path:
    """sandboxes/kotlin-jvm in the source tree this package runs from."""
    here = Path(__file__).resolve().parents[2] / "sandboxes" / "kotlin-jvm"
    found = Path(os.environ.get("KATEVAL_SANDBOX_DIR", here))
    if not (found / "Dockerfile").is_file():
        raise ToolchainError(f"{found / 'Dockerfile'} not found; run kateval from its source "
                             "tree or set KATEVAL_SANDBOX_DIR to sandboxes/kotlin-jvm")
    return found


@dataclass(frozen=True)
class Entry:
    """One file of the build context: copied from `source`, or generated as `data`."""

    arcname: str
    source: Path | None = None
    data: bytes | None = None

    @property
    def executable(self) -> bool:
        return self.source is not None and os.access(self.source, os.X_OK)

    def read(self) -> bytes:
        return self.data if self.source is None else self.source.read_bytes()


@dataclass(frozen=True)
class ImageInputs:
    """The build context, file by file, in a stable order."""

    entries: tuple[Entry, ...]

    @property
    def digest(self) -> str:
        # Names, exec bits and contents: everything `COPY` carries into the image.
        total = hashlib.sha256()
        for entry in self.entries:
            content = hashlib.sha256(entry.read()).hexdigest()
            total.update(f"{entry.arcname}\0{int(entry.executable)}\0{content}\n".encode())
        return total.hexdigest()

    @property
    def tag(self) -> str:
        return f"{IMAGE_REPO}:{self.digest[:12]}"


def _tree(prefix: str, root: Path) -> Iterator[Entry]:
    for path in sorted(root.rglob("*")):
        if path.is_file():
            yield Entry(f"{prefix}/{path.relative_to(root).as_posix()}", source=path)


def image_inputs(paths: installed.ToolPaths | None = None, dockerfile_dir: Path | None = None,
                 gradle_cache: Path | None = None) -> ImageInputs:
    """The context for the host's toolchain (default: `installed.locate()`)."""
    paths = paths or installed.locate()
    folder = dockerfile_dir or sandbox_dir()
    gradle = gradle_cache or (Path(os.environ["KATEVAL_GRADLE_RO_CACHE"])
                              if os.environ.get("KATEVAL_GRADLE_RO_CACHE") else None)
    entries = [Entry("Dockerfile", source=folder / "Dockerfile"),
               *_tree("kotlinc", Path(paths.kotlin_home)),
               Entry("junit/junit-platform-console-standalone.jar",
                     source=Path(paths.junit_console))]
    # The JVM test runner and its policy, not the host's CDS archives (an archive holds the
    # host paths of the jars it was dumped with: the image dumps its own, cds_image.py).
    if paths.runner_dir:
        entries += [Entry(f"kateval-runner/{name}", source=Path(paths.runner_dir, name))
                    for name in (installed.RUNNER_JAR, installed.POLICY_FILE)]
        entries += [Entry(name, data=data) for name, data in cds_image.context(IMAGE_TOOLS).items()]
    else:  # COPY needs the folder; the JVM test step then refuses to start, which doctor explains
        entries += [Entry("kateval-runner/README", data=b"run `kateval toolchain install`\n"),
                    Entry(f"{cds_image.FOLDER}/dump.sh", data=b"exit 0\n")]
    # The tasks' libraries (kateval/deps) the host resolved, at /opt/kateval-deps: steps name
    # them by their content-addressed path under it (not a download in progress, `.part-*`).
    store = Path(paths.deps_home) / "store" if paths.deps_home else None
    entries += [e for e in (_tree("kateval-deps/store", store) if store else [])
                if not Path(e.arcname).name.startswith(".")]
    entries.append(Entry("kateval-deps/README", data=DEPS_NOTE))  # COPY needs the folder
    if paths.js_runner:
        entries += list(_tree("js-runner", Path(paths.js_runner)))
    else:  # COPY needs the folder; the JS test step then fails, which doctor explains
        entries.append(Entry("js-runner/README", data=b"run `kateval toolchain install`\n"))
    # The warm compile server and what primes it in the image (warm_image.py), with the
    # host's JDK 25+ for it alone when the host's server runs on one.
    entries += [Entry(name, data=data)
                for name, data in warm_image.context(paths, IMAGE_TOOLS).items()]
    server_jdk = warm_image.host_server_jdk(paths)
    entries += (list(_tree(warm_image.JDK_FOLDER, Path(server_jdk.home))) if server_jdk else
                [Entry(f"{warm_image.JDK_FOLDER}/README", data=warm_image.NO_JDK)])
    if gradle is not None:
        entries += list(_tree("gradle-ro-cache", gradle))
    else:  # COPY needs the folder to exist; a note keeps it non-empty
        entries.append(Entry("gradle-ro-cache/README", data=GRADLE_NOTE))
    return ImageInputs(tuple(sorted(entries, key=lambda e: e.arcname)))


def write_context(inputs: ImageInputs, fileobj) -> None:
    """The context as an uncompressed tar, with fixed owners and times."""
    with tarfile.open(fileobj=fileobj, mode="w") as tar:
        for entry in inputs.entries:
            data = entry.read()
            info = tarfile.TarInfo(entry.arcname)
            info.size, info.mtime = len(data), 0
            info.mode = 0o755 if entry.executable else 0o644
            tar.addfile(info, io.BytesIO(data))
    fileobj.seek(0)


def image_exists(client, tag: str) -> bool:
    import docker

    try:
        client.images.get(tag)
        return True
    except docker.errors.ImageNotFound:
        return False


# ---------------------------------------------------------------- the base image
def base_mode() -> str:
    """auto (registry if it answers, else debootstrap), registry or debootstrap."""
    mode = os.environ.get("KATEVAL_SANDBOX_BASE", "auto")
    if mode not in ("auto", "registry", "debootstrap"):
        raise ToolchainError(f"KATEVAL_SANDBOX_BASE={mode}: use auto, registry or debootstrap")
    return mode


def registry_answers(client, log: Log) -> bool:
    """Whether REGISTRY_BASE is here or can be pulled. One pull attempt, no retries."""
    if image_exists(client, REGISTRY_BASE):
        return True
    log(f"trying to pull {REGISTRY_BASE} ...")
    try:
        name, tag = REGISTRY_BASE.split(":")
        client.images.pull(name, tag=tag)
        return True
    except Exception as exc:  # no DNS, no route, a refused or timed-out registry
        reason = getattr(exc, "explanation", None) or str(exc) or type(exc).__name__
        log(f"no registry answered ({reason.splitlines()[0][:120]}); using debootstrap")
        return False


def base_recipe_tag() -> str:
    recipe = f"debootstrap minbase {DEBIAN_SUITE} {' '.join(BASE_PACKAGES)}"
    return f"{BASE_REPO}:{hashlib.sha256(recipe.encode()).hexdigest()[:12]}"


def debian_mirror() -> str:
    """KATEVAL_DEBIAN_MIRROR, else the first Debian URI apt is configured with."""
    if os.environ.get("KATEVAL_DEBIAN_MIRROR"):
        return os.environ["KATEVAL_DEBIAN_MIRROR"]
    sources = sorted(Path("/etc/apt/sources.list.d").glob("*.sources"))
    for path in [*sources, Path("/etc/apt/sources.list")]:
        text = path.read_text(errors="replace") if path.is_file() else ""
        for url in re.findall(r"(?:URIs:|^deb)\s+(\S+)", text, re.MULTILINE):
            if url.rstrip("/").endswith("/debian"):
                return url
    return DEFAULT_MIRROR


def debootstrap_base(client, log: Log) -> str:
    """Import a debootstrapped Debian with the JRE as BASE_REPO:<recipe hash>; reused if there."""
    tag = base_recipe_tag()
    if image_exists(client, tag):
        return tag
    if shutil.which("debootstrap") is None:
        raise ToolchainError("debootstrap not found and no registry answered; "
                             "apt-get install debootstrap")
    if os.geteuid() != 0:
        raise ToolchainError("debootstrap needs root; run `sudo kateval sandbox build`")
    mirror = debian_mirror()
    log(f"debootstrap {DEBIAN_SUITE} from {mirror} (a few minutes) ...")
    with tempfile.TemporaryDirectory(prefix="kateval-rootfs-", dir="/var/tmp") as tmp:
        root = Path(tmp, "root")
        argv = ["debootstrap", "--variant=minbase", f"--include={','.join(BASE_PACKAGES)}",
                DEBIAN_SUITE, str(root), mirror]
        with open(Path(tmp, "debootstrap.log"), "w+") as out:
            proc = subprocess.run(argv, stdout=out, stderr=subprocess.STDOUT, timeout=3600)
            if proc.returncode != 0:
                out.seek(0)
                tail = " | ".join(out.read().strip().splitlines()[-3:])
                raise ToolchainError(f"debootstrap failed ({tail}); check the mirror or set "
                                     "KATEVAL_DEBIAN_MIRROR")
        # The .debs and apt lists are half the size and never used at run time.
        for junk in ("var/cache/apt/archives", "var/lib/apt/lists"):
            for path in (root / junk).glob("*"):
                if path.is_file():
                    path.unlink()
        log(f"importing the root file system as {tag} ...")
        tar = subprocess.Popen(["tar", "-C", str(root), "-c", "."], stdout=subprocess.PIPE)
        repo, _, version = tag.partition(":")
        try:
            client.api.import_image_from_stream(tar.stdout, repository=repo, tag=version)
        finally:
            tar.stdout.close()
            tar.wait()
    if not image_exists(client, tag):
        raise ToolchainError(f"docker import did not produce {tag}; see the dockerd log")
    return tag


# ---------------------------------------------------------------- the sandbox image
def build(client, inputs: ImageInputs, *, force: bool = False, log: Log = print) -> tuple[str, bool]:
    """Build inputs.tag unless it exists; returns (tag, whether a build ran). One build at a
    time on a host: a second `kateval sandbox build` (or a test session while CI builds the
    image in the background) waits for the first and then finds its image."""
    home = installed.kateval_home()
    home.mkdir(parents=True, exist_ok=True)
    with open(home / "image-build.lock", "w") as lock:
        if not _try_lock(lock):
            log("another `kateval sandbox build` is running on this host; waiting for it ...")
            fcntl.flock(lock, fcntl.LOCK_EX)
        if image_exists(client, inputs.tag) and not force:
            return inputs.tag, False
        return _build(client, inputs, log), True


def _try_lock(lock) -> bool:
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _build(client, inputs: ImageInputs, log: Log) -> str:
    tag = inputs.tag
    mode = base_mode()
    use_registry = mode == "registry" or (mode == "auto" and registry_answers(client, log))
    base = REGISTRY_BASE if use_registry else debootstrap_base(client, log)
    log(f"building {tag} on {base} ...")
    labels = {"kateval.image": "kotlin-jvm", "kateval.inputs": inputs.digest,
              "kateval.base": base, "kateval.kotlin-version": installed.KOTLIN_VERSION}
    with tempfile.TemporaryFile() as context:
        write_context(inputs, context)
        stream = client.api.build(fileobj=context, custom_context=True, tag=tag,
                                  buildargs={"BASE": base}, rm=True, forcerm=True,
                                  labels=labels, decode=True, pull=False)
        for chunk in stream:
            if "error" in chunk:
                raise ToolchainError(f"docker build of {tag} failed: "
                                     f"{chunk['error'].strip()[:300]}")
            line = chunk.get("stream", "").strip()
            if line.startswith("Step "):
                log(line)
    if not image_exists(client, tag):
        raise ToolchainError(f"docker build did not produce {tag}; see the dockerd log")
    return tag
