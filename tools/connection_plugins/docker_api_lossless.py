# Copyright (c) 2026, web_platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt): this subclasses
# community.docker's docker_api connection (GPLv3+), so it carries that licence. It is part of the
# test bed and of this checkout's inventories, not of the collection (galaxy.yml: build_ignore).
"""community.docker.docker_api, with the output that comes with the exec's answer kept.

community.docker.docker_api runs a command in a container through the engine's API from
Ansible's own Python: no `docker` process per command, so a site.yml run that changes nothing
takes 8.6 s and 14 s of CPU where the CLI connection takes 27.7 s and 48 s (docs/benchmark.md).

It loses output. The exec is an HTTP request that the engine upgrades to a raw stream; the
vendored Docker client reads the answer's headers through http.client's buffered reader and then
takes the socket beneath it, so the bytes the reader had already taken past the headers are
dropped (docker/docker-py#2042 and #3332, open). A command that prints at once, on a busy machine,
comes back with part or all of its output missing: the suite saw "failed to resolve remote
temporary directory ... returned empty string". This connection hands the stream on with those
bytes first. tests/test_docker_api_lossless.py shows the loss and that it is gone.
"""

from __future__ import annotations

DOCUMENTATION = r"""
name: docker_api_lossless
short_description: Run tasks in docker containers through the engine's API, losing no output
description:
  - P(community.docker.docker_api#connection), with the bytes of a command's output that arrive
    together with the engine's answer to the exec kept, where that connection drops them.
author:
  - web_platform contributors
extends_documentation_fragment:
  - community.docker._docker.api_documentation
  - community.docker._docker.api_environment_documentation
  - community.docker._docker.var_names
options:
  remote_user:
    type: str
    description:
      - The user to execute as inside the container.
    vars:
      - name: ansible_user
      - name: ansible_docker_user
    ini:
      - section: defaults
        key: remote_user
    env:
      - name: ANSIBLE_REMOTE_USER
    cli:
      - name: user
    keyword:
      - name: remote_user
  remote_addr:
    type: str
    description:
      - The name of the container you want to access.
    default: inventory_hostname
    vars:
      - name: inventory_hostname
      - name: ansible_host
      - name: ansible_docker_host
  container_timeout:
    default: 10
    description:
      - Controls how long we can wait to access reading output from the container once execution started.
    env:
      - name: ANSIBLE_TIMEOUT
      - name: ANSIBLE_DOCKER_TIMEOUT
    ini:
      - key: timeout
        section: defaults
      - key: timeout
        section: docker_connection
    vars:
      - name: ansible_docker_timeout
    cli:
      - name: timeout
    type: integer
  extra_env:
    description:
      - Extra environment variables to set when running commands in the container.
    vars:
      - name: ansible_docker_extra_env
    type: dict
  working_dir:
    description:
      - The directory inside the container to run commands in.
    env:
      - name: ANSIBLE_DOCKER_WORKING_DIR
    ini:
      - key: working_dir
        section: docker_connection
    vars:
      - name: ansible_docker_working_dir
    type: string
  privileged:
    description:
      - Whether commands should be run with extended privileges.
    env:
      - name: ANSIBLE_DOCKER_PRIVILEGED
    ini:
      - key: privileged
        section: docker_connection
    vars:
      - name: ansible_docker_privileged
    type: boolean
    default: false
"""

import socket

from ansible_collections.community.docker.plugins.connection.docker_api import (
    MIN_DOCKER_API,
    Connection as DockerApiConnection,
)
from ansible_collections.community.docker.plugins.plugin_utils._common_api import (
    AnsibleDockerClient,
)


class OutputFirst(socket.SocketIO):
    """The exec's stream: the bytes the buffered reader took early, then the socket's own."""

    def __init__(self, stream: socket.SocketIO, taken_early: bytes) -> None:
        # The same socket and mode: the handler selects on its descriptor, writes to it and
        # shuts it down for writing through _sock, as it does with the stream it replaces.
        super().__init__(stream._sock, stream.mode)
        # One reference more on the socket, as socket.makefile takes for each SocketIO: the
        # socket really closes when the last of them closes, not when the client's one does.
        stream._sock._io_refs += 1
        self._response = getattr(stream, "_response", None)
        self._taken_early = taken_early

    def readinto(self, buffer) -> int | None:
        if self._taken_early:
            count = min(len(buffer), len(self._taken_early))
            buffer[:count] = self._taken_early[:count]
            self._taken_early = self._taken_early[count:]
            return count
        return super().readinto(buffer)


def taken_early(reader) -> bytes:
    """What the buffered reader holds beyond the headers, looked at without waiting for more.

    peek leaves the bytes in the reader: the client's callers that go on reading through the
    response (a file fetched from the container) still find them there, and those that read the
    socket get them from OutputFirst. When the reader holds nothing, peek makes one read of the
    socket, which, not blocking, gives what has arrived or nothing; those bytes stay in the
    reader too.
    """
    sock = reader.raw._sock
    timeout = sock.gettimeout()
    sock.setblocking(False)
    try:
        return reader.peek()
    finally:
        sock.settimeout(timeout)


class LosslessClient(AnsibleDockerClient):
    def _get_raw_response_socket(self, response):
        stream = super()._get_raw_response_socket(response)
        # Over the engine's UNIX socket (the default), the stream is the SocketIO beneath the
        # reader; other transports (TLS, SSH, named pipes) are handed on as they are. Some
        # callers only set the socket's timeout and go on reading through the response: they
        # drop the stream returned here, and the reader still holds what taken_early saw.
        if not isinstance(stream, socket.SocketIO):
            return stream
        return OutputFirst(stream, taken_early(response.raw._fp.fp))


class Connection(DockerApiConnection):
    """community.docker.docker_api with LosslessClient as its client."""

    transport = "docker_api_lossless"

    def _connect(self):
        if self.client is None:
            self.client = LosslessClient(self, min_docker_api_version=MIN_DOCKER_API)
        return super()._connect()
