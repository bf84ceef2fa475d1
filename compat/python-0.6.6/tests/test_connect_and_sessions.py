"""The original 0.6.6 SDK: handshake, sessions, multi-turn, deferred, structured output, queries, archive, close."""

from __future__ import annotations

import json
import uuid

import pytest

from meerkat import (
    CONTRACT_VERSION,
    Capability,
    DeferredSession,
    MeerkatClient,
    MeerkatError,
    RunResult,
    Session,
    SessionDetails,
    SessionHistory,
    SessionSummary,
    Usage,
)

from .conftest import ClientFactory, FakeProvider, fake

pytestmark = pytest.mark.timeout(90)


async def test_connect_handshake_version_and_capabilities(client: MeerkatClient) -> None:
    assert CONTRACT_VERSION == "0.6.6"
    # connect() passed the version gate (0.x: minor must match) and read initialize.methods.
    assert "session/create" in client._methods and "tools/register" in client._methods  # noqa: SLF001
    caps = client.capabilities
    assert caps and all(isinstance(c, Capability) for c in caps)
    assert all(isinstance(c.id, str) and c.id and isinstance(c.status, str) for c in caps)
    by_id = {c.id: c for c in caps}
    assert by_id["sessions"].available and client.has_capability("sessions")
    assert client.has_capability("streaming")
    assert not client.has_capability("no_such_capability")
    # has_capability("mob") is decided by initialize.methods; mob/* is not served yet.
    assert client.has_capability("mob") is False
    client.require_capability("sessions")
    with pytest.raises(MeerkatError) as missing:
        client.require_capability("no_such_capability")
    assert missing.value.code == "CAPABILITY_UNAVAILABLE"


async def test_async_context_manager_and_close(sdk_env: object) -> None:
    client = MeerkatClient()
    async with client:
        session = await client.create_session("hello there")
        assert session.text == "echo: hello there"
        process = client._process  # noqa: SLF001
        assert process is not None and process.returncode is None
    assert client._process is None  # noqa: SLF001
    assert process.returncode is not None
    with pytest.raises(MeerkatError) as closed:
        await client.list_sessions()
    assert closed.value.code == "NOT_CONNECTED"


async def test_close_terminates_promptly(connect: ClientFactory) -> None:
    client = await connect()
    process = client._process  # noqa: SLF001
    assert process is not None
    await client.close()
    assert process.returncode is not None
    await client.close()  # idempotent


async def test_create_session_with_builtin_datetime_call_and_text(client: MeerkatClient) -> None:
    session = await client.create_session(
        fake([{"tools": [{"name": "datetime", "args": {}}]}, {"text": "it is now"}])
    )
    assert isinstance(session, Session)
    assert session.text == "it is now"
    assert session.tool_calls == 1 and session.turns == 2
    assert isinstance(session.usage, Usage) and session.usage.input_tokens > 0 and session.usage.output_tokens > 0
    assert session.id and uuid.UUID(session.id)
    assert session.ref is None or session.ref.endswith(session.id)
    history = await session.history()
    # Assistant messages come as role "block_assistant" (01 §6.4): the tool call is a tool_use block.
    assert [m.role for m in history.messages] == ["user", "block_assistant", "tool_results", "block_assistant"]
    calls = [b for m in history.messages for b in m.blocks if b.block_type == "tool_use"]
    assert [c.name for c in calls] == ["datetime"] and calls[0].id and calls[0].args == {}
    results = [r for m in history.messages for r in m.results]
    assert len(results) == 1 and results[0].tool_use_id == calls[0].id and not results[0].is_error
    content = results[0].content
    text = content if isinstance(content, str) else "".join(b.get("text", "") for b in content)
    assert "20" in text  # an ISO date


async def test_multi_turn(client: MeerkatClient) -> None:
    session = await client.create_session("first message")
    assert session.text == "echo: first message" and session.turns == 1 and session.tool_calls == 0
    second = await session.turn("second message")
    assert isinstance(second, RunResult)
    assert second.session_id == session.id and second.text == "echo: second message"
    assert session.last_result is second and session.text == "echo: second message"
    third = await session.turn(fake([{"text": "scripted reply"}]))
    assert third.text == "scripted reply"
    history = await session.history()
    assert isinstance(history, SessionHistory)
    assert history.message_count == 6 and len(history.messages) == 6
    assert [m.role for m in history.messages] == ["user", "block_assistant"] * 3
    assert history.messages[0].content == "first message"
    page = await client.read_session_history(session.id, offset=2, limit=2)
    assert page.offset == 2 and page.limit == 2 and page.has_more and len(page.messages) == 2
    assert page.messages[0].content == "second message"


async def test_deferred_session(client: MeerkatClient, fake_provider: FakeProvider) -> None:
    deferred = await client.create_deferred_session("staged context", labels={"kind": "deferred"})
    assert isinstance(deferred, DeferredSession)
    assert deferred.id and uuid.UUID(deferred.id)
    details = await client.read_session(deferred.id)
    assert details.message_count == 0 and details.labels == {"kind": "deferred"}
    prompt = fake([{"text": "deferred ran"}])
    result = await deferred.start_turn(prompt, max_tokens=512, system_prompt="Be brief.")
    assert isinstance(result, RunResult)
    assert result.session_id == deferred.id and result.text == "deferred ran" and result.turns == 1
    body = next(r["body"] for r in fake_provider.requests() if json.dumps(prompt)[1:-1] in json.dumps(r["body"]))
    assert body["max_tokens"] == 512
    assert "Be brief." in json.dumps(body["system"])
    assert "staged context" in json.dumps(body["messages"])
    # DeferredSession has no turn() in 0.6.6 (03 §5 gap 3), but start_turn is a plain turn/start: it goes on.
    follow = await deferred.start_turn(fake([{"text": "after deferred"}]))
    assert follow.text == "after deferred" and follow.session_id == deferred.id
    await deferred.archive()
    assert deferred.id not in {s.session_id for s in await client.list_sessions()}


async def test_structured_output(client: MeerkatClient) -> None:
    schema = {"type": "object", "properties": {"answer": {"type": "integer"}}, "required": ["answer"]}
    session = await client.create_session(
        fake([{"text": "thinking about it"}, {"json": {"answer": 42}}]), output_schema=schema
    )
    assert session.structured_output == {"answer": 42}
    assert session.last_result.extraction_error is None
    assert session.text == "thinking about it"


async def test_structured_output_failure_is_reported(client: MeerkatClient) -> None:
    schema = {"type": "object", "properties": {"answer": {"type": "integer"}}, "required": ["answer"]}
    session = await client.create_session(
        fake([{"text": "main"}, {"text": "not json"}, {"text": "still not json"}]),
        output_schema=schema,
        structured_output_retries=1,
    )
    assert session.structured_output is None
    error = session.last_result.extraction_error
    assert error is not None and error.attempts >= 1 and error.reason


async def test_list_read_history_archive(client: MeerkatClient) -> None:
    tag = uuid.uuid4().hex[:8]
    first = await client.create_session("alpha", labels={"suite": tag, "n": "1"})
    second = await client.create_session("beta", labels={"suite": tag, "n": "2"})
    other = await client.create_session("gamma")

    listed = await client.list_sessions(labels={"suite": tag})
    assert all(isinstance(s, SessionSummary) for s in listed)
    assert {s.session_id for s in listed} == {first.id, second.id}
    row = next(s for s in listed if s.session_id == first.id)
    assert row.labels == {"suite": tag, "n": "1"} and row.message_count == 2 and row.total_tokens > 0
    assert row.created_at > 0 and row.updated_at >= row.created_at and row.is_active is False
    everything = await client.list_sessions()
    assert {first.id, second.id, other.id} <= {s.session_id for s in everything}
    assert len(await client.list_sessions(limit=1)) == 1

    details = await client.read_session(first.id)
    assert isinstance(details, SessionDetails)
    assert details.session_id == first.id and details.message_count == 2
    assert details.labels == {"suite": tag, "n": "1"} and details.is_active is False
    assert details.model and details.provider
    assert details.created_at > 0 and details.updated_at >= details.created_at  # numbers, as the SDK parses them
    assert details.last_assistant_text == "echo: alpha"

    history = await client.read_session_history(first.id)
    assert history.session_id == first.id and history.message_count == 2 and not history.has_more
    assert history.messages[1].role == "block_assistant" and history.messages[1].stop_reason == "end_turn"
    assert [b.block_type for b in history.messages[1].blocks] == ["text"]
    assert history.messages[1].blocks[0].text == "echo: alpha"

    await first.archive()
    assert {s.session_id for s in await client.list_sessions(labels={"suite": tag})} == {second.id}
    # Archived sessions stay readable (01 §6.3) but take no more turns.
    assert (await client.read_session(first.id)).session_id == first.id
    with pytest.raises(MeerkatError) as gone:
        await first.turn("after archive")
    assert gone.value.code == "-32001"
    with pytest.raises(MeerkatError) as unknown:
        await client.read_session(str(uuid.uuid4()))
    assert unknown.value.code == "-32001" and type(unknown.value) is MeerkatError


async def test_fork_at(client: MeerkatClient) -> None:
    session = await client.create_session("one")
    await session.turn("two")
    fork = await session.fork_at(2)
    assert fork.source_session_id == session.id and fork.session_id and fork.session_id != session.id
    assert fork.message_count == 2
    forked = await client.read_session_history(fork.session_id)
    assert [m.content for m in forked.messages if m.role == "user"] == ["one"]


async def test_turn_hot_swaps_model_and_provider(client: MeerkatClient, fake_provider: FakeProvider) -> None:
    session = await client.create_session("on anthropic", model="claude-haiku-4-5", provider="anthropic")
    catalog = await client.get_models_catalog()
    openai_model = next(p for p in catalog["providers"] if p["provider"] == "openai")["default_model_id"]
    swapped = await session.turn(fake([{"text": "on openai"}]), model=openai_model, provider="openai")
    assert swapped.text == "on openai"
    details = await client.read_session(session.id)
    assert (details.provider, details.model) == ("openai", openai_model)
    later = await session.turn(fake([{"text": "still openai"}]))
    assert later.text == "still openai" and (await client.read_session(session.id)).provider == "openai"


async def test_busy_session_rejects_second_turn(client: MeerkatClient) -> None:
    import asyncio

    session = await client.create_session("first")
    turn = asyncio.create_task(session.turn(fake([{"text": "x" * 300, "chunk": 1, "delay_ms": 50}])))
    for _ in range(200):
        if (await client.read_session(session.id)).is_active:
            break
        await asyncio.sleep(0.05)
    with pytest.raises(MeerkatError) as busy:
        await session.turn("second")
    assert busy.value.code == "-32002" and type(busy.value) is MeerkatError
    await session.interrupt()
    with pytest.raises(MeerkatError):
        await asyncio.wait_for(turn, 10)


async def test_fork_at_running_behavior_reject(client: MeerkatClient) -> None:
    session = await client.create_session("one")
    fork = await session.fork_at(0, running_behavior="reject")
    assert fork.message_count == 0
    assert (await client.read_session(fork.session_id)).message_count == 0


PNG_1X1 = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgAAACAAFUok9dAAAAAElFTkSuQmCC"
)


async def test_image_content_block_prompt_round_trip(client: MeerkatClient) -> None:
    prompt = [
        {"type": "text", "text": "look at this"},
        {"type": "image", "media_type": "image/png", "source": "inline", "data": PNG_1X1},
    ]
    session = await client.create_session(prompt)
    assert session.text == "echo: look at this"
    history = await session.history()
    assert history.messages[0].content == prompt
