"""The dependency graph of a set of coordinates for one consumer, as Gradle resolves it.

Gradle's rules that matter for the libraries tasks use, and nothing more:
- Each module in the graph is resolved to the variant its metadata names for the consumer
  (metadata.select_variant), following `available-at` from a multiplatform root module to
  its platform module (`kotlinx-coroutines-core` -> `kotlinx-coroutines-core-jvm`).
- Version conflicts: the highest version asked for anywhere in the graph wins (Gradle's
  default), and the graph is walked again until the choice is stable.
- Excludes on a dependency prune the graph below it; platform (BOM) dependencies bring no
  artifact and are not followed (their constraints only restate versions Gradle would pick).
- The Kotlin Gradle plugin aligns Kotlin's own libraries (`org.jetbrains.kotlin:*`) with the
  compiler: the standard library and kotlin-test are the compiler's own (COMPILER_PROVIDED,
  never taken from the graph), and any other Kotlin library, such as the kotlin-dom-api-compat
  klib that JS libraries depend on, is taken at least at the compiler's version.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from kateval.deps.coordinates import Coordinate, Module, highest
from kateval.deps.metadata import Request, Variant, pom_variant, select_variant
from kateval.deps.repository import NotFound, Repository, ResolveError

KOTLIN_GROUP = "org.jetbrains.kotlin"
COMPILER_PROVIDED = frozenset(Module(KOTLIN_GROUP, name) for name in (
    "kotlin-stdlib", "kotlin-stdlib-common", "kotlin-stdlib-jdk7", "kotlin-stdlib-jdk8",
    "kotlin-stdlib-js", "kotlin-test", "kotlin-test-common", "kotlin-test-annotations-common",
    "kotlin-test-junit", "kotlin-test-junit5", "kotlin-test-js"))
"""Libraries the compiler's lib/ folder provides: the compiler's own always win."""
MAX_PASSES = 10
MAX_REDIRECTS = 3
FETCHERS = 8
"""Files fetched at once (network-bound: Maven Central answers each in 0.1-0.5 s)."""


class Unresolvable(ResolveError):
    """A module of the graph could not be resolved; names it and the root that needs it."""

    def __init__(self, reason: str, coordinate: Coordinate, root: Coordinate,
                 cause: ResolveError | None = None):
        super().__init__(reason)
        self.coordinate, self.root, self.cause = coordinate, root, cause


@dataclass(frozen=True)
class Resolved:
    """One module of a resolved graph."""

    coordinate: Coordinate
    """The module as the graph names it, at the version chosen."""
    platform: Coordinate
    """The module whose files were taken (after `available-at`, e.g. `...-jvm`)."""
    files: tuple[str, ...]
    """The files, relative to the cache root (store/<sha256>/<name>)."""


def _excluded(module: Module, excludes: tuple[Module, ...]) -> bool:
    return any(e.group in ("*", module.group) and e.name in ("*", module.name) for e in excludes)


class Resolver:
    """Resolves coordinates against one repository, remembering every variant it read."""

    def __init__(self, repository: Repository, kotlin_version: str):
        self.repository, self.kotlin_version = repository, kotlin_version
        self._variants: dict[tuple[Coordinate, Request], tuple[Coordinate, Variant]] = {}

    def variant(self, coordinate: Coordinate, request: Request) -> tuple[Coordinate, Variant]:
        """(the module that holds the files, the variant) for a consumer."""
        key = (coordinate, request)
        if key not in self._variants:
            self._variants[key] = self._lookup(coordinate, request)
        return self._variants[key]

    def _lookup(self, coordinate: Coordinate, request: Request) -> tuple[Coordinate, Variant]:
        for _ in range(MAX_REDIRECTS + 1):
            module_json = self.repository.metadata(coordinate.path(".module"))
            if module_json is not None:
                variant = select_variant(module_json, request, f"{coordinate} (.module)")
            else:
                pom = self.repository.metadata(coordinate.path(".pom"))
                if pom is None:
                    raise NotFound(f"{coordinate} is not in {self.repository.url} (no .module, "
                                   "no .pom)")
                variant = pom_variant(pom, coordinate, request)
            if variant.redirect is None:
                return coordinate, variant
            coordinate = variant.redirect
        raise ResolveError(f"{coordinate}: more than {MAX_REDIRECTS} `available-at` redirects")

    def resolve(self, roots: list[Coordinate], request: Request) -> list[Resolved]:
        """The graph below `roots` for one consumer, in breadth-first order (Gradle's class
        path order), with every file fetched into the cache."""
        chosen: dict[Module, str] = {}
        for _ in range(MAX_PASSES):
            order, asked = self._walk(roots, request, chosen)
            settled = {module: highest(asked[module]) for module in order}
            if settled == chosen:
                break
            chosen = settled
        else:
            raise ResolveError(f"version choice did not settle in {MAX_PASSES} passes")
        with ThreadPoolExecutor(FETCHERS) as pool:  # downloads overlap; the order stays
            return list(pool.map(lambda item: self._fetch(
                Coordinate(item[0].group, item[0].name, chosen[item[0]]), request, item[1]),
                order.items()))

    def _walk(self, roots, request, chosen):
        """One breadth-first pass: the modules reached (with the root that reached each)
        and every version asked for each."""
        asked: dict[Module, set[str]] = {}
        order: dict[Module, Coordinate] = {}
        queue = deque((root, root, ()) for root in roots)
        for root in roots:
            asked.setdefault(root.module, set()).add(root.version)
        while queue:
            self._prefetch(queue, request, chosen, asked)
            wanted, root, excludes = queue.popleft()
            module = wanted.module
            if module in order or module in COMPILER_PROVIDED:
                continue
            if module.group == KOTLIN_GROUP:
                asked[module].add(self.kotlin_version)
            order[module] = root
            if not asked.get(module) and module not in chosen:
                raise Unresolvable(f"{module}: no version (it would come from a platform or "
                                   "BOM, which kateval does not read); pin it in the task",
                                   Coordinate(module.group, module.name, "?"), root)
            version = chosen.get(module) or highest(asked[module])
            coordinate = Coordinate(module.group, module.name, version)
            try:
                _, variant = self.variant(coordinate, request)
            except ResolveError as exc:
                raise Unresolvable(str(exc), coordinate, root, exc) from None
            for dep in variant.dependencies:
                if dep.platform or _excluded(dep.module, excludes):
                    continue
                asked.setdefault(dep.module, set()).update([dep.version] if dep.version else [])
                queue.append((Coordinate(dep.module.group, dep.module.name, dep.version), root,
                              excludes + dep.excludes))
        return order, asked

    def _prefetch(self, queue, request: Request, chosen, asked) -> None:
        """Read the metadata the queue will need, all at once: a module costs two to four
        sequential requests (its .module, a redirect's, their checksums), most of the time a
        cold resolve takes. Errors are left for the walk to meet in order."""
        wanted = {Coordinate(m.group, m.name, chosen.get(m) or highest(asked[m]))
                  for m in {item[0].module for item in queue} if chosen.get(m) or asked.get(m)}
        missing = [c for c in wanted if (c, request) not in self._variants]
        if len(missing) < 2:
            return

        def lookup(coordinate: Coordinate) -> None:
            try:
                self.variant(coordinate, request)
            except ResolveError:
                pass

        with ThreadPoolExecutor(FETCHERS) as pool:
            list(pool.map(lookup, missing))

    def _fetch(self, coordinate: Coordinate, request: Request, root: Coordinate) -> Resolved:
        platform, variant = self.variant(coordinate, request)
        folder = platform.path("").rsplit("/", 1)[0]
        try:
            files = tuple(self.repository.artifact(f"{folder}/{f.url}", f.sha256)
                          for f in variant.files)
        except ResolveError as exc:
            raise Unresolvable(str(exc), coordinate, root, exc) from None
        return Resolved(coordinate, platform, files)
