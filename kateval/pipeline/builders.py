"""A builder turns a task (+ plan, + feedback) into a patch, in one edit format.

It edits a scratch git work tree of the task and lets git make the diff, so every edit format
ends as the same kind of unified diff.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kateval import workspace
from kateval.config import Endpoint
from kateval.edits import chat, fim
from kateval.models.client import ModelClient
import kateval.pipeline.context as context
from kateval.pipeline.plan import Plan, split_reasoning
from kateval.pipeline.prompts import Prompts
from kateval.tasks import Task


@dataclass(frozen=True)
class BuildResult:
    status: str  # ok | malformed_edit | patch_failed
    patch: str | None
    detail: str = ""


@dataclass(frozen=True)
class BuildInput:
    task: Task
    plan: Plan | None
    feedback: str | None
    previous_diff: str
    temperature: float


FIM_STOPS = ("<|endoftext|>", "<filename>", "<fim_prefix>", "<fim_suffix>", "<fim_middle>")


def _current_bodies(root: Path, regions: list[fim.Region]) -> list[dict]:
    """The current body of every planned function to rewrite (TODO() calls have none): the FIM
    prompt leaves the region out, so without this the model never sees the code it fixes."""
    out = []
    for region in regions:
        text = (root / region.path).read_text()
        body = text[region.start:region.end]
        if "TODO(" not in body and body.strip():
            out.append({"function": region.label, "file": region.path,
                        "body": _dedent(body.strip("\n"))})
    return out


def _dedent(text: str) -> str:
    import textwrap

    return textwrap.dedent(text)


def _plan_text(plan: Plan | None) -> str:
    if plan is None:
        return ""
    regions = "; ".join(f"{r.action} {r.function} in {r.file}" for r in plan.regions)
    return plan.approach + (f"\nRegions: {regions}" if regions else "")


class Builder:
    def __init__(self, role: str, client: ModelClient, prompts: Prompts, out_dir: Path):
        self.role = role
        self.client = client
        self.endpoint: Endpoint = client.endpoint
        self.prompts = prompts
        self.out_dir = out_dir

    def build(self, job: BuildInput) -> BuildResult:
        scratch = Path(tempfile.mkdtemp(prefix="kateval-build-"))
        try:
            repo = workspace.create(job.task, scratch / "w")
            root = Path(repo.working_tree_dir)
            fmt = self.endpoint.effective_edit_format
            try:
                if fmt == "fim":
                    self._fill(job, root)
                elif fmt == "udiff":
                    return self._udiff(job, root, repo)
                else:
                    self._chat_files(job, root, fmt)
            except chat.MalformedEdit as exc:
                return BuildResult("malformed_edit", None, f"{self.role}: {exc}")
            patch = workspace.diff(repo)
            if not patch:
                return BuildResult("malformed_edit", None, f"{self.role}: the edit changed nothing")
            rejected = workspace.outside_editable(workspace.changed_files(repo),
                                                  job.task.spec.editable)
            if rejected:
                return BuildResult("patch_failed", patch,
                                   f"{self.role}: edits outside editable files: {rejected}")
            return BuildResult("ok", patch)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    # ------------------------------------------------------------ chat formats
    def _chat_answer(self, job: BuildInput, root: Path, fmt: str) -> str:
        files = context.read_repo(root)
        budget = self.endpoint.context_window - self.endpoint.max_tokens - 1200
        messages = self.prompts.messages(
            f"edit_{fmt}.j2", instruction=job.task.instruction, plan=_plan_text(job.plan),
            feedback=job.feedback or "", previous_diff=job.previous_diff,
            tree=context.tree(files), editable=job.task.spec.editable,
            files=context.select(files, job.task.spec.editable, max(budget, 256)))
        done = self.client.chat(self.role, messages, temperature=job.temperature)
        _, answer = split_reasoning(done.text)
        self._save("answer.md", done.text)
        if not answer.strip():
            raise chat.MalformedEdit("empty answer")
        return answer

    def _udiff(self, job: BuildInput, root: Path, repo) -> BuildResult:
        try:
            patch = chat.extract_udiff(self._chat_answer(job, root, "udiff"))
        except chat.MalformedEdit as exc:
            return BuildResult("malformed_edit", None, f"{self.role}: {exc}")
        applied = workspace.apply_patch(repo, patch, job.task.spec.editable)
        if not applied.ok:
            return BuildResult("patch_failed", patch, f"{self.role}: the diff does not apply")
        return BuildResult("ok", workspace.diff(repo))

    def _chat_files(self, job: BuildInput, root: Path, fmt: str) -> None:
        answer = self._chat_answer(job, root, fmt)
        current = {f.path: f.text for f in context.read_repo(root)}
        if fmt == "search-replace":
            new = chat.apply_search_replace(current, chat.parse_search_replace(answer))
        else:
            editable = [p for p in current if context.is_editable(p, job.task.spec.editable)]
            new = chat.parse_whole_files(answer, editable)
        for rel, text in new.items():
            target = (root / rel).resolve()
            if not target.is_relative_to(root.resolve()):
                raise chat.MalformedEdit(f"path escapes the repository: {rel}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)

    # ------------------------------------------------------------ fill in the middle
    def _regions(self, job: BuildInput, root: Path) -> list[fim.Region]:
        regions: list[fim.Region] = []
        for f in context.read_repo(root):
            if f.path.endswith(".kt") and context.is_editable(f.path, job.task.spec.editable):
                regions += fim.find_todo_regions(f.path, f.text)
        for planned in (job.plan.regions if job.plan else []):
            path = root / planned.file
            if not path.is_file() or not context.is_editable(planned.file, job.task.spec.editable):
                continue
            region = fim.find_function_region(planned.file, path.read_text(), planned.function)
            overlaps = any(r.path == planned.file and r.start < region.end and region.start < r.end
                           for r in regions) if region else True
            if region and not overlaps:
                regions.append(region)
        return regions

    def _fill(self, job: BuildInput, root: Path) -> None:
        regions = self._regions(job, root)
        if not regions:
            raise chat.MalformedEdit("no TODO() bodies or planned functions to fill")
        rewrites = _current_bodies(root, regions)
        header = self.prompts.render("fim_feedback.j2", instruction=job.task.instruction,
                                     plan=_plan_text(job.plan), feedback=job.feedback or "",
                                     rewrites=rewrites)
        fills = []
        # Regions never overlap; filling each file from its last region backwards keeps the
        # offsets of the earlier ones valid, and each prompt shows the fills made so far.
        for region in sorted(regions, key=lambda r: (r.path, -r.start)):
            text = (root / region.path).read_text()
            middle, raw = self._complete(job, root, region, text, header)
            fills.append({"file": region.path, "region": region.label, "kind": region.kind,
                          "raw": raw, "spliced": middle})
            (root / region.path).write_text(fim.splice(text, region, middle))
        self._save("fim.json", json.dumps(fills, indent=2))

    def _complete(self, job: BuildInput, root: Path, region: fim.Region, text: str,
                  header: str) -> tuple[str, str]:
        prefix, suffix = text[: region.start], text[region.end:]
        budget = (self.endpoint.context_window - self.endpoint.max_tokens
                  - context.estimate_tokens(prefix + suffix + header))
        others = context.select(context.read_repo(root), job.task.spec.editable,
                                max(budget, 0), exclude={region.path})
        ctx = [context.RepoFile("KATEVAL_TASK.kt", header)] + (others if budget > 0 else [])
        prompt = Prompts.from_string(self.endpoint.fim_template, prefix=prefix,
                                     suffix=suffix, context_files=ctx, path=region.path)
        done = self.client.complete(self.role, prompt, temperature=job.temperature,
                                    stop=list(FIM_STOPS))
        where = f"{region.label} in {region.path}"
        if done.record.finish_reason == "length":
            self._save("fim-truncated.txt", done.text)
            raise chat.MalformedEdit(f"completion for {where} was cut at max_tokens "
                                     f"({self.endpoint.max_tokens}): finish_reason=length")
        middle = fim.trim_completion(done.text, region, suffix)
        if not middle.strip():
            raise chat.MalformedEdit(f"empty completion for {where}")
        return middle, done.text

    def _save(self, name: str, text: str) -> None:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        (self.out_dir / f"{self.role}-{name}").write_text(text)
