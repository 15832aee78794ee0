"""The action of web_platform.platform.packages: ansible.builtin.apt, after one look at dpkg's database.

On a host where every package of a task is already installed, ansible.builtin.apt still starts
Python, imports apt's bindings and opens the package cache, and refreshes the package lists once
they are older than cache_valid_time: about 0.7 s of the host's CPU for a task that changes
nothing, in every role (docs/tests.md). This action first asks dpkg-query, as one plain command
over the connection (no module, no Python on the host), for the state of each package of name.
When the task asks for state present and every package is installed, the task is done: changed
false, and the package lists left alone (nothing is to be installed from them). Anything else (a
package missing or half-installed, state latest or absent, a version, a .deb, an argument this
action does not read) is ansible.builtin.apt's task, with the same arguments: what is installed,
reported in check mode and shown with --diff is that module's doing.
"""

from __future__ import annotations

import re
import shlex

from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.action import ActionBase

# The arguments the look at dpkg's database decides for; any other goes to apt.
READ_ARGS = {"name", "state", "update_cache", "cache_valid_time", "install_recommends"}
# A package as dpkg names it; a version (=), a pattern or a path is apt's to resolve.
PLAIN_NAME = re.compile(r"[a-z0-9][a-z0-9+.-]+(:[a-z0-9-]+)?")


def wanted_names(args):
    """The packages of a task the look can decide for, or None when apt must."""
    if set(args) - READ_ARGS or args.get("state", "present") not in ("present", "installed"):
        return None
    names = args.get("name")
    if isinstance(names, str):
        names = names.split(",")
    if not isinstance(names, list) or not names:
        return None
    names = [to_text(name).strip() for name in names]
    if not all(PLAIN_NAME.fullmatch(name) for name in names):
        return None
    return names


def installed(names, dpkg_query_stdout):
    """Whether dpkg-query's lines (package, tab, status) show every name installed."""
    states = {}
    for line in dpkg_query_stdout.splitlines():
        package, _tab, status = line.partition("\t")
        states.setdefault(package, set()).add(status.strip())
    # A name with an architecture (libc6:amd64) is listed under the package's own name.
    return all(states.get(name.split(":")[0]) == {"ii"} for name in names)


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _supports_check_mode = True
    _supports_async = False

    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars or {}
        result = super().run(tmp, task_vars)
        del tmp
        names = wanted_names(self._task.args)
        if names is not None:
            # dpkg's database is readable by every user: no become, no password asked.
            look = self._low_level_execute_command(
                "dpkg-query -W -f='${Package}\\t${db:Status-Abbrev}\\n' -- " + " ".join(map(shlex.quote, names)),
                sudoable=False,
            )
            # rc 1 says a name is unknown to dpkg; the lines name the others.
            if look.get("rc") in (0, 1) and installed(names, to_text(look.get("stdout", ""))):
                result.update(changed=False, installed=names)
                return result
        result.update(self._execute_module(module_name="ansible.legacy.apt", module_args=self._task.args,
                                           task_vars=task_vars))
        return result
