"""A bounded load generator for the balancer: counts who answered and what went wrong.

    python -m tools.webload --url http://127.0.0.1:18080/ --duration 30 --concurrency 4 --out load.json

It sends GET requests from a few threads until the duration or the request cap is reached, then
writes a JSON summary (and prints it): requests sent, 200s per backend (from the response header
the balancer adds), non-200 answers by status, connection errors, client timeouts, and a timeline
of per-second counts per backend (by the second each request was sent) so a test can tell when
a server left and came back.

Only targets on this machine are allowed, loopback addresses and the networks of its bridges
(the containers'): load is never aimed at another machine.
"""

from __future__ import annotations

import argparse
import http.client
import ipaddress
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

# The header nginx_lb names the backend in, unless nginx_lb_backend_header says otherwise.
BACKEND_HEADER = "X-Backend-Server"

MAX_DURATION = 600.0
MAX_REQUESTS = 1_000_000


def bridge_networks() -> list:
    """The IPv4 and IPv6 networks of this machine's bridge interfaces (Linux): the networks of the
    containers it runs (docker's bridges), which nothing outside this machine is on."""
    networks = []
    try:
        listing = subprocess.run(["ip", "-j", "addr", "show"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return networks
    for interface in json.loads(listing or "[]"):
        if not os.path.isdir(f"/sys/class/net/{interface.get('ifname', '')}/bridge"):
            continue
        for address in interface.get("addr_info", []):
            network = ipaddress.ip_network(f"{address['local']}/{address['prefixlen']}", strict=False)
            # fe80::/64 is on every interface, the machine's LAN's too.
            if not network.is_link_local:
                networks.append(network)
    return networks


def local_target(url: str, bridges: list | None = None) -> tuple[str, int, str]:
    """(host, port, path) of an http:// URL on this machine: a loopback address, or an address
    on one of its bridge networks (a container's, or a virtual IP the containers share);
    ValueError otherwise. bridges: those networks (default: bridge_networks())."""
    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname:
        raise ValueError(f"{url}: only http://<address on this machine>:<port>/ URLs are allowed")
    host = "127.0.0.1" if parts.hostname == "localhost" else parts.hostname
    try:
        address = ipaddress.ip_address(host)
    except ValueError as error:
        raise ValueError(f"{url}: {host} is not an IP address on the loopback range or a bridge of this machine") from error
    if not address.is_loopback and not any(
        address.version == network.version and address in network
        for network in (bridge_networks() if bridges is None else bridges)
    ):
        raise ValueError(f"{url}: {host} is neither loopback nor on a bridge of this machine; load stays here")
    return host, parts.port or 80, parts.path or "/"


@dataclass
class Tally:
    """What the threads saw, under one lock."""

    started: float
    started_epoch: float = field(default_factory=time.time)
    lock: threading.Lock = field(default_factory=threading.Lock)
    sent: int = 0
    backends: Counter = field(default_factory=Counter)
    statuses: Counter = field(default_factory=Counter)
    connection_errors: int = 0
    timeouts: int = 0
    timeline: dict = field(default_factory=lambda: defaultdict(Counter))

    def record(self, outcome: str, backend: str | None = None, sent_at: float | None = None) -> None:
        """Counts one answer in the second its request was sent (sent_at, monotonic; default now):
        a request that timed out belongs to the moment it went to a server that failed then."""
        second = int((time.monotonic() if sent_at is None else sent_at) - self.started)
        with self.lock:
            if outcome == "200":
                self.backends[backend or "(no header)"] += 1
                self.timeline[second][backend or "(no header)"] += 1
            elif outcome == "timeout":
                self.timeouts += 1
                self.timeline[second]["(timeout)"] += 1
            elif outcome == "error":
                self.connection_errors += 1
                self.timeline[second]["(error)"] += 1
            else:
                self.statuses[outcome] += 1
                self.timeline[second][f"({outcome})"] += 1

    def claim(self, limit: int) -> bool:
        """Takes one request from the budget; False when it is spent."""
        with self.lock:
            if self.sent >= limit:
                return False
            self.sent += 1
            return True

    def summary(self) -> dict:
        failed = self.connection_errors + self.timeouts + sum(self.statuses.values())
        return {
            "sent": self.sent,
            "ok": sum(self.backends.values()),
            "failed": failed,
            "backends": dict(sorted(self.backends.items())),
            "non_200": dict(sorted(self.statuses.items())),
            "connection_errors": self.connection_errors,
            "timeouts": self.timeouts,
            "duration": round(time.monotonic() - self.started, 2),
            # Wall-clock start, so a test can place its own events on the timeline.
            "started_epoch": round(self.started_epoch, 3),
            "timeline": {str(s): dict(c) for s, c in sorted(self.timeline.items())},
            # The seconds in which something failed and what, short enough to print whole.
            "failures": {
                str(s): failed
                for s, c in sorted(self.timeline.items())
                if (failed := {kind: n for kind, n in c.items() if kind.startswith("(") and kind != "(no header)"})
            },
        }


def one_request(host: str, port: int, path: str, header: str, timeout: float,
                name: str | None = None) -> tuple[str, str | None]:
    """('200', backend) or (status, None) or ('error'|'timeout', None). name: the Host to ask for."""
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        headers = {"Connection": "close"} | ({"Host": name} if name else {})
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return str(response.status), response.getheader(header)
    except (socket.timeout, TimeoutError):
        return "timeout", None
    except (OSError, http.client.HTTPException):
        return "error", None
    finally:
        connection.close()


def run(url: str, duration: float, max_requests: int, concurrency: int, timeout: float,
        header: str = BACKEND_HEADER, stop_file: str | None = None, rate: float = 0.0, name: str | None = None) -> dict:
    """Sends load until `duration` seconds, `max_requests` requests, or `stop_file` exists, at most
    `rate` requests a second in all (0: as fast as the threads go); with `name`, as the Host header
    (a balancer's service by host name, at the URL's address)."""
    host, port, path = local_target(url)
    duration = min(duration, MAX_DURATION)
    max_requests = min(max_requests, MAX_REQUESTS)
    tally = Tally(started=time.monotonic())
    deadline = tally.started + duration

    def stopped() -> bool:
        return stop_file is not None and os.path.exists(stop_file)

    # Each thread sends its share of the rate on a fixed beat. A thread held up by a slow answer
    # does not catch up in a burst: it sends at once and keeps the beat from there.
    interval = max(1, concurrency) / rate if rate > 0 else 0.0

    def worker() -> None:
        next_at = time.monotonic()
        while time.monotonic() < deadline and not stopped() and tally.claim(max_requests):
            if interval:
                time.sleep(max(0.0, next_at - time.monotonic()))
                next_at = max(next_at + interval, time.monotonic())
            sent_at = time.monotonic()
            outcome, backend = one_request(host, port, path, header, timeout, name)
            tally.record(outcome, backend, sent_at)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(max(1, concurrency))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(duration + timeout + 5)
    return tally.summary()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="balancer URL on the loopback range or a bridge of this machine")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds to send for (<= 600)")
    parser.add_argument("--max-requests", type=int, default=100_000, help="request cap")
    parser.add_argument("--concurrency", type=int, default=4, help="threads sending at once")
    parser.add_argument("--timeout", type=float, default=8.0, help="client timeout per request, seconds")
    parser.add_argument("--header", default=BACKEND_HEADER, help="response header naming the backend")
    parser.add_argument("--out", help="also write the JSON summary to this file")
    parser.add_argument("--stop-file", help="stop early once this file exists")
    parser.add_argument("--rate", type=float, default=0.0, help="requests a second in all, at most (0: no limit)")
    parser.add_argument("--host", help="the Host header to send (a service by name), if not the URL's")
    args = parser.parse_args(argv)
    try:
        summary = run(
            args.url, args.duration, args.max_requests, args.concurrency, args.timeout, args.header, args.stop_file,
            args.rate, args.host,
        )
    except ValueError as error:
        print(f"webload: {error}", file=sys.stderr)
        return 2
    text = json.dumps(summary, indent=1)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
