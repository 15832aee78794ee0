"""The filters that find a host's addresses in the network the tiers talk over."""

from __future__ import annotations

import importlib.util

import pytest

from conftest import PROJECT

spec = importlib.util.spec_from_file_location("network", PROJECT / "plugins" / "filter" / "network.py")
network = importlib.util.module_from_spec(spec)
spec.loader.exec_module(network)

FACTS = ["172.30.80.10", "10.0.0.11", "10.0.1.5", "fd00:5eed:80::a", "fd00:10::b", "fe80::1%eth0"]


def test_picks_the_addresses_in_the_network_in_order():
    assert network.addresses_in_network(FACTS, "10.0.0.0/24") == ["10.0.0.11"]
    assert network.addresses_in_network(FACTS, ["10.0.0.0/16", "fd00:10::/64"]) == ["10.0.0.11", "10.0.1.5", "fd00:10::b"]
    assert network.addresses_in_network(FACTS, "192.0.2.0/24") == []
    assert network.addresses_in_network(None, "10.0.0.0/8") == []


def test_a_scoped_link_local_address_is_compared_without_its_scope():
    assert network.addresses_in_network(FACTS, "fe80::/64") == ["fe80::1%eth0"]


def test_names_what_is_not_a_network():
    assert network.invalid_networks(["10.0.0.0/24", "fd00::/64"]) == []
    assert network.invalid_networks("10.0.0.0/33") == ["10.0.0.0/33"]
    assert network.invalid_networks(["10.0.0.0/24", "lan"]) == ["lan"]
    assert network.invalid_networks({"a": 1}) == [{"a": 1}]


def test_a_bad_network_stops_the_filter_with_its_name():
    with pytest.raises(Exception, match="lan"):
        network.addresses_in_network(FACTS, ["lan"])
