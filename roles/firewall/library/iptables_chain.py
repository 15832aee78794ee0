#!/usr/bin/python
"""Make one iptables chain hold exactly the given rules, atomically."""

from __future__ import annotations

DOCUMENTATION = r"""
module: iptables_chain
short_description: Make one iptables chain hold exactly the given rules
description:
  - Creates the chain when missing and replaces its rules, in one C(iptables-restore --noflush)
    transaction, when they differ from I(rules): rules this role no longer wants are removed, and
    the rest of the table is not touched.
  - Rules are compared with C(iptables -S) output, so write them in that canonical form
    (for example C(-s 10.0.0.1/32 -p tcp -m tcp --dport 80 -j ACCEPT)); a rule written otherwise
    is applied every run and the role's idempotence test catches it.
options:
  chain:
    description: Chain name.
    type: str
    required: true
  table:
    description: Table of the chain.
    type: str
    default: filter
  rules:
    description: Rule specifications, without the leading C(-A CHAIN), in C(iptables -S) form.
    type: list
    elements: str
    default: []
  accept_tcp:
    description:
      - New TCP connections to accept, after I(rules); written in canonical form by the module.
      - Each has C(port), C(sources) (IPv4 addresses or networks; C(0.0.0.0/0), the default, is
        anywhere; a network's host bits are cleared) and C(comment) (no spaces).
    type: list
    elements: dict
    default: []
"""

import ipaddress

from ansible.module_utils.basic import AnsibleModule


def accept_tcp_rules(port, sources, comment):
    """ACCEPT rules for new TCP connections to `port`, as `iptables -S` prints them."""
    rules = []
    for source in sources or ["0.0.0.0/0"]:
        network = ipaddress.IPv4Network(str(source), strict=False)
        match = "" if network.prefixlen == 0 else f"-s {network} "
        rules.append(
            f"{match}-p tcp -m tcp --dport {int(port)} -m conntrack --ctstate NEW -m comment --comment {comment} -j ACCEPT"
        )
    return rules


def live_rules(module, chain, table):
    """The chain's rules as iptables -S prints them, or None when the chain is missing."""
    binary = module.get_bin_path("iptables", required=True)
    rc, out, _ = module.run_command([binary, "-t", table, "-S", chain])
    if rc != 0:
        return None
    prefix = f"-A {chain} "
    return [line[len(prefix):] for line in out.splitlines() if line.startswith(prefix)]


def restore_input(chain, table, rules):
    lines = [f"*{table}", f":{chain} - [0:0]"] + [f"-A {chain} {rule}" for rule in rules] + ["COMMIT", ""]
    return "\n".join(lines)


def main():
    module = AnsibleModule(
        argument_spec={
            "chain": {"type": "str", "required": True},
            "table": {"type": "str", "default": "filter"},
            "rules": {"type": "list", "elements": "str", "default": []},
            "accept_tcp": {"type": "list", "elements": "dict", "default": []},
        },
        supports_check_mode=True,
    )
    chain, table = module.params["chain"], module.params["table"]
    wanted = [" ".join(rule.split()) for rule in module.params["rules"]]
    try:
        for entry in module.params["accept_tcp"]:
            wanted += accept_tcp_rules(entry["port"], entry.get("sources"), entry["comment"])
    except (KeyError, ValueError) as error:
        module.fail_json(msg=f"accept_tcp: each entry needs a port, IPv4 sources and a comment ({error})")
    before = live_rules(module, chain, table)
    changed = before != wanted
    result = {"changed": changed, "chain": chain, "rules": wanted}
    if module._diff:
        result["diff"] = {
            "before": "\n".join(before or []) + "\n",
            "after": "\n".join(wanted) + "\n",
            "before_header": f"{table}/{chain}" + (" (missing)" if before is None else ""),
            "after_header": f"{table}/{chain}",
        }
    if changed and not module.check_mode:
        # Declaring the chain in a --noflush restore creates it or empties it, in the same
        # transaction that adds the rules: no moment with the chain half written.
        binary = module.get_bin_path("iptables-restore", required=True)
        rc, _, err = module.run_command([binary, "--noflush"], data=restore_input(chain, table, wanted))
        if rc != 0:
            module.fail_json(msg=f"iptables-restore rejected the rules of {chain}: {err.strip()}", **result)
        after = live_rules(module, chain, table)
        if after != wanted:
            module.fail_json(
                msg=f"{chain} reads back differently from what was written; write its rules in iptables -S form",
                written=wanted, read_back=after, **result,
            )
    module.exit_json(**result)


if __name__ == "__main__":
    main()
