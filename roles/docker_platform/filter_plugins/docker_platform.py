"""Addresses for the platform's containers, derived instead of hand-picked."""

from __future__ import annotations

import ipaddress


def docker_platform_addresses(hosts, subnet, existing, first=10):
    """Maps each host to an IPv4 address of `subnet`.

    hosts: dicts with `name` (inventory host), `container` and `pinned` (an address set in the
    inventory, or ''), in inventory order. existing: container name -> its address now.
    A pinned address wins; a container that exists keeps its address, so a running host is never
    renumbered (the balancer's upstream and the web servers' firewalls name addresses); a new host
    gets the lowest free address from the `first`-th of the subnet on.
    """
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
                raise ValueError(f"subnet {subnet} has no free address left for {host['name']}")
            addresses[host["name"]] = str(address)
    return addresses


def docker_platform_ipv6(ipv4, ipv4_subnet, ipv6_subnet):
    """The address of `ipv6_subnet` with the host number `ipv4` has in `ipv4_subnet`:
    172.30.80.11 in 172.30.80.0/24 -> fd00:5eed:80::b. Stable for as long as the IPv4 address is."""
    offset = int(ipaddress.ip_address(ipv4)) - int(ipaddress.ip_network(ipv4_subnet, strict=False).network_address)
    return str(ipaddress.ip_network(ipv6_subnet, strict=False).network_address + offset)


class FilterModule:
    def filters(self):
        return {
            "docker_platform_addresses": docker_platform_addresses,
            "docker_platform_ipv6": docker_platform_ipv6,
        }
