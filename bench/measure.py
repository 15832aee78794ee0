#!/usr/bin/env python3
"""Measures the balancers side by side with wrk, in interleaved rounds, and writes the results.

    python bench/measure.py [--rounds 5] [--seconds 10] [--connections 32] [--threads 2]

Targets, all provisioned by bench/site.yml and reached at their addresses on the benchmark's
network (bench/inventory): ours (the project's balancer), the report's nginx.conf, HAProxy with
its stock settings (all three in front of the same three web servers), and one web server
answering directly. Each round runs every target once, in an order
that rotates from round to round, so drift in the machine's load spreads evenly. The medians of
the rounds, and the ratios docs/benchmark.md quotes, go to bench/results/ (results.json, results.md,
throughput.png) and to standard output.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


# Which inventory host each target is, and the variable that holds the port it answers on
# (the baselines listen on 8080, as in the report).
TARGETS = {"ours": ("lb1", "platform_balancer_port"), "report": ("report", None),
           "haproxy": ("haproxy", None), "direct": ("web1", "platform_web_port")}


def targets(hostvars: dict) -> dict[str, str]:
    """URL of each target on the benchmark's network, from the inventory's host variables."""
    urls = {}
    for name, (host, port_variable) in TARGETS.items():
        variables = hostvars[host]
        port = int(variables[port_variable]) if port_variable else 8080
        urls[name] = f"http://{variables['docker_platform_ipv4_address']}:{port}/"
    return urls


def inventory_hostvars(inventory: Path) -> dict:
    listed = subprocess.run(["ansible-inventory", "-i", str(inventory), "--list"], capture_output=True, text=True,
                            timeout=120, check=True)
    return json.loads(listed.stdout)["_meta"]["hostvars"]


def parse_wrk(output: str) -> dict:
    """req/s, p50 and p99 latency (ms) and failed responses from `wrk --latency` output."""
    def latency(percent: str) -> float:
        match = re.search(rf"^\s*{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        if not match:
            raise ValueError(f"no {percent}% latency in wrk's output:\n{output}")
        return round(float(match.group(1)) * UNITS[match.group(2)], 3)

    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    if not rate:
        raise ValueError(f"no Requests/sec in wrk's output:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "rps": float(rate.group(1)),
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "failed": (int(non_2xx.group(1)) if non_2xx else 0) + (sum(map(int, errors.groups())) if errors else 0),
    }


def run_wrk(url: str, seconds: int, connections: int, threads: int) -> dict:
    argv = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 30, check=True)
    return parse_wrk(done.stdout)


def summarize(rounds: dict[str, list[dict]]) -> dict:
    """Medians per target and the ratios of ours to the others."""
    medians = {
        name: {key: statistics.median(run[key] for run in runs) for key in ("rps", "p50_ms", "p99_ms")}
        | {"failed": sum(run["failed"] for run in runs), "rounds": len(runs)}
        for name, runs in rounds.items()
    }
    ours = medians["ours"]
    ratios = {f"ours/{name}": round(ours["rps"] / medians[name]["rps"], 2) for name in medians if name != "ours"}
    return {"medians": medians, "ratios": ratios, "rounds": rounds}


def table(summary: dict) -> str:
    lines = ["| target | req/s (median) | p50 ms | p99 ms | failed | ours ÷ target |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for name, median in summary["medians"].items():
        ratio = "" if name == "ours" else f"{summary['ratios'][f'ours/{name}']:.2f}×"
        lines.append(f"| {name} | {median['rps']:,.0f} | {median['p50_ms']:.2f} | {median['p99_ms']:.2f} "
                     f"| {median['failed']} | {ratio} |")
    return "\n".join(lines)


def plot(summary: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(summary["medians"])
    figure, (left, right) = plt.subplots(1, 2, figsize=(9, 3.5))
    left.bar(names, [summary["medians"][n]["rps"] for n in names], color="#4477aa")
    left.set_title("throughput, req/s (median)")
    right.bar(names, [summary["medians"][n]["p99_ms"] for n in names], color="#cc6677")
    right.set_title("p99 latency, ms (median)")
    figure.tight_layout()
    figure.savefig(path, dpi=100)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=10, help="per target and round (<= 60)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--inventory", type=Path, default=Path(__file__).resolve().parent / "inventory")
    args = parser.parse_args(argv)
    seconds = min(args.seconds, 60)
    urls = targets(inventory_hostvars(args.inventory))
    names = list(urls)
    rounds: dict[str, list[dict]] = {name: [] for name in names}
    for number in range(args.rounds):
        order = names[number % len(names):] + names[:number % len(names)]
        for name in order:
            result = run_wrk(urls[name], seconds, args.connections, args.threads)
            rounds[name].append(result)
            print(f"round {number + 1}: {name:8} {result['rps']:>9,.0f} req/s  p50 {result['p50_ms']:.2f} ms  "
                  f"p99 {result['p99_ms']:.2f} ms  failed {result['failed']}", flush=True)
    summary = summarize(rounds)
    summary["settings"] = vars(args) | {"seconds": seconds, "inventory": str(args.inventory), "urls": urls}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "results.json").write_text(json.dumps(summary, indent=1) + "\n")
    (RESULTS / "results.md").write_text(table(summary) + "\n")
    plot(summary, RESULTS / "throughput.png")
    print()
    print(table(summary))
    print("ratios: " + ", ".join(f"{key} {value:.2f}" for key, value in summary["ratios"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
