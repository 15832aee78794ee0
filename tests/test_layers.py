"""scripts/test's layers: --fast runs the static layer and a scenario for each role, and nothing
that needs the platform; the whole suite runs every molecule scenario, once."""

from __future__ import annotations

import re
import subprocess

from conftest import PROJECT

# Roles that serve the platform; docker_platform makes the test hosts of every scenario, and
# common holds what the others share (each role scenario runs it).
PLATFORM_ROLES = sorted(path.name for path in (PROJECT / "roles").iterdir()
                        if path.name not in {"common", "docker_platform"})
SCENARIOS = sorted(path.parent.name for path in (PROJECT / "molecule").glob("*/molecule.yml"))


def listed(*args: str) -> list[tuple[str, str, str]]:
    """(layer, part, command) of each part scripts/test would run with args."""
    result = subprocess.run([str(PROJECT / "scripts/test"), *args, "--list"], capture_output=True, text=True,
                            check=True, cwd=PROJECT)
    return [re.fullmatch(r"(\S+) (\S+): (.*)", line).groups() for line in result.stdout.splitlines()]


def scenarios_of(parts) -> list[str]:
    return [match.group(1) for *_, command in parts
            for match in [re.fullmatch(r"molecule test -s (\S+)( --destroy=never)?", command)] if match]


def test_fast_is_the_static_layer_and_one_scenario_per_role():
    parts = listed("--fast")
    assert {layer for layer, _, _ in parts} == {"static", "roles"}, parts
    assert sorted(scenarios_of(parts)) == sorted(f"role_{role}" for role in PLATFORM_ROLES), parts
    assert {"yamllint", "ansible-lint", "syntax", "pytest", "collection-gates"} <= {part for _, part, _ in parts}


def test_the_whole_suite_runs_every_scenario_once():
    parts = listed()
    assert sorted(scenarios_of(parts)) == SCENARIOS, parts
    assert {layer for layer, _, _ in parts} == {"static", "roles", "platform"}, parts
    assert sorted(scenarios_of(parts)) == sorted(scenarios_of(listed("static", "roles", "platform"))), parts


def test_the_shared_hosts_are_made_fresh_first_and_removed_last():
    for args in [(), ("platform",)]:
        commands = [command for layer, _, command in listed(*args)]
        chained = [index for index, command in enumerate(commands) if command.endswith("--destroy=never")]
        assert commands[0] == "molecule destroy -s default", commands
        assert commands[chained[-1] + 1].startswith("molecule destroy -s "), commands
    # The whole suite makes them before anything else runs: that builds the images once.
    commands = [command for layer, _, command in listed()]
    assert commands[1] == "molecule create -s default", commands
