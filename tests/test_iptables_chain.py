"""ACCEPT rules come out in the form `iptables -S` prints, so the module can tell a chain is current."""

from __future__ import annotations

import pytest

from conftest import load_role_module

module = load_role_module("firewall", "iptables_chain")

TAIL = "-m conntrack --ctstate NEW -m comment --comment web -j ACCEPT"


def test_anywhere_has_no_source_match():
    assert module.accept_tcp_rules(80, ["0.0.0.0/0"], "web") == [f"-p tcp -m tcp --dport 80 {TAIL}"]
    assert module.accept_tcp_rules(80, None, "web") == [f"-p tcp -m tcp --dport 80 {TAIL}"]


def test_hosts_get_a_32_bit_mask_and_networks_lose_their_host_bits():
    assert module.accept_tcp_rules("80", ["10.0.0.7", "10.1.2.3/16"], "web") == [
        f"-s 10.0.0.7/32 -p tcp -m tcp --dport 80 {TAIL}",
        f"-s 10.1.0.0/16 -p tcp -m tcp --dport 80 {TAIL}",
    ]


def test_rejects_what_is_not_an_ipv4_source():
    with pytest.raises(ValueError):
        module.accept_tcp_rules(80, ["anywhere"], "web")


def test_restore_input_declares_the_chain_so_it_is_emptied_first():
    text = module.restore_input("PLATFORM-WEB", "filter", ["-i lo -j ACCEPT"])
    assert text.splitlines() == ["*filter", ":PLATFORM-WEB - [0:0]", "-A PLATFORM-WEB -i lo -j ACCEPT", "COMMIT"]
