"""Test doubles: an in-process transport scripted by a Python handler, and a launcher for fake_rkat_rpc.py."""

from __future__ import annotations

import asyncio
import json
import stat
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from meerkat import MeerkatClient
from meerkat._process import ConnectOptions

Handler = Callable[["FakeTransport", dict[str, Any]], Awaitable[None]]

HANDSHAKE_METHODS = ["initialize", "capabilities/get", "session/create", "turn/start", "session/read",
                     "session/stream_open", "session/stream_close", "tools/register"]


class FakeTransport:
    """An in-process ``rkat-rpc``: each client line goes to ``handler``, which answers with ``emit``."""

    def __init__(self, handler: Handler, methods: list[str] | None = None, version: str = "0.6.6") -> None:
        self.handler = handler
        self.methods = methods if methods is not None else HANDSHAKE_METHODS
        self.version = version
        self.sent: list[dict[str, Any]] = []
        self._lines: asyncio.Queue[bytes] = asyncio.Queue()
        self.closed = False

    def emit(self, message: dict[str, Any]) -> None:
        """Queues one server line."""
        self._lines.put_nowait((json.dumps({"jsonrpc": "2.0", **message}) + "\n").encode())

    def hang_up(self) -> None:
        """Ends stdout (the process died)."""
        self._lines.put_nowait(b"")

    async def write(self, data: bytes) -> None:
        if self.closed:
            raise BrokenPipeError("closed")
        message = json.loads(data)
        self.sent.append(message)
        if message.get("method") == "initialize":
            self.emit({"id": message["id"], "result": {"contract_version": self.version, "methods": self.methods,
                                                       "server_info": {"name": "fake", "version": self.version}}})
        elif message.get("method") == "capabilities/get":
            self.emit({"id": message["id"], "result": {"capabilities": [
                {"id": "sessions", "description": "", "status": "Available"},
                {"id": "skills", "description": "", "status": {"NotCompiled": {"feature": "skills"}}}]}})
        else:
            await self.handler(self, message)

    async def read_line(self) -> bytes:
        return await self._lines.get()

    async def close(self) -> None:
        self.closed = True
        self._lines.put_nowait(b"")

    async def exit_description(self) -> str:
        return "exit code 9; stderr: simulated death"


def fake_client(handler: Handler, **kwargs: Any) -> tuple[MeerkatClient, FakeTransport]:
    """A client whose ``connect()`` uses a :class:`FakeTransport`."""
    transport = FakeTransport(handler, **kwargs)

    async def factory(_: ConnectOptions) -> FakeTransport:
        return transport

    return MeerkatClient(transport_factory=factory), transport


def fake_binary(tmp_path: Path) -> Path:
    """An executable wrapper running ``fake_rkat_rpc.py`` with this interpreter."""
    script = Path(__file__).with_name("fake_rkat_rpc.py")
    wrapper = tmp_path / "fake-rkat-rpc"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{script}" "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return wrapper
