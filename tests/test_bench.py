"""The benchmark reads wrk's output right and summarizes rounds into medians and ratios."""

from __future__ import annotations

import importlib.util

import pytest
import yaml

from conftest import PROJECT

spec = importlib.util.spec_from_file_location("bench_measure", PROJECT / "bench/measure.py")
measure = importlib.util.module_from_spec(spec)
spec.loader.exec_module(measure)

WRK = """Running 10s test @ http://127.0.0.1:28080/
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.21ms    2.10ms  41.00ms   88.12%
    Req/Sec     5.12k   400.00     6.01k    70.00%
  Latency Distribution
     50%    2.85ms
     75%    3.90ms
     90%    5.50ms
     99%  850.00us
  102345 requests in 10.00s, 40.12MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:  10234.50
Transfer/sec:      4.01MB
"""


def test_reads_rate_latencies_and_failures():
    assert measure.parse_wrk(WRK) == {"rps": 10234.5, "p50_ms": 2.85, "p99_ms": 0.85, "failed": 7}


def test_output_without_a_rate_is_an_error():
    with pytest.raises(ValueError, match="Requests/sec"):
        measure.parse_wrk(WRK.replace("Requests/sec", "Rate"))


def test_medians_and_ratios():
    runs = lambda *rates: [{"rps": r, "p50_ms": 1.0, "p99_ms": r / 1000, "failed": 0} for r in rates]  # noqa: E731
    summary = measure.summarize({"ours": runs(9, 10, 30), "haproxy": runs(5, 5, 6), "direct": runs(20, 20, 20)})
    assert summary["medians"]["ours"]["rps"] == 10
    assert summary["ratios"] == {"ours/haproxy": 2.0, "ours/direct": 0.5}
    assert "| haproxy | 5 |" in measure.table(summary)


spec = importlib.util.spec_from_file_location("bench_timing", PROJECT / "bench/timing.py")
timing = importlib.util.module_from_spec(spec)
spec.loader.exec_module(timing)

RECAP = """PLAY RECAP *********************************************************************
lb1                        : ok=32   changed=0    unreachable=0    failed=0    skipped=46   rescued=0    ignored=0
web1                       : ok=24   changed=2    unreachable=0    failed=0    skipped=43   rescued=0    ignored=0
web12                      : ok=24   changed=1    unreachable=0    failed=0    skipped=43   rescued=0    ignored=0
"""


def test_timing_adds_up_what_a_run_changed():
    assert timing.changed_total(RECAP) == 3
    assert timing.changed_total(RECAP.replace("changed=2", "changed=0").replace("changed=1", "changed=0")) == 0


def test_timing_without_a_recap_is_an_error():
    with pytest.raises(ValueError, match="PLAY RECAP"):
        timing.changed_total("ERROR! the playbook could not be parsed")


def test_timing_inventory_lists_every_web_server_on_its_own_network():
    text = timing.inventory(24)
    assert "web24: {ansible_host: timing-web24}" in text and "web25" not in text
    assert "docker_platform_network: bench-timing" in text


def test_timing_ratios_are_relative_to_the_smallest_platform():
    results = [{"web_servers": 24, "cold_s": 300.0, "noop_s": 25.0}, {"web_servers": 3, "cold_s": 100.0, "noop_s": 10.0}]
    assert timing.ratios(results) == {"24/3": {"cold": 3.0, "noop": 2.5}}


def test_targets_are_the_benchmark_hosts_on_their_own_network():
    shared = yaml.safe_load((PROJECT / "inventory/docker/group_vars/all.yml").read_text())
    urls = measure.targets(measure.inventory_hostvars(PROJECT / "bench/inventory"))
    assert urls["ours"] == f"http://172.30.95.10:{shared['platform_balancer_port']}/"
    assert urls["direct"] == f"http://172.30.95.11:{shared['platform_web_port']}/"
    # The baselines listen where the report's nginx.conf does.
    assert urls["report"].startswith("http://172.30.95.20:") and urls["haproxy"].startswith("http://172.30.95.21:")
