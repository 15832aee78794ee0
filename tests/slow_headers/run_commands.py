"""Runs `echo` in a container COUNT times through a connection plugin, as Ansible's tasks do.

    python tests/slow_headers/run_commands.py CONNECTION CONTAINER COUNT

Prints, as JSON, what came back: per run, the output of a command given no input (as `raw` runs
it) and of one given input on its standard input (as a pipelined module runs it), and whether a
file fetched from the container (as `fetch` does) came back whole.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from ansible.playbook.play_context import PlayContext
from ansible.plugins.loader import connection_loader, init_plugin_loader

PROJECT = Path(__file__).resolve().parents[2]
FETCHED = "fetched whole\n" * 100


def main(connection: str, container: str, count: int) -> None:
    init_plugin_loader([])
    connection_loader.add_directory(str(PROJECT / "tools" / "connection_plugins"))
    outputs = {"no_input": [], "with_input": [], "fetched_whole": []}
    for _ in range(count):
        plugin = connection_loader.get(connection, PlayContext())
        plugin.set_options(var_options={"inventory_hostname": container})
        plugin._connect()
        plugin.exec_command("cat > /tmp/fetched", in_data=FETCHED.encode())
        with tempfile.TemporaryDirectory() as folder:
            plugin.fetch_file("/tmp/fetched", f"{folder}/fetched")
            outputs["fetched_whole"].append(Path(folder, "fetched").read_text() == FETCHED)
        outputs["no_input"].append(plugin.exec_command("echo early")[1].decode())
        # The command prints before it reads what it is given, as the loss needs.
        outputs["with_input"].append(plugin.exec_command("echo early; cat", in_data=b"late\n")[1].decode())
        plugin.close()
    print(json.dumps(outputs))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
