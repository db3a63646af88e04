"""Gradle module metadata (.module JSON) and Maven POMs: a module's variants, and the one
Gradle would choose for a consumer (a JVM or JS compile, or a runtime class path).

A Kotlin Multiplatform library publishes a root module whose .module file lists one variant
per platform and use, each with attributes: `org.jetbrains.kotlin.platform.type` (jvm, js,
native, wasm, common), `org.gradle.usage` (java-api, java-runtime, kotlin-api,
kotlin-runtime, kotlin-metadata), `org.gradle.category` (library, documentation, platform)...
The platform variants are `available-at` another module (`<name>-jvm`, `<name>-js`), whose own
.module file names the files (with their SHA-256) and the dependencies. A module without a
.module file (a plain Java library) is read from its POM: its jar, and its compile (and, for
a runtime class path, runtime) dependencies.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from defusedxml import ElementTree

from kateval.deps.coordinates import Coordinate, Module
from kateval.deps.repository import ResolveError

PLATFORM = "org.jetbrains.kotlin.platform.type"
USAGE = "org.gradle.usage"
CATEGORY = "org.gradle.category"
JVM_ENVIRONMENT = "org.gradle.jvm.environment"
JS_COMPILER = "org.jetbrains.kotlin.js.compiler"
LIBRARY_ELEMENTS = "org.gradle.libraryelements"

USAGES = {"java-api": ("java-api", "java-runtime"), "java-runtime": ("java-runtime",),
          "kotlin-api": ("kotlin-api", "kotlin-runtime"),
          "kotlin-runtime": ("kotlin-runtime", "kotlin-api")}
"""What each consumer accepts, best first (Gradle's compatibility, then disambiguation)."""


@dataclass(frozen=True)
class Request:
    """What a consumer asks for: a platform ("jvm" or "js") and a usage (USAGES)."""

    platform: str
    usage: str


@dataclass(frozen=True)
class Dependency:
    module: Module
    version: str
    """The version asked for (`strictly`, else `requires`, else `prefer`)."""
    excludes: tuple[Module, ...] = ()
    """Modules not to follow below this one; "*" matches any group or name."""
    platform: bool = False
    """A platform (BOM) dependency: constraints only, no artifact."""


@dataclass(frozen=True)
class File:
    name: str
    url: str
    """Relative to the module version's folder."""
    sha256: str | None = None


@dataclass(frozen=True)
class Variant:
    name: str
    files: tuple[File, ...] = ()
    dependencies: tuple[Dependency, ...] = ()
    redirect: Coordinate | None = None
    """`available-at`: the variant lives in that module's metadata."""


def _version(spec: dict | None) -> str:
    spec = spec or {}
    return spec.get("strictly") or spec.get("requires") or spec.get("prefer") or ""


def _dependency(raw: dict) -> Dependency:
    excludes = tuple(Module(e.get("group", "*"), e.get("module", "*"))
                     for e in raw.get("excludes", []))
    category = (raw.get("attributes") or {}).get(CATEGORY, "")
    return Dependency(Module(raw["group"], raw["module"]), _version(raw.get("version")),
                      excludes, platform=category in ("platform", "enforced-platform"))


def _compatible(attributes: dict, request: Request) -> bool:
    accepted = USAGES[request.usage]
    if attributes.get(CATEGORY, "library") != "library" or "org.gradle.docstype" in attributes:
        return False
    if attributes.get(USAGE) not in accepted:
        return False
    platform = attributes.get(PLATFORM)
    if platform is not None and platform != request.platform:
        return False
    if request.platform == "jvm":
        return (attributes.get(JVM_ENVIRONMENT, "standard-jvm") == "standard-jvm"
                and attributes.get(LIBRARY_ELEMENTS, "jar") == "jar")
    # js: a Kotlin/JS IR klib; a variant without the platform attribute is a Java library's
    return platform == "js" and attributes.get(JS_COMPILER, "ir") == "ir"


def select_variant(module_json: bytes, request: Request, where: str) -> Variant:
    """The variant of a .module file that Gradle would pick for `request`."""
    try:
        data = json.loads(module_json)
        variants = data["variants"]
    except (ValueError, KeyError, TypeError):
        raise ResolveError(f"{where}: not Gradle module metadata") from None
    accepted = USAGES[request.usage]
    candidates = [v for v in variants if _compatible(v.get("attributes") or {}, request)]
    if not candidates:
        raise ResolveError(f"{where}: no variant for {request.platform} ({request.usage}); "
                           "the library does not support this target")
    best = min(candidates, key=lambda v: accepted.index(v["attributes"][USAGE]))
    moved = best.get("available-at")
    if moved:
        return Variant(best["name"], redirect=Coordinate(moved["group"], moved["module"],
                                                         moved["version"]))
    files = tuple(File(f["name"], f["url"], f.get("sha256")) for f in best.get("files", []))
    deps = tuple(_dependency(d) for d in best.get("dependencies", []))
    return Variant(best["name"], files, deps)


# ---------------------------------------------------------------- POM (no Gradle metadata)
_PROPERTY = re.compile(r"\$\{([^}]+)\}")
SCOPES = {"java-api": ("compile", ""), "java-runtime": ("compile", "runtime", "")}


def _text(node, path: str, ns: str) -> str:
    found = node.find("/".join(ns + part for part in path.split("/")))
    return (found.text or "").strip() if found is not None else ""


def pom_variant(pom: bytes, coordinate: Coordinate, request: Request) -> Variant:
    """A plain Maven module as Gradle reads it: the jar (unless packaging is `pom`) and its
    compile (and runtime) scope dependencies that are not optional."""
    where = f"{coordinate} (POM)"
    if request.platform != "jvm":
        raise ResolveError(f"{coordinate}: a plain Maven module (no Gradle metadata) has no "
                           f"{request.platform} variant")
    try:
        root = ElementTree.fromstring(pom)
    except ElementTree.ParseError as exc:
        raise ResolveError(f"{where}: not XML ({exc})") from None
    ns = root.tag[:root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    props = {"project.version": coordinate.version, "version": coordinate.version,
             "project.groupId": coordinate.group,
             "project.parent.version": _text(root, "parent/version", ns)}
    properties = root.find(f"{ns}properties")
    for prop in list(properties) if properties is not None else []:
        props[prop.tag.replace(ns, "")] = (prop.text or "").strip()

    def expand(value: str) -> str:
        return _PROPERTY.sub(lambda m: props.get(m.group(1), m.group(0)), value)

    deps = []
    for node in root.findall(f"{ns}dependencies/{ns}dependency"):
        if _text(node, "optional", ns) == "true" or _text(node, "scope", ns) not in SCOPES[request.usage]:
            continue
        group, name = expand(_text(node, "groupId", ns)), expand(_text(node, "artifactId", ns))
        version = expand(_text(node, "version", ns))
        if not version or "${" in version:
            raise ResolveError(f"{where}: the version of {group}:{name} comes from a parent "
                               "POM, which kateval does not read")
        excludes = tuple(Module(_text(e, "groupId", ns) or "*", _text(e, "artifactId", ns) or "*")
                         for e in node.findall(f"{ns}exclusions/{ns}exclusion"))
        deps.append(Dependency(Module(group, name), version, excludes))
    packaging = _text(root, "packaging", ns) or "jar"
    name = f"{coordinate.name}-{coordinate.version}.jar"
    files = () if packaging == "pom" else (File(name, name),)
    return Variant("pom", files, tuple(deps))
