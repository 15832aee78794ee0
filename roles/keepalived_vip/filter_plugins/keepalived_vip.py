"""Where a virtual IP goes on a host: the interface whose IPv4 network holds it."""

from __future__ import annotations

import ipaddress


def keepalived_vip_is_ipv4(value):
    """True when `value` is one IPv4 address (no prefix): what a virtual IP must be."""
    try:
        ipaddress.IPv4Address(str(value))
    except ValueError:
        return False
    return True


def keepalived_vip_ipv4_only(values):
    """The IPv4 addresses of `values` (VRRP for an IPv4 address speaks IPv4 only)."""
    return [value for value in values if keepalived_vip_is_ipv4(value)]


def keepalived_vip_interface(facts, address, interface=""):
    """The interface of a host (its gathered `ansible_facts`) whose IPv4 network holds `address`,
    as {interface, address (the host's own there), prefix}; {} when none does.

    With `interface` given, only that one is looked at. The address the host has there is where
    its VRRP adverts come from (unicast_src_ip), the prefix the virtual IP's.
    """
    if not keepalived_vip_is_ipv4(address):
        return {}
    wanted = ipaddress.IPv4Address(address)
    names = [interface] if interface else facts.get("interfaces", [])
    for name in names:
        ipv4 = (facts.get(name.replace("-", "_").replace(".", "_")) or {}).get("ipv4") or {}
        if not ipv4.get("address") or not ipv4.get("netmask"):
            continue
        network = ipaddress.IPv4Network(f"{ipv4['address']}/{ipv4['netmask']}", strict=False)
        if wanted in network and wanted != ipaddress.IPv4Address(ipv4["address"]):
            return {"interface": name, "address": ipv4["address"], "prefix": network.prefixlen}
    return {}


class FilterModule:
    def filters(self):
        return {
            "keepalived_vip_is_ipv4": keepalived_vip_is_ipv4,
            "keepalived_vip_ipv4_only": keepalived_vip_ipv4_only,
            "keepalived_vip_interface": keepalived_vip_interface,
        }
