"""nginx_lb's template renders, from a state recorded before the role had services, the same
nginx.conf byte for byte as it did then: an inventory that lists no services gets the balancer it
had, and the backend_state entry point, which renders from a balancer's recorded state, changes
nothing on a balancer converged by an older role.

tests/nginx_conf_before_services/ holds, for each case, the state (<case>.json, as a balancer's
/etc/ansible/facts.d/nginx_lb.fact holds it) and the nginx.conf the template of commit 27f1ea0
rendered from it (<case>.conf). ha_lb1 and ha_lb2 are real balancers' (Debian 13 and 12, the ha
scenario's converge; their .conf is what they served); the others vary one of them: TLS with
redirect, HSTS and JSON log; plain HTTP; methods, weights, down, backup, drained, an IPv6 backend;
a state recorded before some keys existed. Never regenerate the .conf files: they are the before."""

from __future__ import annotations

import sys

from conftest import PROJECT, run_playbook

BEFORE = PROJECT / "tests/nginx_conf_before_services"


def test_each_recorded_state_renders_as_before(tmp_path):
    inventory = tmp_path / "inventory"
    inventory.write_text(f"localhost ansible_connection=local ansible_python_interpreter={sys.executable}\n")
    out = tmp_path / "out"
    out.mkdir()
    run = run_playbook("tests/playbooks/render_nginx_conf.yml", inventory,
                       "-e", f"states_dir={BEFORE}", "-e", f"out_dir={out}")
    assert run.returncode == 0, run.stdout[-2000:]

    cases = sorted(path.stem for path in BEFORE.glob("*.json"))
    assert len(cases) >= 7, cases
    differing = [case for case in cases
                 if (out / f"{case}.conf").read_bytes() != (BEFORE / f"{case}.conf").read_bytes()]
    assert not differing, f"nginx.conf differs from before for {differing}"
