"""Container addresses are derived: pinned ones win, running containers keep theirs, new ones
take the lowest free address; IPv6 follows IPv4."""

from __future__ import annotations

import pytest
from ansible.errors import AnsibleFilterError

from conftest import load_plugin

addresses = load_plugin("filter", "docker_platform_addresses")
ipv6 = load_plugin("filter", "docker_platform_ipv6")
current = load_plugin("filter", "docker_platform_container_current")


def hosts(*names, pinned=None):
    return [{"name": name, "container": name, "pinned": (pinned or {}).get(name, "")} for name in names]


def test_new_hosts_get_the_lowest_free_addresses_in_inventory_order():
    assert addresses.docker_platform_addresses(hosts("lb1", "web1", "web2"), "172.30.80.0/24", {}) == {
        "lb1": "172.30.80.10", "web1": "172.30.80.11", "web2": "172.30.80.12"}


def test_running_containers_keep_their_address_and_a_new_host_fills_a_gap():
    existing = {"lb1": "172.30.80.10", "web2": "172.30.80.12"}
    result = addresses.docker_platform_addresses(hosts("lb1", "web2", "web7"), "172.30.80.0/24", existing)
    assert result == {"lb1": "172.30.80.10", "web2": "172.30.80.12", "web7": "172.30.80.11"}


def test_a_pinned_address_wins_and_is_never_given_twice():
    result = addresses.docker_platform_addresses(
        hosts("lb1", "web1", pinned={"web1": "172.30.80.10"}), "172.30.80.0/24", {})
    assert result == {"web1": "172.30.80.10", "lb1": "172.30.80.11"}


def test_a_full_subnet_says_so():
    with pytest.raises(AnsibleFilterError, match="no free address left for web3"):
        addresses.docker_platform_addresses(hosts("web1", "web2", "web3"), "10.0.0.0/29", {}, first=5)


def test_ipv6_address_has_the_same_host_number():
    assert ipv6.docker_platform_ipv6("172.30.80.11", "172.30.80.0/24", "fd00:5eed:80::/64") == "fd00:5eed:80::b"
    assert ipv6.docker_platform_ipv6("10.1.2.3", "10.1.0.0/16", "fd00::/64") == "fd00::203"


RUNNING = {
    "State": "running",
    "ImageID": "sha256:abc",
    "NetworkSettings": {"Networks": {"platform": {"IPAMConfig": {"IPv4Address": "172.30.80.10",
                                                                 "IPv6Address": "fd00:5eed:80::a"}}}},
    "Ports": [{"IP": "127.0.0.1", "PublicPort": 8080, "PrivatePort": 8080}],
}


def test_a_container_is_current_when_image_addresses_and_ports_match():
    wanted = ("sha256:abc", "platform", "172.30.80.10", "fd00:5eed:80::a", ["127.0.0.1:8080:8080"])
    assert current.docker_platform_container_current(RUNNING, *wanted)
    assert not current.docker_platform_container_current({}, *wanted)
    assert not current.docker_platform_container_current({**RUNNING, "State": "exited"}, *wanted)
    assert not current.docker_platform_container_current(RUNNING, "sha256:new", *wanted[1:])
    assert not current.docker_platform_container_current(RUNNING, *wanted[:2], "172.30.80.11", *wanted[3:])
    assert not current.docker_platform_container_current(RUNNING, *wanted[:4], ["127.0.0.1:18080:8080"])
