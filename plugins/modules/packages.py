#!/usr/bin/python
"""The documentation of web_platform.platform.packages; its action plugin does the work
(plugins/action/packages.py), and hands every change to ansible.builtin.apt."""

from __future__ import annotations

DOCUMENTATION = r"""
module: packages
version_added: 3.0.0
short_description: Install Debian packages, with one look at dpkg's database when all are there
description:
  - For O(state=present), first asks C(dpkg-query), one plain command on the host (no module, no
    become), whether every package of O(name) is installed. When each one is, the task is done,
    changed false, without a run of M(ansible.builtin.apt) and without refreshing the package lists
    (nothing is to be installed from them).
  - Otherwise (a package missing or half-installed, any other O(state), a version or a pattern in
    O(name), or any other argument of M(ansible.builtin.apt)) the task is M(ansible.builtin.apt)'s, with
    the same arguments; what is installed, reported in check mode and shown with C(--diff) is that
    module's doing.
  - M(ansible.builtin.apt) costs about 0.7 s of the host's CPU for packages already installed (it
    opens the package cache); the look, a few hundredths.
  - Takes every option of M(ansible.builtin.apt); those below are the ones the look reads.
options:
  name:
    description:
      - The packages, as M(ansible.builtin.apt) takes them.
      - The look decides only for plain package names (an architecture allowed, C(libc6:amd64)); a
        version (C(nginx=1.26*)), a pattern or a path goes to M(ansible.builtin.apt).
    type: list
    elements: str
    aliases: [package, pkg]
  state:
    description:
      - As in M(ansible.builtin.apt). Only V(present) (and V(installed)) is decided by the look.
    type: str
    default: present
  update_cache:
    description:
      - As in M(ansible.builtin.apt), when it runs. Not done when every package is installed.
    type: bool
  cache_valid_time:
    description: As in M(ansible.builtin.apt), when it runs.
    type: int
  install_recommends:
    description: As in M(ansible.builtin.apt), when it runs.
    type: bool
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
  platform:
    support: full
    platforms: debian
seealso:
  - module: ansible.builtin.apt
author: Web platform project (!UNKNOWN)
"""

EXAMPLES = r"""
- name: Install nginx and what it needs
  web_platform.platform.packages:
    name: [nginx, prometheus-nginx-exporter]
    state: present
    update_cache: true
    cache_valid_time: 3600
"""

RETURN = r"""
installed:
  description: The packages of O(name), when the look found every one installed (no M(ansible.builtin.apt) run).
  returned: when every package was installed
  type: list
  elements: str
  sample: [nginx, prometheus-nginx-exporter]
"""
