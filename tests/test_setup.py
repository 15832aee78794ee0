"""scripts/setup --no-docker makes the venv for a controller of real hosts over SSH: it neither
installs nor starts Docker, and needs no root when Python's venv is there."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from conftest import PROJECT

# What the script must not call without Docker: each stand-in records its call and fails.
FORBIDDEN = ("docker", "dockerd", "mmdebstrap", "apt-get", "systemctl")


def executable(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(0o755)


def project_copy(root: Path) -> Path:
    """A project folder with the real set-up script and requirements, and a venv already made
    for them (its stamp matches requirements.txt). The venv's tools are stand-ins: the script's
    own steps are under test, and this machine's venv runs a Python only root may run."""
    project = root / "project"
    (project / "scripts").mkdir(parents=True)
    shutil.copy2(PROJECT / "scripts" / "setup", project / "scripts" / "setup")
    for name in ("requirements.txt", "requirements.yml"):
        shutil.copy2(PROJECT / name, project / name)
    venv = project / ".venv" / "bin"
    venv.mkdir(parents=True)
    executable(venv / "ansible-playbook", "#!/bin/sh\nexit 0\n")
    executable(venv / "ansible-galaxy", "#!/bin/sh\nexit 0\n")
    executable(venv / "ansible", "#!/bin/sh\necho 'ansible [core 2.21.5]'\n")
    stamp = hashlib.sha256((PROJECT / "requirements.txt").read_bytes()).hexdigest()
    (project / ".venv" / ".requirements.sha256").write_text(stamp + "\n")
    return project


def test_setup_without_docker_as_a_plain_user():
    # Not pytest's tmp_path: its parents are root's alone, and the script runs as nobody here.
    root = Path(tempfile.mkdtemp(prefix="setup-no-docker-"))
    try:
        root.chmod(0o755)
        project = project_copy(root)
        shims, calls, home = root / "shims", root / "calls", root / "home"
        shims.mkdir()
        home.mkdir()
        calls.touch()
        for path in (home, calls):
            os.chown(path, 65534, 65534)
        for tool in FORBIDDEN:
            executable(shims / tool, f'#!/bin/sh\necho "{tool} $*" >>{calls}\nexit 1\n')

        result = subprocess.run(
            ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
             str(project / "scripts" / "setup"), "--no-docker"],
            env={"PATH": f"{shims}:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"},
            capture_output=True, text=True, timeout=300, check=False,
        )

        assert result.returncode == 0, result.stdout + result.stderr
        assert "no Docker engine" in result.stdout, result.stdout
        assert calls.read_text() == "", f"called without Docker: {calls.read_text()}"
    finally:
        shutil.rmtree(root)


def test_setup_refuses_a_plain_user_without_the_option():
    result = subprocess.run(
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", str(PROJECT / "scripts" / "setup")],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 1
    assert "run as root" in result.stderr and "--no-docker" in result.stderr, result.stderr
