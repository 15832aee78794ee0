"""Filters for the platform's addresses: which of a host's addresses lie in a network.

In the repository the playbooks load this file as playbooks/filter_plugins (a link here); in the
collection it is web_platform.platform.addresses_in_network.
"""

from __future__ import annotations

import ipaddress

from ansible.errors import AnsibleFilterError


def addresses_in_network(addresses, networks):
    """The addresses (IPv4 or IPv6, as facts list them) that lie in `networks` (a CIDR or a list
    of them), in the order given. Addresses that are not IP addresses are skipped.

        ansible_facts.all_ipv4_addresses | addresses_in_network('10.0.0.0/24')
    """
    if isinstance(networks, str):
        networks = [networks]
    try:
        parsed = [ipaddress.ip_network(network, strict=False) for network in networks]
    except (TypeError, ValueError) as error:
        raise AnsibleFilterError(f"addresses_in_network: {networks!r} is not a list of networks: {error}") from error
    found = []
    for address in addresses or []:
        try:
            ip = ipaddress.ip_address(str(address).split("%", 1)[0])
        except ValueError:
            continue
        if any(ip.version == network.version and ip in network for network in parsed):
            found.append(str(address))
    return found


def invalid_networks(networks):
    """The items of `networks` (a CIDR or a list of them) that are not IPv4 or IPv6 networks."""
    if isinstance(networks, str):
        networks = [networks]
    if not isinstance(networks, (list, tuple)):
        return [networks]
    invalid = []
    for network in networks:
        try:
            ipaddress.ip_network(str(network), strict=False)
        except ValueError:
            invalid.append(network)
    return invalid


class FilterModule:
    def filters(self):
        return {"addresses_in_network": addresses_in_network, "invalid_networks": invalid_networks}
