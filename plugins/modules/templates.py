#!/usr/bin/python
"""The documentation of web_platform.platform.templates; its action plugin does the work
(plugins/action/templates.py), as ansible.builtin.template's does."""

from __future__ import annotations

DOCUMENTATION = r"""
module: templates
version_added: 3.0.0
short_description: Write several templates, with one look at the host when none changed
description:
  - Renders each template of O(files) on the controller and reads the checksum, owner, group and
    mode of every destination with one run of M(ansible.builtin.find).
  - Each file that differs, or is missing, goes to M(ansible.builtin.template) with its O(files[].src),
    O(files[].dest), owner, group, mode and O(files[].validate); what is written, validated, reported
    in check mode and shown with C(--diff) is that module's doing. A file already holding the rendered
    text with the owner, group and mode asked for is left alone, without a module run of its own.
  - M(ansible.builtin.template) costs two module runs for a file that is already as wanted; a role's
    files in one task cost one run in all.
  - Stops at the first file that fails (its O(files[].validate) rejects it, say); the files after it
    are not written. The task's C(msg) names that file, and its C(stdout), C(stderr) and C(exit_status)
    are those of its O(files[].validate) command.
  - Runs on the controller (rendering) and on the host (reading, writing), as M(ansible.builtin.template).
options:
  files:
    description: The templates to write, in order.
    type: list
    elements: dict
    required: true
    suboptions:
      src:
        description: The template, looked up in the role's C(templates/) folder as M(ansible.builtin.template) does.
        type: path
        required: true
      dest:
        description:
          - The path of the file on the host.
          - A folder of it that does not exist is made first, owned by root with mode C(0755) (as C(install -d)
            does, parents too); a folder that exists is left as it is.
        type: path
        required: true
      owner:
        description: The file's owner; O(owner) unless set.
        type: str
      group:
        description: The file's group; O(group) unless set.
        type: str
      mode:
        description:
          - The file's permissions, as in M(ansible.builtin.template); O(mode) unless set.
          - An octal mode (C("0644")) is compared on the host; a symbolic one always goes to M(ansible.builtin.template).
        type: raw
      validate:
        description: The command that checks the rendered file before it replaces dest (C(%s) is its path).
        type: str
      vars:
        description: Variables for this file's template only (one template written twice with different values).
        type: dict
  owner:
    description: The owner of every file that sets none.
    type: str
  group:
    description: The group of every file that sets none.
    type: str
  mode:
    description: The permissions of every file that sets none.
    type: raw
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
  platform:
    support: full
    platforms: posix
seealso:
  - module: ansible.builtin.template
author: Web platform project (!UNKNOWN)
"""

EXAMPLES = r"""
- name: Write the firewall's rules and its unit
  web_platform.platform.templates:
    owner: root
    group: root
    mode: "0644"
    files:
      - src: etc/iptables/platform.rules.j2
        dest: /etc/iptables/rules.v4
        mode: "0640"
        validate: iptables-restore --test --noflush %s
        vars:
          family: ipv4
      - src: etc/iptables/platform.rules.j2
        dest: /etc/iptables/rules.v6
        mode: "0640"
        validate: ip6tables-restore --test --noflush %s
        vars:
          family: ipv6
      - src: etc/systemd/system/platform-firewall.service.j2
        dest: /etc/systemd/system/platform-firewall.service
  notify: Apply the firewall rules
"""

RETURN = r"""
results:
  description:
    - One entry per file of O(files), in order, up to the first that failed.
    - For a file left alone, C(changed) false with its C(src) and C(dest); for the others, what
      M(ansible.builtin.template) returned, with C(src).
  returned: always
  type: list
  elements: dict
  sample: [{"changed": false, "dest": "/etc/iptables/platform.rules", "src": "etc/iptables/platform.rules.j2"}]
"""
