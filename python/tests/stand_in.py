"""``StandIn``: a connected client on ``stand_in_rkat_rpc.py``, to read the exact wire params the SDK sends for the
families the real runtime does not serve yet (the TS side has packages/sdk/test/support-stand-in.ts)."""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path
from typing import Any

from meerkat import MeerkatClient

SCRIPT = Path(__file__).with_name("stand_in_rkat_rpc.py")


class StandIn:
    """A client connected to a stand-in runtime that serves ``methods`` with ``results``; ``notify`` maps a
    ``stream_id`` to the notifications written after a result that carries it."""

    def __init__(self, client: MeerkatClient) -> None:
        self.client = client

    @classmethod
    async def start(
        cls,
        home: Path,
        methods: list[str],
        results: dict[str, Any],
        notify: dict[str, list[dict[str, Any]]] | None = None,
        *,
        silent: list[str] | None = None,
        request_timeout: float = 10,
    ) -> StandIn:
        """``silent`` methods are never answered; ``request_timeout`` is the client's ``connect()`` option."""
        config = home / "stand-in.json"
        config.write_text(json.dumps({"methods": methods, "results": results, "notify": notify or {},
                                      "silent": silent or []}))
        wrapper = home / "stand-in-rkat-rpc"
        wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{SCRIPT}" "$@"\n')
        wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        client = MeerkatClient(str(wrapper), env={"STAND_IN_CONFIG": str(config)})
        await client.connect(request_timeout=request_timeout)
        return cls(client)

    async def last(self) -> Any:
        """The last request the stand-in received (``{method, params}``), before this one."""
        return await self.client.request("test/last", {})

    async def sent(self, method: str, params: dict[str, Any]) -> None:
        """Asserts the last request was exactly ``method`` with ``params`` (``None`` values included)."""
        assert await self.last() == {"method": method, "params": params}

    async def notifications(self) -> Any:
        """The client notifications the stand-in received (``[{method, params}]``)."""
        return await self.client.request("test/notifications", {})

    async def set_result(self, method: str, result: Any) -> None:
        """Replaces what the stand-in answers to ``method``."""
        await self.client.request("test/set", {"method": method, "result": result})

    async def stop(self) -> None:
        await self.client.close()
