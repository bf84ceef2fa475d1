"""Fixtures: the project's fake LLM provider, and ORIGINAL meerkat-sdk 0.6.6 clients driving our built rkat-rpc.

The original ``MeerkatClient(rkat_path="rkat-rpc")`` has no ``env`` option: the child inherits ``os.environ``. So each
test sets the provider URLs, fake keys, ``HOME`` and ``MEERKAT_BIN_PATH`` (a wrapper named ``rkat-rpc`` that execs
``node <build>/rkat-rpc.js``) with ``monkeypatch`` before connecting.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.request import urlopen

import pytest

import meerkat
from meerkat import MeerkatClient

REPO_ROOT = Path(__file__).resolve().parents[3]
FAKE_PROVIDER_BIN = REPO_ROOT / "packages" / "testing" / "dist" / "src" / "fake-provider" / "bin.js"
RKAT_RPC_BUILD = REPO_ROOT / "packages" / "rpc-server" / "dist" / "src" / "bin" / "rkat-rpc.js"


def pytest_report_header() -> str:
    return f"original SDK: meerkat {meerkat.__file__} (contract {meerkat.CONTRACT_VERSION}); server: {RKAT_RPC_BUILD}"


@dataclass
class FakeProvider:
    url: str

    def env(self, home: Path) -> dict[str, str]:
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
        with urlopen(f"{self.url}/__fake/requests", timeout=10) as response:  # noqa: S310 - loopback only
            data = json.loads(response.read())
        return data if isinstance(data, list) else list(data.get("requests", []))


@pytest.fixture(scope="session")
def fake_provider() -> Iterator[FakeProvider]:
    assert FAKE_PROVIDER_BIN.is_file(), f"build the repository first (npm run build): {FAKE_PROVIDER_BIN} is missing"
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


@pytest.fixture(scope="session")
def rkat_rpc_bin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An executable named ``rkat-rpc`` (not ``rkat``: that name means the legacy ``rkat rpc`` sub-command)."""
    assert RKAT_RPC_BUILD.is_file(), f"build the repository first (npm run build): {RKAT_RPC_BUILD} is missing"
    wrapper = tmp_path_factory.mktemp("bin") / "rkat-rpc"
    wrapper.write_text(f'#!/bin/sh\nexec node "{RKAT_RPC_BUILD}" "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return wrapper


def fake(steps: list[dict[str, Any]], text: str = "go") -> str:
    """A prompt scripting the fake provider; a unique nonce keeps scripts apart."""
    return f"{text} [{uuid.uuid4().hex[:8]}] <fake>{json.dumps(steps)}</fake>"


ClientFactory = Callable[..., Awaitable[MeerkatClient]]


@pytest.fixture
def sdk_env(fake_provider: FakeProvider, rkat_rpc_bin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Points the original SDK (through ``os.environ``) at our rkat-rpc and the fake provider; returns HOME."""
    home = tmp_path / "home"
    home.mkdir()
    for key, value in fake_provider.env(home).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("MEERKAT_BIN_PATH", str(rkat_rpc_bin))
    for noisy in ("RKAT_LOG", "RUST_LOG"):
        monkeypatch.delenv(noisy, raising=False)
    return home


@pytest.fixture
async def connect(sdk_env: Path, tmp_path: Path) -> AsyncIterator[ClientFactory]:
    """``await connect(client=None, **connect_options)``: connect an original client on a private state root;
    every client is closed after the test."""
    clients: list[MeerkatClient] = []

    async def factory(client: MeerkatClient | None = None, **options: Any) -> MeerkatClient:
        client = client or MeerkatClient()
        options.setdefault("state_root", str(tmp_path / "state"))
        clients.append(client)
        await client.connect(**options)
        return client

    yield factory
    for client in clients:
        await client.close()


@pytest.fixture
async def client(connect: ClientFactory) -> MeerkatClient:
    return await connect(realm_id=f"t-{uuid.uuid4().hex[:12]}")
