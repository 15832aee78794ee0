"""A role variable the platform derives, set in the inventory, stops the run before any host is
touched (playbooks/validate.yml needs no connection), naming the platform_* variable to set."""

from __future__ import annotations

import re

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
    """Each variable playbooks/vars/platform.yml sets has its entry in platform_derived_variables."""
    import yaml

    data = yaml.safe_load((PROJECT / "playbooks/vars/platform.yml").read_text())
    assert set(data) - {"platform_derived_variables"} == set(data["platform_derived_variables"])


def test_an_inventory_of_hosts_and_page_texts_alone_uses_the_missions_ports(tmp_path):
    """inventory/ssh-example names hosts and page texts only: it passes validate.yml, and the roles
    get the mission's ports, the balancer's 8080 and the web servers' 80 (playbooks/vars/platform.yml)."""
    show_ports = tmp_path / "ports.yml"
    show_ports.write_text(f"""
- hosts: loadbalancers:webservers
  gather_facts: false
  vars_files: [{PROJECT}/playbooks/vars/platform.yml]
  tasks:
    - ansible.builtin.debug:
        msg: "ports {{{{ nginx_lb_listen_port if 'loadbalancers' in group_names else httpd_web_listen_port }}}}"
""")
    inventory = PROJECT / "inventory/ssh-example"
    assert not re.search(r"^\s*platform_\w*port:", (inventory / "group_vars/all.yml").read_text(), re.M)
    assert run_playbook("playbooks/validate.yml", inventory).returncode == 0
    result = run_playbook(str(show_ports), inventory)
    assert result.returncode == 0, result.stdout + result.stderr
    ports = dict(re.findall(r"ok: \[(\w+)\] => \{\s+\"msg\": \"ports (\d+)\"", result.stdout))
    assert ports == {"lb1": "8080", "web1": "80", "web2": "80", "web3": "80"}, result.stdout
