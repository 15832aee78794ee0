#!/usr/bin/env python3
"""Times site.yml on docker-backed platforms of one balancer and N web servers.

    python bench/timing.py [--sizes 3 24] [--noop-runs 5]

For each size: a cold run (the containers are created and everything is installed), then
no-op runs (nothing left to change: each must report changed=0), timed from the command's
start to its end. Each platform is a throwaway inventory laid out like inventory/docker (its
group_vars/all.yml is inventory/docker's), with its own network and container names
(timing-*) and no published port, removed before and after. The results go to bench/results/
(timing.json, timing.md) and to standard output: docs/benchmark.md's no-op target is the median
no-op run of 3 web servers (4 hosts, inventory/docker's shape), its scaling target the ratio
of 24 web servers to 3, cold and no-op.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
RESULTS = PROJECT / "bench" / "results"
NETWORK = "bench-timing"


def inventory(web_servers: int) -> str:
    """hosts.yml of one balancer and `web_servers` web servers on the timing network."""
    webs = "\n".join(f"        web{n}: {{ansible_host: timing-web{n}}}" for n in range(1, web_servers + 1))
    return f"""---
all:
  children:
    loadbalancers:
      hosts:
        lb1: {{ansible_host: timing-lb1}}
    webservers:
      hosts:
{webs}
    docker_containers:
      vars:
        ansible_connection: community.docker.docker
        ansible_become: false
        docker_platform_network: {NETWORK}
        docker_platform_network_subnet: "172.30.96.0/24"
        docker_platform_network_ipv6_subnet: "fd00:5eed:96::/64"
      children:
        loadbalancers:
        webservers:
"""


def changed_total(output: str) -> int:
    """The sum of changed= over the PLAY RECAP lines of ansible-playbook's output."""
    counts = re.findall(r"^\S+\s+: ok=\d+\s+changed=(\d+)", output, re.MULTILINE)
    if not counts:
        raise ValueError(f"no PLAY RECAP in ansible-playbook's output:\n{output[-2000:]}")
    return sum(map(int, counts))


def run(playbook: str, inventory_dir: Path, *args: str) -> tuple[float, str]:
    """Runs a playbook of the project; returns its wall time in seconds and its output."""
    start = time.monotonic()
    done = subprocess.run(["ansible-playbook", playbook, "-i", str(inventory_dir), *args], cwd=PROJECT,
                          capture_output=True, text=True, timeout=3600, check=False)
    seconds = round(time.monotonic() - start, 1)
    if done.returncode != 0:
        raise RuntimeError(f"{playbook} failed ({done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-2000:]}")
    return seconds, done.stdout


def remove(inventory_dir: Path) -> None:
    run("playbooks/docker_platform.yml", inventory_dir, "-e", "docker_platform_state=absent")


def measure(web_servers: int, noop_runs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="timing-") as scratch:
        inventory_dir = Path(scratch)
        (inventory_dir / "hosts.yml").write_text(inventory(web_servers))
        (inventory_dir / "group_vars").mkdir()
        (inventory_dir / "group_vars" / "all.yml").symlink_to(PROJECT / "inventory/docker/group_vars/all.yml")
        remove(inventory_dir)
        try:
            cold, _ = run("site.yml", inventory_dir)
            print(f"{web_servers:>2} web servers: cold run {cold:.1f} s", flush=True)
            noops = []
            for number in range(noop_runs):
                seconds, output = run("site.yml", inventory_dir)
                changed = changed_total(output)
                if changed:
                    raise RuntimeError(f"no-op run {number + 1} of {web_servers} web servers changed {changed} things")
                noops.append(seconds)
                print(f"{web_servers:>2} web servers: no-op run {seconds:.1f} s", flush=True)
        finally:
            remove(inventory_dir)
    return {"web_servers": web_servers, "hosts": web_servers + 1, "cold_s": cold,
            "noop_s": statistics.median(noops), "noop_runs_s": noops}


def table(results: list[dict]) -> str:
    lines = ["| web servers (hosts) | cold run, s | no-op run, s (median) |", "| ---: | ---: | ---: |"]
    for result in results:
        lines.append(f"| {result['web_servers']} ({result['hosts']}) | {result['cold_s']:.1f} | {result['noop_s']:.1f} |")
    return "\n".join(lines)


def ratios(results: list[dict]) -> dict:
    """Cold and no-op time of each size relative to the smallest."""
    smallest = min(results, key=lambda result: result["web_servers"])
    return {f"{result['web_servers']}/{smallest['web_servers']}": {
        "cold": round(result["cold_s"] / smallest["cold_s"], 2),
        "noop": round(result["noop_s"] / smallest["noop_s"], 2)}
        for result in results if result is not smallest}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[3, 24], help="web servers per platform (1-200)")
    parser.add_argument("--noop-runs", type=int, default=5)
    args = parser.parse_args(argv)
    if not all(1 <= size <= 200 for size in args.sizes):
        parser.error("each size must be 1-200 web servers (the network is a /24 from .10 on)")
    results = [measure(size, args.noop_runs) for size in sorted(args.sizes)]
    summary = {"results": results, "ratios": ratios(results), "settings": vars(args)}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "timing.json").write_text(json.dumps(summary, indent=1) + "\n")
    (RESULTS / "timing.md").write_text(table(results) + "\n")
    print()
    print(table(results))
    print("ratios: " + ", ".join(f"{key}: cold {value['cold']:.2f}, no-op {value['noop']:.2f}"
                                 for key, value in summary["ratios"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
