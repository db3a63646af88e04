"""Task dependencies: Maven Central libraries resolved per target as Gradle would, cached.

Why a resolver of our own (measured here, kotlinx-coroutines-core + -test 1.11.0 for JVM
and JS): Maven 3.8 (`mvn dependency:copy-dependencies` on the platform artifacts) reads POMs,
not Gradle module metadata. It cannot tell which platform module a multiplatform library
publishes for a target (`-jvm`, `-js`), and for JS it asks for the klibs' dependencies as jars
(`atomicfu-js:jar`, `kotlin-dom-api-compat:jar`) and fails. It also costs a JVM start per call:
9.5 s cold and 6.3 s with everything cached, where our resolver reads its cache in
milliseconds. Coursier and Ivy read POMs too; Gradle itself is the one tool that reads .module
files, and no Gradle distribution is reachable here. Module metadata is a small, documented
JSON format, so kateval reads it (metadata.py), follows `available-at` to the platform module,
applies Gradle's conflict rule (highest version wins) and verifies every file's checksum
(repository.py). Resolving the example task's six class paths from nothing takes about 7 s
(files and metadata fetched eight at a time); from the cache, no request at all (0.2 ms).

  coordinates.py  Gradle's notation and version order
  repository.py   Maven Central through a verified, content-addressed cache
  metadata.py     .module variants (and POMs) and the variant a consumer gets
  resolve.py      the graph: conflicts, excludes, the compiler's own Kotlin libraries
  libraries.py    a task's class paths (Libraries), resolved once and kept
  buildfile.py    task.yaml against the repo's build.gradle.kts
"""

from kateval.deps.libraries import (NO_LIBRARIES, PLUGIN_JARS, Libraries, TaskResolveError,
                                    resolve_task)

__all__ = ["NO_LIBRARIES", "PLUGIN_JARS", "Libraries", "TaskResolveError", "resolve_task"]
