"""Where keepalived_vip puts the virtual IP: the interface whose IPv4 network holds it."""

from __future__ import annotations

from conftest import load_plugin

keepalived_vip = load_plugin("filter", "keepalived_vip_interface")

# As setup gathers them: the interface names, and each interface's facts under its name with
# '-' and '.' as '_'.
FACTS = {
    "interfaces": ["lo", "eth0", "br-lan.10"],
    "lo": {"ipv4": {"address": "127.0.0.1", "netmask": "255.0.0.0"}},
    "eth0": {"ipv4": {"address": "172.30.80.10", "netmask": "255.255.255.0"}},
    "br_lan_10": {"ipv4": {"address": "10.1.0.7", "netmask": "255.255.0.0"}},
}


def test_finds_the_interface_whose_network_holds_the_address():
    assert keepalived_vip.keepalived_vip_interface(FACTS, "172.30.80.5") == {
        "interface": "eth0",
        "address": "172.30.80.10",
        "prefix": 24,
    }
    assert keepalived_vip.keepalived_vip_interface(FACTS, "10.1.200.1")["interface"] == "br-lan.10"


def test_finds_nothing_outside_the_hosts_networks_or_on_its_own_address():
    assert keepalived_vip.keepalived_vip_interface(FACTS, "192.0.2.5") == {}
    assert keepalived_vip.keepalived_vip_interface(FACTS, "172.30.80.10") == {}
    assert keepalived_vip.keepalived_vip_interface(FACTS, "172.30.80.5/24") == {}
    assert keepalived_vip.keepalived_vip_interface({}, "172.30.80.5") == {}


def test_looks_only_at_the_interface_named():
    assert keepalived_vip.keepalived_vip_interface(FACTS, "172.30.80.5", "br-lan.10") == {}
    assert keepalived_vip.keepalived_vip_interface(FACTS, "172.30.80.5", "eth0")["prefix"] == 24

