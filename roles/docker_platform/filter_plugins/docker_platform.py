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


def docker_platform_container_current(container, image_id, network, ipv4, ipv6, published):
    """True when `container` (an entry of docker_host_info's verbose container list) runs the
    image `image_id` on `network` at the addresses `ipv4`/`ipv6` and publishes exactly
    `published` ("host_ip:host_port:container_port" strings). The flags the role sets itself
    (capabilities, mounts, stop signal) are the same for every container it ever made."""
    if not container or not image_id or container.get("State") != "running" or container.get("ImageID") != image_id:
        return False
    endpoint = ((container.get("NetworkSettings") or {}).get("Networks") or {}).get(network) or {}
    addresses = endpoint.get("IPAMConfig") or {}
    if addresses.get("IPv4Address", "") != ipv4 or (addresses.get("IPv6Address") or "") != (ipv6 or ""):
        return False
    wanted = set(published)
    # A port published on 0.0.0.0 is listed twice, the second time on "::".
    listed = {
        f"{port.get('IP', '')}:{port['PublicPort']}:{port['PrivatePort']}"
        for port in container.get("Ports") or []
        if port.get("PublicPort") and (port.get("IP") != "::" or any(p.startswith("::") for p in wanted))
    }
    return listed == wanted


class FilterModule:
    def filters(self):
        return {
            "docker_platform_addresses": docker_platform_addresses,
            "docker_platform_ipv6": docker_platform_ipv6,
            "docker_platform_container_current": docker_platform_container_current,
        }
