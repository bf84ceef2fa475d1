"""Streaming with the original 0.6.6 SDK: every event our server emits must parse into a typed event (none may come
back as ``UnknownEvent``, malformed or not), all events arrive before the result, and the result parses."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

import meerkat.streaming
from meerkat import (
    Event,
    MeerkatClient,
    RunCompleted,
    RunStarted,
    TextComplete,
    TextDelta,
    ToolCallRequested,
    ExtractionSucceeded,
    ToolExecutionCompleted,
    ToolExecutionStarted,
    ToolResultReceived,
    TurnCompleted,
    TurnStarted,
    UnknownEvent,
)
from meerkat.events import _EVENT_MAP  # the original SDK's table of typed events

from .conftest import fake

pytestmark = pytest.mark.timeout(90)


@pytest.fixture
def raw_events(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Records every raw ``session/event`` payload the SDK's EventStream parses (the parser itself is unchanged)."""
    seen: list[dict[str, Any]] = []
    original = meerkat.streaming.parse_event

    def recording(raw: dict[str, Any]) -> Event:
        seen.append(raw)
        return original(raw)

    monkeypatch.setattr(meerkat.streaming, "parse_event", recording)
    return seen


# Event types of the contract that the 0.6.6 SDK has no class for (01 §8.2): it yields them as
# UnknownEvent(type=<the type>, data=<raw>), which is its documented forward-compatible behaviour.
UNTYPED_IN_0_6_6 = {
    "reasoning_delta", "reasoning_complete", "server_tool_content", "assistant_image_appended",
    "interaction_callback_pending",
}


def assert_all_typed(events: list[Event], raw: list[dict[str, Any]]) -> None:
    """Every event of a type the SDK knows is typed (never UnknownEvent, never ``malformed_event``); every other
    type is one of the contract's own types the SDK predates."""
    assert len(events) == len(raw)
    for event, r in zip(events, raw):
        kind = r.get("type")
        if kind in _EVENT_MAP:
            assert isinstance(event, _EVENT_MAP[kind]), f"the 0.6.6 SDK could not type {kind}: {event!r}"
        else:
            assert kind in UNTYPED_IN_0_6_6, f"event type {kind!r} is not in the 0.6.6 contract"
            assert isinstance(event, UnknownEvent) and event.type == kind and event.data is r
        # 00-decisions §1: flat AgentEvent plus the envelope.
        assert isinstance(r.get("payload"), dict) and r["payload"].get("type") == r["type"]
        assert isinstance(r.get("seq"), int) and isinstance(r.get("event_id"), str)


async def test_create_session_streaming_with_tool_call(client: MeerkatClient, raw_events: list[dict[str, Any]]) -> None:
    stream = client.create_session_streaming(
        fake([{"tools": [{"name": "datetime", "args": {}}]}, {"text": "the time is known"}])
    )
    events: list[Event] = []
    async with stream as s:
        async for event in s:
            events.append(event)
        result = s.result
    assert_all_typed(events, raw_events)
    kinds = [type(e) for e in events]
    assert kinds[0] is RunStarted and kinds[-1] is RunCompleted
    for expected in (TurnStarted, TextDelta, TurnCompleted, ToolCallRequested, ToolExecutionStarted,
                     ToolExecutionCompleted, ToolResultReceived):
        assert expected in kinds, expected
    started = events[0]
    assert isinstance(started, RunStarted) and started.session_id == result.session_id
    call = next(e for e in events if isinstance(e, ToolCallRequested))
    done = next(e for e in events if isinstance(e, ToolExecutionCompleted))
    received = next(e for e in events if isinstance(e, ToolResultReceived))
    assert call.name == done.name == received.name == "datetime" and call.id == done.id == received.id
    assert done.is_error is False and done.result
    turn_done = [e for e in events if isinstance(e, TurnCompleted)]
    # One turn_completed per run, for the terminal LLM call, as the original (01 §8.2).
    assert [t.stop_reason for t in turn_done] == ["end_turn"]
    assert [e.turn_number for e in events if isinstance(e, TurnStarted)] == [0, 1]
    assert all(t.usage.input_tokens > 0 for t in turn_done)
    text = "".join(e.delta for e in events if isinstance(e, TextDelta))
    assert text == "the time is known" == result.text
    completed = events[-1]
    assert isinstance(completed, RunCompleted) and completed.result == result.text
    assert result.tool_calls == 1 and result.turns == 2
    assert result.session_id and uuid_like(result.session_id)


def uuid_like(value: str) -> bool:
    return len(value) == 36 and value.count("-") == 4


async def test_session_stream_multi_turn(client: MeerkatClient, raw_events: list[dict[str, Any]]) -> None:
    session = await client.create_session("first")
    for n in range(2):
        events: list[Event] = []
        async with session.stream(fake([{"text": f"streamed {n}"}])) as s:
            async for event in s:
                events.append(event)
        assert s.result.text == f"streamed {n}" and s.result.session_id == session.id
        assert "".join(e.delta for e in events if isinstance(e, TextDelta)) == f"streamed {n}"
        complete = [e for e in events if isinstance(e, TextComplete)]
        assert [c.content for c in complete] == [f"streamed {n}"]
        assert isinstance(events[0], RunStarted) and isinstance(events[-1], RunCompleted)
        assert session.last_result is s.result and session.text == f"streamed {n}"
    assert_all_typed_all(raw_events)
    assert (await session.history()).message_count == 6


def assert_all_typed_all(raw: list[dict[str, Any]]) -> None:
    from meerkat import parse_event

    assert raw
    assert_all_typed([parse_event(r) for r in raw], raw)


async def test_streaming_structured_output_events(
    client: MeerkatClient, raw_events: list[dict[str, Any]]
) -> None:
    schema = {"type": "object", "properties": {"answer": {"type": "integer"}}, "required": ["answer"]}
    events: list[Event] = []
    stream = client.create_session_streaming(fake([{"text": "main"}, {"json": {"answer": 7}}]), output_schema=schema)
    async with stream as s:
        async for event in s:
            events.append(event)
    assert s.result.structured_output == {"answer": 7}
    assert_all_typed(events, raw_events)
    completed = next(e for e in events if isinstance(e, RunCompleted))
    assert completed.extraction_required is True
    extracted = [e for e in events if isinstance(e, ExtractionSucceeded)]
    assert len(extracted) == 1 and extracted[0].structured_output == {"answer": 7}
    assert events.index(completed) < events.index(extracted[0])


async def test_reasoning_events_are_unknown_but_not_malformed(
    client: MeerkatClient, raw_events: list[dict[str, Any]]
) -> None:
    events: list[Event] = []
    async with client.create_session_streaming(fake([{"reasoning": "let me think", "text": "answer"}])) as s:
        async for event in s:
            events.append(event)
    assert s.result.text == "answer"
    assert_all_typed(events, raw_events)
    unknown = [e for e in events if isinstance(e, UnknownEvent)]
    assert unknown and {e.type for e in unknown} <= {"reasoning_delta", "reasoning_complete"}
    assert "".join(e.data["delta"] for e in unknown if e.type == "reasoning_delta") == "let me think"


async def test_streamed_failed_turn_raises_after_events(client: MeerkatClient, raw_events: list[dict[str, Any]]) -> None:
    session = await client.create_session("first")
    events: list[Event] = []
    with pytest.raises(meerkat.MeerkatError) as failed:
        async with session.stream(fake([{"error": {"status": 401}}])) as s:
            async for event in s:
                events.append(event)
    assert failed.value.code == "-32010"
    assert_all_typed(events, raw_events[-len(events):] if events else [])
    assert any(type(e).__name__ == "RunFailed" for e in events)


async def test_collect_text(client: MeerkatClient) -> None:
    session = await client.create_session("first")
    text, result = await session.stream(fake([{"text": "collected text"}])).collect_text()
    assert text == "collected text" == result.text
    result = await session.stream(fake([{"text": "collected"}])).collect()
    assert result.text == "collected" and session.text == "collected"


async def test_subscribe_session_events(client: MeerkatClient) -> None:
    from meerkat import EventEnvelope

    session = await client.create_session("first")
    subscription = await session.subscribe_events()
    assert subscription.stream_id
    envelopes: list[EventEnvelope] = []

    async def read_until_run_completed() -> None:
        async for item in subscription:
            envelopes.append(item)
            if isinstance(item.payload, RunCompleted):
                return

    reader = asyncio.create_task(read_until_run_completed())
    await session.turn(fake([{"tools": [{"name": "datetime", "args": {}}]}, {"text": "subscribed"}]))
    await asyncio.wait_for(reader, 20)
    assert envelopes and all(isinstance(e, EventEnvelope) for e in envelopes)
    payloads = [e.payload for e in envelopes]
    for payload in payloads:
        assert not isinstance(payload, UnknownEvent), payload
    assert isinstance(payloads[0], RunStarted) and isinstance(payloads[-1], RunCompleted)
    assert payloads[-1].result == "subscribed"
    seqs = [e.seq for e in envelopes]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    assert all(e.event_id and e.timestamp_ms > 0 for e in envelopes)
    assert all(e.source is not None and e.source.type == "session" and e.source.session_id == session.id
               for e in envelopes)
    await subscription.close()
    assert subscription.terminal_outcome is not None
    assert subscription.terminal_outcome.get("outcome") == "explicit_close"


async def test_retrying_event_is_typed(client: MeerkatClient, raw_events: list[dict[str, Any]]) -> None:
    from meerkat import Retrying

    events: list[Event] = []
    async with client.create_session_streaming(
        fake([{"text": "after a retry", "error": {"status": 529, "retry_after": 0, "times": 1}}])
    ) as s:
        async for event in s:
            events.append(event)
    assert s.result.text == "after a retry"
    assert_all_typed(events, raw_events)
    retrying = [e for e in events if isinstance(e, Retrying)]
    assert len(retrying) == 1 and retrying[0].attempt >= 1 and retrying[0].max_attempts >= retrying[0].attempt
    assert isinstance(retrying[0].error, str) and retrying[0].delay_ms >= 0


async def test_budget_warning_event_is_typed(client: MeerkatClient, raw_events: list[dict[str, Any]]) -> None:
    from meerkat import BudgetWarning

    steps = [{"tools": [{"name": "datetime", "args": {}}]}] * 3 + [{"text": "never reached"}]
    events: list[Event] = []
    async with client.create_session_streaming(fake(steps), budget_limits={"max_tool_calls": 1}) as s:
        async for event in s:
            events.append(event)
    assert_all_typed(events, raw_events)
    warnings = [e for e in events if isinstance(e, BudgetWarning)]
    assert warnings and warnings[-1].budget_type == "tool_calls"
    assert s.result.terminal_cause_kind == "budget_exhausted"


async def test_unknown_tool_and_failing_tool_events_are_typed(
    client: MeerkatClient, raw_events: list[dict[str, Any]]
) -> None:
    events: list[Event] = []
    steps = [{"tools": [{"name": "no_such_tool", "args": {"a": 1}}]}, {"text": "recovered"}]
    async with client.create_session_streaming(fake(steps)) as s:
        async for event in s:
            events.append(event)
    assert s.result.text == "recovered" and s.result.tool_calls == 1
    assert_all_typed(events, raw_events)
    done = next(e for e in events if isinstance(e, ToolExecutionCompleted))
    received = next(e for e in events if isinstance(e, ToolResultReceived))
    assert done.name == "no_such_tool" and done.is_error is True and received.is_error is True


async def test_interrupted_stream_events_are_typed(client: MeerkatClient, raw_events: list[dict[str, Any]]) -> None:
    session = await client.create_session("first")
    events: list[Event] = []
    with pytest.raises(meerkat.MeerkatError) as cancelled:
        async with session.stream(fake([{"text": "y" * 300, "chunk": 1, "delay_ms": 50}])) as s:
            async for event in s:
                events.append(event)
                if isinstance(event, TextDelta) and len(events) == 5:
                    await session.interrupt()
    assert cancelled.value.code == "-32005"
    assert_all_typed(events, raw_events)
    assert isinstance(events[0], RunStarted)
