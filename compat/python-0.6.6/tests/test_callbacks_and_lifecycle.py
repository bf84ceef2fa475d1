"""Harder corners: nested SDK calls from a callback tool, interrupting a pending callback, tool_config_changed
events, a failed streamed create, and close() during a running turn."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from meerkat import (
    EventEnvelope,
    MeerkatClient,
    MeerkatError,
    RunCompleted,
    ToolConfigChanged,
    UnknownEvent,
)

from .conftest import ClientFactory, fake

pytestmark = pytest.mark.timeout(90)

SLOW = [{"text": "x" * 400, "chunk": 1, "delay_ms": 50}]


async def test_callback_tool_makes_nested_sdk_calls(connect: ClientFactory) -> None:
    client = MeerkatClient()
    seen: dict[str, Any] = {}

    @client.tool("inspect")
    async def inspect(arguments: dict[str, Any]) -> str:
        # The SDK runs callbacks in their own task, so requests from inside one are answered during the turn.
        details = await client.read_session(arguments["sid"]) if arguments.get("sid") else None
        seen["active"] = details.is_active if details else None
        seen["sessions"] = len(await client.list_sessions())
        return "inspected"

    await connect(client)
    first = await client.create_session("first")
    session = await client.create_session(fake([{"tools": [{"name": "inspect", "args": {"sid": first.id}}]}, {"text": "ok"}]))
    assert session.text == "ok" and session.tool_calls == 1
    assert seen == {"active": False, "sessions": 2}


async def test_interrupt_while_callback_pending(connect: ClientFactory) -> None:
    client = MeerkatClient()
    entered = asyncio.Event()
    release = asyncio.Event()

    @client.tool("block")
    async def block(arguments: dict[str, Any]) -> str:
        entered.set()
        await release.wait()
        return "too late"

    await connect(client)
    session = await client.create_session("first")
    turn = asyncio.create_task(session.turn(fake([{"tools": [{"name": "block", "args": {}}]}, {"text": "never"}])))
    await asyncio.wait_for(entered.wait(), 20)
    await session.interrupt()
    with pytest.raises(MeerkatError) as cancelled:
        await asyncio.wait_for(turn, 10)
    assert cancelled.value.code == "-32005"
    release.set()  # the SDK now answers a callback the server no longer waits for; it must be ignored
    await asyncio.sleep(0.3)
    after = await session.turn(fake([{"text": "still alive"}]))
    assert after.text == "still alive"


async def test_tool_config_changed_is_typed(client: MeerkatClient) -> None:
    session = await client.create_session("first")
    subscription = await session.subscribe_events()
    envelopes: list[EventEnvelope] = []

    async def read_until_run_completed() -> None:
        async for item in subscription:
            envelopes.append(item)
            if isinstance(item.payload, RunCompleted):
                return

    reader = asyncio.create_task(read_until_run_completed())

    @client.tool("added_later", description="added while the session exists")
    async def added_later(arguments: dict[str, Any]) -> str:
        return "added"

    await asyncio.sleep(0.5)  # the SDK registers post-connect tools in a background task
    result = await session.turn(fake([{"tools": [{"name": "added_later", "args": {}}]}, {"text": "used it"}]))
    assert result.text == "used it" and result.tool_calls == 1
    await asyncio.wait_for(reader, 20)
    await subscription.close()
    payloads = [e.payload for e in envelopes]
    assert not [p for p in payloads if isinstance(p, UnknownEvent)], payloads
    changed = [p for p in payloads if isinstance(p, ToolConfigChanged)]
    assert changed, [type(p).__name__ for p in payloads]
    assert changed[0].payload.operation in {"add", "reload"} and changed[0].payload.target
    assert isinstance(changed[0].payload.persisted, bool)


async def test_failed_streamed_create(client: MeerkatClient) -> None:
    events: list[Any] = []
    with pytest.raises(MeerkatError) as failed:
        async with client.create_session_streaming(fake([{"error": {"status": 401}}])) as stream:
            async for event in stream:
                events.append(event)
    assert failed.value.code == "-32010"
    assert isinstance(failed.value.details, dict) and failed.value.details.get("session_id")
    # The pending-stream slot was released: the next streamed create works.
    async with client.create_session_streaming("after the failure") as stream:
        async for event in stream:
            events.append(event)
    assert stream.result.text == "echo: after the failure"


async def test_close_during_running_turn(connect: ClientFactory) -> None:
    client = await connect()
    session = await client.create_session("first")
    turn = asyncio.create_task(session.turn(fake(SLOW)))
    for _ in range(200):
        if (await client.read_session(session.id)).is_active:
            break
        await asyncio.sleep(0.05)
    process = client._process  # noqa: SLF001
    assert process is not None
    started = time.monotonic()
    await client.close()
    elapsed = time.monotonic() - started
    with pytest.raises(MeerkatError) as closed:
        await asyncio.wait_for(turn, 5)
    assert closed.value.code in {"CLIENT_CLOSED", "CONNECTION_CLOSED"}
    # rkat-rpc ended on SIGTERM by itself (the SDK kills it only after 5 s).
    assert elapsed < 5 and process.returncode is not None and process.returncode != -9
