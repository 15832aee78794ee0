"""Every command the README and docs/ show is run by a test as written.

A command of a ```sh block is found where a test runs it: an ansible-playbook command in a
molecule scenario that runs the same playbook with the same arguments (on the scenario's
inventory, laid out like the one the command names: test_project_inventories_share_group_vars),
any other command verbatim in a line (not a comment) of a test, a scenario or a script of the
tests; the commands of docs/collection.md are read from it and run by tests/test_collection.py.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT
from test_collection import readme_collection_commands

DOCS = [PROJECT / "README.md", *sorted((PROJECT / "docs").glob("*.md"))]
# Where the tests run commands: pytest, the scenarios, the stages of scripts/test.
TEST_SOURCES = [*(PROJECT / "tests").glob("*.py"), *(PROJECT / "molecule").rglob("*.yml"), PROJECT / "tests/front_door",
                PROJECT / "scripts/test", PROJECT / ".ci/run"]
# The benchmarks take both cores for ten minutes and more: they are run to measure, and
# docs/benchmark.md says when; tests/test_bench.py checks how they read their tools' output.
MEASURED_NOT_TESTED = {"bench/run", "bench/timing"}
# Lines of a block that are not commands: a prompt's output (curl -v's "*  subject:" too), a
# folder change for the lines after.
NOT_COMMANDS = re.compile(r"^(X-Backend-Server|<p>|\*  |cd )")


def doc_commands() -> list[tuple[str, str]]:
    """(file, command) for each command line of the docs' sh blocks, its comment and prompt left out."""
    found = []
    for path in DOCS:
        in_block = False
        for line in path.read_text().splitlines():
            if line.startswith("```"):
                in_block = not in_block and line.strip() == "```sh"
                continue
            command = re.sub(r"\s+# .*$", "", line).removeprefix("$ ").strip()
            if in_block and command and not command.startswith("#") and not NOT_COMMANDS.match(command):
                found.append((path.relative_to(PROJECT).as_posix(), command))
    return found


def playbook_runs() -> set[tuple[str, tuple[str, ...]]]:
    """(playbook, arguments) of each run in the scenarios: tasks/run_playbook.yml's run_playbook
    and run_args, the SSH scenario's ssh_playbook with -K and ssh_extra_args, molecule's converge."""
    runs = {("site.yml", ())}  # molecule converge: shared/converge.yml imports site.yml
    for path in (PROJECT / "molecule").rglob("*.yml"):
        stack = [yaml.safe_load(path.read_text())]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                stack.extend(node.values())
                if isinstance(node.get("run_playbook"), str) and "{{" not in node["run_playbook"]:
                    runs.add((node["run_playbook"], tuple(map(str, node.get("run_args", [])))))
                if isinstance(node.get("ssh_playbook"), str):
                    runs.add((node["ssh_playbook"], ("-K", *map(str, node.get("ssh_extra_args", [])))))
    return runs


def as_run(command: str) -> tuple[str, tuple[str, ...]]:
    """ansible-playbook PLAYBOOK -i INVENTORY ARGS... as (PLAYBOOK, ARGS)."""
    words = shlex.split(command)
    inventory = words.index("-i")
    return words[1], tuple(words[2:inventory] + words[inventory + 2 :])


@pytest.mark.parametrize(("doc", "command"), doc_commands(), ids=lambda value: value)
def test_each_command_of_the_docs_is_run_by_a_test(doc, command):
    if doc == "docs/collection.md":
        assert command in readme_collection_commands(), f"{doc}: tests/test_collection.py does not run {command}"
    elif command in MEASURED_NOT_TESTED:
        assert doc == "docs/benchmark.md"
    elif command.startswith("ansible-playbook "):
        assert as_run(command) in playbook_runs(), f"{doc}: no scenario runs {command}"
    else:
        assert any(command in line for source in TEST_SOURCES for line in code_lines(source)), f"{doc}: no test runs {command}"


def code_lines(source: Path) -> list[str]:
    """The lines of a file that are not comments."""
    return [line for line in source.read_text().splitlines() if not line.strip().startswith("#")]


def test_the_docs_show_commands():
    """The scan itself finds the README's two commands and a day-two command."""
    commands = [command for _, command in doc_commands()]
    assert {"scripts/up", "scripts/test", "ansible-playbook site.yml -i inventory/docker"} <= set(commands)
