"""Config files as pydantic models, loaded with file- and field-precise one-line errors."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, TypeVar
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from kateval.errors import ConfigError

Role = Literal["judge", "builder", "fallback"]
Status = Literal[
    "passed", "tests_failed", "build_failed", "patch_failed", "malformed_edit", "timeout",
    "context_exceeded", "model_error", "infra_error",
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, frozen=True)


# ---------------------------------------------------------------- models.yaml
class Endpoint(Strict):
    """One model served behind an OpenAI-compatible server."""

    base_url: str
    """Server root including /v1, e.g. http://localhost:8002/v1."""
    model: str
    """Model name as the server knows it (see GET /v1/models)."""
    kind: Literal["chat", "completion"] = "chat"
    """`chat` uses /v1/chat/completions; `completion` uses /v1/completions (FIM models)."""
    edit_format: Literal["fim", "udiff", "search-replace", "whole-file"] | None = None
    """How this model writes code; default: fim for completion models, search-replace for chat."""
    api_key_env: str | None = None
    """Name of the environment variable holding the API key (never the key itself)."""
    max_concurrency: int = Field(4, ge=1)
    """Requests in flight at once against this endpoint."""
    metrics_url: str | None = None
    """The server's Prometheus metrics, read through a run (vLLM; llama.cpp with --metrics);
    default: /metrics beside base_url. "none" reads nothing."""
    timeout_s: float = Field(300.0, gt=0)
    """Per-request read timeout in seconds."""
    max_retries: int = Field(4, ge=0)
    """Retries on 429, 5xx, timeouts and dropped connections."""
    max_retry_time_s: float = Field(120.0, gt=0)
    """Cap on the total time spent retrying one request."""
    context_window: int = Field(8192, ge=256)
    """Tokens the model accepts; repo context is trimmed to fit."""
    max_tokens: int = Field(1024, ge=1)
    """Upper bound on generated tokens per request."""
    stream: bool = False
    """Stream responses to measure time to first token."""
    stop: list[str] = []
    """Extra stop sequences."""
    fim_template: str = "{% for f in context_files %}<filename>{{ f.path }}\n{{ f.text }}\n{% endfor %}<filename>{{ path }}\n<fim_suffix>{{ suffix }}<fim_prefix>{{ prefix }}<fim_middle>"
    """Jinja2 template for fill-in-the-middle prompts. The default follows the Mellum model card:
    other files as `<filename>path` + text, then the file being completed's own `<filename>`
    line, then suffix-prefix-middle. Values: context_files (path, text), path, prefix, suffix."""
    price_input_per_1m: float | None = None
    """Optional price in USD per 1M prompt tokens, for cost accounting."""
    price_output_per_1m: float | None = None
    """Optional price in USD per 1M completion tokens, for cost accounting."""

    @field_validator("base_url")
    @classmethod
    def _url(cls, url: str) -> str:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname or " " in url:
            raise ValueError(f"'{url}' is not an http(s) URL; write e.g. http://localhost:8002/v1")
        try:
            parts.port  # noqa: B018 - raises on a port that is not a number
        except ValueError:
            raise ValueError(f"'{url}' has an invalid port; write e.g. http://localhost:8002/v1")
        return url

    @property
    def effective_edit_format(self) -> str:
        return self.edit_format or ("fim" if self.kind == "completion" else "search-replace")


class ModelsFile(Strict):
    """models.yaml: the endpoints, and which one plays each role."""

    endpoints: dict[str, Endpoint]
    """Named endpoints."""
    roles: dict[Role, str]
    """Role -> endpoint name. judge and builder are required; fallback is optional."""

    @field_validator("roles")
    @classmethod
    def _required_roles(cls, roles: dict[str, str]) -> dict[str, str]:
        for role in ("judge", "builder"):
            if role not in roles:
                raise ValueError(f"role '{role}' is required (add `{role}: <endpoint name>`)")
        return roles

    def endpoint_for(self, role: str) -> Endpoint | None:
        name = self.roles.get(role)  # type: ignore[call-overload]
        return self.endpoints[name] if name else None

    def check_references(self, path: Path) -> None:
        for role, name in self.roles.items():
            if name not in self.endpoints:
                known = ", ".join(sorted(self.endpoints)) or "none"
                raise ConfigError(
                    f"{path}: roles.{role}: unknown endpoint '{name}' (known: {known}); "
                    "add it under `endpoints:` or fix the name"
                )


# ---------------------------------------------------------------- suites/*.yaml
class Limits(Strict):
    """Resource limits for one sandboxed build or test."""

    memory_mb: int = Field(2048, ge=128)
    """Memory limit for a sandboxed command in MiB (Docker, or the local sandbox's cgroup)."""
    cpus: float = Field(1.0, gt=0)
    """CPU quota for the sandbox (Docker)."""
    pids: int = Field(256, ge=16)
    """Maximum number of processes and threads in the sandbox (Docker, or a local cgroup)."""
    output_bytes: int = Field(1_000_000, ge=1024)
    """Cap on captured stdout and stderr per command."""
    file_size_mb: int = Field(512, ge=16)
    """Largest file a sandboxed command may write, in MiB (RLIMIT_FSIZE)."""


class Suite(Strict):
    """A suite file: which tasks to run, and how."""

    name: str
    """Suite name, used in run ids and reports."""
    description: str = ""
    """Free text for reports."""
    tasks: list[str] = ["*"]
    """Task ids or glob patterns (fnmatch) over the task folder names."""
    tasks_dir: str = "../tasks"
    """Folder holding the tasks, relative to the suite file."""
    samples: int = Field(1, ge=1)
    """Samples per task (n in pass@k)."""
    k: list[int] = [1]
    """Values of k for pass@k; each must be <= samples."""
    max_attempts: int = Field(2, ge=1)
    """Builder attempts per sample; failures feed back through the judge."""
    temperature: float = Field(0.2, ge=0)
    """Sampling temperature for the builder and fallback."""
    toolchain: Literal["warm", "kotlinc", "gradle"] = "warm"
    """How to build and test: warm (a long-lived compiler per worker, the default), kotlinc
    (a fresh compiler JVM per step, the reference) or gradle (each task repo's own Gradle
    build, offline; README "Gradle"); see kateval/toolchains/."""
    sandbox: Literal["local", "docker", "none"] = "local"
    """Where untrusted code runs: local (bubblewrap), docker, or none (no isolation; the
    summary and report say so)."""
    max_samples: int = Field(64, ge=1)
    """Samples in flight at once: most of them wait on an endpoint (each bounded by its own
    `max_concurrency`), so this can far exceed the build slots (under ray: over the cluster,
    an equal share per `kateval_slot`)."""
    build_slots: int | None = Field(None, ge=1)
    """Samples building and testing at once, each with its own warm compile service or
    container; default: the cores available to this process (its CPU affinity and cgroup).
    Under ray each node's declared `kateval_slot` resources are its build slots instead."""
    executor: Literal["local", "ray"] = "local"
    """Where samples run: local (threads of this process) or ray (one actor per `kateval_slot`
    resource of a Ray cluster; see README, "Beyond one machine")."""
    build_timeout_s: float | None = Field(None, gt=0)
    """Override every task's per-step build timeout."""
    test_timeout_s: float | None = Field(None, gt=0)
    """Override every task's test timeout."""
    limits: Limits = Limits()
    """Sandbox resource limits."""
    fallback_on_test_failure: bool = False
    """Also hand over to the fallback builder when all builder attempts fail the tests."""
    prompts_dir: str | None = None
    """Folder with Jinja2 templates overriding kateval/prompts (relative to the suite file)."""
    docker_image: str | None = None
    """Sandbox image for --sandbox docker; default: the tag `kateval sandbox build` makes."""

    @field_validator("k")
    @classmethod
    def _k_positive(cls, ks: list[int]) -> list[int]:
        if not ks or any(k < 1 for k in ks):
            raise ValueError("k must be a non-empty list of integers >= 1")
        return ks

    def check(self, path: Path) -> None:
        if max(self.k) > self.samples:
            raise ConfigError(
                f"{path}: k: pass@{max(self.k)} needs at least {max(self.k)} samples "
                f"but samples is {self.samples}; raise samples or lower k"
            )


# ---------------------------------------------------------------- tasks/<id>/task.yaml
class TaskTimeouts(Strict):
    """Per-task timeouts."""

    build_s: float = Field(240.0, gt=0)
    """Timeout for each compile step, in seconds."""
    test_s: float = Field(60.0, gt=0)
    """Timeout for the test run, in seconds."""


Category = Literal[
    "single-function", "data-modelling", "parsing", "collections", "generics", "bug-fix",
    "multi-file", "expect-actual", "coroutines", "state-machine",
]


class TaskSpec(Strict):
    """task.yaml: what a task is and how it is graded."""

    id: str
    """Task id; must equal the folder name."""
    title: str
    """One-line title."""
    difficulty: Literal["easy", "medium", "hard"]
    """Rough difficulty for a 4B code model."""
    category: Category
    """What kind of Kotlin skill the task exercises."""
    tags: list[str] = []
    """Free-form tags."""
    targets: list[Literal["jvm", "js"]] = ["jvm", "js"]
    """Targets that are compiled and tested (JUnit on the JVM, mocha on Node for js)."""
    editable: list[str] = ["src/commonMain/**"]
    """Globs of files the model may change."""
    timeouts: TaskTimeouts = TaskTimeouts()
    """Build and test timeouts."""
    test_framework: Literal["junit4", "junit5"] | None = None
    """JVM test framework. Default: what Gradle would use with the repo's build file, JUnit 5
    when it calls useJUnitPlatform(), else JUnit 4 (kotlin-test-junit)."""
    toolchain: Literal["warm", "kotlinc", "gradle"] | None = None
    """The toolchain the task was made for (`kateval task new` writes gradle). A record, not a
    choice: the suite's `toolchain:` builds every task; a task that needs nothing beyond the
    standard library builds under all three."""
    gradle_tasks: dict[Literal["jvm", "js"], str] = {}
    """Under toolchain gradle, the Gradle test task of each target. Default: jvmTest, and
    jsNodeTest for js (a KMP project); a plain Java project uses {jvm: test}."""
    dependencies: list[str] = []
    """Libraries main code uses, in Gradle's notation `group:name:version`, exactly as the
    repo's build.gradle.kts names them in `commonMain.dependencies { implementation(...) }`
    (validate checks they agree); resolved per target from Maven Central (kateval/deps)."""
    test_dependencies: list[str] = []
    """Libraries only the tests use, as `commonTest.dependencies` names them (e.g.
    kotlinx-coroutines-test); the tests see `dependencies` too."""
    compiler_plugins: list[Literal["serialization", "compose"]] = []
    """Compiler plugins the build applies (`kotlin("plugin.serialization")` or
    `kotlin("plugin.compose")` in `plugins {}`), the compiler's own jar on every compile."""

    @field_validator("dependencies", "test_dependencies")
    @classmethod
    def _gradle_notation(cls, notations: list[str]) -> list[str]:
        from kateval.deps.coordinates import parse

        for notation in notations:
            parse(notation)  # a ValueError names the notation and what is wrong
        return notations

    @field_validator("targets")
    @classmethod
    def _jvm_required(cls, targets: list[str]) -> list[str]:
        if "jvm" not in targets:
            raise ValueError("targets must include jvm (tests run on the JVM)")
        return targets


M = TypeVar("M", bound=BaseModel)


RENAMED = {"concurrency": "it was split into max_samples (samples in flight, mostly waiting on "
                          "endpoints) and build_slots (builds and tests at once; default: the "
                          "cores available); replace it with those"}
"""Fields that were replaced, and what replaces them."""


def _format_loc(loc: tuple) -> str:
    return ".".join(str(part) for part in loc) or "(top level)"


def _describe(model: type[BaseModel], error: dict) -> str:
    loc, kind = error["loc"], error["type"]
    if kind == "extra_forbidden" and str(loc[-1]) in RENAMED:
        return f"no longer a field: {RENAMED[str(loc[-1])]}"
    if kind == "extra_forbidden":
        parent: type[BaseModel] | None = model
        for part in loc[:-1]:
            field = parent.model_fields.get(str(part)) if parent else None
            ann = field.annotation if field else None
            parent = ann if isinstance(ann, type) and issubclass(ann, BaseModel) else None
        allowed = ", ".join(parent.model_fields) if parent else "see docs"
        return f"unknown field (allowed: {allowed}); check the spelling"
    if kind == "missing":
        return "required field is missing; add it"
    if kind == "literal_error":
        return f"unknown value {error['input']!r} (choices: {error['ctx']['expected']})"
    return error["msg"]


def load_model(path: Path, model: type[M]) -> M:
    """Read a YAML file into `model`, raising one-line ConfigErrors naming file and field."""
    path = Path(path)
    if path.is_dir():
        raise ConfigError(f"{path}: is a folder; pass the YAML file")
    if not path.is_file():
        raise ConfigError(f"{path}: file not found; check the path")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start}: "
                          f"{exc.object[exc.start:exc.start + 1]!r}); save it as UTF-8") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc}); check the path and "
                          "its permissions") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1} column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{path}:{where}: invalid YAML ({problem}); fix the syntax") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of fields at the top level")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        more = f" (+{exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise ConfigError(
            f"{path}: field '{_format_loc(first['loc'])}': {_describe(model, first)}{more}"
        ) from None


def load_models(path: Path) -> ModelsFile:
    models = load_model(path, ModelsFile)
    models.check_references(Path(path))
    return models


def load_suite(path: Path) -> Suite:
    suite = load_model(path, Suite)
    suite.check(Path(path))
    return suite
