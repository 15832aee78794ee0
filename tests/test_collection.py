"""The repository is also an Ansible collection: it builds, installs from the tarball, and a
playbook outside the repository uses its roles by their fully qualified names. (The app
scenario provisions real hosts with the installed collection.)"""

from __future__ import annotations

import os
import re
import subprocess
import tarfile

import pytest
import yaml

from conftest import BIN, PROJECT

GALAXY = yaml.safe_load((PROJECT / "galaxy.yml").read_text())
FQCN = f"{GALAXY['namespace']}.{GALAXY['name']}"
ROLES = sorted(path.name for path in (PROJECT / "roles").iterdir() if path.is_dir())


def run(*argv: str, cwd, env: dict | None = None) -> subprocess.CompletedProcess:
    """A tool of the venv, in `cwd`, with the settings of this shell but where a user's project
    keeps them (ANSIBLE_COLLECTIONS_PATH would override its ansible.cfg), plus `env`."""
    shell = {key: value for key, value in os.environ.items() if key != "ANSIBLE_COLLECTIONS_PATH"}
    return subprocess.run(
        [str(BIN / argv[0]), *argv[1:]], cwd=cwd, capture_output=True, text=True, timeout=300, check=False,
        env={**shell, "ANSIBLE_NOCOLOR": "1", **(env or {})},
    )


def readme_collection_commands() -> list[str]:
    """The commands of docs/collection.md: its first sh block, comments dropped."""
    section = (PROJECT / "docs/collection.md").read_text()
    block = section[section.index("```sh\n") + 6:]
    block = block[:block.index("```")]
    return [line.split("  #", 1)[0].strip() for line in block.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The collection built and installed with the README's commands, word for word, in the
    repository, by a user whose home is a new folder (so ~/my-project is outside the repository)."""
    home = tmp_path_factory.mktemp("home")
    root = home / "my-project"
    root.mkdir()
    shell = {key: value for key, value in os.environ.items() if key != "ANSIBLE_COLLECTIONS_PATH"}
    env = {**shell, "HOME": str(home), "PATH": f"{BIN}:{os.environ['PATH']}", "ANSIBLE_NOCOLOR": "1"}
    commands = readme_collection_commands()
    assert len(commands) == 2 and commands[0].startswith("ansible-galaxy collection build"), commands
    for command in commands:
        result = subprocess.run(["bash", "-ec", command], cwd=PROJECT, env=env, capture_output=True, text=True,
                                timeout=300, check=False)
        assert result.returncode == 0, f"{command}: {result.stdout}{result.stderr}"
    tarball = root / f"{GALAXY['namespace']}-{GALAXY['name']}-{GALAXY['version']}.tar.gz"
    installed = root / "collections"
    assert tarball.is_file() and not list(PROJECT.glob("*.tar.gz")), commands
    assert (installed / "ansible_collections" / GALAXY["namespace"] / GALAXY["name"]).is_dir(), result.stdout
    return root, tarball, installed


def test_version_follows_semver_and_the_changelog_is_generated_from_fragments(tmp_path):
    """galaxy.yml's version is released in changelogs/changelog.yaml, and CHANGELOG.md is what
    antsibull-changelog makes of it (no hand edits)."""
    assert re.fullmatch(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)", GALAXY["version"]), GALAXY["version"]
    changes = yaml.safe_load((PROJECT / "changelogs/changelog.yaml").read_text())
    assert GALAXY["version"] in changes["releases"], f"{GALAXY['version']} is not released in changelogs/changelog.yaml"
    result = run("antsibull-changelog", "lint", cwd=PROJECT)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr
    result = run("antsibull-changelog", "generate", "--output", str(tmp_path / "CHANGELOG.md"),
                 "--output-format", "md", cwd=PROJECT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "CHANGELOG.md").read_text() == (PROJECT / "CHANGELOG.md").read_text(), (
        "CHANGELOG.md differs from what antsibull-changelog generates: add a fragment, then run "
        "antsibull-changelog release (or generate)")
    tarball = f"{GALAXY['namespace']}-{GALAXY['name']}-{GALAXY['version']}.tar.gz"
    assert f"ansible-galaxy collection install {tarball} -p ./collections" in readme_collection_commands()[1]


def test_the_tarball_holds_the_roles_and_no_tests(built):
    _, tarball, _ = built
    with tarfile.open(tarball) as archive:
        names = archive.getnames()
    tops = {name.split("/")[0] for name in names}
    assert {"roles", "LICENSE", "CHANGELOG.md", "README.md", "meta", "MANIFEST.json"} <= tops, tops
    assert not tops & {"molecule", "bench", "tools", "scripts", "inventory", "collections", ".venv", ".git"}, tops
    # Of tests/, only what ansible-test sanity reads from an installed collection.
    assert {name for name in names if name.startswith("tests/") and name.count("/") == 1} == {"tests/sanity"}
    for role in ROLES:
        assert {f"roles/{role}/meta/argument_specs.yml", f"roles/{role}/README.md"} <= set(names), role
        assert not any(name.startswith(f"roles/{role}/") and name.endswith("_plugins") for name in names), role
    plugins = {str(path.relative_to(PROJECT)) for path in (PROJECT / "plugins").rglob("*.py")}
    assert plugins and plugins <= set(names), plugins - set(names)


def test_a_playbook_outside_the_repository_uses_the_roles_by_fqcn(built):
    """Runs the roles' `validate` entry points (they need no host changed) from the installed
    collection, in a folder with no ansible.cfg and no roles_path: good input passes, bad input
    stops with the role's own message."""
    outside, _, _ = built
    (outside / "ansible.cfg").write_text("[defaults]\ncollections_path = ./collections\n")
    playbook = outside / "use_roles.yml"
    playbook.write_text(f"""---
- name: Use the installed roles by their fully qualified names
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Check a balancer's variables
      ansible.builtin.include_role:
        name: {FQCN}.nginx_lb
        tasks_from: validate
      vars:
        nginx_lb_backends: [{{name: app1, address: 192.0.2.11, port: 5000}}]
    - name: Check an app server's variables
      ansible.builtin.include_role:
        name: {FQCN}.python_app
        tasks_from: validate
    - name: Send a request with the collection's module (nothing listens there)
      {FQCN}.http_requests:
        url: http://127.0.0.1:9/
        count: 1
        timeout: 2
      register: answers
    - name: Check that it answered for the request
      ansible.builtin.assert:
        that: answers.responses | map(attribute='status') | list == [-1]
""")
    # As a user's shell has it: no settings of this repository's (molecule's, say) in the way.
    env = {"ANSIBLE_CONFIG": str(outside / "ansible.cfg"), "ANSIBLE_ROLES_PATH": str(outside / "roles"),
           "ANSIBLE_LIBRARY": str(outside / "library")}
    assert PROJECT not in outside.parents

    result = run("ansible-playbook", str(playbook), cwd=outside, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{FQCN}.nginx_lb : Check the balancer's settings" in result.stdout, result.stdout
    assert "Check that it answered for the request" in result.stdout, result.stdout

    result = run("ansible-playbook", str(playbook), "-e", "nginx_lb_listen_port=70000", cwd=outside, env=env)
    assert result.returncode != 0
    assert 'nginx_lb_listen_port is "70000": it must be a TCP port, 1-65535.' in result.stdout, result.stdout
