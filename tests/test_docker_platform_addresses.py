"""Container addresses are derived: pinned ones win, running containers keep theirs, new ones
take the lowest free address; IPv6 follows IPv4."""

from __future__ import annotations

import importlib.util

import pytest

from conftest import PROJECT

spec = importlib.util.spec_from_file_location(
    "docker_platform_filters", PROJECT / "roles/docker_platform/filter_plugins/docker_platform.py"
)
filters = importlib.util.module_from_spec(spec)
spec.loader.exec_module(filters)


def hosts(*names, pinned=None):
    return [{"name": name, "container": name, "pinned": (pinned or {}).get(name, "")} for name in names]


def test_new_hosts_get_the_lowest_free_addresses_in_inventory_order():
    assert filters.docker_platform_addresses(hosts("lb1", "web1", "web2"), "172.30.80.0/24", {}) == {
        "lb1": "172.30.80.10", "web1": "172.30.80.11", "web2": "172.30.80.12"}


def test_running_containers_keep_their_address_and_a_new_host_fills_a_gap():
    existing = {"lb1": "172.30.80.10", "web2": "172.30.80.12"}
    addresses = filters.docker_platform_addresses(hosts("lb1", "web2", "web7"), "172.30.80.0/24", existing)
    assert addresses == {"lb1": "172.30.80.10", "web2": "172.30.80.12", "web7": "172.30.80.11"}


def test_a_pinned_address_wins_and_is_never_given_twice():
    addresses = filters.docker_platform_addresses(
        hosts("lb1", "web1", pinned={"web1": "172.30.80.10"}), "172.30.80.0/24", {})
    assert addresses == {"web1": "172.30.80.10", "lb1": "172.30.80.11"}


def test_a_full_subnet_says_so():
    with pytest.raises(ValueError, match="no free address left for web3"):
        filters.docker_platform_addresses(hosts("web1", "web2", "web3"), "10.0.0.0/29", {}, first=5)


def test_ipv6_address_has_the_same_host_number():
    assert filters.docker_platform_ipv6("172.30.80.11", "172.30.80.0/24", "fd00:5eed:80::/64") == "fd00:5eed:80::b"
    assert filters.docker_platform_ipv6("10.1.2.3", "10.1.0.0/16", "fd00::/64") == "fd00::203"
