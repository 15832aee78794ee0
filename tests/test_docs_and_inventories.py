"""The README's variable tables match the argument specs, and an SSH inventory creates no containers."""

from __future__ import annotations

import subprocess
import sys

from conftest import PROJECT, run_playbook


def test_readme_role_variables_are_current():
    result = subprocess.run(
        [sys.executable, "scripts/role_docs.py", "--check"], cwd=PROJECT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout


def test_ssh_inventory_creates_no_containers():
    result = run_playbook("site.yml", PROJECT / "inventory/ssh-example", "--list-hosts")
    assert result.returncode == 0, result.stderr
    plays = result.stdout.split("play #")[1:]
    container_play = next(play for play in plays if "(docker_containers)" in play)
    assert "hosts (0):" in container_play
    assert all("hosts (0):" not in play for play in plays if play is not container_play)
