"""Interrupts and the error classes, against a real rkat-rpc."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

import pytest

from meerkat import (
    CapabilityUnavailableError,
    DeferredSession,
    MeerkatClient,
    MeerkatError,
    Session,
    SessionNotFoundError,
    TextDelta,
)

from .conftest import fake

pytestmark = pytest.mark.timeout(60)

SLOW = [{"text": "x" * 400, "chunk": 1, "delay_ms": 50}]  # about 20 s of streaming unless interrupted


@pytest.mark.scenario("S16")
async def test_interrupt_from_another_task(client: MeerkatClient) -> None:
    session = await client.create_session("first")
    streaming = asyncio.Event()

    async def run_turn() -> None:
        async with session.stream(fake(SLOW)) as events:
            async for event in events:
                if isinstance(event, TextDelta):
                    streaming.set()

    task = asyncio.create_task(run_turn())
    await asyncio.wait_for(streaming.wait(), 20)
    details = await client.read_session(session.id)  # answered while the turn runs
    assert details.is_active is True
    await session.interrupt()
    with pytest.raises(MeerkatError) as cancelled:
        await asyncio.wait_for(task, 10)
    assert cancelled.value.code == "-32005"
    assert (await client.read_session(session.id)).is_active is False
    assert (await session.turn("after the interrupt")).text == "echo: after the interrupt"


async def test_interrupt_of_a_plain_turn_and_idle_interrupt(client: MeerkatClient) -> None:
    session = await client.create_session("first")
    await session.interrupt()  # idle: a no-op
    turn = asyncio.create_task(session.turn(fake(SLOW)))
    for _ in range(200):
        if (await client.read_session(session.id)).is_active:
            break
        await asyncio.sleep(0.05)
    await client.interrupt(session.id)
    with pytest.raises(MeerkatError) as cancelled:
        await asyncio.wait_for(turn, 10)
    assert cancelled.value.code == "-32005"


async def test_busy_session_rejects_a_second_turn(client: MeerkatClient) -> None:
    session = await client.create_session("first")
    turn = asyncio.create_task(session.turn(fake(SLOW)))
    for _ in range(200):
        if (await client.read_session(session.id)).is_active:
            break
        await asyncio.sleep(0.05)
    with pytest.raises(MeerkatError) as busy:
        await client.start_turn(session.id, "second")
    assert busy.value.code == "-32002" and type(busy.value) is MeerkatError
    await session.interrupt()
    with pytest.raises(MeerkatError):
        await asyncio.wait_for(turn, 10)


@pytest.mark.scenario("S15")
async def test_session_not_found_error(client: MeerkatClient) -> None:
    unknown = "01a22282-535b-70e8-92ca-dfc7def7440c"
    with pytest.raises(SessionNotFoundError) as read:
        await client.read_session(unknown)
    assert read.value.code == "-32001" and unknown in read.value.message
    assert isinstance(read.value, MeerkatError)
    with pytest.raises(SessionNotFoundError):
        await client.resume_session(unknown)
    session = await client.create_session("to archive")
    await session.archive()
    with pytest.raises(SessionNotFoundError):
        await session.turn("after archive")


@pytest.mark.scenario("S23")
async def test_invalid_params_is_a_plain_meerkat_error(client: MeerkatClient) -> None:
    with pytest.raises(MeerkatError) as bad:
        await client.read_session("not-a-uuid")
    assert type(bad.value) is MeerkatError and bad.value.code == "-32602"
    with pytest.raises(MeerkatError) as unknown_method:
        await client.request("nope/nothing", {})
    assert unknown_method.value.code == "-32601"


async def test_failed_run_keeps_its_class_and_details(client: MeerkatClient) -> None:
    session = await client.create_session("first")
    with pytest.raises(MeerkatError) as failed:
        await session.turn(fake([{"error": {"status": 400}}]))
    error = failed.value
    assert error.code == "-32010" and error.message.startswith("turn abandoned")
    assert isinstance(error.details, dict) and error.details["error"]["kind"] == "llm_failure"

    with pytest.raises(MeerkatError) as create_failed:
        await client.create_session(fake([{"error": {"status": 401}}]))
    details = create_failed.value.details
    assert isinstance(details, dict) and details.get("session_id")
    assert (await client.read_session(details["session_id"])).session_id == details["session_id"]


@pytest.mark.scenario("S24")
async def test_capability_unavailable_for_unserved_families(client: MeerkatClient) -> None:
    session = await client.create_session("first")
    calls: list[tuple[Coroutine[Any, Any, object], str]] = [
        (session.inject_context("more context"), "session_ingress"),
        (client.send_external_event(session.id, "ping", {"a": 1}), "external_events"),
        (client.list_approvals(), "approvals"),
        (client.list_schedules(), "schedule"),
        (client.create_mob(definition={"id": "m", "profiles": {}}), "mob"),
        (client.live_open(session.id), "live"),
        (client.send(session.id, kind="input", body="hi"), "comms"),
        (client.list_mob_profiles(), "mob"),
        (client.live_status("c1"), "live"),
    ]
    for call, capability in calls:
        with pytest.raises(CapabilityUnavailableError) as unavailable:
            await call
        assert unavailable.value.code == "CAPABILITY_UNAVAILABLE"
        assert unavailable.value.capability_hint == capability
        assert f"'{capability}'" in unavailable.value.message
    assert not client.has_capability("mob")
    with pytest.raises(CapabilityUnavailableError) as required:
        client.require_capability("not_a_capability")
    assert required.value.message == "Capability 'not_a_capability' is not available"
    assert client.has_capability("sessions") and client.has_capability("streaming")
    client.require_capability("sessions")
    assert "session/create" in client.methods and "tools/register" in client.methods


@pytest.mark.scenario("S29")
async def test_session_level_unserved_calls_name_their_capability(client: MeerkatClient) -> None:
    session = await client.create_session("first")
    deferred = await client.create_deferred_session("later")
    assert isinstance(session, Session) and isinstance(deferred, DeferredSession)
    calls: list[tuple[Coroutine[Any, Any, object], str]] = [
        (session.send(kind="input", body="hi"), "comms"),
        (session.peers(), "comms"),
        (session.send_peer_response_terminal("p", "q", "completed", {}), "comms"),
        (deferred.send_peer_response_terminal("p", "q", "failed", {}), "comms"),
        (session.send_external_event("ping", {}), "external_events"),
        (deferred.send_external_event("ping", {}), "external_events"),
        (deferred.inject_context("note"), "session_ingress"),
    ]
    for call, capability in calls:
        with pytest.raises(CapabilityUnavailableError) as unavailable:
            await call
        assert unavailable.value.code == "CAPABILITY_UNAVAILABLE"
        assert unavailable.value.capability_hint == capability
        assert f"'{capability}'" in unavailable.value.message
    assert (await client.read_session(deferred.id)).message_count == 0  # nothing reached the deferred session
