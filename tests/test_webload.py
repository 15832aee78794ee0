"""The load generator counts answers per backend, failures by kind, and stays bounded and local."""

from __future__ import annotations

import ipaddress
import itertools
import json
import os
import subprocess
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tools import webload


def serve(handler_class):
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_class)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def load_against(handler_class, **limits) -> dict:
    """Runs webload against a throwaway local server of `handler_class`, then stops the server."""
    server, url = serve(handler_class)
    try:
        return webload.run(url, **limits)
    finally:
        server.shutdown()


class Alternating(BaseHTTPRequestHandler):
    names = itertools.cycle(["web1", "web2"])

    def do_GET(self):
        self.send_response(200)
        self.send_header(webload.BACKEND_HEADER, next(self.names))
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


class Failing(Alternating):
    def do_GET(self):
        self.send_response(503)
        self.end_headers()


class Hanging(Alternating):
    def do_GET(self):
        time.sleep(1.5)


def test_counts_answers_per_backend_and_stops_at_the_cap():
    summary = load_against(Alternating, duration=10, max_requests=20, concurrency=1, timeout=2)
    assert summary["sent"] == 20
    assert summary["backends"] == {"web1": 10, "web2": 10}
    assert summary["failed"] == 0
    assert summary["failures"] == {}


def test_counts_non_200_answers():
    summary = load_against(Failing, duration=10, max_requests=5, concurrency=2, timeout=2)
    assert summary["non_200"] == {"503": 5}
    assert summary["failed"] == 5
    assert sum(second.get("(503)", 0) for second in summary["failures"].values()) == 5


def test_counts_client_timeouts():
    summary = load_against(Hanging, duration=10, max_requests=2, concurrency=2, timeout=0.3)
    assert summary["timeouts"] == 2


def test_counts_connection_errors():
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    summary = webload.run(f"http://127.0.0.1:{port}/", duration=10, max_requests=3, concurrency=1, timeout=1)
    assert summary["connection_errors"] == 3


def test_stops_at_the_duration():
    server, url = serve(Alternating)
    try:
        started = time.monotonic()
        summary = webload.run(url, duration=0.5, max_requests=10**6, concurrency=2, timeout=1)
        elapsed = time.monotonic() - started
    finally:
        server.shutdown()
    assert summary["sent"] < 10**6
    assert elapsed < 5


def test_keeps_to_the_rate():
    # Unbounded, this server answers thousands a second; at 50 a second for 2 s, about 100.
    summary = load_against(Alternating, duration=2, max_requests=10**6, concurrency=3, timeout=1, rate=50)
    assert 80 <= summary["sent"] <= 110
    assert summary["failed"] == 0


@pytest.mark.parametrize("url", ["http://10.0.0.1:8080/", "http://example.org/", "https://127.0.0.1/", "ftp://127.0.0.1/"])
def test_refuses_targets_off_this_machine(url):
    with pytest.raises(ValueError):
        webload.local_target(url, bridges=[ipaddress.ip_network("192.0.2.0/24")])


def test_accepts_loopback_targets():
    assert webload.local_target("http://localhost:18080/", bridges=[]) == ("127.0.0.1", 18080, "/")
    assert webload.local_target("http://127.0.0.1:8080/x", bridges=[]) == ("127.0.0.1", 8080, "/x")


def test_accepts_addresses_on_a_bridge_of_this_machine():
    bridges = [ipaddress.ip_network("172.30.80.0/24"), ipaddress.ip_network("fd00:5eed:80::/64")]
    assert webload.local_target("http://172.30.80.5:8080/", bridges=bridges) == ("172.30.80.5", 8080, "/")
    assert webload.local_target("http://[fd00:5eed:80::5]:8080/", bridges=bridges)[0] == "fd00:5eed:80::5"
    with pytest.raises(ValueError):
        webload.local_target("http://172.30.81.5:8080/", bridges=bridges)


def test_finds_the_bridges_of_this_machine():
    """The networks of bridges (docker0 where the engine runs), never those of other interfaces."""
    listing = json.loads(subprocess.run(["ip", "-j", "addr", "show"], capture_output=True, text=True, check=True).stdout)
    others = {
        ipaddress.ip_network(f"{address['local']}/{address['prefixlen']}", strict=False)
        for interface in listing
        if not os.path.isdir(f"/sys/class/net/{interface['ifname']}/bridge")
        for address in interface.get("addr_info", [])
    }
    others = {network for network in others if not network.is_link_local}
    found = set(webload.bridge_networks())
    assert others and not found & others
    assert ipaddress.ip_network("127.0.0.0/8") not in found


def test_stops_when_the_stop_file_appears(tmp_path):
    server, url = serve(Alternating)
    stop_file = tmp_path / "stop"
    threading.Timer(0.3, stop_file.touch).start()
    try:
        started = time.monotonic()
        summary = webload.run(url, duration=30, max_requests=10**6, concurrency=2, timeout=1, stop_file=str(stop_file))
        elapsed = time.monotonic() - started
    finally:
        server.shutdown()
    assert summary["sent"] > 0
    assert elapsed < 5


class NamingTheHost(Alternating):
    """Names the Host it was asked for as the backend."""

    def do_GET(self):
        self.send_response(200)
        self.send_header(webload.BACKEND_HEADER, self.headers["Host"])
        self.end_headers()
        self.wfile.write(b"ok")


def test_sends_the_host_asked_for():
    summary = load_against(NamingTheHost, duration=5, max_requests=4, concurrency=2, timeout=2, name="apps.localhost")
    assert summary["backends"] == {"apps.localhost": 4}
