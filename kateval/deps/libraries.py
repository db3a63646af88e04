"""A task's libraries: its `dependencies:` resolved per target and class path, cached.

task.yaml names what the task repo's build.gradle.kts names:
  dependencies:       commonMain's `implementation("group:name:version")`
  test_dependencies:  commonTest's (kotlinx-coroutines-test, say); tests see both
  compiler_plugins:   `kotlin("plugin.serialization")`, `kotlin("plugin.compose")` in its
                      `plugins {}`: the compiler's own plugin jar, on every compile
Each class path is resolved as the Kotlin Gradle plugin asks Gradle for it:
  jvm_main     compile-jvm          main's dependencies, java-api
  jvm_test     compile-jvm-tests    main's and the tests', java-api
  jvm_runtime  test-jvm             main's and the tests', java-runtime
  js_main      compile-js           main's, kotlin-api
  js_test      compile-js-tests     main's and the tests', kotlin-api
  js_link      link-js              main's and the tests', kotlin-runtime
The result is kept in <cache>/resolutions/<key>.json, the key a hash of everything it depends
on: once a task's libraries are resolved (at `kateval toolchain install`, or before the first
sample of a run or validation), its runs read only the cache and make no network request.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from kateval.deps.coordinates import Coordinate, parse
from kateval.deps.metadata import Request
from kateval.deps.repository import ChecksumMismatch, Repository, Unreachable
from kateval.deps.resolve import Resolver, Unresolvable

RESOLVER_VERSION = "1"
"""Part of every resolution's key: a change to the rules resolves every task afresh."""
PLUGIN_JARS = {"serialization": "kotlinx-serialization-compiler-plugin.jar",
               "compose": "compose-compiler-plugin.jar"}
"""Compiler plugins a task may switch on, and their jar in the compiler's lib/ folder."""

CLASS_PATHS = {  # field -> (platform, usage, whether the tests' dependencies count)
    "jvm_main": ("jvm", "java-api", False), "jvm_test": ("jvm", "java-api", True),
    "jvm_runtime": ("jvm", "java-runtime", True), "js_main": ("js", "kotlin-api", False),
    "js_test": ("js", "kotlin-api", True), "js_link": ("js", "kotlin-runtime", True)}


@dataclass(frozen=True)
class Libraries:
    """Files relative to the dependency cache (store/<sha256>/<name>), per class path, in
    Gradle's order; and the compiler plugins' jar names. Empty for a standard-library task."""

    jvm_main: tuple[str, ...] = ()
    jvm_test: tuple[str, ...] = ()
    jvm_runtime: tuple[str, ...] = ()
    js_main: tuple[str, ...] = ()
    js_test: tuple[str, ...] = ()
    js_link: tuple[str, ...] = ()
    plugins: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def files(self) -> list[str]:
        """Every file any class path names, once each."""
        return list(dict.fromkeys(p for name in CLASS_PATHS for p in getattr(self, name)))


NO_LIBRARIES = Libraries()


def task_key(spec, kotlin_version: str) -> str:
    """What a resolution depends on, hashed: the coordinates, the targets, the compiler."""
    made_of = json.dumps([sorted(_main(spec)), sorted(_tests(spec)), sorted(spec.targets),
                          kotlin_version, RESOLVER_VERSION])
    return hashlib.sha256(made_of.encode()).hexdigest()[:16]


def _main(spec) -> list[str]:
    return list(getattr(spec, "dependencies", None) or [])


def _tests(spec) -> list[str]:
    return list(getattr(spec, "test_dependencies", None) or [])


def _plugins(spec) -> tuple[str, ...]:
    return tuple(PLUGIN_JARS[name] for name in getattr(spec, "compiler_plugins", None) or [])


class TaskResolveError(Exception):
    """One line naming the task and the coordinate; `config` when the task is wrong (an
    unknown coordinate), else the network or repository is (unreachable, corrupt)."""

    def __init__(self, message: str, config: bool):
        super().__init__(message)
        self.config = config


def _cached(path: Path, root: Path) -> Libraries | None:
    if not path.is_file():
        return None
    try:
        libraries = Libraries(**{k: tuple(v) for k, v in json.loads(path.read_text()).items()})
    except (ValueError, TypeError):
        return None
    return libraries if all((root / f).is_file() for f in libraries.files()) else None


def resolve_task(spec, root: Path, kotlin_version: str, *, offline: bool = False,
                 url: str | None = None) -> Libraries:
    """The task's libraries, from the cache at `root` or resolved into it from the
    repository at `url` (default: repository.repository_url()). `offline`: never ask the
    network (a missing resolution is then an error that says how to make it)."""
    main, tests, plugins = _main(spec), _tests(spec), _plugins(spec)
    if not main and not tests:
        return Libraries(plugins=plugins)
    saved = root / "resolutions" / f"{task_key(spec, kotlin_version)}.json"
    libraries = _cached(saved, root)
    if libraries is not None:
        return libraries
    if offline:
        raise TaskResolveError(f"task {spec.id}: its dependencies are not in the cache {root}; "
                               "run `kateval toolchain install` where Maven Central is reachable",
                               config=False)
    libraries = _resolve(spec, main, tests, plugins, Resolver(Repository(root, url),
                                                              kotlin_version))
    saved.parent.mkdir(parents=True, exist_ok=True)
    # A temporary file of its own: two samples' first use of a task may resolve at once.
    fd, temp = tempfile.mkstemp(dir=saved.parent, prefix=".part-")
    with os.fdopen(fd, "w") as out:
        out.write(json.dumps(asdict(libraries), indent=1))
    os.replace(temp, saved)
    return libraries


def _coordinates(spec, notations: list[str]) -> list[Coordinate]:
    try:
        return [parse(n) for n in notations]
    except ValueError as exc:
        raise TaskResolveError(f"task {spec.id}: dependency {exc}", config=True) from None


def _resolve(spec, main, tests, plugins, resolver: Resolver) -> Libraries:
    roots = {False: _coordinates(spec, main), True: _coordinates(spec, main + tests)}
    found: dict[str, tuple[str, ...]] = {}
    for name, (platform, usage, with_tests) in CLASS_PATHS.items():
        if platform not in spec.targets or not roots[with_tests]:
            continue
        try:
            graph = resolver.resolve(roots[with_tests], Request(platform, usage))
        except Unresolvable as exc:
            via = "" if exc.coordinate == exc.root else f" (needed by '{exc.root}')"
            config = not isinstance(exc.cause, (Unreachable, ChecksumMismatch))
            raise TaskResolveError(f"task {spec.id}: dependency '{exc.coordinate}'{via} for "
                                   f"{platform}: {exc}", config=config) from None
        except (Unreachable, ChecksumMismatch) as exc:
            raise TaskResolveError(f"task {spec.id}: {exc}", config=False) from None
        found[name] = tuple(f for module in graph for f in module.files)
    return Libraries(**found, plugins=plugins)
