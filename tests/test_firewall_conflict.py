"""A host where ufw is installed gets a clear error from the firewall role and keeps ufw."""

from __future__ import annotations

import subprocess

from conftest import run_playbook


def docker_exec(container: str, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(["docker", "exec", container, *argv], capture_output=True, text=True, timeout=300,
                          check=False)


def create_host(one_host_inventory, name: str):
    inventory = one_host_inventory(name)
    created = run_playbook("playbooks/docker_platform.yml", inventory)
    assert created.returncode == 0, created.stdout
    return inventory


def install_ufw(container: str) -> None:
    installed = docker_exec(container, "sh", "-c",
                            "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ufw")
    assert installed.returncode == 0, installed.stderr


def test_ufw_is_reported_and_kept(one_host_inventory):
    inventory = create_host(one_host_inventory, "firewall-ufw")
    install_ufw("firewall-ufw")

    result = run_playbook("tests/playbooks/firewall.yml", inventory)

    assert result.returncode != 0, result.stdout
    assert "firewall-ufw has ufw installed" in result.stdout
    assert "set platform_firewall: false" in result.stdout
    assert docker_exec("firewall-ufw", "dpkg-query", "-W", "-f", "${Status}", "ufw").stdout == "install ok installed"
    assert "PLATFORM-INPUT" not in docker_exec("firewall-ufw", "iptables", "-S").stdout


def test_ufw_installed_after_the_firewall_is_reported(one_host_inventory):
    """ufw installed after the role's first run is found by the next run (the role looks every run)."""
    inventory = create_host(one_host_inventory, "firewall-ufw-later")
    first = run_playbook("tests/playbooks/firewall.yml", inventory)
    assert first.returncode == 0, first.stdout
    assert "PLATFORM-INPUT" in docker_exec("firewall-ufw-later", "iptables", "-S").stdout
    install_ufw("firewall-ufw-later")

    again = run_playbook("tests/playbooks/firewall.yml", inventory)

    assert again.returncode != 0, again.stdout
    assert "firewall-ufw-later has ufw installed" in again.stdout
