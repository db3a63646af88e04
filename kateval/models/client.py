"""OpenAI-compatible client per endpoint: chat and text completions, retries, limits, accounting.

Runs are thread-based (each sample is a worker thread), so the per-endpoint concurrency limit is
a threading semaphore rather than an asyncio one; the effect on the server is the same.
"""

from __future__ import annotations

import os
import re
import threading
import time
from dataclasses import asdict, dataclass, field
from typing import Callable, ContextManager

import openai
from tenacity import (RetryCallState, Retrying, retry_if_exception, stop_after_attempt,
                      stop_after_delay, wait_random_exponential)

from kateval.config import Endpoint
from kateval.models import occupancy
from kateval.models.cache import ResponseCache


class CallFailed(Exception):
    """A model call failed; `record` is its accounting entry (with the error)."""

    def __init__(self, message: str, record: "CallRecord"):
        super().__init__(message)
        self.record = record


class EndpointDown(CallFailed):
    """The endpoint did not answer usefully after every retry (connection, timeout, 429, 5xx).
    `timed_out`: the last try ran out of its read timeout (the model was still generating)."""

    def __init__(self, message: str, record: "CallRecord", timed_out: bool = False):
        super().__init__(message, record)
        self.timed_out = timed_out


class ModelCallError(CallFailed):
    """The endpoint refused the request (a 4xx other than 429): retrying will not help.
    Outside a context-length refusal this is a configuration mistake (unknown model, bad
    parameter, bad key), and the run stops."""


class ContextExceeded(CallFailed):
    """The prompt does not fit the model's context window (the server said so, or kateval's
    estimate did before sending): a model outcome, `context_exceeded`."""


class Cancelled(Exception):
    """The run is stopping (Ctrl-C, SIGTERM): no new call is sent."""


_CONTEXT_REFUSAL = re.compile(
    r"context[ _-]?(length|window|size)|maximum (context|sequence) length|too many tokens|"
    r"prompt is too long|exceeds? the (available )?context|input is too long|"
    r"n_ctx|tokens? in the (prompt|messages)", re.IGNORECASE)


def is_context_refusal(exc: BaseException) -> bool:
    """A 400/413 whose message says the prompt does not fit the context window."""
    return (isinstance(exc, openai.APIStatusError) and exc.status_code in (400, 413, 422)
            and bool(_CONTEXT_REFUSAL.search(str(exc.message))))


@dataclass
class CallRecord:
    """One model call, as written to calls.jsonl. Never holds an API key."""

    role: str
    endpoint: str
    model: str
    kind: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_s: float = 0.0
    ttft_s: float | None = None
    tokens_per_s: float | None = None
    retries: int = 0
    error: str | None = None
    cached: bool = False
    finish_reason: str | None = None
    usage_estimated: bool = False

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Completion:
    text: str
    record: CallRecord
    extra: dict = field(default_factory=dict)


def _prompt_text(request: dict) -> str:
    return request.get("prompt") or "".join(m["content"] for m in request.get("messages", []))


def estimate_prompt_tokens(request: dict) -> int:
    """Rough prompt size (chars / 3.5) for servers that report no usage while streaming."""
    return int(len(_prompt_text(request)) / 3.5) + 1


# The pre-check refuses only what surely cannot fit: code tokenizes at 3 to 4.5 characters per
# token, so a prompt is refused unsent when even at 4.5 characters per token it overflows.
PRECHECK_CHARS_PER_TOKEN = 4.5


def decode_tokens_per_s(tokens: int, decode_s: float | None) -> float | None:
    """Generation speed: the tokens after the first over the time from the first token to the
    last. Needs a measured first token (streaming) and at least two tokens; else None."""
    if decode_s is None or tokens < 2 or decode_s <= 0:
        return None
    return round((tokens - 1) / decode_s, 2)


def is_retryable(exc: BaseException) -> bool:
    if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError)):
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code == 429 or exc.status_code >= 500
    return False


def _short(exc: BaseException) -> str:
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}: {str(exc.message)[:200]}"
    return f"{type(exc).__name__}: {str(exc)[:200]}"


# How an endpoint's concurrency limit is held: by default a semaphore of this process. Under a
# distributed executor every node's clients must share one limit, so it installs a factory
# (endpoint name, Endpoint) -> context manager that takes a slot of the cluster-wide limit.
_shared_limits: Callable[[str, Endpoint], ContextManager] | None = None


def use_shared_limits(factory: Callable[[str, Endpoint], ContextManager] | None) -> None:
    """Clients created after this call hold their endpoint's limit through `factory`."""
    global _shared_limits
    _shared_limits = factory


_limits: dict[tuple[str, int], threading.BoundedSemaphore] = {}
_limits_lock = threading.Lock()


def _process_limit(name: str, limit: int) -> threading.BoundedSemaphore:
    """One semaphore per endpoint in this process, whichever roles' clients share it."""
    with _limits_lock:
        return _limits.setdefault((name, limit), threading.BoundedSemaphore(limit))


class ModelClient:
    """Talks to one endpoint. Thread-safe; at most `max_concurrency` requests in flight."""

    def __init__(self, name: str, endpoint: Endpoint, cache: ResponseCache | None = None,
                 retry_wait_max_s: float = 20.0):
        self.name = name
        self.endpoint = endpoint
        self.cache = cache
        self.retry_wait_max_s = retry_wait_max_s
        self._slots = (_shared_limits(name, endpoint) if _shared_limits is not None
                       else _process_limit(name, endpoint.max_concurrency))
        self._cancelled = threading.Event()
        api_key = os.environ.get(endpoint.api_key_env, "") if endpoint.api_key_env else ""
        self._client = openai.OpenAI(base_url=endpoint.base_url, api_key=api_key or "EMPTY",
                                     timeout=openai.Timeout(endpoint.timeout_s, connect=10.0),
                                     max_retries=0)

    def chat(self, role: str, messages: list[dict], *, temperature: float,
             max_tokens: int | None = None, stop: list[str] | None = None,
             salt: str = "") -> Completion:
        """`salt` (task/sample/attempt) keeps the cache from giving every sample one answer."""
        request = {"model": self.endpoint.model, "messages": messages, "temperature": temperature,
                   "max_tokens": max_tokens or self.endpoint.max_tokens}
        if stop or self.endpoint.stop:
            request["stop"] = (stop or []) + self.endpoint.stop
        return self._call(role, "chat", request, salt)

    def complete(self, role: str, prompt: str, *, temperature: float,
                 max_tokens: int | None = None, stop: list[str] | None = None,
                 salt: str = "") -> Completion:
        request = {"model": self.endpoint.model, "prompt": prompt, "temperature": temperature,
                   "max_tokens": max_tokens or self.endpoint.max_tokens}
        if stop or self.endpoint.stop:
            request["stop"] = (stop or []) + self.endpoint.stop
        return self._call(role, "completion", request, salt)

    def list_models(self) -> list[str]:
        return [m.id for m in self._client.models.list().data]

    def cancel(self) -> None:
        """Refuse every new call and close the connections of the calls in flight."""
        self._cancelled.set()
        try:
            self._client.close()
        except Exception:  # closing is best effort; the run is stopping anyway
            pass

    def _precheck(self, role: str, request: dict, record: CallRecord) -> None:
        chars = len(_prompt_text(request))
        floor = int(chars / PRECHECK_CHARS_PER_TOKEN)
        if floor > self.endpoint.context_window:
            record.error = (f"prompt of {chars} characters (at least {floor} tokens) exceeds "
                            f"context_window {self.endpoint.context_window}; not sent")
            record.prompt_tokens = floor
            raise ContextExceeded(f"{role} endpoint '{self.name}': {record.error}", record)

    def _call(self, role: str, kind: str, request: dict, salt: str) -> Completion:
        record = CallRecord(role=role, endpoint=self.name, model=self.endpoint.model, kind=kind)
        key = ResponseCache.key(self.endpoint.base_url, kind, request | {"_salt": salt})
        if self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None:
                record = CallRecord(**(hit["record"] | {"cached": True, "retries": 0}))
                return Completion(hit["text"], record)
        if self._cancelled.is_set():
            raise Cancelled(f"{role} call to '{self.name}' not sent: the run is stopping")
        self._precheck(role, request, record)
        attempts = {"n": 0}

        def count(state: RetryCallState) -> None:
            attempts["n"] = state.attempt_number

        retrying = Retrying(
            retry=retry_if_exception(is_retryable), reraise=True, before_sleep=count,
            stop=stop_after_attempt(self.endpoint.max_retries + 1)
            | stop_after_delay(self.endpoint.max_retry_time_s),
            wait=wait_random_exponential(multiplier=0.5, max=self.retry_wait_max_s))
        start = time.monotonic()
        try:
            with occupancy.of(self.name, self.endpoint.max_concurrency).hold(self._slots):
                text, usage, ttft, finish, decode_s = retrying(self._send, kind, request)
        except Exception as exc:
            record.retries = attempts["n"]
            record.latency_s = round(time.monotonic() - start, 4)
            record.error = _short(exc)
            if self._cancelled.is_set():
                raise Cancelled(f"{role} call to '{self.name}' cancelled: the run is stopping") \
                    from exc
            if is_context_refusal(exc):
                raise ContextExceeded(f"{role} endpoint '{self.name}' refused the prompt as too "
                                      f"long for its context: {record.error}", record) from exc
            if is_retryable(exc):
                raise EndpointDown(f"{role} endpoint '{self.name}' ({self.endpoint.base_url}) "
                                   f"failed after {attempts['n']} retries: {record.error}",
                                   record, isinstance(exc, openai.APITimeoutError)) from exc
            raise ModelCallError(f"{role} endpoint '{self.name}' ({self.endpoint.base_url}, "
                                 f"model {self.endpoint.model}) refused the request: "
                                 f"{record.error}", record) from exc
        record.retries = attempts["n"]
        record.latency_s = round(time.monotonic() - start, 4)
        record.prompt_tokens, record.completion_tokens, record.usage_estimated = usage
        record.ttft_s = ttft
        record.finish_reason = finish
        record.tokens_per_s = decode_tokens_per_s(record.completion_tokens, decode_s)
        if self.cache is not None:
            self.cache.put(key, {"text": text, "record": record.to_dict()})
        return Completion(text, record)

    def _send(self, kind: str, request: dict):
        """(text, (prompt, completion, estimated), ttft_s, finish_reason, decode_s)."""
        if self.endpoint.stream:
            return self._send_stream(kind, request)
        if kind == "chat":
            resp = self._client.chat.completions.create(**request)
            choice = resp.choices[0]
            text, finish = choice.message.content or "", choice.finish_reason
        else:
            resp = self._client.completions.create(**request)
            text, finish = resp.choices[0].text or "", resp.choices[0].finish_reason
        usage = ((resp.usage.prompt_tokens, resp.usage.completion_tokens, False) if resp.usage
                 else (estimate_prompt_tokens(request), len(text.split()), True))
        return text, usage, None, finish, None

    def _send_stream(self, kind: str, request: dict):
        start = time.monotonic()
        create = (self._client.chat.completions.create if kind == "chat"
                  else self._client.completions.create)
        stream = create(**request, stream=True, stream_options={"include_usage": True})
        parts, first, last, usage, finish = [], None, None, None, None
        for chunk in stream:
            if getattr(chunk, "usage", None):
                usage = (chunk.usage.prompt_tokens, chunk.usage.completion_tokens, False)
            for choice in chunk.choices or []:
                piece = choice.delta.content if kind == "chat" else choice.text
                if piece:
                    last = time.monotonic()
                    first = first if first is not None else last
                    parts.append(piece)
                # The last finish_reason a server sends is the one that holds (stop, length).
                finish = getattr(choice, "finish_reason", None) or finish
        if usage is None:  # servers such as llama.cpp send no usage chunk when streaming
            usage = (estimate_prompt_tokens(request), len(parts), True)  # ~a token per chunk
        ttft = None if first is None else round(first - start, 4)
        decode_s = None if first is None or last is None else last - first
        return "".join(parts), usage, ttft, finish, decode_s
