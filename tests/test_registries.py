"""Each seam's registry (name -> implementation) and the config's Literal name the same set,
so adding a sandbox, toolchain or executor means editing one place and the Literal."""

from __future__ import annotations

from typing import get_args

from kateval.config import Suite
from kateval.executors import EXECUTORS
from kateval.sandbox.factory import SANDBOXES
from kateval.toolchains import TOOLCHAINS, registry


def _literal(field: str) -> tuple[str, ...]:
    return get_args(Suite.model_fields[field].annotation)


def test_toolchains_registry_matches_the_suite_literal():
    assert tuple(registry.FACTORIES) == TOOLCHAINS == _literal("toolchain")
    assert Suite.model_fields["toolchain"].default == TOOLCHAINS[0]


def test_sandboxes_and_executors_match_the_suite_literals():
    assert SANDBOXES == _literal("sandbox")
    assert EXECUTORS == _literal("executor")
