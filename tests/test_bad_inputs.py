"""Every invalid input of molecule/reconfigure/vars/bad_inputs.yml that playbooks/validate.yml
(site.yml's first play, which needs no facts and no connection) must refuse: each stops it with
its message, on the test inventory the reconfigure scenario runs them on. The cases that need live
hosts stay in that scenario."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import yaml

from conftest import PROJECT, run_playbook

SCENARIO = PROJECT / "molecule/reconfigure"
CASES = yaml.safe_load((SCENARIO / "vars/bad_inputs.yml").read_text())


def refusal(case: dict) -> str:
    """'' when validate.yml refuses the case with its message, else one line saying what it did."""
    inventories = ["molecule/inventory/hosts.yml"] if case.get("inventory_adds", True) else []
    if "inventory" in case:
        inventories.append(str(SCENARIO / case["inventory"]))
    args = [arg for inventory in inventories[1:] for arg in ("-i", inventory)]
    result = run_playbook("playbooks/validate.yml", inventories[0], *args, "-e", json.dumps(case["extra"]),
                          env={"ANSIBLE_CALLBACK_RESULT_FORMAT": "json"})
    output = result.stdout + result.stderr
    if result.returncode != 0 and case["says"] in output:
        return ""
    failures = [line for line in output.splitlines() if line.startswith(("fatal:", "[ERROR]"))]
    return (f"{json.dumps(case['extra'])} {case.get('inventory', '')}: expected refused with \"{case['says']}\", "
            f"got rc {result.returncode}: {failures[-1:] or output.splitlines()[-1:]}")


def test_validate_refuses_each_invalid_input_with_its_message():
    # Two at a time: each run is one ansible-playbook, and this machine has two cores.
    with ThreadPoolExecutor(max_workers=2) as pool:
        wrong = [line for line in pool.map(refusal, CASES["bad_inputs_refused_by_validate"]) if line]
    assert not wrong, "\n".join(wrong)


def test_the_cases_left_to_the_hosts_pass_validate():
    """A case in bad_inputs_refused_on_hosts that validate.yml refused would belong to the other list."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        refused = [case["says"] for case, line in zip(CASES["bad_inputs_refused_on_hosts"],
                                                       pool.map(refusal, CASES["bad_inputs_refused_on_hosts"]))
                   if not line]
    assert not refused, refused
