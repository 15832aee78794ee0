"""The hostile-request checker reads replies right and refuses targets off this machine."""

from __future__ import annotations

from tools import hostile


def test_reads_the_status_of_a_reply():
    assert hostile.status_of(b"HTTP/1.1 413 Request Entity Too Large\r\nServer: nginx\r\n\r\n") == 413
    assert hostile.status_of(b"") is None
    assert hostile.status_of(b"garbage") is None


def test_a_4xx_or_a_closed_connection_is_acceptable():
    assert hostile.acceptable(b"HTTP/1.1 400 Bad Request\r\n\r\n")
    assert hostile.acceptable(b"")
    assert not hostile.acceptable(b"HTTP/1.1 200 OK\r\n\r\n")
    assert not hostile.acceptable(b"HTTP/1.1 502 Bad Gateway\r\n\r\n")
    assert not hostile.acceptable(b"garbage")


def test_refuses_a_target_off_this_machine(capsys):
    assert hostile.main(["--url", "http://192.0.2.1:8080/"]) == 2
    assert "loopback" in capsys.readouterr().err
