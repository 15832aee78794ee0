"""Shared helpers: run the project's playbooks the way a user does, against throwaway inventories."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def load_plugin(kind: str, name: str):
    """Imports plugins/<kind>/<name>.py as a plain Python module, to test its functions."""
    spec = importlib.util.spec_from_file_location(name, PROJECT / "plugins" / kind / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_playbook(playbook: str, inventory: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """ansible-playbook from the project folder (so ansible.cfg applies), output captured."""
    return subprocess.run(
        [str(BIN / "ansible-playbook"), playbook, "-i", str(inventory), *args],
        cwd=PROJECT,
        env={**os.environ, "ANSIBLE_NOCOLOR": "1", "ANSIBLE_FORCE_COLOR": "0", **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def write_one_host_inventory(folder: Path, name: str, published_port: int | None = None) -> Path:
    """An inventory of one docker-backed host, its container and network named NAME, in FOLDER."""
    ports = ""
    if published_port:
        ports = f"""
          docker_platform_published_ports:
            - {{host_ip: 127.0.0.1, host_port: {published_port}, container_port: 8080}}"""
    path = folder / f"{name}.yml"
    path.write_text(f"""
all:
  children:
    docker_containers:
      vars:
        ansible_connection: community.docker.docker
        docker_platform_network: {name}
        docker_platform_network_subnet: 172.30.99.0/24
      hosts:
        {name}:
          docker_platform_ipv4_address: 172.30.99.10{ports}
""")
    return path


@pytest.fixture
def one_host_inventory(tmp_path):
    """Writes an inventory of one docker-backed host with its own names; removes what it made."""
    made = []

    def write(name: str, published_port: int | None = None) -> Path:
        made.append(write_one_host_inventory(tmp_path, name, published_port))
        return made[-1]

    yield write
    for path in made:
        run_playbook("playbooks/docker_platform.yml", path, "-e", "docker_platform_state=absent")
