"""Command-line overrides of a suite and of models.yaml (`kateval run --task/--limit/--samples/
--max-samples/--build-slots/--role`): one place that maps each flag to the config field it changes.

An override changes the run's config snapshot (run.json's `config`): the effective suite and
models, plus `config.overrides`, the flags as given. Resuming a run with other overrides is
"a different config", named by field.
"""

from __future__ import annotations

import fnmatch
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

from kateval.config import ModelsFile, Role, Suite
from kateval.errors import ConfigError
from kateval.tasks import Task

ROLES: tuple[str, ...] = get_args(Role)

# The run's budgets (kateval/budgets.py): flag attribute -> Suite field.
BUDGETS: dict[str, str] = {"max_samples": "max_samples", "build_slots": "build_slots"}


@dataclass(frozen=True)
class Overrides:
    """What the command line changes; empty fields change nothing."""

    tasks: tuple[str, ...] = ()
    """--task GLOB: only the suite's tasks that match one of these globs."""
    limit: int | None = None
    """--limit N: only the first N of the selected tasks."""
    samples: int | None = None
    """--samples N: samples per task (pass@k above N is left out)."""
    max_samples: int | None = None
    """--max-samples N: samples in flight (most wait on endpoints)."""
    build_slots: int | None = None
    """--build-slots N: samples building and testing at once."""
    roles: tuple[str, ...] = ()
    """--role ROLE=ENDPOINT: which models.yaml endpoint plays a role."""

    def record(self) -> dict:
        """The overrides as given, for run.json (only those that were given)."""
        given = {"task": list(self.tasks), "limit": self.limit, "samples": self.samples,
                 **{flag: getattr(self, flag) for flag in BUDGETS},
                 "role": dict(sorted(parse_roles(self.roles).items()))}
        return {k: v for k, v in given.items() if v not in (None, [], {})}

    def argv(self) -> list[str]:
        """The same overrides as command-line arguments (the resume hint)."""
        args = [a for glob in self.tasks for a in ("--task", glob)]
        for flag in ("limit", "samples", *BUDGETS):
            if getattr(self, flag) is not None:
                args += [f"--{flag.replace('_', '-')}", str(getattr(self, flag))]
        return args + [a for role in self.roles for a in ("--role", role)]

    def apply_suite(self, suite: Suite, suite_path: Path, tasks: list[Task]
                    ) -> tuple[Suite, list[Task], list[str]]:
        """The effective suite and tasks, and notes for the user (e.g. a pass@k left out)."""
        chosen = select(tasks, self.tasks, suite.name, suite_path)
        if self.limit is not None:
            chosen = chosen[:self.limit]
        update: dict = {suite_field: getattr(self, flag) for flag, suite_field in BUDGETS.items()
                        if getattr(self, flag) is not None}
        if self.tasks or self.limit is not None:
            update["tasks"] = [t.id for t in chosen]
        notes = []
        if self.samples is not None:
            kept = [k for k in suite.k if k <= self.samples] or [1]
            dropped = [k for k in suite.k if k not in kept]
            if dropped:
                notes.append(f"--samples {self.samples}: pass@{', pass@'.join(map(str, dropped))}"
                             f" left out (needs more samples)")
            update |= {"samples": self.samples, "k": kept}
        return suite.model_copy(update=update), chosen, notes

    def apply_models(self, models: ModelsFile, path: Path) -> ModelsFile:
        if not self.roles:
            return models
        roles = parse_roles(self.roles)
        for role, endpoint in roles.items():
            if endpoint not in models.endpoints:
                raise ConfigError(f"--role {role}={endpoint}: {path} has no endpoint "
                                  f"'{endpoint}' (endpoints: {', '.join(sorted(models.endpoints))})")
        return models.model_copy(update={"roles": {**models.roles, **roles}})


def select(tasks: list[Task], globs: tuple[str, ...], suite: str, path: Path) -> list[Task]:
    """The tasks (in suite order) whose id matches one of the globs; every glob must match."""
    if not globs:
        return list(tasks)
    ids = [t.id for t in tasks]
    for glob in globs:
        if not fnmatch.filter(ids, glob):
            shown = ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")
            raise ConfigError(f"--task {glob}: matches none of the {len(ids)} tasks of suite "
                              f"{suite} ({path}): {shown}")
    return [t for t in tasks if any(fnmatch.fnmatchcase(t.id, g) for g in globs)]


def parse_roles(values: tuple[str, ...] | list[str]) -> dict[str, str]:
    """'builder=mellum' -> {'builder': 'mellum'}; a one-line ConfigError for anything else."""
    roles: dict[str, str] = {}
    for value in values:
        role, sep, endpoint = value.partition("=")
        role, endpoint = role.strip(), endpoint.strip()
        if not sep or not role or not endpoint:
            raise ConfigError(f"--role {value}: write ROLE=ENDPOINT, e.g. --role builder=mellum "
                              f"(roles: {', '.join(ROLES)}; endpoints: names in models.yaml)")
        if role not in ROLES:
            raise ConfigError(f"--role {value}: unknown role '{role}' (roles: {', '.join(ROLES)})")
        if role in roles and roles[role] != endpoint:
            raise ConfigError(f"--role {value}: role '{role}' is already given as "
                              f"{role}={roles[role]}; give each role once")
        roles[role] = endpoint
    return roles


def quote(args: list[str]) -> str:
    return " ".join(shlex.quote(a) for a in args)
