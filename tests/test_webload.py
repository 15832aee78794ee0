"""The load generator counts answers per backend, failures by kind, and stays bounded and local."""

from __future__ import annotations

import itertools
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
        self.send_header("X-Backend-Server", next(self.names))
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


@pytest.mark.parametrize("url", ["http://10.0.0.1:8080/", "http://example.org/", "https://127.0.0.1/", "ftp://127.0.0.1/"])
def test_refuses_targets_off_this_machine(url):
    with pytest.raises(ValueError):
        webload.loopback_target(url)


def test_accepts_loopback_targets():
    assert webload.loopback_target("http://localhost:18080/") == ("127.0.0.1", 18080, "/")
    assert webload.loopback_target("http://127.0.0.1:8080/x") == ("127.0.0.1", 8080, "/x")


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
