"""inventory_backends: the balancer's backends from an inventory group, as nginx_lb_backends."""

from __future__ import annotations

import pytest
from ansible.errors import AnsibleFilterError

from conftest import load_plugin

filters = load_plugin("filter", "inventory_backends")

HOSTVARS = {
    "web1": {"ansible_facts": {"all_ipv4_addresses": ["172.30.80.11", "10.0.0.11"],
                               "all_ipv6_addresses": ["fd00:10::b"], "default_ipv4": {"address": "172.30.80.11"}}},
    "web2": {"ansible_facts": {"all_ipv4_addresses": ["172.30.80.12"], "all_ipv6_addresses": ["fd00:10::c"],
                               "default_ipv4": {"address": "172.30.80.12"}},
             "platform_backend_weight": 2, "platform_backend_backup": True},
    "web3": {"ansible_facts": {}, "platform_backend_address": "192.0.2.3", "platform_backend_down": True},
}


def test_default_address_and_the_hosts_own_settings():
    assert filters.inventory_backends(["web1", "web2", "web3"], HOSTVARS, "80") == [
        {"name": "web1", "address": "172.30.80.11", "port": 80, "weight": 1, "down": False, "backup": False},
        {"name": "web2", "address": "172.30.80.12", "port": 80, "weight": 2, "down": False, "backup": True},
        {"name": "web3", "address": "192.0.2.3", "port": 80, "weight": 1, "down": True, "backup": False},
    ]


def test_the_address_in_the_network_the_tiers_talk_over():
    backends = filters.inventory_backends(["web1", "web2"], HOSTVARS, 80, "10.0.0.0/24")
    assert [b["address"] for b in backends] == ["10.0.0.11", ""]
    backends = filters.inventory_backends(["web1", "web2"], HOSTVARS, 80, ["192.0.2.0/24", "fd00:10::/64"])
    assert [b["address"] for b in backends] == ["fd00:10::b", "fd00:10::c"]


def test_no_hosts_no_backends_and_a_bad_network_says_so():
    assert filters.inventory_backends([], HOSTVARS, 80) == []
    with pytest.raises(AnsibleFilterError, match="is not a list of networks"):
        filters.inventory_backends(["web1"], HOSTVARS, 80, ["lan"])


class FactsNotGathered(dict):
    """hostvars of a host whose platform_backend_address is made from facts not gathered yet."""

    def get(self, name, default=None):
        if name == "platform_backend_address":
            from ansible.errors import AnsibleUndefinedVariable

            raise AnsibleUndefinedVariable("object of type 'dict' has no attribute 'default_ipv6'")
        return super().get(name, default)


def test_an_address_made_from_facts_not_gathered_yet_counts_as_unset():
    hostvars = {"web2": FactsNotGathered(ansible_facts={})}
    assert filters.inventory_backends(["web2"], hostvars, 80)[0]["address"] == ""


def test_an_address_ansible_could_not_resolve_counts_as_unset():
    """ansible-core 2.19+ returns a marker (an Undefined) for a value it cannot resolve."""
    from jinja2 import Undefined

    hostvars = {"web2": {"ansible_facts": {}, "platform_backend_address": Undefined(name="default_ipv6")}}
    assert filters.inventory_backends(["web2"], hostvars, 80)[0]["address"] == ""
