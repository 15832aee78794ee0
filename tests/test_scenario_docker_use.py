"""The scenarios read the hosts through Ansible (the inventory's connection), so that their checks
run on SSH hosts as on containers: no `docker exec` anywhere in molecule/. docker is left for faults
injected from outside a host and for what only the docker host knows, and the README counts them."""

from __future__ import annotations

import re
from collections import Counter

import yaml

from conftest import PROJECT

FAULTS = {"stop", "start", "pause", "unpause", "restart", "kill"}
DOCKER_HOST_KNOWS = {"inspect", "ps", "run", "network"}


def docker_commands() -> Counter:
    """(scenario, verb) of every docker command the scenarios' YAML holds: argv lists that start with
    docker, and docker in command strings."""
    found: Counter = Counter()

    def walk(node, scenario):
        if isinstance(node, list):
            if len(node) > 1 and node[0] == "docker" and isinstance(node[1], str):
                found[(scenario, node[1])] += 1
            for item in node:
                walk(item, scenario)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value, scenario)
        elif isinstance(node, str):
            for verb in re.findall(r"(?<![\w-])docker (exec|cp|rm|commit|" + "|".join(FAULTS | DOCKER_HOST_KNOWS)
                                   + r")\b", node):
                found[(scenario, verb)] += 1

    for path in (PROJECT / "molecule").rglob("*.yml"):
        if "project" in path.parts or path.is_symlink():
            continue
        scenario = path.relative_to(PROJECT / "molecule").parts[0]
        walk(yaml.safe_load(path.read_text()), scenario)
    return found


def test_no_scenario_reads_a_host_with_docker_exec():
    commands = docker_commands()
    assert not [key for key in commands if key[1] == "exec"], commands
    assert {verb for _, verb in commands} <= FAULTS | DOCKER_HOST_KNOWS, commands


def test_the_tests_doc_counts_the_docker_commands():
    commands = docker_commands()
    faults = sum(count for (_, verb), count in commands.items() if verb in FAULTS)
    known = sum(count for (_, verb), count in commands.items() if verb in DOCKER_HOST_KNOWS)
    text = " ".join((PROJECT / "docs/tests.md").read_text().split())
    assert f"{faults} docker commands inject faults" in text, (faults, commands)
    assert f"{known} ask the docker host" in text, (known, commands)
