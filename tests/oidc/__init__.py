"""A real OpenID Provider run by the tests (tests/oidc/provider.mjs, npm's oidc-provider)."""

import json
import os
import shutil
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CLIENT_ID = "leadership-pipeline"
CLIENT_SECRET = "a-test-only-client-secret-of-some-length"


@dataclass(frozen=True)
class OpenIDProvider:
    issuer: str
    client_id: str
    client_secret: str

    def app(self, provider_id: str = "test-idp", name: str = "Test identity provider") -> dict:
        """The entry config/settings/base.py builds from OIDC_* for this provider."""
        return {"provider_id": provider_id, "name": name, "client_id": self.client_id,
                "secret": self.client_secret,
                "settings": {"server_url": self.issuer, "oauth_pkce_enabled": True}}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_provider(redirect_uri: str, accounts: dict[str, dict]) -> Iterator[OpenIDProvider]:
    """Start the provider; yield once it says it is listening; stop it afterwards."""
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "oidc-provider").exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("node and oidc-provider are needed: `npm ci` installs it (make install)")
        pytest.skip("node or oidc-provider is not installed")
    port = _free_port()
    env = {**os.environ, "PORT": str(port), "CLIENT_ID": CLIENT_ID, "CLIENT_SECRET": CLIENT_SECRET,
           "REDIRECT_URI": redirect_uri, "ACCOUNTS": json.dumps(accounts)}
    process = subprocess.Popen([node, str(HERE / "provider.mjs")], cwd=ROOT, env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        line = process.stdout.readline() if process.stdout else ""
        if not line.startswith("ready "):
            raise RuntimeError(f"the OpenID provider did not start: {line!r}")
        yield OpenIDProvider(issuer=line.split()[1], client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    finally:
        process.terminate()
        process.wait()
