"""Malformed and hostile HTTP against the balancer: each must get a 4xx or a closed connection.

    python -m tools.hostile --url http://127.0.0.1:18080/ [--slow-wait 20]

Checks: an oversized header, an over-long URI, a bad request line, a body over the size limit,
and a slow client that never finishes its headers (slowloris). Prints one line per check and
exits 1 when any got something else (a 2xx or 5xx, or a connection held past its bound).
Only loopback targets are allowed, like tools/webload.
"""

from __future__ import annotations

import argparse
import socket
import sys
import time

from tools.webload import local_target


def status_of(reply: bytes) -> int | None:
    """The status code of a raw HTTP reply, or None when there is none (closed, garbage)."""
    line = reply.split(b"\r\n", 1)[0].split()
    if len(line) >= 2 and line[0].startswith(b"HTTP/") and line[1].isdigit():
        return int(line[1])
    return None


def acceptable(reply: bytes) -> bool:
    """A 4xx answer or a closed connection without an answer."""
    status = status_of(reply)
    return status is None and not reply or status is not None and 400 <= status < 500


def exchange(host: str, port: int, payload: bytes, wait: float) -> bytes:
    """Sends payload, reads until the server closes or `wait` seconds pass."""
    with socket.create_connection((host, port), timeout=wait) as conn:
        try:
            conn.sendall(payload)
        except OSError:
            return b""
        reply = b""
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                chunk = conn.recv(65536)
            except (socket.timeout, ConnectionResetError):
                break
            if not chunk:
                break
            reply += chunk
        return reply


def checks(host: str, port: int) -> dict[str, bytes]:
    head = f"Host: {host}\r\n".encode()
    return {
        "oversized header (16 KiB)": b"GET / HTTP/1.1\r\n" + head + b"X-Big: " + b"a" * 16384 + b"\r\n\r\n",
        "over-long URI (16 KiB)": b"GET /" + b"a" * 16384 + b" HTTP/1.1\r\n" + head + b"\r\n",
        "bad request line": b"THIS IS NOT HTTP\r\n\r\n",
        "body over the limit (Content-Length 100 MiB)": (
            b"POST / HTTP/1.1\r\n" + head + b"Content-Length: 104857600\r\nContent-Type: text/plain\r\n\r\n"
            + b"a" * 1024
        ),
    }


def slow_client(host: str, port: int, wait: float) -> tuple[bytes, float]:
    """Starts a request and never finishes its headers; the server must give up within `wait`."""
    started = time.monotonic()
    with socket.create_connection((host, port), timeout=wait) as conn:
        conn.sendall(b"GET / HTTP/1.1\r\nHost: " + host.encode() + b"\r\nX-Slow: ")
        reply = b""
        try:
            while True:
                chunk = conn.recv(65536)
                if not chunk:
                    break
                reply += chunk
        except (socket.timeout, ConnectionResetError):
            return b"(still open)", time.monotonic() - started
    return reply, time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="balancer URL on the loopback range")
    parser.add_argument("--wait", type=float, default=5.0, help="seconds to wait for each answer")
    parser.add_argument("--slow-wait", type=float, default=20.0, help="seconds a slow client may be held at most")
    args = parser.parse_args(argv)
    try:
        host, port, _ = local_target(args.url)
    except ValueError as error:
        print(f"hostile: {error}", file=sys.stderr)
        return 2
    bad = 0
    for name, payload in checks(host, port).items():
        reply = exchange(host, port, payload, args.wait)
        ok = acceptable(reply)
        bad += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {status_of(reply) or 'connection closed'}")
    reply, held = slow_client(host, port, args.slow_wait)
    ok = reply != b"(still open)" and acceptable(reply)
    bad += not ok
    answer = "still open" if reply == b"(still open)" else status_of(reply) or "connection closed"
    print(f"{'ok  ' if ok else 'FAIL'} slow client (headers never finished): {answer} after {held:.1f} s")
    print(f"hostile: {5 - bad} passed, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
