"""Whether a container already runs as the inventory asks, so docker_container need not be called.

community.docker.docker_container answers the same question, but at about a second a container;
this reads the one listing docker_host_info made for every host of the play.
"""

from __future__ import annotations

DOCUMENTATION = r"""
name: docker_platform_container_current
short_description: Whether a container runs the wanted image at the wanted addresses and ports
version_added: 2.0.0
author: Web platform project (!UNKNOWN)
description:
  - True when the container runs, from the image O(image_id), on O(network) at the addresses
    O(ipv4) and O(ipv6), and publishes exactly O(published).
  - The flags the docker_platform role sets itself (capabilities, mounts, stop signal) are the
    same for every container it ever made, so they are not compared.
positional: image_id, network, ipv4, ipv6, published
options:
  _input:
    description: The container's entry in community.docker.docker_host_info's verbose container
      list, or an empty dictionary when it does not exist.
    type: dict
    required: true
  image_id:
    description: The ID of the image it must run.
    type: str
    required: true
  network:
    description: The docker network it must be on.
    type: str
    required: true
  ipv4:
    description: Its IPv4 address on that network.
    type: str
    required: true
  ipv6:
    description: Its IPv6 address on that network, or an empty string for none.
    type: str
    required: true
  published:
    description: The ports it must publish, each as C(host_ip:host_port:container_port).
    type: list
    elements: str
    required: true
"""

EXAMPLES = r"""
- name: Create the container only when it does not run as wanted
  community.docker.docker_container:
    name: web1
    image: web-platform/debian:bookworm
    state: started
  when: >-
    not (container_listed | web_platform.platform.docker_platform_container_current(
         image_id, 'platform', '172.30.80.11', '', []))
"""

RETURN = r"""
_value:
  description: Whether the container runs as wanted.
  type: bool
"""


def docker_platform_container_current(container, image_id, network, ipv4, ipv6, published):
    """True when `container` runs `image_id` on `network` at `ipv4`/`ipv6` and publishes exactly
    `published`."""
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
        return {"docker_platform_container_current": docker_platform_container_current}
