"""`kateval sandbox build` and `kateval sandbox prune`."""

from __future__ import annotations

from rich.console import Console

from kateval.sandbox import image as images
from kateval.sandbox.docker import RUN_LABEL, orphaned_containers


def build_command(console: Console, force: bool) -> None:
    """Build the kotlin-jvm image for the host's toolchain, or say that it is up to date."""
    client = images.connect(timeout=600)
    inputs = images.image_inputs()
    tag, built = images.build(client, inputs, force=force,
                              log=lambda line: console.print(line, markup=False, highlight=False))
    if built:
        console.print(f"built {tag}")
    else:
        console.print(f"{tag} is up to date (its inputs are unchanged); --force rebuilds it")


def prune_command(console: Console) -> None:
    """Remove the containers of runs whose kateval process is gone (crashed or killed)."""
    client = images.connect()
    orphans = orphaned_containers(client)
    for container in orphans:
        container.remove(force=True)
        console.print(f"removed {container.name} (run {container.labels.get(RUN_LABEL, '?')})")
    live = len(client.containers.list(all=True, filters={"label": RUN_LABEL}))
    console.print(f"pruned {len(orphans)} container(s); {live} belong to runs still going")
