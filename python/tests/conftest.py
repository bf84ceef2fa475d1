"""Fixtures: the project's fake LLM provider, and clients connected to a real ``rkat-rpc`` pointed at it.

The runtime is this repository's build (``packages/rpc-server/dist/src/bin/rkat-rpc.js``, found by the SDK's
own binary lookup) unless ``MEERKAT_BIN_PATH`` names another. Each client gets a private state root and HOME.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.request import urlopen

import pytest

from meerkat import MeerkatClient

REPO_ROOT = Path(__file__).resolve().parents[2]
FAKE_PROVIDER_BIN = REPO_ROOT / "packages" / "testing" / "dist" / "src" / "fake-provider" / "bin.js"
RKAT_RPC_BUILD = REPO_ROOT / "packages" / "rpc-server" / "dist" / "src" / "bin" / "rkat-rpc.js"


@dataclass
class FakeProvider:
    """A running fake provider: its base URL and the environment that points rkat-rpc at it."""

    url: str

    def env(self, home: Path) -> dict[str, str]:
        """Base URLs and fake keys for every provider (``RKAT_*`` too, which win over the plain names)."""
        env = {"HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config")}
        for prefix in ("", "RKAT_"):
            env[f"{prefix}ANTHROPIC_BASE_URL"] = self.url
            env[f"{prefix}OPENAI_BASE_URL"] = f"{self.url}/v1"
            env[f"{prefix}GEMINI_BASE_URL"] = self.url
            env[f"{prefix}ANTHROPIC_API_KEY"] = "fake-key-anthropic"
            env[f"{prefix}OPENAI_API_KEY"] = "fake-key-openai"
            env[f"{prefix}GEMINI_API_KEY"] = "fake-key-gemini"
        return env

    def requests(self) -> list[dict[str, Any]]:
        """What the fake received (``GET /__fake/requests``)."""
        with urlopen(f"{self.url}/__fake/requests", timeout=10) as response:  # noqa: S310 - loopback only
            data = json.loads(response.read())
        return data if isinstance(data, list) else list(data.get("requests", []))


@pytest.fixture(scope="session")
def fake_provider() -> Iterator[FakeProvider]:
    """One fake provider for the whole run."""
    assert FAKE_PROVIDER_BIN.is_file(), f"build the repository first (npm run build): {FAKE_PROVIDER_BIN} is missing"
    assert RKAT_RPC_BUILD.is_file() or os.environ.get("MEERKAT_BIN_PATH"), (
        f"build the repository first (npm run build): {RKAT_RPC_BUILD} is missing"
    )
    process = subprocess.Popen(
        ["node", str(FAKE_PROVIDER_BIN), "--ignore-stdin"], stdout=subprocess.PIPE, stderr=sys.stderr
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        yield FakeProvider(url=json.loads(line)["url"])
    finally:
        process.terminate()
        process.wait(timeout=10)


def fake(steps: list[dict[str, Any]], text: str = "go") -> str:
    """A prompt scripting the fake provider; a unique nonce keeps scripts (and retry counters) apart."""
    return f"{text} [{uuid.uuid4().hex[:8]}] <fake>{json.dumps(steps)}</fake>"


ClientFactory = Callable[..., Awaitable[MeerkatClient]]


@pytest.fixture
async def connect(fake_provider: FakeProvider, tmp_path: Path) -> AsyncIterator[ClientFactory]:
    """``await connect(prepare=None, **connect_options)``: a client on a private state root (``prepare`` runs
    before ``connect()``), closed after the test."""
    clients: list[MeerkatClient] = []

    async def factory(*, prepare: Callable[[MeerkatClient], None] | None = None, **options: Any) -> MeerkatClient:
        client = MeerkatClient(env=fake_provider.env(tmp_path))
        if prepare is not None:
            prepare(client)
        options.setdefault("state_root", str(tmp_path / "state"))
        await client.connect(**options)
        clients.append(client)
        return client

    yield factory
    for client in clients:
        await client.close()


@pytest.fixture
async def client(connect: ClientFactory) -> MeerkatClient:
    """A connected client on a fresh realm."""
    return await connect(realm_id=f"t-{uuid.uuid4().hex[:12]}")
