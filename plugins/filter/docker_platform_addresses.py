"""Addresses for the platform's containers, derived instead of hand-picked.

No filter of ansible.utils allocates addresses; this one keeps a running container's address so
that a host is never renumbered under the balancers that name it.
"""

from __future__ import annotations

import ipaddress

from ansible.errors import AnsibleFilterError

DOCUMENTATION = r"""
name: docker_platform_addresses
short_description: An IPv4 address of a subnet for each container of a platform
version_added: 2.0.0
author: Web platform project (!UNKNOWN)
description:
  - Maps each host to an IPv4 address of O(subnet).
  - An address pinned in the inventory wins; a container that exists keeps the address it has,
    so that a running host is never renumbered (the balancers' upstream and the web servers'
    firewalls name addresses); a new host gets the lowest free address from the O(first)-th of
    the subnet on.
  - Fails when the subnet has no free address left.
positional: subnet, existing, first
options:
  _input:
    description: One dictionary per host, in inventory order, with C(name) (the inventory host),
      C(container) (its container's name) and C(pinned) (an address set in the inventory, or an
      empty string).
    type: list
    elements: dict
    required: true
  subnet:
    description: The docker network's IPv4 subnet, in CIDR form.
    type: str
    required: true
  existing:
    description: Container name to its IPv4 address now, for the containers that exist.
    type: dict
    required: true
  first:
    description: The host number new addresses start from (the ones below are left to the
      network's gateway and to addresses such as a virtual IP).
    type: int
    default: 10
"""

EXAMPLES = r"""
- name: Number three hosts, web2's container running at .11 already
  ansible.builtin.debug:
    msg: >-
      {{ [{'name': 'lb1', 'container': 'lb1', 'pinned': ''},
          {'name': 'web1', 'container': 'web1', 'pinned': ''},
          {'name': 'web2', 'container': 'web2', 'pinned': ''}]
         | web_platform.platform.docker_platform_addresses('172.30.80.0/24', {'web2': '172.30.80.11'}) }}
  # {"web2": "172.30.80.11", "lb1": "172.30.80.10", "web1": "172.30.80.12"}
"""

RETURN = r"""
_value:
  description: Inventory host name to its IPv4 address.
  type: dict
"""


def docker_platform_addresses(hosts, subnet, existing, first=10):
    """Maps each host to an IPv4 address of `subnet`: pinned, else the one it has, else the lowest
    free one from the `first`-th on."""
    network = ipaddress.ip_network(subnet, strict=False)
    addresses = {host["name"]: host["pinned"] for host in hosts if host.get("pinned")}
    for host in hosts:
        if host["name"] not in addresses and existing.get(host["container"]):
            addresses[host["name"]] = existing[host["container"]]
    taken = {ipaddress.ip_address(address) for address in list(addresses.values()) + list(existing.values())}
    free = (address for address in network.hosts() if int(address) - int(network.network_address) >= first)
    for host in hosts:
        if host["name"] not in addresses:
            address = next((a for a in free if a not in taken), None)
            if address is None:
                raise AnsibleFilterError(f"subnet {subnet} has no free address left for {host['name']}")
            addresses[host["name"]] = str(address)
    return addresses


class FilterModule:
    def filters(self):
        return {"docker_platform_addresses": docker_platform_addresses}
