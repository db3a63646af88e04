"""The model pipeline: judge/planner -> builder -> fallback builder, with judge feedback between
attempts. Implements the runner's Solver protocol."""

from __future__ import annotations

import json
import threading
from dataclasses import asdict
from pathlib import Path

from kateval.config import ModelsFile, Suite
from kateval.errors import ConfigError
from kateval.grading import NOT_MODEL, failing_tests
from kateval.models.cache import CacheMiss, ResponseCache
from kateval.models.client import (CallFailed, ContextExceeded, EndpointDown, ModelCallError,
                                   ModelClient)
import kateval.pipeline.context as context
from kateval.pipeline.builders import Builder, BuildInput, BuildResult
from kateval.pipeline.plan import Plan, PlanError, parse_plan, split_reasoning
from kateval.pipeline.prompts import Prompts
from kateval.sample import PreviousAttempt, Proposal
from kateval.tasks import Task
from kateval.toolchains.kmp import compiler_errors

FEEDBACK_LOG_CHARS = 4000


class EndpointRejected(ConfigError):
    """An endpoint refused a request with a 4xx other than a context-length refusal (unknown
    model, bad parameter, bad key): a configuration mistake that stops the run."""


def _call_failure(exc: Exception, producer: str) -> Proposal:
    """The Proposal for a failed model call; a configuration mistake stops the run instead."""
    if isinstance(exc, ContextExceeded):
        return Proposal(None, "context_exceeded", str(exc), producer)
    if isinstance(exc, ModelCallError):
        raise EndpointRejected(f"{exc}; fix models.yaml (model name, parameters, api_key_env)"
                               ) from None
    if isinstance(exc, EndpointDown):
        return Proposal(None, "infra_error", str(exc), producer)
    if isinstance(exc, CacheMiss):
        return Proposal(None, "infra_error", f"replay: {exc}", producer)
    return Proposal(None, "model_error", str(exc), producer)


def _keep(first: Proposal | None, later: Proposal) -> Proposal:
    """Which failure a sample keeps when the builder and then the fallback failed: a model
    outcome wins over a role that could not run at all (down, refusing, not in the replay)."""
    if first is None or first.status in NOT_MODEL or later.status not in NOT_MODEL:
        return later
    return Proposal(first.patch, first.status,
                    f"{first.detail}; then {later.producer} could not run: {later.detail}",
                    first.producer)


class CallLog:
    """Appends one JSON line per model call to calls.jsonl in the attempt folder (accounting),
    and the same call with what was sent and answered to transcript.jsonl (the report's
    transcript view; kept apart so accounting never reads the prompts)."""

    def __init__(self, path: Path):
        self.path = path
        self.transcript = path.with_name("transcript.jsonl")
        self._lock = threading.Lock()

    def add(self, record, sent: dict | None = None, answer: str | None = None) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = record.to_dict()
        with self._lock:
            with open(self.path, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(line, sort_keys=True) + "\n")
            if sent is not None:
                with open(self.transcript, "a", encoding="utf-8") as fh:
                    fh.write(json.dumps(line | {"sent": sent, "answer": answer},
                                        sort_keys=True) + "\n")


class _LoggingClient:
    """A ModelClient view that logs every call, failed ones included."""

    def __init__(self, client: ModelClient, log: CallLog, salt: str):
        self._client, self._log, self._salt = client, log, salt
        self.endpoint, self.name = client.endpoint, client.name

    def _logged(self, method, role: str, sent: dict, **kwargs):
        try:
            done = method(role, *sent.values(), salt=self._salt, **kwargs)
        except CallFailed as exc:
            self._log.add(exc.record, sent)
            raise
        self._log.add(done.record, sent, done.text)
        return done

    def chat(self, role: str, messages: list[dict], **kwargs):
        return self._logged(self._client.chat, role, {"messages": messages}, **kwargs)

    def complete(self, role: str, prompt: str, **kwargs):
        return self._logged(self._client.complete, role, {"prompt": prompt}, **kwargs)


def failure_report(previous: PreviousAttempt) -> str:
    """Compiler errors and failing tests of an attempt, trimmed, from its artifacts."""
    lines = [f"{previous.grade.status}: {previous.grade.detail}"]
    log_path = previous.attempt_dir / "build.log"
    log = log_path.read_text(errors="replace") if log_path.is_file() else ""
    errors = compiler_errors(log)
    lines += errors
    for test in failing_tests(previous.attempt_dir):
        lines.append(f"FAILED {test.name}: {test.message}")
    if len(lines) == 1 and log:
        lines.append(log[-FEEDBACK_LOG_CHARS:])
    return "\n".join(lines)[:FEEDBACK_LOG_CHARS]


class Pipeline:
    """judge plans, builder writes (FIM or a chat format), fallback takes over on failure."""

    def __init__(self, models: ModelsFile, suite: Suite, prompts: Prompts,
                 cache: ResponseCache | None = None):
        self.models, self.suite, self.prompts = models, suite, prompts
        self.clients = {role: ModelClient(name, models.endpoints[name], cache)
                        for role, name in models.roles.items()}

    @classmethod
    def from_config(cls, models: ModelsFile, suite: Suite, suite_path: Path) -> "Pipeline":
        override = (Path(suite_path).parent / suite.prompts_dir) if suite.prompts_dir else None
        return cls(models, suite, Prompts(override))

    def use_cache(self, cache: ResponseCache) -> None:
        for client in self.clients.values():
            client.cache = cache

    def cancel(self) -> None:
        """The run is stopping: refuse new calls and drop the ones in flight."""
        for client in self.clients.values():
            client.cancel()

    # -------------------------------------------------------------- Solver protocol
    def propose(self, task: Task, attempt: int, previous: PreviousAttempt | None,
                attempt_dir: Path) -> Proposal:
        sample = attempt_dir.parent.name
        log = CallLog(attempt_dir / "calls.jsonl")
        client = lambda role: _LoggingClient(self.clients[role], log,  # noqa: E731
                                             f"{task.id}/{sample}/{attempt}/{role}")
        try:
            plan = self._plan(task, attempt_dir, client("judge"))
            feedback = self._feedback(task, previous, attempt_dir, client("judge"))
        except (CallFailed, CacheMiss) as exc:
            return _call_failure(exc, "judge")
        job = BuildInput(task, plan, feedback, _previous_diff(previous), self.suite.temperature)
        roles = ["builder", "fallback"] if "fallback" in self.clients else ["builder"]
        if (self.suite.fallback_on_test_failure and "fallback" in self.clients
                and attempt == self.suite.max_attempts and attempt > 1):
            roles = ["fallback"]
        outcome: Proposal | None = None
        for role in roles:
            result = self._build(role, job, client(role), attempt_dir)
            if result.status == "ok":
                return result
            outcome = _keep(outcome, result)
        assert outcome is not None
        return outcome

    def _build(self, role: str, job: BuildInput, client, attempt_dir: Path) -> Proposal:
        producer = f"{role}:{client.endpoint.model}"
        try:
            result: BuildResult = Builder(role, client, self.prompts, attempt_dir).build(job)
        except (CallFailed, CacheMiss) as exc:
            return _call_failure(exc, producer)
        if result.status == "ok":
            return Proposal(result.patch, "ok", "", producer)
        # A patch that does not apply still goes to evaluation, which grades it patch_failed.
        return Proposal(result.patch, result.status, result.detail, producer)

    # -------------------------------------------------------------- judge
    def _plan(self, task: Task, attempt_dir: Path, judge) -> Plan | None:
        first = attempt_dir.parent / "attempt-1" / "plan.json"
        if first.is_file() and attempt_dir.name != "attempt-1":
            saved = json.loads(first.read_text())
            return _plan_from_dict(saved["plan"]) if saved.get("plan") else None
        root = task.repo
        files = context.read_repo(root)
        budget = judge.endpoint.context_window - judge.endpoint.max_tokens - 1500
        messages = self.prompts.messages(
            "plan.j2", instruction=task.instruction, tree=context.tree(files),
            editable=task.spec.editable,
            files=context.select(files, task.spec.editable, max(budget, 256)))
        try:
            done = judge.chat("judge", messages, temperature=0.0)
        except (EndpointDown, ContextExceeded) as exc:
            if isinstance(exc, EndpointDown) and not exc.timed_out:
                raise
            # A judge that reasons past its timeout, or cannot read the task, leaves the
            # attempt without a plan, as an unparseable plan does: the builder goes on alone.
            status = "timeout" if isinstance(exc, EndpointDown) else "context_exceeded"
            _write(attempt_dir / "plan.json", json.dumps(
                {"status": status, "error": str(exc), "plan": None}, indent=2))
            return None
        reasoning, answer = split_reasoning(done.text)
        record: dict = {"reasoning": reasoning, "answer": answer}
        try:
            plan = parse_plan(answer)
            record |= {"status": "ok", "plan": asdict(plan)}
        except PlanError as exc:  # the run goes on without a plan
            plan = None
            record |= {"status": "malformed_edit", "error": str(exc), "plan": None}
        _write(attempt_dir / "plan.json", json.dumps(record, indent=2))
        return plan

    def _feedback(self, task: Task, previous: PreviousAttempt | None, attempt_dir: Path,
                  judge) -> str | None:
        if previous is None:
            return None
        report = failure_report(previous)
        messages = self.prompts.messages(
            "feedback.j2", instruction=task.instruction, diff=_previous_diff(previous),
            status=previous.grade.status, errors=report)
        try:
            done = judge.chat("judge", messages, temperature=0.0)
        except (EndpointDown, ContextExceeded) as exc:
            if isinstance(exc, EndpointDown) and not exc.timed_out:
                raise
            _write(attempt_dir / "feedback.txt", report)  # the raw failure report stands in
            return report
        reasoning, answer = split_reasoning(done.text)
        feedback = answer.strip() or report
        _write(attempt_dir / "feedback.txt", feedback)
        if reasoning:
            _write(attempt_dir / "feedback-reasoning.txt", reasoning)
        return feedback

    # -------------------------------------------------------------- dry run, preflight
    def preview(self, task: Task) -> str:
        files = context.read_repo(task.repo)
        judge = self.clients["judge"].endpoint
        messages = self.prompts.messages(
            "plan.j2", instruction=task.instruction, tree=context.tree(files),
            editable=task.spec.editable,
            files=context.select(files, task.spec.editable, judge.context_window - judge.max_tokens))
        lines = [f"judge ({judge.model} @ {judge.base_url}) plan request:"]
        lines += [f"[{m['role']}] {m['content'][:1500]}" for m in messages]
        for role in ("builder", "fallback"):
            if role in self.clients:
                ep = self.clients[role].endpoint
                lines.append(f"{role}: {ep.model} @ {ep.base_url}, {ep.kind}, "
                             f"edit format {ep.effective_edit_format}")
        return "\n".join(lines)

    def preflight(self) -> list[str]:
        """One line per endpoint that does not answer GET /models."""
        problems = []
        for role, client in self.clients.items():
            try:
                client.list_models()
            except Exception as exc:
                problems.append(f"{role} endpoint '{client.name}' ({client.endpoint.base_url}) "
                                f"is not answering: {type(exc).__name__}")
        return problems


def _plan_from_dict(data: dict) -> Plan:
    from kateval.pipeline.plan import PlannedRegion

    return Plan(data["approach"], data.get("files", []),
                [PlannedRegion(**r) for r in data.get("regions", [])])


def _previous_diff(previous: PreviousAttempt | None) -> str:
    if previous is None:
        return ""
    path = previous.attempt_dir / "patch.diff"
    return path.read_text()[:6000] if path.is_file() else ""


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)

