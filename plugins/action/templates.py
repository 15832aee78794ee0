"""The action of web_platform.platform.templates: several templates, one look at the host.

ansible.builtin.template runs two modules on the host for a file that is already as wanted (a
stat, then file for its owner and mode): a role that writes six files pays twelve module runs
to change nothing, most of a run that changes nothing (docs/benchmark.md). This action renders
each template on the controller, reads every destination's checksum, owner, group and mode with
one ansible.builtin.find, and hands each file that differs, or that it cannot judge, to
ansible.builtin.template itself: what is written, validated, reported in check mode and shown
with --diff is template's own doing. A file is left alone only when it already holds exactly
the rendered text with the owner, group and mode asked for. A destination's folder that does not
exist is made first (root's, 0755, as install -d), which template would refuse.
"""

from __future__ import annotations

import os

from ansible.errors import AnsibleActionFail
from ansible.module_utils.common.text.converters import to_bytes
from ansible.plugins.action import ActionBase
from ansible.utils.hashing import secure_hash_s

FILE_KEYS = {"src", "dest", "owner", "group", "mode", "validate", "vars"}
SHARED_KEYS = {"owner", "group", "mode"}


def octal_mode(mode):
    """The permission bits a mode asks for, or None for a mode only the file module reads
    (symbolic, preserve): those files always go to template."""
    if isinstance(mode, int) and not isinstance(mode, bool):
        return mode
    if isinstance(mode, str) and mode.isdigit() and set(mode) <= set("01234567"):
        return int(mode, 8)
    return None


def already_as_wanted(wanted, content, found):
    """Whether the host's file (find's entry, or None) holds content with the wanted attributes."""
    if found is None or found.get("checksum") != secure_hash_s(to_bytes(content)):
        return False
    for key, fact in (("owner", "pw_name"), ("group", "gr_name")):
        if wanted.get(key) is not None and str(wanted[key]) != found.get(fact):
            return False
    if wanted.get("mode") is not None:
        mode = octal_mode(wanted["mode"])
        if mode is None or mode != int(found.get("mode", "-1"), 8) & 0o7777:
            return False
    return True


class ActionModule(ActionBase):
    # No temporary folder on the host for the look (find runs pipelined); ansible.builtin.template
    # makes its own for a file it writes.
    TRANSFERS_FILES = False

    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars or {}
        result = super().run(tmp, task_vars)
        del tmp
        files = self.wanted_files()
        rendered = [self.render(wanted["src"], {**task_vars, **wanted.get("vars", {})}) for wanted in files]
        found, missing_folders = self.find_on_host([wanted["dest"] for wanted in files], task_vars)

        result.update(changed=False, results=[])
        diffs = []
        for folder in missing_folders:
            made = self.make_folder(folder, task_vars)
            result["changed"] = result["changed"] or bool(made.get("changed"))
            if made.get("diff"):
                diffs.append(made["diff"])
            if made.get("failed"):
                result.update(failed=True, msg=f"{folder}: {made.get('msg', 'failed')}")
                return result
        for wanted, content in zip(files, rendered):
            if already_as_wanted(wanted, content, found.get(wanted["dest"])):
                outcome = {"changed": False, "dest": wanted["dest"], "src": wanted["src"]}
            else:
                outcome = self.template(wanted, {**task_vars, **wanted.get("vars", {})})
                outcome["src"] = wanted["src"]
            result["results"].append(outcome)
            result["changed"] = result["changed"] or bool(outcome.get("changed"))
            if outcome.get("diff"):
                diffs.extend(outcome["diff"] if isinstance(outcome["diff"], list) else [outcome["diff"]])
            if outcome.get("failed"):
                # Stop at the first: a file rejected by its validate must not be followed by the
                # files that go with it. What template said (msg, and a validate's stdout, stderr
                # and exit_status) is the task's, as it would be of a template task.
                result.update({key: outcome[key] for key in ("stdout", "stderr", "exit_status") if key in outcome})
                result.update(failed=True, msg=f"{wanted['dest']}: {outcome.get('msg', 'failed')}")
                break
        if diffs:
            result["diff"] = diffs
        return result

    def wanted_files(self):
        """The files of the task, each with the shared owner, group and mode unless it sets its own."""
        args = self._task.args
        unknown = set(args) - SHARED_KEYS - {"files"}
        if unknown:
            raise AnsibleActionFail(f"unsupported parameters: {', '.join(sorted(unknown))}")
        files = args.get("files")
        if not isinstance(files, list) or not files:
            raise AnsibleActionFail("files must be a list of {src, dest} with at least one entry")
        wanted = []
        for entry in files:
            if not isinstance(entry, dict) or not entry.get("src") or not entry.get("dest"):
                raise AnsibleActionFail(f"each entry of files needs src and dest: {entry!r}")
            if not isinstance(entry.get("vars", {}), dict):
                raise AnsibleActionFail(f"{entry['dest']}: vars must be a mapping")
            if set(entry) - FILE_KEYS:
                raise AnsibleActionFail(
                    f"{entry['dest']}: unsupported keys {', '.join(sorted(set(entry) - FILE_KEYS))}")
            wanted.append({**{key: args[key] for key in SHARED_KEYS if key in args}, **entry})
        dests = [entry["dest"] for entry in wanted]
        if len(set(dests)) != len(dests):
            raise AnsibleActionFail(f"a dest appears twice in files: {dests}")
        return wanted

    def render(self, src, task_vars):
        """The text of a template as the template lookup renders it (the role's templates/ first)."""
        lookup = self._shared_loader_obj.lookup_loader.get(
            "ansible.builtin.template", loader=self._loader, templar=self._templar)
        return lookup.run([src], variables=task_vars)[0]

    def find_on_host(self, dests, task_vars):
        """Each existing destination's find entry (checksum, owner, group, mode), by path, and the
        destinations' folders that do not exist: one module run."""
        found = self._execute_module(
            module_name="ansible.legacy.find",
            module_args={
                "paths": sorted({os.path.dirname(dest) for dest in dests}),
                "patterns": sorted({os.path.basename(dest) for dest in dests}),
                "hidden": True,
                "get_checksum": True,
                "file_type": "file",
            },
            task_vars=task_vars,
        )
        if found.get("failed"):
            raise AnsibleActionFail(f"could not read the files on the host: {found.get('msg')}")
        return ({entry["path"]: entry for entry in found.get("files", [])},
                sorted(found.get("skipped_paths", {})))

    def make_folder(self, folder, task_vars):
        """A missing folder of a destination, made as install -d would (root's, 0755), parents too."""
        return self._execute_module(
            module_name="ansible.legacy.file",
            module_args={"path": folder, "state": "directory", "owner": "root", "group": "root", "mode": "0755"},
            task_vars=task_vars,
        )

    def template(self, wanted, task_vars):
        """ansible.builtin.template's run for one file, with the same connection and task."""
        task = self._task.copy()
        task.args = {key: value for key, value in wanted.items() if value is not None and key != "vars"}
        action = self._shared_loader_obj.action_loader.get(
            "ansible.legacy.template",
            task=task,
            connection=self._connection,
            play_context=self._play_context,
            loader=self._loader,
            templar=self._templar,
            shared_loader_obj=self._shared_loader_obj,
        )
        return action.run(task_vars=task_vars)
