"""Client behaviour with an in-process fake transport: params, routing, callbacks, errors, timeouts."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from meerkat import (
    CapabilityUnavailableError,
    MeerkatClient,
    MeerkatError,
    RunStarted,
    SkillKey,
    SkillNotFoundError,
    TextDelta,
)

from .fakes import FakeTransport, fake_client

pytestmark = pytest.mark.timeout(30)

RESULT = {"session_id": "s1", "session_ref": "r:s1", "text": "hi", "turns": 1, "tool_calls": 0,
          "usage": {"input_tokens": 1, "output_tokens": 2, "total_tokens": 3}}


def event(session_id: str, raw: dict[str, Any]) -> dict[str, Any]:
    return {"method": "session/event", "params": {"session_id": session_id, "event": raw}}


@pytest.mark.scenario("S08")
async def test_not_connected_errors() -> None:
    client = MeerkatClient()
    with pytest.raises(MeerkatError) as error:
        await client.list_sessions()
    assert error.value.code == "NOT_CONNECTED"
    with pytest.raises(MeerkatError):
        client.create_session_streaming("x")
    assert client.capabilities == [] and client.methods == frozenset()


async def test_create_params_follow_the_original_rules() -> None:
    async def handler(t: FakeTransport, message: dict[str, Any]) -> None:
        t.emit({"id": message["id"], "result": RESULT})

    client, transport = fake_client(handler)
    await client.connect()
    key = SkillKey(source_uuid="u", skill_name="n")
    await client.create_session("p", model="", max_tokens=0, provider="anthropic", enable_shell=False,
                                labels={"a": "b"}, skill_refs=[key], preload_skills=[key])
    params = transport.sent[-1]["params"]
    assert params == {"prompt": "p", "provider": "anthropic", "enable_shell": False, "labels": {"a": "b"},
                      "skill_refs": [{"kind": "structured", "source_uuid": "u", "skill_name": "n"}],
                      "preload_skills": [{"source_uuid": "u", "skill_name": "n"}]}
    await client.start_turn("s1", "q", max_tokens=0, model=None)
    assert transport.sent[-1]["params"] == {"session_id": "s1", "prompt": "q", "max_tokens": 0}
    with pytest.raises(TypeError):
        await client.create_session("p", skill_refs=[{"source_uuid": "u"}])  # type: ignore[list-item]
    ids = [m["id"] for m in transport.sent if "id" in m]
    assert ids == list(range(1, len(ids) + 1))
    await client.close()


@pytest.mark.scenario("S31")
@pytest.mark.scenario("S29")
async def test_server_error_codes_choose_the_subclass() -> None:
    codes = iter([-32021, -32020])

    async def handler(t: FakeTransport, message: dict[str, Any]) -> None:
        t.emit({"id": message["id"], "error": {"code": next(codes), "message": "nope"}})

    client, _ = fake_client(handler)
    await client.connect()
    with pytest.raises(SkillNotFoundError) as skill:
        await client.create_session("p")
    assert skill.value.code == "-32021"
    with pytest.raises(CapabilityUnavailableError) as capability:
        await client.create_session("p")
    assert capability.value.code == "-32020"
    assert not client.has_capability("skills")
    with pytest.raises(CapabilityUnavailableError):
        await client.session("s1").invoke_skill(SkillKey("u", "n"), "p")
    await client.close()


@pytest.mark.scenario("S30")
async def test_invalid_run_result_is_rejected() -> None:
    async def handler(t: FakeTransport, message: dict[str, Any]) -> None:
        t.emit({"id": message["id"], "result": {**RESULT, "turns": "1"}})

    client, _ = fake_client(handler)
    await client.connect()
    with pytest.raises(MeerkatError) as invalid:
        await client.create_session("p")
    assert invalid.value.code == "INVALID_RESPONSE" and "turns" in invalid.value.message
    await client.close()


@pytest.mark.scenario("S41")
async def test_streamed_create_buffers_until_the_response() -> None:
    async def handler(t: FakeTransport, message: dict[str, Any]) -> None:
        # run_started's prompt differs from the request (no early binding): events are buffered per session.
        t.emit(event("other", {"type": "text_delta", "delta": "not mine"}))
        t.emit(event("s1", {"type": "run_started", "session_id": "s1", "prompt": "rewritten"}))
        t.emit(event("s1", {"type": "text_delta", "delta": "hi"}))
        t.emit({"id": message["id"], "result": RESULT})

    client, _ = fake_client(handler)
    await client.connect()
    stream = client.create_session_streaming([{"type": "text", "text": "p"}])
    async with stream:
        events = [e async for e in stream]
    assert events == [RunStarted(session_id="s1", prompt="rewritten"), TextDelta(delta="hi")]
    assert stream.session_id == "s1" and stream.result.text == "hi"
    assert stream.session.id == "s1"
    await client.close()


async def test_events_for_other_sessions_do_not_leak_into_a_turn_stream() -> None:
    async def handler(t: FakeTransport, message: dict[str, Any]) -> None:
        t.emit(event("s2", {"type": "text_delta", "delta": "other"}))
        t.emit(event("s1", {"type": "text_delta", "delta": "mine"}))
        t.emit({"id": message["id"], "result": RESULT})
        t.emit(event("s1", {"type": "text_delta", "delta": "late"}))

    client, _ = fake_client(handler)
    await client.connect()
    text, result = await client.session("s1").stream("q").collect_text()
    assert text == "mine" and result.session_id == "s1"
    await client.close()


@pytest.mark.scenario("S18")
async def test_subscription_replays_early_items_and_ends() -> None:
    async def handler(t: FakeTransport, message: dict[str, Any]) -> None:
        if message.get("method") == "session/stream_open":
            envelope = {"event_id": "e1", "source": {"type": "session", "session_id": "s1"},
                        "source_id": "session:s1", "seq": 1, "timestamp_ms": 5,
                        "payload": {"type": "text_delta", "delta": "early"}}
            t.emit({"method": "session/stream_event",
                    "params": {"stream_id": "st", "sequence": 1, "session_id": "s1", "event": envelope}})
            t.emit({"id": message["id"], "result": {"stream_id": "st", "session_id": "s1", "opened": True}})
            t.emit({"method": "session/stream_end",
                    "params": {"stream_id": "st", "session_id": "s1", "ended": True, "outcome": "remote_end"}})

    client, transport = fake_client(handler)
    await client.connect()
    subscription = await client.subscribe_session_events("s1")
    items = [item async for item in subscription]
    assert len(items) == 1 and items[0].payload == TextDelta(delta="early") and items[0].seq == 1
    assert items[0].source is not None and items[0].source.session_id == "s1"
    assert subscription.terminal_outcome == {"stream_id": "st", "session_id": "s1", "ended": True,
                                             "outcome": "remote_end"}
    await subscription.close()  # already ended: no stream_close is sent
    assert [m.get("method") for m in transport.sent].count("session/stream_close") == 0
    await client.close()


async def test_server_requests_are_answered() -> None:
    async def handler(t: FakeTransport, message: dict[str, Any]) -> None:
        if message.get("method") == "tools/register":
            t.emit({"id": message["id"], "result": {"registered": len(message["params"]["tools"])}})

    client, transport = fake_client(handler)

    @client.tool("echo")
    def echo(arguments: dict[str, Any]) -> str:
        return f"echo {arguments['x']}"

    await client.connect()
    assert transport.sent[2] == {"jsonrpc": "2.0", "id": 3, "method": "tools/register", "params": {"tools": [
        {"name": "echo", "description": "Tool: echo", "input_schema": {"type": "object"}}]}}
    transport.emit({"id": "srv-0", "method": "tool/execute",
                    "params": {"tool_use_id": "t", "name": "echo", "arguments": {"x": 1}}})
    transport.emit({"id": "srv-1", "method": "tool/execute", "params": {"name": "missing", "arguments": {}}})
    transport.emit({"id": "srv-2", "method": "mystery/call", "params": {}})
    for _ in range(100):
        if len([m for m in transport.sent if str(m.get("id", "")).startswith("srv-")]) == 3:
            break
        await asyncio.sleep(0.01)
    replies = {m["id"]: m for m in transport.sent if str(m.get("id", "")).startswith("srv-")}
    assert replies["srv-0"]["result"] == {"content": "echo 1", "is_error": False}
    assert replies["srv-1"]["result"] == {"content": "Unknown tool: missing", "is_error": True}
    assert replies["srv-2"]["error"] == {"code": -32601, "message": "Method not supported: mystery/call"}
    await client.close()


@pytest.mark.scenario("S50")
async def test_request_timeout_cancels_the_request() -> None:
    async def handler(t: FakeTransport, message: dict[str, Any]) -> None:
        return None  # never answers

    client, transport = fake_client(handler)
    await client.connect(request_timeout=0.2)
    with pytest.raises(MeerkatError) as timed_out:
        await client.read_session("s1")
    assert timed_out.value.code == "REQUEST_TIMEOUT"
    assert transport.sent[-1] == {"jsonrpc": "2.0", "method": "cancel", "params": {"request_id": 3}}
    await client.close()


async def test_death_mid_stream_ends_the_stream_with_the_reason() -> None:
    async def handler(t: FakeTransport, message: dict[str, Any]) -> None:
        t.emit(event("s1", {"type": "text_delta", "delta": "partial"}))
        t.hang_up()

    client, _ = fake_client(handler)
    await client.connect()
    seen: list[Any] = []
    with pytest.raises(MeerkatError) as closed:
        async with client.session("s1").stream("q") as events:
            async for item in events:
                seen.append(item)
    assert seen == [TextDelta(delta="partial")]
    assert closed.value.code == "CONNECTION_CLOSED" and "simulated death" in closed.value.message
    await client.close()


async def test_unserved_wrappers_name_their_capability() -> None:
    async def handler(t: FakeTransport, message: dict[str, Any]) -> None:
        return None

    client, transport = fake_client(handler)
    await client.connect()
    sent_before = len(transport.sent)
    with pytest.raises(CapabilityUnavailableError) as error:
        await client.create_schedule({"name": "x"})
    assert error.value.capability_hint == "schedule"
    assert error.value.details == {"capability": "schedule", "method": "schedule/create"}
    assert len(transport.sent) == sent_before  # nothing was sent
    with pytest.raises(MeerkatError) as retired:
        with pytest.warns(DeprecationWarning):
            await client.runtime_status("s1")
    assert retired.value.code == "METHOD_NOT_FOUND"
    await client.close()
