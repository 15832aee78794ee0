#!/usr/bin/python
"""Send one URL the same GET request several times and return every answer, in one task.

A loop of ansible.builtin.uri pays a module run per request: 30 requests took 15 s on a quiet
test machine and 25 s under load, and the evidence playbook and the tests send them often. Here
they take well under a second. Each request opens its own connection, as a loop of uri does, so
a balancer spreads them as it would spread clients.

The module of the collection web_platform.platform: the playbooks and the tests call it
web_platform.platform.http_requests.
"""

from __future__ import annotations

DOCUMENTATION = r"""
module: http_requests
version_added: 1.1.0
short_description: Send one URL the same GET request several times
description:
  - Sends O(count) GET requests to O(url), one after the other, each on its own connection, and
    returns the status, headers and body of each.
  - A request that fails (refused, timed out, a TLS error) is reported with status -1 and the
    reason; the module itself fails only on bad arguments. Read the statuses to judge the answers.
  - Only reads, so it runs in check mode too.
options:
  url:
    description: The URL to request (http or https).
    type: str
    required: true
  count:
    description: How many requests to send.
    type: int
    default: 30
  timeout:
    description: Seconds each request may take, connecting included.
    type: int
    default: 10
  validate_certs:
    description: Whether an HTTPS server's certificate must verify.
    type: bool
    default: true
  follow_redirects:
    description: Whether to follow redirects, as a browser does.
    type: bool
    default: true
  headers:
    description:
      - Headers to send with each request, name to value; a C(Host) header asks for a host name
        other than the URL's (a balancer's service by name, reached at its address).
    type: dict
    default: {}
    version_added: 3.0.0
author: Web platform project (!UNKNOWN)
"""

EXAMPLES = r"""
- name: Send 30 requests through the balancer
  web_platform.platform.http_requests:
    url: http://127.0.0.1:8080/
    count: 30
  delegate_to: localhost
  register: answers

- name: Print who answered each one
  ansible.builtin.debug:
    msg: "{{ answers.responses | map(attribute='headers.x-backend-server', default='?') | list }}"

- name: Ask the balancer for the service of another host name
  web_platform.platform.http_requests:
    url: http://127.0.0.1:8080/
    headers:
      Host: apps.example.com
    count: 10
  delegate_to: localhost
"""

RETURN = r"""
responses:
  description: One item per request, in the order sent.
  returned: always
  type: list
  elements: dict
  contains:
    status:
      description: The HTTP status of the (last, after redirects) answer; -1 when there was none.
      type: int
    url:
      description: The URL that answered, after redirects.
      type: str
    headers:
      description: The answer's headers, names in lower case.
      type: dict
    content:
      description: The body, decoded as UTF-8 (undecodable bytes replaced).
      type: str
    msg:
      description: OK, the HTTP reason, or why the request failed.
      type: str
"""

import http.client
import socket
import urllib.error

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.urls import open_url

# open_url's TLS and URL errors derive from these; anything else is a bug worth a traceback.
REQUEST_ERRORS = (urllib.error.URLError, http.client.HTTPException, socket.timeout, OSError, ValueError)


def answer(response, status, msg):
    """One result item from a response object (a success or an HTTPError) and its status."""
    return {
        "status": status,
        "url": response.geturl(),
        "headers": {name.lower(): value for name, value in response.headers.items()},
        "content": response.read().decode("utf-8", errors="replace"),
        "msg": msg,
    }


def request(url, timeout, validate_certs, follow_redirects, headers):
    """Send one GET request; never raises for what the network or the server does."""
    try:
        with open_url(
            url,
            method="GET",
            headers=headers,
            timeout=timeout,
            validate_certs=validate_certs,
            follow_redirects="safe" if follow_redirects else "none",
            http_agent="web-platform-http-requests",
        ) as response:
            return answer(response, response.status, "OK")
    except urllib.error.HTTPError as error:
        # A 4xx/5xx (or, without following, a 3xx) is an answer, not a failure of the request.
        return answer(error, error.code, str(error.reason))
    except REQUEST_ERRORS as error:
        return {"status": -1, "url": url, "headers": {}, "content": "", "msg": str(error)}


def main():
    module = AnsibleModule(
        argument_spec={
            "url": {"type": "str", "required": True},
            "count": {"type": "int", "default": 30},
            "timeout": {"type": "int", "default": 10},
            "validate_certs": {"type": "bool", "default": True},
            "follow_redirects": {"type": "bool", "default": True},
            "headers": {"type": "dict", "default": {}},
        },
        supports_check_mode=True,
    )
    params = module.params
    if params["count"] < 1:
        module.fail_json(msg=f"count must be 1 or more, not {params['count']}")
    if params["timeout"] < 1:
        module.fail_json(msg=f"timeout must be 1 second or more, not {params['timeout']}")
    responses = [
        request(params["url"], params["timeout"], params["validate_certs"], params["follow_redirects"], params["headers"])
        for _request_number in range(params["count"])
    ]
    module.exit_json(changed=False, responses=responses)


if __name__ == "__main__":
    main()
