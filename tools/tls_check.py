"""What a TLS client sees of the balancer's HTTPS listener, as JSON on stdout.

    python -m tools.tls_check --url https://127.0.0.1:18443/ [--cafile served.pem] [--header 'Name: value']
    python -m tools.tls_check --url https://apps.example.com:8443/ --connect 172.30.90.10 [...]
    python -m tools.tls_check --url https://127.0.0.1:18443/ --legacy

Normal mode: one handshake offering HTTP/2 and HTTP/1.1 (the protocol the server picks, by ALPN),
then a GET over HTTP/1.1. With --cafile the certificate must verify against that file and name
the URL's host (a self-signed certificate is its own CA); without it nothing is verified and the
certificate is only described. Prints status, headers, body, alpn, tls_version, certificate.
--connect ADDRESS connects there instead of to the URL's host, which still names the server
(SNI, the Host header, the certificate's check): a balancer's service by name, without DNS.

--legacy: a handshake with TLS 1.0 and one with TLS 1.1, with the client's own security level
lowered so that only the server can refuse; prints, per version, "accepted" or why it failed.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import socket
import ssl
import sys
import warnings
from urllib.parse import urlsplit

LEGACY_VERSIONS = {"TLSv1": ssl.TLSVersion.TLSv1, "TLSv1.1": ssl.TLSVersion.TLSv1_1}


def client_context(cafile: str | None) -> ssl.SSLContext:
    """Verifies against cafile when given; otherwise accepts any certificate (it is described, not trusted)."""
    context = ssl.create_default_context(cafile=cafile)
    if cafile is None:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def handshake(host: str, port: int, context: ssl.SSLContext, connect: str | None = None) -> dict:
    """The protocol, TLS version and certificate of one handshake with host (at connect, if given)."""
    with socket.create_connection((connect or host, port), timeout=5) as raw:
        with context.wrap_socket(raw, server_hostname=host) as tls:
            der = tls.getpeercert(binary_form=True)
            return {
                "alpn": tls.selected_alpn_protocol(),
                "tls_version": tls.version(),
                "certificate_sha256": hashlib.sha256(der).hexdigest(),
                "certificate_pem": ssl.DER_cert_to_PEM_cert(der),
            }


class ConnectedElsewhere(http.client.HTTPSConnection):
    """An HTTPS connection to one address that names another host (SNI, Host, certificate)."""

    def __init__(self, host: str, port: int, connect: str, context: ssl.SSLContext):
        super().__init__(host, port, timeout=5, context=context)
        self.address = connect
        self.tls_context = context

    def connect(self) -> None:
        raw = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self.tls_context.wrap_socket(raw, server_hostname=self.host)


def fetch(url: str, cafile: str | None, headers: dict[str, str], connect: str | None = None) -> dict:
    parts = urlsplit(url)
    host, port = parts.hostname, parts.port or 443
    offered = client_context(cafile)
    offered.set_alpn_protocols(["h2", "http/1.1"])
    result = handshake(host, port, offered, connect)
    plain = client_context(cafile)
    plain.set_alpn_protocols(["http/1.1"])
    connection = ConnectedElsewhere(host, port, connect or host, plain)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    connection.request("GET", target, headers=headers)
    response = connection.getresponse()
    result.update(
        status=response.status,
        headers={name.lower(): value for name, value in response.getheaders()},
        body=response.read().decode(errors="replace"),
    )
    connection.close()
    return result


def legacy(url: str) -> dict:
    parts = urlsplit(url)
    outcome = {}
    # Python warns that these versions are deprecated: trying them is the point.
    warnings.simplefilter("ignore", DeprecationWarning)
    for name, version in LEGACY_VERSIONS.items():
        context = client_context(None)
        context.minimum_version = version
        context.maximum_version = version
        # The client's own OpenSSL refuses TLS 1.0/1.1 at its default level: lower it, so that a
        # refusal can only come from the server.
        context.set_ciphers("ALL:@SECLEVEL=0")
        try:
            handshake(parts.hostname, parts.port or 443, context)
            outcome[name] = "accepted"
        except (ssl.SSLError, OSError) as error:
            outcome[name] = f"refused: {error}"
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--cafile")
    parser.add_argument("--header", action="append", default=[], help="'Name: value', sent with the GET")
    parser.add_argument("--connect", help="the address to connect to, if not the URL's host")
    parser.add_argument("--legacy", action="store_true", help="try TLS 1.0 and 1.1 instead")
    args = parser.parse_args(argv)
    if args.legacy:
        print(json.dumps(legacy(args.url)))
        return 0
    headers = dict(header.split(": ", 1) for header in args.header)
    try:
        print(json.dumps(fetch(args.url, args.cafile, headers, args.connect)))
    except (ssl.SSLError, OSError, http.client.HTTPException) as error:
        print(json.dumps({"error": str(error)}))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
