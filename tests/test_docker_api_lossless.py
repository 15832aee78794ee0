"""docker_api_lossless keeps the output that community.docker.docker_api drops.

The loss needs the command's first output to arrive before the client reads the engine's answer
to the exec: a busy machine makes it so by chance; tests/slow_headers makes it so every time, by
delaying every HTTP answer's read by SLOW_HEADERS seconds. Each connection runs `echo` five times
with no input (as `raw` runs a command) and five times with input (as a pipelined module runs),
and fetches a file five times: the file comes through the response the plugin leaves alone, and
must come whole.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from conftest import BIN, PROJECT, run_playbook, write_one_host_inventory

RUNS = 5
CONTAINER = "lossless-probe"


@pytest.fixture(scope="module")
def container(tmp_path_factory):
    inventory = write_one_host_inventory(tmp_path_factory.mktemp("lossless"), CONTAINER)
    created = run_playbook("playbooks/docker_platform.yml", inventory)
    assert created.returncode == 0, created.stdout
    yield CONTAINER
    run_playbook("playbooks/docker_platform.yml", inventory, "-e", "docker_platform_state=absent")


def outputs_through(connection: str, container: str) -> dict:
    ran = subprocess.run(
        [str(BIN / "python"), "tests/slow_headers/run_commands.py", connection, container, str(RUNS)],
        cwd=PROJECT,
        env={**os.environ, "PYTHONPATH": str(PROJECT / "tests" / "slow_headers"), "SLOW_HEADERS": "0.3"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    return json.loads(ran.stdout.splitlines()[-1])


def test_the_parent_connection_loses_early_output(container):
    """The control: without it, the test below could pass on a machine that shows no loss."""
    outputs = outputs_through("community.docker.docker_api", container)

    assert outputs["no_input"].count("early\n") < RUNS
    assert outputs["with_input"].count("early\nlate\n") < RUNS


def test_docker_api_lossless_loses_nothing(container):
    outputs = outputs_through("docker_api_lossless", container)

    assert outputs == {"no_input": ["early\n"] * RUNS, "with_input": ["early\nlate\n"] * RUNS,
                       "fetched_whole": [True] * RUNS}
