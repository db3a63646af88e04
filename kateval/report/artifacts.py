"""What the report shows of each sample, read from its attempt folders: the prompts sent to each
role and the raw answers (transcript.jsonl), the plan, the feedback turns, each attempt's diff,
compiler errors, failing tests and trimmed log, and per-call tokens, latency and cost.

Everything here is model output or derived from it, so it is read bounded (a file is read at
most FILE_LIMIT bytes, without following symlinks) and every long text is a `Clip`, which the
page cuts to its budget (see `Clips.fit`). Escaping is the templates' job (autoescape).
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from kateval.compare import call_cost
from kateval.pipeline.plan import split_reasoning
from kateval.toolchains.kmp import compiler_errors

FILE_LIMIT = 4 << 20  # bytes read of any one artifact; transcripts get more
TRANSCRIPT_LIMIT = 16 << 20
FAILING_TESTS_SHOWN = 30
LOG_CAP = 5000  # characters of a build log shown, its start and its end
ANSWER_FILES = ("*-answer.md", "*-fim.json", "*-fim-truncated.txt")


def trim(text: str, head: int, tail: int) -> str:
    """Keep the start and the end of a long text, saying how much was left out."""
    if len(text) <= head + tail:
        return text
    return (f"{text[:head]}\n... [{len(text) - head - tail} characters trimmed; the full text "
            f"is in the run folder] ...\n{text[len(text) - tail:]}")


@dataclass
class Clip:
    """A long text the page shows, cut (head and tail kept) to its own cap and to the page's
    budget once that is known."""

    full: str
    cap: int | None = None  # logs are cut however much room the page has: what matters is
    tail_heavy: bool = False  # their ends (build errors come first, test failures last)
    shown: str = ""

    def __post_init__(self) -> None:
        self.shown = self.full
        if self.cap is not None:
            self.cut_to(self.cap)

    def cut_to(self, limit: int) -> None:
        limit = min(limit, self.cap or limit)
        head = limit * 3 // 10 if self.tail_heavy else limit * 2 // 3
        self.shown = trim(self.full, head, limit - head)

    @property
    def cut(self) -> bool:
        return self.shown != self.full


@dataclass
class Clips:
    """Every Clip of a page, so that one budget bounds them all."""

    items: list[Clip] = field(default_factory=list)

    def __call__(self, text: str | None, *, cap: int | None = None,
                 tail_heavy: bool = False) -> Clip | None:
        if text is None:
            return None
        clip = Clip(text, cap, tail_heavy)
        self.items.append(clip)
        return clip

    def fit(self, budget: int, floor: int = 1500) -> int:
        """Cut every text longer than one limit, the largest that keeps the total within
        `budget` characters (never below `floor`); returns the limit chosen."""
        sizes = sorted(min(len(c.full), c.cap or len(c.full)) for c in self.items)
        limit, spent = sizes[-1] if sizes else 0, 0
        for i, size in enumerate(sizes):  # water-filling: short texts stay whole
            share = (budget - spent) // (len(sizes) - i)
            if size > share:
                limit = share
                break
            spent += size
        limit = max(limit, floor)
        for clip in self.items:
            if len(clip.shown) > limit:
                clip.cut_to(limit)
        return limit


def read_bounded(path: Path, limit: int = FILE_LIMIT) -> str | None:
    """A regular file's text, at most `limit` bytes of it (head and tail); None when it is
    missing, a symlink, not a regular file (a FIFO would block) or unreadable."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None
        if info.st_size <= limit:
            data = fh.read(limit)
        else:
            data = fh.read(limit // 4)
            fh.seek(info.st_size - (limit - limit // 4))
            data += (f"\n... [{info.st_size - limit} bytes not read] ...\n".encode()
                     + fh.read(limit - limit // 4))
    return data.decode("utf-8", errors="replace")


def read_json(path: Path, limit: int = FILE_LIMIT) -> dict | list | None:
    text = read_bounded(path, limit)
    try:
        return json.loads(text) if text else None
    except json.JSONDecodeError:
        return None


def _jsonl(path: Path, limit: int) -> list[dict]:
    out = []
    for line in (read_bounded(path, limit) or "").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:  # a torn line, or the cut of an oversized file
            continue
        if isinstance(record, dict):
            out.append(record)
    return out


def _answer(clips: Clips, text: object) -> tuple[Clip | None, Clip | None]:
    """(reasoning, answer) of a raw answer: the part before the last </think> is reasoning."""
    if not isinstance(text, str):
        return None, None
    reasoning, answer = split_reasoning(text)
    return clips(reasoning or None), clips(answer)


def _sent(clips: Clips, sent: object) -> dict:
    """What was sent: chat messages (role, content) or one completion prompt (FIM)."""
    if not isinstance(sent, dict):
        return {"messages": [], "prompt": None}
    messages = [{"role": str(m.get("role", "?")), "content": clips(str(m.get("content", "")))}
                for m in sent.get("messages") or [] if isinstance(m, dict)]
    prompt = sent.get("prompt")
    return {"messages": messages, "prompt": clips(prompt) if isinstance(prompt, str) else None}


CALL_FIELDS = ("role", "model", "endpoint", "kind", "prompt_tokens", "completion_tokens",
               "latency_s", "ttft_s", "tokens_per_s", "retries", "error", "cached",
               "finish_reason", "usage_estimated")


def _calls(folder: Path, clips: Clips, prices: dict) -> tuple[list[dict], bool]:
    """The attempt's model calls, with prompts and answers when transcript.jsonl holds them
    (runs before it only have calls.jsonl's accounting); True when prompts were recorded."""
    transcript = _jsonl(folder / "transcript.jsonl", TRANSCRIPT_LIMIT)
    records = transcript or _jsonl(folder / "calls.jsonl", FILE_LIMIT)
    calls = []
    for record in records:
        call = {key: record.get(key) for key in CALL_FIELDS}
        call["cost"] = None if record.get("cached") else call_cost(record, prices)
        call |= _sent(clips, record.get("sent"))
        call["reasoning"], call["answer"] = _answer(clips, record.get("answer"))
        calls.append(call)
    return calls, bool(transcript)


def _plan(folder: Path, clips: Clips) -> dict | None:
    data = read_json(folder / "plan.json")
    if not isinstance(data, dict):
        return None
    plan = data.get("plan") if isinstance(data.get("plan"), dict) else {}
    regions = [r for r in plan.get("regions") or [] if isinstance(r, dict)]
    return {"status": data.get("status"), "error": data.get("error"),
            "approach": clips(str(plan["approach"])) if plan.get("approach") else None,
            "files": [str(f) for f in plan.get("files") or []],
            "regions": [{k: str(r.get(k, "")) for k in ("action", "function", "file")}
                        for r in regions],
            "reasoning": clips(data.get("reasoning") or None)}


def _answer_files(folder: Path, clips: Clips) -> list[dict]:
    """Raw answers as the builders saved them, for runs whose prompts were not recorded."""
    paths = sorted({p for pattern in ANSWER_FILES for p in folder.glob(pattern)})
    return [{"name": p.name, "text": clips(read_bounded(p))} for p in paths
            if not p.is_symlink()]


def _failing(result: dict) -> list[dict]:
    tests = [t for t in result.get("tests") or [] if isinstance(t, dict)
             and t.get("outcome") in ("failed", "error")]
    return [{"name": str(t.get("name", "?")), "outcome": t.get("outcome"),
             "message": str(t.get("message") or "")[:2000]} for t in tests[:FAILING_TESTS_SHOWN]]


def attempt_view(folder: Path, record: dict, clips: Clips, prices: dict) -> dict:
    """One attempt: what the models were asked and answered, and what became of the patch."""
    result = read_json(folder / "result.json")
    result = result if isinstance(result, dict) else {}
    extra = read_json(folder / "edit.json") or read_json(folder / "infra.json") or {}
    log = read_bounded(folder / "build.log")
    calls, recorded = _calls(folder, clips, prices)
    feedback = read_bounded(folder / "feedback.txt")
    return {
        "attempt": record.get("attempt"), "status": record.get("status", "?"),
        "detail": record.get("detail", ""), "producer": record.get("producer", ""),
        "duration_s": record.get("duration_s"),
        "plan": _plan(folder, clips), "calls": calls, "prompts_recorded": recorded,
        "answer_files": [] if recorded else _answer_files(folder, clips),
        "feedback": clips(feedback), "feedback_reasoning": clips(
            read_bounded(folder / "feedback-reasoning.txt")),
        "diff": clips(read_bounded(folder / "patch.diff")),
        "compiler_errors": compiler_errors(log) if log else [],
        "failing_tests": _failing(result), "total_tests": len(result.get("tests") or []),
        "log": clips(log, cap=LOG_CAP, tail_heavy=True),
        "error": (extra.get("error") or (extra.get("detail") if extra.get("status") else None))
        if isinstance(extra, dict) else None,
    }


def sample_totals(attempts: list[dict]) -> dict:
    """Tokens, model seconds and cost over a sample's calls (cost None when none is priced)."""
    calls = [c for a in attempts for c in a["calls"]]
    costs = [c["cost"] for c in calls if c["cost"] is not None]
    return {"calls": len(calls),
            "prompt_tokens": sum(c["prompt_tokens"] or 0 for c in calls),
            "completion_tokens": sum(c["completion_tokens"] or 0 for c in calls),
            "latency_s": sum(c["latency_s"] or 0 for c in calls),
            "cost": sum(costs) if costs else None}
