"""tools/collection_deps: the declared collections copied into an empty folder, and a bound the
bundled versions do not meet refused."""

from __future__ import annotations

import json

import pytest

from tools import collection_deps


def test_copies_every_declared_collection_and_nothing_else(tmp_path):
    bounds = collection_deps.declared()
    assert bounds and all(bound.count(".") == 2 for bound in bounds.values()), bounds
    copied = collection_deps.copy_bundled(tmp_path, bounds)
    assert set(copied) == set(bounds)
    found = {f"{path.parent.parent.name}.{path.parent.name}"
             for path in (tmp_path / "ansible_collections").glob("*/*/MANIFEST.json")}
    assert found == set(bounds)
    for name, version in copied.items():
        manifest = tmp_path / "ansible_collections" / name.replace(".", "/") / "MANIFEST.json"
        assert json.loads(manifest.read_text())["collection_info"]["version"] == version


def test_a_bound_above_the_bundled_version_stops(tmp_path):
    with pytest.raises(SystemExit, match="below galaxy.yml's lower bound 999.0.0"):
        collection_deps.copy_bundled(tmp_path, {"community.general": "999.0.0"})


def test_a_bound_that_is_not_a_lower_bound_is_refused(tmp_path):
    galaxy = tmp_path / "galaxy.yml"
    galaxy.write_text("dependencies:\n  community.general: '==11.4.2'\n")
    with pytest.raises(ValueError, match="give a lower bound"):
        collection_deps.declared(galaxy)
