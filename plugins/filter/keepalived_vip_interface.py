"""Where a virtual IP goes on a host: the interface whose IPv4 network holds it.

ansible.utils answers "is this address in that network" (the in_network test) but not "which of
this host's interfaces holds it, with what prefix", which keepalived.conf needs; hence this one.
"""

from __future__ import annotations

import ipaddress

DOCUMENTATION = r"""
name: keepalived_vip_interface
short_description: The interface of a host whose IPv4 network holds an address
version_added: 2.0.0
author: Web platform project (!UNKNOWN)
description:
  - Looks through a host's gathered facts for the interface whose IPv4 network holds O(address),
    and returns that interface, the host's own address on it and the network's prefix length.
  - The host's own address is not a virtual IP, so it matches nothing.
positional: address, interface
options:
  _input:
    description: The host's gathered facts (C(ansible_facts)), with C(interfaces) and one entry
      per interface as the setup module names them (C(-) and C(.) as C(_)).
    type: dict
    required: true
  address:
    description: The address to place, one IPv4 address without a prefix.
    type: str
    required: true
  interface:
    description: Look at this interface only. Empty, at every interface.
    type: str
    default: ""
"""

EXAMPLES = r"""
- name: Find where 172.30.80.5 goes
  ansible.builtin.debug:
    msg: "{{ ansible_facts | web_platform.platform.keepalived_vip_interface('172.30.80.5') }}"
  # {"interface": "eth0", "address": "172.30.80.10", "prefix": 24}
"""

RETURN = r"""
_value:
  description:
    - C(interface), C(address) (the host's own on it) and C(prefix) (the network's length).
    - An empty dictionary when no interface's network holds the address, or it is not one IPv4
      address.
  type: dict
"""


def keepalived_vip_interface(facts, address, interface=""):
    """The interface of a host (its gathered `ansible_facts`) whose IPv4 network holds `address`,
    as {interface, address (the host's own there), prefix}; {} when none does."""
    try:
        wanted = ipaddress.IPv4Address(str(address))
    except ValueError:
        return {}
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
        return {"keepalived_vip_interface": keepalived_vip_interface}
