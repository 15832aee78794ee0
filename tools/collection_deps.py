"""The collections galaxy.yml declares, copied into an empty collections folder, with no Galaxy.

    python -m tools.collection_deps DEST            # the versions the venv's `ansible` package bundles
    python -m tools.collection_deps DEST --oldest   # the lower bounds, from the ansible package that has them

Writes DEST/ansible_collections/NS/NAME for every dependency of galaxy.yml (replacing what was
there) and leaves the rest of DEST alone (the collection under test, installed from its tarball), so
that a run with ANSIBLE_COLLECTIONS_PATH=DEST and ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false sees
what a controller with only the declared collections sees. Stops when a bundled version is below
its lower bound, or (--oldest) when the lower bound is not the version that package bundles: the
bound is then not what the tests prove.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import ansible_collections
import yaml
from ansible.module_utils.compat.version import LooseVersion

PROJECT = Path(__file__).resolve().parent.parent
# The `ansible` package whose bundled collections are galaxy.yml's lower bounds: the one
# requirements.txt pins for ansible-core 2.19, the oldest the collection supports.
OLDEST_ANSIBLE = "12.3.0"


def declared(galaxy: Path = PROJECT / "galaxy.yml") -> dict[str, str]:
    """Collection name -> its lower bound, from galaxy.yml's dependencies (">=X.Y.Z" only)."""
    bounds = {}
    for name, spec in (yaml.safe_load(galaxy.read_text()).get("dependencies") or {}).items():
        if not str(spec).startswith(">="):
            raise ValueError(f"galaxy.yml: {name} {spec!r}: give a lower bound as >=X.Y.Z")
        bounds[name] = str(spec)[2:]
    return bounds


def bundled_root() -> Path:
    """The ansible_collections folder of the venv's `ansible` package."""
    return Path(ansible_collections.__path__[0])


def version_of(collection: Path) -> str:
    return json.loads((collection / "MANIFEST.json").read_text())["collection_info"]["version"]


def place(source: Path, dest: Path, name: str) -> None:
    target = dest / "ansible_collections" / name.replace(".", "/")
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, symlinks=True)


def copy_bundled(dest: Path, bounds: dict[str, str]) -> dict[str, str]:
    copied = {}
    for name, bound in bounds.items():
        source = bundled_root().joinpath(*name.split("."))
        version = version_of(source)
        if LooseVersion(version) < LooseVersion(bound):
            raise SystemExit(f"{name}: the bundled {version} is below galaxy.yml's lower bound {bound}")
        place(source, dest, name)
        copied[name] = version
    return copied


def copy_oldest(dest: Path, bounds: dict[str, str]) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as download:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", download, f"ansible=={OLDEST_ANSIBLE}"],
            check=True,
        )
        (wheel,) = Path(download).glob("ansible-*.whl")
        with zipfile.ZipFile(wheel) as archive:
            copied = {}
            for name, bound in bounds.items():
                prefix = f"ansible_collections/{name.replace('.', '/')}/"
                members = [member for member in archive.namelist() if member.startswith(prefix)]
                if not members:
                    raise SystemExit(f"{name}: ansible {OLDEST_ANSIBLE} does not bundle it; say so in galaxy.yml")
                archive.extractall(download, members)
                version = version_of(Path(download) / prefix)
                if version != bound:
                    raise SystemExit(
                        f"{name}: galaxy.yml's lower bound is {bound}, but ansible {OLDEST_ANSIBLE} bundles {version}"
                    )
                place(Path(download) / prefix, dest, name)
                copied[name] = version
    return copied


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path, help="an empty or missing folder")
    versions = parser.add_mutually_exclusive_group()
    versions.add_argument("--bundled", dest="oldest", action="store_false", help="the bundled versions (the default)")
    versions.add_argument("--oldest", action="store_true", help="galaxy.yml's lower bounds")
    args = parser.parse_args(argv)
    args.dest.mkdir(parents=True, exist_ok=True)
    bounds = declared()
    copied = copy_oldest(args.dest, bounds) if args.oldest else copy_bundled(args.dest, bounds)
    print(", ".join(f"{name} {version}" for name, version in sorted(copied.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
