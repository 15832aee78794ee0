"""Every collection the product uses is declared: galaxy.yml for what ships (roles, plugins),
requirements.yml for the repository's playbooks and tests too, and the two agree."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from conftest import PROJECT
from tools import collection_deps

GALAXY = yaml.safe_load((PROJECT / "galaxy.yml").read_text())
OWN = f"{GALAXY['namespace']}.{GALAXY['name']}"
# A module, plugin or test named by its full name: namespace.collection.name.
FQCN = re.compile(r"\b([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)\.[a-z][a-z0-9_]+\b")
BUILTIN = {"ansible.builtin", "ansible.legacy", OWN}


def collections_used(*folders: str, project: Path = PROJECT) -> dict[str, set[str]]:
    """namespace.collection -> the files that name it, in YAML, templates and Python."""
    used: dict[str, set[str]] = {}
    for folder in folders:
        root = project / folder
        paths = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in paths:
            if path.suffix not in {".yml", ".yaml", ".j2", ".py"} or not path.is_file() or path == Path(__file__):
                continue
            for match in FQCN.finditer(path.read_text()):
                name = f"{match.group(1)}.{match.group(2)}"
                if name not in BUILTIN and not name.startswith(("io.", "www.")):
                    used.setdefault(name, set()).add(str(path.relative_to(project)))
    return used


def known(names: dict[str, set[str]]) -> dict[str, set[str]]:
    """Only names that are collections Ansible has (the bundled ones and ours), not dotted words."""
    root = collection_deps.bundled_root()
    return {name: files for name, files in names.items() if (root / name.replace(".", "/")).is_dir()}


def test_galaxy_yml_declares_every_collection_the_roles_and_plugins_use():
    used = known(collections_used("roles", "plugins"))
    missing = {name: sorted(files) for name, files in used.items() if name not in GALAXY["dependencies"]}
    assert not missing, f"used but not in galaxy.yml's dependencies: {missing}"
    unused = set(GALAXY["dependencies"]) - set(used)
    assert not unused, f"declared in galaxy.yml but used by no role or plugin: {unused}"


def test_requirements_yml_covers_the_playbooks_and_agrees_with_galaxy_yml():
    requirements = {entry["name"]: entry["version"]
                    for entry in yaml.safe_load((PROJECT / "requirements.yml").read_text())["collections"]}
    assert requirements == GALAXY["dependencies"]
    used = known(collections_used("playbooks", "inventory", "site.yml", "molecule", "bench", "tests"))
    missing = {name: sorted(files) for name, files in used.items() if name not in requirements}
    assert not missing, f"used but not in requirements.yml: {missing}"


def test_the_scan_finds_a_collection_that_is_not_declared(tmp_path):
    """The check above can fail: a role that starts using community.postgresql is caught."""
    role = tmp_path / "roles" / "demo" / "tasks"
    role.mkdir(parents=True)
    (role / "main.yml").write_text("- community.postgresql.postgresql_db:\n    name: demo\n")
    used = known(collections_used("roles", project=tmp_path))
    assert "community.postgresql" in used
    assert "community.postgresql" not in GALAXY["dependencies"]
