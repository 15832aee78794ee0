"""nginx_lb's mtail program (roles/nginx_lb/files/nginx_lb.mtail) against access log lines written
in the role's own formats, as nginx.conf's template defines them: a request answered at once, one
passed on to the next backend, one that met three failing backends, one no backend was left for, one
answered by the balancer itself. The counts mtail gives must be those the lines say, in both formats."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from conftest import BIN, PROJECT

PROGRAM = PROJECT / "roles/nginx_lb/files/nginx_lb.mtail"
TEMPLATE = PROJECT / "roles/nginx_lb/templates/etc/nginx/nginx.conf.j2"

# (status, upstream_addr, upstream_status, request_time): as nginx fills its variables.
REQUESTS = [
    ("200", "172.30.80.11:80", "200", "0.001"),
    ("200", "172.30.80.12:80, 172.30.80.11:80", "502, 200", "0.003"),
    ("504", "172.30.80.12:80, [fd00:5eed:80::13]:80, 172.30.80.11:80", "502, 504, 504", "10.002"),
    ("502", "backends", "502", "0.000"),
    ("500", "172.30.80.13:80", "500", "0.020"),
    ("404", "-", "-", "0.000"),
    ("429", "-", "-", "0.000"),
    ("301", "-", "-", "0.000"),
]


def log_format(name: str) -> str:
    """The format's text, its quoted pieces joined, from the template's log_format directive."""
    directive = re.search(rf"log_format {name} (?:escape=json )?((?:'[^']*'\s*)+);", TEMPLATE.read_text())
    return "".join(re.findall(r"'([^']*)'", directive.group(1)))


def line(fmt: str, status: str, addrs: str, codes: str, seconds: str) -> str:
    values = {
        "remote_addr": "172.30.80.1", "time_local": "07/Dec/2026:19:00:00 +0000", "time_iso8601":
        "2026-12-07T19:00:00+00:00", "request": "GET /?probe=1 HTTP/1.1", "status": status, "body_bytes_sent": "184",
        "scheme": "http", "upstream_addr": addrs, "upstream_status": codes, "request_time": seconds,
        "upstream_response_time": "0.001", "nginx_lb_backend_name": "web1", "http_user_agent": "curl/7.88.1",
    }
    return re.sub(r"\$(\w+)", lambda match: values[match.group(1)], fmt)


def expected() -> Counter:
    """What the lines say: each attempt's backend and status class, each request's status class."""
    counts: Counter = Counter()
    for status, addrs, codes, seconds in REQUESTS:
        counts[f'nginx_lb_requests_total{{code="{status[0]}xx"}}'] += 1
        for addr, code in zip(addrs.split(", "), codes.split(", ")):
            if addr != "-":
                counts[f'nginx_lb_backend_responses_total{{backend="{addr}",code="{code[0]}xx"}}'] += 1
        if addrs != "-":
            last = addrs.split(", ")[-1]
            counts[f'nginx_lb_backend_request_seconds_count{{backend="{last}"}}'] += 1
            counts[f'nginx_lb_backend_request_seconds_sum{{backend="{last}"}}'] += float(seconds)
    return counts


def mtail_counts(log: Path) -> Counter:
    out = subprocess.run(
        [str(BIN / "mtail"), "--one_shot", "--one_shot_format", "prometheus", "--emit_prog_label=false",
         "--progs", str(PROGRAM), "--logs", str(log), "--port", "0"],
        capture_output=True, text=True, timeout=60, check=True,
    ).stdout
    return Counter({
        series: float(value) for series, value in re.findall(r"^(nginx_lb_\S+) (\S+)$", out, re.MULTILINE)
        if "_bucket" not in series
    })


@pytest.mark.parametrize("fmt", ["balancer", "json"])
def test_the_metrics_count_what_the_log_says(tmp_path, fmt):
    log = tmp_path / "access.log"
    log.write_text("".join(line(log_format(fmt), *request) + "\n" for request in REQUESTS))
    got = mtail_counts(log)
    assert {series: round(value, 3) for series, value in got.items()} == {
        series: round(value, 3) for series, value in expected().items()}


def test_a_line_of_another_format_counts_nothing(tmp_path):
    log = tmp_path / "access.log"
    log.write_text('172.30.80.1 - - [07/Dec/2026:19:00:00 +0000] "GET / HTTP/1.1" 200 184 "-" "curl/7.88.1"\n')
    assert mtail_counts(log) == Counter()
