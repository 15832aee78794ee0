"""A service's given certificate must cover each of its host names: playbooks/validate.yml (before
any host changes) refuses one that does not, naming the names, and takes one that covers them
exactly or by a wildcard of one label. On the test inventory (HTTPS on), web3 serving b.localhost."""

from __future__ import annotations

import datetime
import json

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from conftest import PROJECT, run_playbook

SERVICE_GROUPS = PROJECT / "molecule/reconfigure/inventory/service_groups.yml"


def certificate(*names: str) -> tuple[str, str]:
    """A self-signed certificate for names, and its key, as PEM."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])])
    now = datetime.datetime.now(datetime.timezone.utc)
    issued = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
              .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
              .not_valid_after(now + datetime.timedelta(days=30))
              .add_extension(x509.SubjectAlternativeName([x509.DNSName(name) for name in names]), critical=False)
              .sign(key, hashes.SHA256()))
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return issued.public_bytes(serialization.Encoding.PEM).decode(), key_pem.decode()


def validate(tmp_path, server_names: list[str], certificate_names: tuple[str, ...]):
    cert, key = certificate(*certificate_names)
    extra = tmp_path / "extra.json"
    extra.write_text(json.dumps({"platform_services": [{
        "name": "b", "group": "webservers_b", "server_names": server_names,
        "tls_certificate": cert, "tls_certificate_key": key}]}))
    return run_playbook("playbooks/validate.yml", PROJECT / "molecule/inventory/hosts.yml",
                        "-i", str(SERVICE_GROUPS), "-e", f"@{extra}",
                        env={"ANSIBLE_CALLBACK_RESULT_FORMAT": "json"})


def test_a_certificate_for_other_names_is_refused(tmp_path):
    run = validate(tmp_path, ["b.localhost", "www.b.localhost"], ("other.localhost", "www.b.localhost"))
    output = run.stdout + run.stderr
    assert run.returncode != 0
    assert "nginx_lb_services[b].tls_certificate: the certificate (names other.localhost, www.b.localhost) " \
           "does not cover b.localhost" in output, output[-3000:]


@pytest.mark.parametrize("certificate_names", [("b.localhost", "www.b.localhost"), ("*.localhost", "*.b.localhost")],
                         ids=["exact", "wildcards"])
def test_a_certificate_that_covers_every_name_passes(tmp_path, certificate_names):
    run = validate(tmp_path, ["b.localhost", "www.b.localhost"], certificate_names)
    assert run.returncode == 0, (run.stdout + run.stderr)[-3000:]
