"""Streaming against a real rkat-rpc: every event type the runtime emits, streamed creates, subscriptions."""

from __future__ import annotations

import uuid

import pytest

from meerkat import (
    BudgetWarning,
    Event,
    EventEnvelope,
    EventStream,
    ExtractionFailed,
    ExtractionSucceeded,
    MeerkatClient,
    MeerkatError,
    Retrying,
    RunCompleted,
    RunStarted,
    Session,
    SessionNotFoundError,
    TextComplete,
    TextDelta,
    ToolCallRequested,
    ToolExecutionCompleted,
    ToolExecutionStarted,
    ToolResultReceived,
    TurnCompleted,
    TurnStarted,
    UnknownEvent,
)

from .conftest import fake

pytestmark = pytest.mark.timeout(90)

SCHEMA = {"type": "object", "properties": {"answer": {"type": "integer"}}, "required": ["answer"]}


async def _events(stream: EventStream) -> list[Event]:
    out: list[Event] = []
    async with stream:
        async for event in stream:
            out.append(event)
    return out


def _is_subsequence(expected: list[str], actual: list[str]) -> bool:
    remaining = iter(actual)
    return all(any(name == seen for seen in remaining) for name in expected)


def _types(events: list[Event]) -> list[str]:
    return [type(e).__name__ for e in events]


@pytest.mark.scenario("S11")
async def test_stream_of_a_tool_run_has_every_step(client: MeerkatClient) -> None:
    @client.tool("lookup", description="Looks a key up", input_schema={"type": "object"})
    async def lookup(arguments: dict[str, object]) -> str:
        return f"value of {arguments.get('key')}"

    session = await client.create_session("warm up")
    steps = [{"text": "checking", "tools": [{"name": "lookup", "args": {"key": "k1"}}]}, {"text": "the answer"}]
    events = await _events(session.stream(fake(steps)))
    assert not [e for e in events if isinstance(e, UnknownEvent)], events
    names = _types(events)
    assert names[0] == "RunStarted" and names[-1] == "RunCompleted"
    order = ["RunStarted", "TurnStarted", "TextDelta", "TextComplete", "ToolCallRequested", "ToolExecutionStarted",
             "ToolExecutionCompleted", "ToolResultReceived", "TurnStarted", "TextComplete", "TurnCompleted",
             "RunCompleted"]
    assert _is_subsequence(order, names), names

    started = next(e for e in events if isinstance(e, RunStarted))
    assert started.session_id == session.id
    assert [e.turn_number for e in events if isinstance(e, TurnStarted)] == [0, 1]
    call = next(e for e in events if isinstance(e, ToolCallRequested))
    assert (call.name, call.args) == ("lookup", {"key": "k1"})
    assert next(e for e in events if isinstance(e, ToolExecutionStarted)).id == call.id
    done = next(e for e in events if isinstance(e, ToolExecutionCompleted))
    assert done.result == "value of k1" and done.is_error is False
    received = next(e for e in events if isinstance(e, ToolResultReceived))
    assert received.id == call.id and received.is_error is False
    assert "".join(e.delta for e in events if isinstance(e, TextDelta)) == "checkingthe answer"
    assert [e.content for e in events if isinstance(e, TextComplete)] == ["checking", "the answer"]
    turn_done = next(e for e in events if isinstance(e, TurnCompleted))
    assert turn_done.stop_reason == "end_turn"
    completed = events[-1]
    assert isinstance(completed, RunCompleted) and completed.result == "the answer"

    result = session.last_result
    assert result.text == "the answer" and result.tool_calls == 1 and result.turns == 2


@pytest.mark.scenario("S11")
async def test_stream_result_and_session_update(client: MeerkatClient) -> None:
    session = await client.create_session("first")
    stream = session.stream("streamed turn")
    with pytest.raises(MeerkatError) as not_yet:
        _ = stream.result
    assert not_yet.value.code == "STREAM_NOT_CONSUMED"
    text, result = await stream.collect_text()
    assert text == "echo: streamed turn" == result.text
    assert stream.result is result and session.last_result is result


@pytest.mark.scenario("S52")
async def test_stream_sends_on_first_iteration_without_async_with(client: MeerkatClient) -> None:
    session = await client.create_session("first")
    stream = session.stream("no context manager")
    seen = [type(e).__name__ async for e in stream]
    assert seen[0] == "RunStarted" and seen[-1] == "RunCompleted"
    assert stream.result.text == "echo: no context manager"


@pytest.mark.scenario("S13")
async def test_structured_output_events(client: MeerkatClient) -> None:
    stream = client.create_session_streaming(fake([{"text": "main"}, {"json": {"answer": 7}}]), output_schema=SCHEMA)
    ok = await _events(stream)
    completed = next(e for e in ok if isinstance(e, RunCompleted))
    assert completed.extraction_required is True
    succeeded = [e for e in ok if isinstance(e, ExtractionSucceeded)]
    assert len(succeeded) == 1 and succeeded[0].structured_output == {"answer": 7}
    assert stream.result.structured_output == {"answer": 7}

    deferred = await client.create_deferred_session("staged")
    failing = deferred.stream(
        fake([{"text": "main"}, {"text": "nope"}, {"text": "nope"}]), output_schema=SCHEMA, structured_output_retries=1
    )
    bad = await _events(failing)
    failed = [e for e in bad if isinstance(e, ExtractionFailed)]
    assert len(failed) == 1 and failed[0].attempts >= 1 and failed[0].reason
    assert failing.result.extraction_error is not None and failing.result.structured_output is None


async def test_retrying_event_on_a_transient_provider_error(client: MeerkatClient) -> None:
    session = await client.create_session("first")
    events = await _events(session.stream(fake([{"error": {"status": 500, "times": 1}, "text": "recovered"}])))
    retries = [e for e in events if isinstance(e, Retrying)]
    assert len(retries) == 1
    assert retries[0].attempt == 1 and retries[0].max_attempts >= 1 and retries[0].error
    assert session.last_result.text == "recovered"


async def test_budget_warning_event(client: MeerkatClient) -> None:
    steps = [
        {"text": "a", "tools": [{"name": "missing_tool", "args": {}}], "usage": {"input": 10, "output": 85}},
        {"text": "b", "usage": {"input": 10, "output": 10}},
    ]
    stream = client.create_session_streaming(fake(steps), budget_limits={"max_tokens": 100})
    events = await _events(stream)
    warnings = [e for e in events if isinstance(e, BudgetWarning)]
    assert warnings, _types(events)
    assert warnings[0].budget_type == "tokens" and warnings[0].limit == 100 and warnings[0].percent >= 0.8
    assert stream.result.terminal_cause_kind in (None, "budget_exhausted")


@pytest.mark.scenario("S12")
@pytest.mark.scenario("S41")
async def test_create_session_streaming(client: MeerkatClient) -> None:
    stream = client.create_session_streaming(fake([{"text": "created by stream"}]))
    assert stream.session_id == ""
    with pytest.raises(MeerkatError) as not_yet:
        _ = stream.session
    assert not_yet.value.code == "STREAM_NOT_CONSUMED"
    seen: list[str] = []
    async with stream:
        async for event in stream:
            seen.append(type(event).__name__)
            if isinstance(event, TextDelta):
                assert stream.session_id  # bound as soon as the run started
    assert seen[0] == "RunStarted" and seen[-1] == "RunCompleted"
    assert stream.result.text == "created by stream"
    assert stream.session_id == stream.result.session_id
    session = stream.session
    assert isinstance(session, Session) and session.id == stream.session_id
    assert session.text == "created by stream"
    following = await session.turn(fake([{"text": "second"}]))
    assert following.text == "second" and following.session_id == session.id
    assert session.last_result is following and session.turns == following.turns


@pytest.mark.scenario("S12")
async def test_only_one_pending_create_stream(client: MeerkatClient) -> None:
    first = client.create_session_streaming(fake([{"text": "created while streaming"}]))
    with pytest.raises(MeerkatError) as second:
        client.create_session_streaming("two")
    assert second.value.code == "INVALID_STATE"
    assert isinstance(second.value, RuntimeError)  # the 0.6.6 SDK's class (03 §1) is kept
    assert second.value.message == "Only one pending stream at a time"
    text, result = await first.collect_text()
    assert text == result.text == "created while streaming"
    assert first.session_id and first.session_id == result.session_id
    resumed = await client.resume_session(first.session_id)
    assert resumed.id == first.session_id and resumed.text == "created while streaming"
    assert (await resumed.turn(fake([{"text": "resumed"}]))).text == "resumed"
    assert (await resumed.history()).message_count == 4
    assert (await client.create_session_streaming("three").collect()).text == "echo: three"


async def test_failed_run_raises_out_of_the_stream(client: MeerkatClient) -> None:
    session = await client.create_session("first")
    seen: list[Event] = []
    with pytest.raises(MeerkatError) as failure:
        async with session.stream(fake([{"error": {"status": 400}}])) as events:
            async for event in events:
                seen.append(event)
    assert failure.value.code == "-32010"
    assert "turn abandoned" in failure.value.message
    assert _types(seen)[-1] == "RunFailed"


@pytest.mark.scenario("S18")
async def test_subscribe_session_events(client: MeerkatClient) -> None:
    session = await client.create_session("first")
    subscription = await session.subscribe_events()
    assert isinstance(subscription.stream_id, str) and subscription.stream_id
    await session.turn(fake([{"text": "one"}]))
    await session.turn(fake([{"text": "two"}]))
    envelopes: list[EventEnvelope] = []
    completed: list[str] = []
    async for envelope in subscription:
        assert isinstance(envelope, EventEnvelope)
        assert type(envelope.seq) is int
        envelopes.append(envelope)
        if isinstance(envelope.payload, RunCompleted):
            completed.append(envelope.payload.result)
            if len(completed) == 2:
                await subscription.close()  # ends the iteration
    assert completed == ["one", "two"]
    assert [e async for e in subscription] == []  # closed: nothing more
    assert isinstance(envelopes[0].payload, RunStarted)
    assert envelopes[0].source is not None and envelopes[0].source.session_id == session.id
    seqs = [e.seq for e in envelopes]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    with pytest.raises(SessionNotFoundError) as unknown:
        await client.subscribe_session_events(str(uuid.uuid4()))
    assert unknown.value.code == "-32001"
