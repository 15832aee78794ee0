"""A role variable the platform derives, set in the inventory, stops the run before any host is
touched (playbooks/validate.yml needs no connection), naming the platform_* variable to set."""

from __future__ import annotations

from conftest import PROJECT, run_playbook

INVENTORY = """
all:
  vars:
    platform_balancer_port: 8080
    platform_web_port: 80
  children:
    loadbalancers:
      hosts:
        lb1: {{ansible_host: 192.0.2.10}}
    webservers:
      hosts:
        web1: {{ansible_host: 192.0.2.11{web1}}}
"""


def validate(tmp_path, web1: str = "", *args: str):
    inventory = tmp_path / "hosts.yml"
    inventory.write_text(INVENTORY.format(web1=web1))
    return run_playbook("playbooks/validate.yml", inventory, *args)


def test_the_inventory_as_laid_out_passes(tmp_path):
    result = validate(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_derived_variable_in_the_inventory_is_refused_by_name(tmp_path):
    result = validate(tmp_path, ", httpd_web_allowed_sources: [192.0.2.0/24]")
    assert result.returncode != 0
    assert "web1: httpd_web_allowed_sources set in the inventory (or with -e)" in result.stdout, result.stdout
    assert "Set platform_web_allowed_sources instead." in result.stdout, result.stdout


def test_a_derived_variable_given_with_e_is_refused_on_every_host(tmp_path):
    result = validate(tmp_path, "", "-e", "nginx_lb_listen_port=9090")
    assert result.returncode != 0
    assert "lb1: nginx_lb_listen_port set in the inventory (or with -e)" in result.stdout, result.stdout
    assert "Set platform_balancer_port instead." in result.stdout, result.stdout


def test_every_derived_variable_is_listed():
    """Each role variable playbooks/vars/platform.yml sets has its entry in platform_derived_variables."""
    import re

    import yaml

    data = yaml.safe_load((PROJECT / "playbooks/vars/platform.yml").read_text())
    derived = {name for name in data if re.match(r"(httpd_web|python_app|nginx_lb|keepalived_vip|firewall)_", name)}
    assert derived == set(data["platform_derived_variables"])
