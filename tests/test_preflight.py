"""Bad state on the control machine ends the run with one line saying what is wrong and what to do,
before any container exists."""

from __future__ import annotations

import socket
import subprocess

from conftest import run_playbook


def container_exists(name: str) -> bool:
    return subprocess.run(["docker", "container", "inspect", name], capture_output=True, check=False).returncode == 0


def failure_line(result: subprocess.CompletedProcess, words: str) -> str:
    """The one error line that carries `words`; fails the test when there is none, or several."""
    lines = [line for line in result.stdout.splitlines() if line.startswith("[ERROR]") and words in line]
    assert result.returncode != 0, result.stdout
    assert len(lines) == 1, f"expected one line with {words!r}:\n{result.stdout}"
    return lines[0]


def test_no_docker_engine(one_host_inventory):
    inventory = one_host_inventory("preflight-noengine")
    result = run_playbook(
        "playbooks/docker_platform.yml", inventory, env={"DOCKER_HOST": "unix:///nonexistent/docker.sock"}
    )
    line = failure_line(result, "No Docker engine answers")
    assert "start dockerd" in line
    assert not container_exists("preflight-noengine")


def test_no_debian_archive(one_host_inventory):
    inventory = one_host_inventory("preflight-noarchive")
    # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    result = run_playbook(
        "playbooks/docker_platform.yml", inventory, "-e", "docker_platform_debian_mirror=http://127.0.0.1:9/debian"
    )
    line = failure_line(result, "does not answer")
    assert "http://127.0.0.1:9/debian" in line
    assert "docker_platform_debian_mirror" in line
    assert not container_exists("preflight-noarchive")


def test_published_port_taken(one_host_inventory):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        inventory = one_host_inventory("preflight-porttaken", published_port=port)
        # An image no run builds: the check must come before the build.
        result = run_playbook(
            "playbooks/docker_platform.yml", inventory, "-e", "docker_platform_image=localhost/preflight-never-built:1"
        )
    line = failure_line(result, "already taken")
    assert f"127.0.0.1:{port}" in line
    assert "docker_platform_published_ports" in line
    assert not container_exists("preflight-porttaken")
    # Before any image is built: a missing image would be a minute's build, and a build while
    # other runs use the image moves its tag under their containers.
    assert "Bootstrap a root file system" not in result.stdout
