"""The README and the argument specs agree, the roles stand alone, the shared facts are set once,
and an SSH inventory creates no containers."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import BIN, PROJECT, run_playbook

ROLES = sorted(path.name for path in (PROJECT / "roles").iterdir() if path.is_dir())


def role_code(role: str):
    """(path, text without comment lines) of the files that act: tasks, handlers, templates, vars, defaults.
    Of a template, what Jinja reads (its tags): the rest is text it writes, such as the metric names
    an alert rule reads (nginx_lb_requests_total is mtail's metric, not nginx_lb's variable)."""
    for path in sorted((PROJECT / "roles" / role).rglob("*")):
        if path.is_file() and path.parent.name != "meta" and "__pycache__" not in path.parts and path.suffix != ".md":
            lines = path.read_text(errors="replace").splitlines()
            text = "\n".join(line for line in lines if not line.lstrip().startswith("#"))
            if path.suffix == ".j2":
                text = "\n".join(re.findall(r"\{\{.*?\}\}|\{%.*?%\}", text, re.DOTALL))
            yield path, text


def test_role_readmes_are_generated_from_the_argument_specs():
    result = subprocess.run(["scripts/role_docs", "--check"], cwd=PROJECT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("role", ROLES)
def test_defaults_and_argument_specs_agree(role):
    """Every default is in a spec with the same value, and every spec default is in defaults/main.yml."""
    defaults = yaml.safe_load((PROJECT / "roles" / role / "defaults/main.yml").read_text()) or {}
    specs = yaml.safe_load((PROJECT / "roles" / role / "meta/argument_specs.yml").read_text())["argument_specs"]
    options = {name: option for spec in specs.values() for name, option in spec.get("options", {}).items()}
    assert set(defaults) <= set(options), f"defaults without a spec: {set(defaults) - set(options)}"
    for name, option in options.items():
        if "default" in option:
            assert name in defaults, f"{name}: the spec has a default, defaults/main.yml has none"
            assert option["default"] == defaults[name], f"{name}: spec {option['default']!r}, defaults {defaults[name]!r}"
        elif name in defaults:
            # A default that depends on the host (firewall_ssh_open) is described, not given, in the spec.
            assert "Default" in str(option["description"]), f"{name}: default not described in the spec"


@pytest.mark.parametrize("role", ROLES)
def test_roles_stand_alone(role):
    """No role reads another role's variables, includes another role (but the internal `common`,
    whose inputs it passes), knows an inventory group, or edits a file with lineinfile/replace."""
    others = [other for other in ROLES if other not in (role, "common")]
    for path, text in role_code(role):
        for other in others:
            assert not re.search(rf"\b{other}_\w+", text), f"{path}: uses a variable of role {other}"
        included = re.findall(r"(?:include_role|import_role):\s*\n\s*name:\s*(\S+)", text)
        assert re.findall(r"include_role|import_role", text) == ["include_role"] * len(included), f"{path}"
        assert set(included) <= {"web_platform.platform.common"}, f"{path}: includes {included}"
        assert not re.search(r"groups\[\s*'(?!all')", text), f"{path}: knows an inventory group"
        assert not re.search(r"\b(lineinfile|replace|blockinfile):", text), f"{path}: edits a file in place"


def shared_view(inventory: str, host: str, *extra: str) -> dict:
    """The published ports and balancer URL of `host`, as Ansible templates them."""
    result = subprocess.run(
        [str(BIN / "ansible"), host, "-i", inventory, "-m", "ansible.builtin.debug", "-a",
         "msg={{ {'ports': docker_platform_published_ports, 'url': balancer_url} | to_json }}", *extra],
        cwd=PROJECT, capture_output=True, text=True, check=False,
        env={**os.environ, "ANSIBLE_NOCOLOR": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # "lb1 | SUCCESS => {...}": the result as JSON, whose msg is the JSON asked for.
    return json.loads(json.loads(result.stdout.split("=>", 1)[1])["msg"])


@pytest.mark.parametrize("inventory, balancer, offset", [
    ("inventory/docker", "lb1", 0), ("molecule/inventory/hosts.yml", "lb1", 10000),
    ("molecule/app/inventory/hosts.yml", "app-lb1", 12000),
])
def test_balancer_port_is_set_once(inventory, balancer, offset):
    """Changing platform_balancer_port moves the published port and the URL the evidence and tests use."""
    view = shared_view(inventory, balancer, "-e", '{"platform_balancer_port": 9090}')
    assert view["ports"][0]["host_port"] == 9090 + offset
    assert view["ports"][0]["container_port"] == 9090
    assert view["url"] == f"http://127.0.0.1:{9090 + offset}/"


def platform_code_lines():
    """(path, line number, code) of every line the platform's playbooks, scenarios and inventories
    write themselves: comments left out, and the group_vars (where the constants are set) and links
    to them skipped."""
    places = [*(PROJECT / "playbooks").rglob("*.yml"), *(PROJECT / "molecule").rglob("*.yml"), PROJECT / "site.yml",
              *(PROJECT / "inventory").rglob("hosts.yml")]
    for path in places:
        if path.is_symlink() or "group_vars" in path.parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            yield path, number, line.split("#", 1)[0]


def test_no_port_literals_outside_group_vars():
    """The balancer's and the web servers' ports appear only in the inventories' group_vars, and as
    the defaults of platform_ports (playbooks/vars/platform.yml)."""
    for path, number, code in platform_code_lines():
        if path == PROJECT / "playbooks/vars/platform.yml" and re.fullmatch(
            r'  (balancer|web|app): "\{\{ platform_(balancer|web|app)_port \| default\(\d+\) \}\}"', code
        ):
            continue
        assert not re.search(r"(?<![\d.])1?8080\b|:80\b|port: 80\b", code), f"{path}:{number}: {code.strip()}"


@pytest.mark.parametrize(("constant", "pattern", "its_place"), [
    ("the docker network's addresses", r"172\.30\.80\.", "inventory/docker/group_vars"),
    ("the header naming the web server", r"X-Backend-Server", "nginx_lb_backend_header (roles/nginx_lb/defaults)"),
    ("the exporters' ports", r"\b(9113|9117)\b", "nginx_lb_exporter_port, httpd_web_exporter_port (the roles' defaults)"),
])
def test_platform_constants_are_read_from_their_place(constant, pattern, its_place):
    """The playbooks and the scenarios read the platform's constants from where they are set. (The
    pytest tests of a tool or a filter give it their own data: they test the tool, not the platform.)"""
    for path, number, code in platform_code_lines():
        assert not re.search(pattern, code), f"{path}:{number}: {constant} written again; read {its_place}"


def test_ssh_inventory_creates_no_containers():
    result = run_playbook("site.yml", PROJECT / "inventory/ssh-example", "--list-hosts")
    assert result.returncode == 0, result.stderr
    plays = result.stdout.split("play #")[1:]
    container_plays = [play for play in plays if "(docker_containers)" in play]
    # Prometheus runs where the inventory has a group `monitoring`; this one has none.
    monitoring_plays = [play for play in plays if "(all:!all)" in play]
    assert len(container_plays) == 2 and len(monitoring_plays) == 1, result.stdout
    assert all("hosts (0):" in play for play in container_plays + monitoring_plays)
    assert all("hosts (0):" not in play for play in plays if play not in container_plays + monitoring_plays)


def test_project_inventories_share_group_vars():
    """The test inventories use the shared facts of the inventory they are laid out like, not a copy:
    molecule/ssh's inventory/ssh-example's, the others inventory/docker's. molecule/collection's is a
    user's own project, laid out like none of ours."""
    like = {"ssh": "inventory/ssh-example"}
    for link in (PROJECT / "molecule").rglob("group_vars/all.yml"):
        scenario = link.relative_to(PROJECT / "molecule").parts[0]
        if scenario == "collection":
            continue
        shared = PROJECT / like.get(scenario, "inventory/docker") / "group_vars/all.yml"
        assert link.is_symlink() and link.resolve() == shared, link
    assert Path(PROJECT / "molecule/inventory/group_vars/all.yml").exists()
    assert Path(PROJECT / "molecule/app/inventory/group_vars/all.yml").exists()


def test_readme_shows_the_ssh_example_inventory():
    """The README's inventory of real hosts is inventory/ssh-example/hosts.yml, which names hosts and
    page texts only (no port: test_platform_inputs runs it with the mission's)."""
    readme = (PROJECT / "README.md").read_text()
    block = readme[readme.index("```yaml\n", readme.index("## Your own hosts")) + 8:]
    shown = yaml.safe_load(block[: block.index("```")])
    assert shown == yaml.safe_load((PROJECT / "inventory/ssh-example/hosts.yml").read_text())
    host_vars = {name for group in shown["all"]["children"].values() for host in group["hosts"].values()
                 for name in host}
    assert host_vars == {"ansible_host", "httpd_web_page_text"}, host_vars


def test_no_block_of_ten_lines_is_repeated_across_roles():
    """What several roles do alike lives once (the internal role common, a plugin): no run of ten
    lines appears in two roles' tasks, handlers, vars, defaults or templates (galaxy_info aside)."""
    windows: dict[tuple[str, ...], set[str]] = {}
    for path in (PROJECT / "roles").rglob("*"):
        if path.suffix not in {".yml", ".j2"} or path.name == "main.yml" and path.parent.name == "meta":
            continue
        lines = [line.strip() for line in path.read_text().splitlines()]
        for start in range(len(lines) - 9):
            windows.setdefault(tuple(lines[start:start + 10]), set()).add(path.relative_to(PROJECT).as_posix())
    repeated = {files: window for window, files in ((w, frozenset(f)) for w, f in windows.items())
                if len({name.split("/")[1] for name in files}) > 1}
    assert not repeated, "\n\n".join(f"{sorted(files)}:\n" + "\n".join(window) for files, window in repeated.items())
