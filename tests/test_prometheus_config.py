"""playbooks/monitoring.yml's prometheus.yml, rendered for an inventory with and without a virtual
IP: promtool accepts it, and it scrapes each exporter of each host in the job the alert rules
read, labelled with the host's name."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from conftest import BIN, run_playbook


def inventory(folder, virtual_ip: bool) -> str:
    hosts = {
        "loadbalancers": {"hosts": {"lb1": {"platform_backend_address": "10.0.0.10"},
                                    "lb2": {"platform_backend_address": "fd00::11"}}},
        "webservers": {"hosts": {"web1": {"platform_backend_address": "10.0.0.20", "httpd_web_exporter_port": 9999}}},
        "monitoring": {"hosts": {"monitor": {}}},
    }
    shared = {"ansible_connection": "local", "ansible_python_interpreter": sys.executable}
    if virtual_ip:
        shared["platform_balancer_virtual_ip"] = "10.0.0.5"
    path = folder / "hosts.yml"
    path.write_text(yaml.safe_dump({"all": {"vars": shared, "children": hosts}}))
    return path


@pytest.mark.parametrize("virtual_ip", [True, False])
def test_prometheus_scrapes_every_exporter_of_the_platform(tmp_path, virtual_ip):
    out = tmp_path / "prometheus.yml"
    run = run_playbook("tests/playbooks/render_prometheus_config.yml", inventory(tmp_path, virtual_ip),
                       "-e", f"out={out}")
    assert run.returncode == 0, run.stdout[-2000:]
    check = subprocess.run([str(BIN / "promtool"), "check", "config", "--syntax-only", str(out)],
                           capture_output=True, text=True, timeout=60, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    config = yaml.safe_load(out.read_text())
    scraped = {(job["job_name"], static["labels"]["instance"] if "labels" in static else "", target)
               for job in config["scrape_configs"] for static in job["static_configs"] for target in static["targets"]}
    expected = {
        ("nginx", "lb1", "10.0.0.10:9113"), ("nginx", "lb2", "[fd00::11]:9113"),
        ("mtail", "lb1", "10.0.0.10:3903"), ("mtail", "lb2", "[fd00::11]:3903"),
        ("apache", "web1", "10.0.0.20:9999"), ("prometheus", "", "127.0.0.1:9090"),
    } | ({("node", "lb1", "10.0.0.10:9100"), ("node", "lb2", "[fd00::11]:9100")} if virtual_ip else set())
    assert scraped == expected
    assert config["rule_files"] == ["/etc/prometheus/rules.d/*.yml"]
