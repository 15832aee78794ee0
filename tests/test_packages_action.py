"""web_platform.platform.packages (plugins/action/packages.py): packages already installed cost one
dpkg-query and no module; everything else is ansible.builtin.apt's, with the same arguments.
Run on this machine (a Debian one, as the hosts) in check mode: nothing is installed."""

from __future__ import annotations

import json
import subprocess

from conftest import run_playbook

PLAY = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: Install the packages
      web_platform.platform.packages: {args}
      register: outcome

    - name: Print what the task returned
      ansible.builtin.debug:
        msg: "RESULT {{{{ outcome | to_json }}}}"
"""


def run(tmp_path, args):
    (tmp_path / "inventory").write_text(
        "localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n")
    (tmp_path / "play.yml").write_text(PLAY.format(args=json.dumps(args)))
    result = run_playbook(str(tmp_path / "play.yml"), tmp_path / "inventory", "--check", "-vvv")
    # The task's output, up to the next task (or the recap, when it failed).
    end = result.stdout.find("TASK [Print")
    task = result.stdout[result.stdout.index("TASK [Install the packages]"):end if end > 0 else None]
    returned = [json.loads(line.split("RESULT ", 1)[1].rstrip('"').replace('\\"', '"'))
                for line in result.stdout.splitlines() if '"msg": "RESULT ' in line]
    return result, task, returned[0] if returned else None


def test_installed_packages_cost_one_look_and_no_module(tmp_path):
    result, task, outcome = run(tmp_path, {"name": ["bash", "dpkg"], "state": "present", "update_cache": True,
                                           "cache_valid_time": 3600})
    assert result.returncode == 0, result.stdout + result.stderr
    assert (outcome["changed"], outcome["installed"]) == (False, ["bash", "dpkg"]), outcome
    # The local connection prints each command it runs: the look, and no module (AnsiballZ).
    commands = [line for line in task.splitlines() if line.startswith("<localhost> EXEC ")]
    assert len(commands) == 1 and "dpkg-query" in commands[0], commands


def test_a_package_dpkg_does_not_know_goes_to_apt(tmp_path):
    result, task, _ = run(tmp_path, {"name": ["bash", "no-such-package-of-web-platform"]})
    assert result.returncode != 0
    assert "No package matching 'no-such-package-of-web-platform' is available" in task, task


def module_ran(task):
    """Whether the task ran a module on the host: the local connection prints the Python it starts."""
    return any(line.startswith("<localhost> EXEC ") and "python3" in line for line in task.splitlines())


def test_any_other_state_or_argument_goes_to_apt(tmp_path):
    for args in ({"name": "bash", "state": "latest"}, {"name": "bash", "autoremove": False},
                 {"name": "bash=5*"}, {"pkg": "bash"}):
        result, task, outcome = run(tmp_path, args)
        assert module_ran(task) and "installed" not in (outcome or {}), (args, task)


def test_a_name_with_its_architecture_is_decided_by_the_look(tmp_path):
    architecture = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                                  check=True).stdout.strip()
    result, task, outcome = run(tmp_path, {"name": f"bash:{architecture}"})
    assert (outcome["changed"], outcome["installed"]) == (False, [f"bash:{architecture}"]), task
    assert not module_ran(task), task
