"""The http_requests module, run as Ansible runs it (a JSON file of arguments), against a local
HTTP server that names itself in a header, redirects and refuses, as a balancer and its backends
would."""

from __future__ import annotations

import http.server
import json
import socket
import subprocess
import sys
import threading

import pytest

from conftest import PROJECT

MODULE = PROJECT / "plugins" / "modules" / "http_requests.py"


class Backends(http.server.BaseHTTPRequestHandler):
    """Answers / in turn as a, b, c (round robin), /old with a redirect to /, anything else 404."""

    served = 0

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        if self.path == "/old":
            self.send_response(301)
            self.send_header("Location", "/")
            self.end_headers()
            return
        if self.path == "/host":
            body = f"Host: {self.headers['Host']}".encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if self.path != "/":
            self.send_error(404)
            return
        name = "abc"[Backends.served % 3]
        Backends.served += 1
        body = f"<p>Served by {name}</p>".encode()
        self.send_response(200)
        self.send_header("X-Backend-Server", name)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(name="server", scope="module")
def fixture_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Backends)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def run_module(tmp_path, **args):
    """The module's JSON answer and return code, for these arguments."""
    args_file = tmp_path / "args.json"
    args_file.write_text(json.dumps({"ANSIBLE_MODULE_ARGS": args}))
    result = subprocess.run([sys.executable, str(MODULE), str(args_file)], capture_output=True, text=True, check=False)
    return json.loads(result.stdout), result.returncode


def test_each_request_is_answered_and_named(server, tmp_path):
    answer, rc = run_module(tmp_path, url=server + "/", count=6)
    assert rc == 0 and answer["changed"] is False
    assert [r["status"] for r in answer["responses"]] == [200] * 6
    names = [r["headers"]["x-backend-server"] for r in answer["responses"]]
    assert sorted(names) == ["a", "a", "b", "b", "c", "c"]
    assert all(f"Served by {r['headers']['x-backend-server']}" in r["content"] for r in answer["responses"])


def test_redirects_are_followed_unless_told_not_to(server, tmp_path):
    followed, _ = run_module(tmp_path, url=server + "/old", count=1)
    assert followed["responses"][0]["status"] == 200
    assert followed["responses"][0]["url"] == server + "/"
    kept, _ = run_module(tmp_path, url=server + "/old", count=1, follow_redirects=False)
    assert kept["responses"][0]["status"] == 301
    assert kept["responses"][0]["headers"]["location"] == "/"


def test_an_error_status_is_an_answer(server, tmp_path):
    answer, rc = run_module(tmp_path, url=server + "/missing", count=2)
    assert rc == 0
    assert [r["status"] for r in answer["responses"]] == [404, 404]


def test_a_refused_connection_is_reported_not_raised(tmp_path):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    answer, rc = run_module(tmp_path, url=f"http://127.0.0.1:{port}/", count=2, timeout=2)
    assert rc == 0
    assert [r["status"] for r in answer["responses"]] == [-1, -1]
    assert "refused" in answer["responses"][0]["msg"].lower()


def test_a_count_below_one_is_refused(server, tmp_path):
    answer, rc = run_module(tmp_path, url=server + "/", count=0)
    assert rc != 0 and answer["failed"] and "count must be 1 or more" in answer["msg"]


def test_headers_are_sent_with_each_request(server, tmp_path):
    answer, rc = run_module(tmp_path, url=server + "/host", count=2, headers={"Host": "apps.example.com"})
    assert rc == 0
    assert [r["content"] for r in answer["responses"]] == ["Host: apps.example.com"] * 2
    plain, _ = run_module(tmp_path, url=server + "/host", count=1)
    assert plain["responses"][0]["content"] == "Host: " + server.removeprefix("http://")
