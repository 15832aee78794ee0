"""prometheus_alerts' rules with Prometheus' own tool: rendered from the role's template with its
defaults, they pass `promtool check rules` and the unit tests of tests/alert_rules/ (each alert
fires on the numbers that call for it, after its `for`, with its text, and not on its healthy
neighbour's); the thresholds are the role's variables (a changed one changes what fires)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import BIN, PROJECT, run_playbook

TESTS = PROJECT / "tests/alert_rules/web_platform_test.yml"


def render(folder: Path, *extra_vars: str) -> Path:
    """The rules as the role writes them, beside a copy of the unit tests that name them."""
    rules = folder / "web_platform.yml"
    inventory = folder / "inventory"
    inventory.write_text(f"localhost ansible_connection=local ansible_python_interpreter={sys.executable}\n")
    args = [arg for extra in extra_vars for arg in ("-e", extra)]
    run = run_playbook("tests/playbooks/render_alert_rules.yml", inventory, "-e", f"out={rules}", *args)
    assert run.returncode == 0, run.stdout[-2000:]
    shutil.copy(TESTS, folder / TESTS.name)
    return rules


def promtool(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "promtool"), *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          check=False)


def test_the_rules_pass_promtools_check_and_their_unit_tests(tmp_path):
    render(tmp_path)
    check = promtool("check", "rules", "web_platform.yml", cwd=tmp_path)
    assert check.returncode == 0 and "SUCCESS: 9 rules found" in check.stdout, check.stdout + check.stderr
    tested = promtool("test", "rules", TESTS.name, cwd=tmp_path)
    assert tested.returncode == 0, tested.stdout + tested.stderr


def test_a_threshold_set_in_the_inventory_changes_what_fires(tmp_path):
    """The unit tests' backend answers 9 % with 5xx: above the default 5 %, below 10 %."""
    render(tmp_path, "prometheus_alerts_backend_error_ratio=0.1")
    tested = promtool("test", "rules", TESTS.name, cwd=tmp_path)
    assert tested.returncode == 1, tested.stdout + tested.stderr
    # promtool names what failed on stderr.
    failed = [line.strip() for line in tested.stderr.splitlines() if "alertname:" in line]
    assert failed == ["alertname: PlatformBackendErrors, time: 5m,"], tested.stderr


def test_labels_given_go_on_every_alert(tmp_path):
    rules = render(tmp_path, '{"prometheus_alerts_labels": {"team": "web"}}').read_text()
    assert rules.count('team: "web"') == rules.count("- alert: ") == 9
