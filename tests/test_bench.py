"""The benchmark reads wrk's output right and summarizes rounds into medians and ratios."""

from __future__ import annotations

import importlib.util

import pytest

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
