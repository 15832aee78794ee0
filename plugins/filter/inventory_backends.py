"""The balancer's backends (nginx_lb_backends) from the hosts of an inventory group.

Reads each host's address from its gathered facts, in the network the tiers talk over when one is
named, and its weight, down and backup from its platform_backend_* variables.
"""

from __future__ import annotations

import ipaddress

from ansible.errors import AnsibleFilterError, AnsibleUndefinedVariable
from jinja2 import Undefined
from jinja2.exceptions import UndefinedError

DOCUMENTATION = r"""
name: inventory_backends
short_description: The balancer's backends from the hosts of an inventory group
version_added: 2.0.0
author: Web platform project (!UNKNOWN)
description:
  - Returns one entry of C(nginx_lb_backends) per host, in the order given, named after the host.
  - The address is the host's C(platform_backend_address) when set; else, with O(networks), its
    first address in them (IPv4 before IPv6, as the facts list them); else its default IPv4
    address. An empty string when there is none (the nginx_lb role refuses it with a message).
  - C(weight), C(down) and C(backup) come from the host's C(platform_backend_weight) (1),
    C(platform_backend_down) and C(platform_backend_backup) (false).
positional: hostvars, port, networks
options:
  _input:
    description: The inventory hostnames, for instance C(groups['webservers']).
    type: list
    elements: str
    required: true
  hostvars:
    description: Ansible's C(hostvars), with the hosts' gathered network facts.
    type: dict
    required: true
  port:
    description: The port every one of these backends serves on.
    type: int
    required: true
  networks:
    description: The network the tiers talk over, in CIDR form, or a list of them. Empty, none.
    type: raw
    default: []
"""

EXAMPLES = r"""
- name: Balance over the web servers, reached in the private network
  ansible.builtin.include_role:
    name: web_platform.platform.nginx_lb
  vars:
    nginx_lb_backends: >-
      {{ groups['webservers'] | web_platform.platform.inventory_backends(hostvars, 80, '10.0.0.0/24') }}
"""

RETURN = r"""
_value:
  description: One dictionary per host, with C(name), C(address), C(port), C(weight), C(down), C(backup).
  type: list
  elements: dict
"""


def _in_networks(addresses, networks):
    for address in addresses:
        try:
            ip = ipaddress.ip_address(str(address).split("%", 1)[0])
        except ValueError:
            continue
        if any(ip.version == network.version and ip in network for network in networks):
            return str(address)
    return ""


def _setting(host_vars, name, default):
    """A host's variable, or `default` where it is unset or cannot be resolved yet (a value made
    from facts, read before the facts are gathered: playbooks/validate.yml), as default() does."""
    try:
        value = host_vars.get(name, default)
    except (AnsibleUndefinedVariable, UndefinedError):
        return default
    # ansible-core 2.19+ hands a value it could not resolve back as a marker, an Undefined.
    return default if value is None or isinstance(value, Undefined) else value


def inventory_backends(hosts, hostvars, port, networks=None):
    """nginx_lb_backends for `hosts`, each serving on `port`."""
    if isinstance(networks, str):
        networks = [networks] if networks else []
    try:
        parsed = [ipaddress.ip_network(str(network), strict=False) for network in networks or []]
    except ValueError as error:
        raise AnsibleFilterError(f"inventory_backends: {networks!r} is not a list of networks: {error}") from error
    backends = []
    for host in hosts or []:
        host_vars = hostvars[host]
        facts = host_vars.get("ansible_facts") or {}
        address = _setting(host_vars, "platform_backend_address", None)
        if address is None:
            if parsed:
                address = _in_networks(
                    list(facts.get("all_ipv4_addresses") or []) + list(facts.get("all_ipv6_addresses") or []), parsed
                )
            else:
                address = (facts.get("default_ipv4") or {}).get("address", "")
        backends.append({
            "name": host,
            "address": address,
            "port": int(port),
            "weight": _setting(host_vars, "platform_backend_weight", 1),
            "down": _setting(host_vars, "platform_backend_down", False),
            "backup": _setting(host_vars, "platform_backend_backup", False),
        })
    return backends


class FilterModule:
    def filters(self):
        return {"inventory_backends": inventory_backends}
