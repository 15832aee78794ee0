"""A container's IPv6 address, derived from its IPv4 one.

ansible.utils' ipmath/ipaddr do address arithmetic only with the netaddr library on the
controller; this needs Python's ipaddress alone.
"""

from __future__ import annotations

import ipaddress

DOCUMENTATION = r"""
name: docker_platform_ipv6
short_description: The IPv6 address with the host number an IPv4 address has in its subnet
version_added: 2.0.0
author: Web platform project (!UNKNOWN)
description:
  - Returns the address of O(ipv6_subnet) whose host number is the one the input has in
    O(ipv4_subnet), so that a container's IPv6 address is stable for as long as its IPv4 one is.
positional: ipv4_subnet, ipv6_subnet
options:
  _input:
    description: An IPv4 address of O(ipv4_subnet).
    type: str
    required: true
  ipv4_subnet:
    description: The IPv4 subnet, in CIDR form.
    type: str
    required: true
  ipv6_subnet:
    description: The IPv6 subnet, in CIDR form.
    type: str
    required: true
"""

EXAMPLES = r"""
- name: web1's IPv6 address
  ansible.builtin.debug:
    msg: "{{ '172.30.80.11' | web_platform.platform.docker_platform_ipv6('172.30.80.0/24', 'fd00:5eed:80::/64') }}"
  # fd00:5eed:80::b
"""

RETURN = r"""
_value:
  description: The IPv6 address.
  type: str
"""


def docker_platform_ipv6(ipv4, ipv4_subnet, ipv6_subnet):
    """The address of `ipv6_subnet` with the host number `ipv4` has in `ipv4_subnet`."""
    offset = int(ipaddress.ip_address(ipv4)) - int(ipaddress.ip_network(ipv4_subnet, strict=False).network_address)
    return str(ipaddress.ip_network(ipv6_subnet, strict=False).network_address + offset)


class FilterModule:
    def filters(self):
        return {"docker_platform_ipv6": docker_platform_ipv6}
