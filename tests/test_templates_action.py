"""web_platform.platform.templates (plugins/action/templates.py) writes what ansible.builtin.template
writes, says the same in check mode and with --diff, and looks at the host once when nothing changed."""

from __future__ import annotations

import json
import sys

from conftest import run_playbook

PLAY = """
- hosts: localhost
  gather_facts: false
  vars:
    greeting: {greeting}
  tasks:
    - name: Write the files
      {module}:
        mode: "0644"
        files:
          - {{src: page.j2, dest: "{out}/page.v4", vars: {{family: ipv4}}}}
          - {{src: page.j2, dest: "{out}/page.v6", vars: {{family: ipv6}}}}
          - {{src: list.j2, dest: "{out}/list", mode: "{list_mode}", validate: "grep -q '{must_hold}' %s"}}
"""

# ansible.builtin.template, one task per file, to compare with.
TEMPLATE_PLAY = """
- hosts: localhost
  gather_facts: false
  vars:
    greeting: {greeting}
  tasks:
    - name: Write the files
      ansible.builtin.template:
        src: "{{{{ item.src }}}}"
        dest: "{{{{ item.dest }}}}"
        mode: "{{{{ item.mode | default('0644') }}}}"
      vars:
        family: "{{{{ item.family | default('') }}}}"
      loop:
        - {{src: page.j2, dest: "{out}/page.v4", family: ipv4}}
        - {{src: page.j2, dest: "{out}/page.v6", family: ipv6}}
        - {{src: list.j2, dest: "{out}/list", mode: "{list_mode}"}}
"""


def write_project(tmp_path, name, greeting="hello", list_mode="0600", must_hold="line", module="web_platform.platform.templates"):
    folder = tmp_path / name
    (folder / "templates").mkdir(parents=True, exist_ok=True)
    (folder / "out").mkdir(exist_ok=True)
    (folder / "templates/page.j2").write_text("{{ greeting }} from {{ family }}\n")
    (folder / "templates/list.j2").write_text("{% for n in range(3) %}\nline {{ n }}\n{% endfor %}\n")
    (folder / "inventory").write_text(f"localhost ansible_connection=local ansible_python_interpreter={sys.executable}\n")
    template = TEMPLATE_PLAY if module == "ansible.builtin.template" else PLAY
    (folder / "play.yml").write_text(template.format(greeting=greeting, out=folder / "out", list_mode=list_mode,
                                                     must_hold=must_hold, module=module))
    return folder


def run(folder, *args):
    result = run_playbook(str(folder / "play.yml"), folder / "inventory", "-vvv", *args,
                          env={"ANSIBLE_CALLBACK_RESULT_FORMAT": "json"})
    recap = result.stdout[result.stdout.rindex("PLAY RECAP"):]
    task = result.stdout[result.stdout.index("TASK [Write the files]"):result.stdout.rindex("PLAY RECAP")]
    return result, recap, task


def module_runs(task_output):
    """How many commands the task ran on the host (modules, and the shell commands around them
    that make and remove a temporary folder): the local connection prints an EXEC for each."""
    return task_output.count("<localhost> EXEC ")


def diffs(output):
    """The before/after of each diff printed, the temporary file's name in the header left out."""
    return [line for line in output.splitlines()
            if line[:1] in "+-@" and not line.startswith(("+++ after", "--- before"))]


def test_writes_then_looks_once_when_nothing_changed(tmp_path):
    folder = write_project(tmp_path, "ours")
    result, recap, _ = run(folder)
    assert "changed=1" in recap and result.returncode == 0, result.stdout
    assert (folder / "out/page.v4").read_text() == "hello from ipv4\n"
    assert (folder / "out/page.v6").read_text() == "hello from ipv6\n"
    assert (folder / "out/list").read_text() == "line 0\nline 1\nline 2\n"
    assert oct((folder / "out/list").stat().st_mode & 0o777) == "0o600"

    result, recap, task = run(folder)
    assert "changed=0" in recap and result.returncode == 0, result.stdout
    assert module_runs(task) == 1, task

    # ansible.builtin.template, for the count it replaces: two modules (stat, file) a file, and the
    # temporary folder made and removed around them.
    theirs = write_project(tmp_path, "theirs", module="ansible.builtin.template")
    run(theirs)
    _, recap, task = run(theirs)
    assert "changed=0" in recap and module_runs(task) >= 2 * 3, task


def test_a_file_that_differs_in_content_or_mode_is_written_by_template(tmp_path):
    folder = write_project(tmp_path, "ours")
    run(folder)
    (folder / "out/page.v6").chmod(0o600)
    (folder / "out/list").write_text("edited by hand\n")
    result, recap, _ = run(folder)
    assert "changed=1" in recap, result.stdout
    assert oct((folder / "out/page.v6").stat().st_mode & 0o777) == "0o644"
    assert (folder / "out/list").read_text() == "line 0\nline 1\nline 2\n"


def test_check_mode_and_diff_say_what_template_says(tmp_path):
    ours, theirs = (write_project(tmp_path, name, module=module)
                    for name, module in (("ours", "web_platform.platform.templates"),
                                         ("theirs", "ansible.builtin.template")))
    for folder in (ours, theirs):
        run(folder)
    ours, theirs = (write_project(tmp_path, name, greeting="goodbye", list_mode="0640", module=module)
                    for name, module in (("ours", "web_platform.platform.templates"),
                                         ("theirs", "ansible.builtin.template")))
    (_, our_recap, our_task), (_, their_recap, their_task) = (run(folder, "--check", "--diff") for folder in (ours, theirs))
    assert "changed=1" in our_recap and "changed=1" in their_recap
    assert diffs(our_task) == diffs(their_task) != [], our_task
    # Check mode wrote nothing.
    assert (ours / "out/page.v4").read_text() == "hello from ipv4\n"
    assert oct((ours / "out/list").stat().st_mode & 0o777) == "0o600"


def test_a_file_its_validate_rejects_stops_the_task_and_is_not_written(tmp_path):
    folder = write_project(tmp_path, "ours")
    run(folder)
    folder = write_project(tmp_path, "ours", greeting="changed", must_hold="no such line")
    (folder / "templates/list.j2").write_text("something else\n")
    result, recap, task = run(folder)
    assert result.returncode != 0 and "failed=1" in recap, result.stdout
    failed, _ = json.JSONDecoder().raw_decode(task[task.index("FAILED! => ") + len("FAILED! => "):])
    assert failed["msg"] == f"{folder}/out/list: failed to validate", failed
    assert failed["exit_status"] == 1
    assert (folder / "out/list").read_text() == "line 0\nline 1\nline 2\n"
    # The files before it were written, as a loop of template writes the items before a failed one.
    assert (folder / "out/page.v4").read_text() == "changed from ipv4\n"


def test_bad_arguments_are_refused_by_name(tmp_path):
    folder = write_project(tmp_path, "ours")
    play = (folder / "play.yml").read_text().replace("vars: {family: ipv4}", "variables: {family: ipv4}")
    (folder / "play.yml").write_text(play)
    result, _, task = run(folder)
    assert result.returncode != 0
    assert "page.v4: unsupported keys variables" in task, task


def test_a_missing_folder_is_made_first_and_not_in_check_mode(tmp_path):
    folder = write_project(tmp_path, "ours")
    play = (folder / "play.yml").read_text().replace(f'dest: "{folder}/out/list"', f'dest: "{folder}/out/new/deeper/list"')
    (folder / "play.yml").write_text(play)
    result, recap, _ = run(folder, "--check")
    assert "changed=1" in recap and result.returncode == 0, result.stdout
    assert not (folder / "out/new").exists()
    result, recap, _ = run(folder)
    assert "changed=1" in recap and result.returncode == 0, result.stdout
    assert (folder / "out/new/deeper/list").read_text() == "line 0\nline 1\nline 2\n"
    assert oct((folder / "out/new/deeper").stat().st_mode & 0o777) == "0o755"
    _, recap, task = run(folder)
    assert "changed=0" in recap and module_runs(task) == 1, task
