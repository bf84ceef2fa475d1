"""Sessions against a real rkat-rpc: multi-turn, deferred, structured output, list/read/history/archive,
resume after a restart."""

from __future__ import annotations

import asyncio
import json
import uuid

import pytest

from meerkat import (
    DeferredSession,
    MeerkatClient,
    MeerkatError,
    RunResult,
    Session,
    SessionDetails,
    SessionNotFoundError,
    SessionSummary,
    Usage,
)

from .conftest import ClientFactory, FakeProvider, fake

pytestmark = pytest.mark.timeout(60)


@pytest.mark.scenario("S10")
async def test_multi_turn_session_keeps_context(client: MeerkatClient) -> None:
    session = await client.create_session("first message")
    assert isinstance(session, Session)
    assert session.text == "echo: first message"
    assert session.turns == 1 and session.tool_calls == 0
    assert isinstance(session.usage, Usage) and session.usage.input_tokens > 0
    assert session.ref is not None and session.ref.endswith(f":{session.id}")

    second = await session.turn("second message")
    assert isinstance(second, RunResult)
    assert second.session_id == session.id
    assert second.text == "echo: second message"
    assert session.last_result is second and session.text == "echo: second message"

    third = await session.turn(fake([{"text": "scripted reply", "usage": {"input": 7, "output": 3}}]))
    assert third.text == "scripted reply"
    assert (third.usage.input_tokens, third.usage.output_tokens) == (7, 3)

    history = await session.history()
    assert history.message_count == 6
    assert [m.role for m in history.messages][0] == "user"
    assert history.messages[0].content == "first message"


@pytest.mark.scenario("S13")
async def test_deferred_session_runs_on_start_turn(client: MeerkatClient, fake_provider: FakeProvider) -> None:
    deferred = await client.create_deferred_session("staged context", labels={"kind": "deferred"})
    assert isinstance(deferred, DeferredSession)
    assert deferred.id and deferred.ref and deferred.ref.endswith(deferred.id)
    assert (await client.read_session(deferred.id)).message_count == 0

    prompt = fake([{"text": "deferred ran"}])
    result = await deferred.start_turn(prompt, max_tokens=512, system_prompt="Be brief.")
    assert result.session_id == deferred.id
    assert result.text == "deferred ran"
    assert result.turns == 1

    # The first turn carried the overrides and the staged prompt to the provider.
    body = next(r["body"] for r in fake_provider.requests() if json.dumps(prompt)[1:-1] in json.dumps(r["body"]))
    assert body["max_tokens"] == 512
    assert "Be brief." in json.dumps(body["system"])
    assert "staged context" in json.dumps(body["messages"])

    session = deferred.to_session(result)
    follow_up = await session.turn(fake([{"text": "after deferred"}]))
    assert follow_up.text == "after deferred"


@pytest.mark.scenario("S14")
async def test_structured_output_is_extracted(client: MeerkatClient) -> None:
    schema = {"type": "object", "properties": {"answer": {"type": "integer"}}, "required": ["answer"]}
    session = await client.create_session(
        fake([{"text": "thinking about it"}, {"json": {"answer": 42}}]), output_schema=schema
    )
    assert session.structured_output == {"answer": 42}
    assert session.last_result.extraction_error is None
    assert session.text == "thinking about it"
    assert session.turns == 2


async def test_structured_output_failure_is_reported_not_raised(client: MeerkatClient) -> None:
    schema = {"type": "object", "properties": {"answer": {"type": "integer"}}, "required": ["answer"]}
    session = await client.create_session(
        fake([{"text": "main"}, {"text": "not json"}, {"text": "still not json"}]),
        output_schema=schema,
        structured_output_retries=1,
    )
    assert session.structured_output is None
    error = session.last_result.extraction_error
    assert error is not None and error.attempts >= 1 and error.reason


@pytest.mark.scenario("S15")
async def test_list_read_history_archive(client: MeerkatClient) -> None:
    tag = uuid.uuid4().hex[:8]
    first = await client.create_session("alpha", labels={"suite": tag, "n": "1"})
    second = await client.create_session("beta", labels={"suite": tag, "n": "2"})
    await client.create_session("gamma")

    listed = await client.list_sessions(labels={"suite": tag})
    assert all(isinstance(s, SessionSummary) for s in listed)
    assert {s.session_id for s in listed} == {first.id, second.id}
    row = next(s for s in listed if s.session_id == first.id)
    assert row.labels == {"suite": tag, "n": "1"} and row.message_count == 2 and row.total_tokens > 0
    assert row.created_at > 0 and row.session_ref == first.ref and not row.is_active
    assert len(await client.list_sessions(labels={"suite": tag}, limit=1)) == 1

    details = await client.read_session(first.id)
    assert isinstance(details, SessionDetails)
    assert details.session_id == first.id
    assert details.last_assistant_text == "echo: alpha"
    assert details.model and details.provider == "anthropic"
    assert details.labels == {"suite": tag, "n": "1"}
    assert details.message_count == 2 and details.is_active is False

    history = await client.read_session_history(first.id, offset=1, limit=1)
    assert history.message_count == 2 and history.offset == 1 and len(history.messages) == 1
    assert history.has_more is False
    assert history.messages[0].role in ("assistant", "block_assistant")
    assert (await client.read_session_history(first.id, offset=0, limit=1)).has_more is True

    await first.archive()
    remaining = await client.list_sessions(labels={"suite": tag})
    assert [s.session_id for s in remaining] == [second.id]
    assert (await client.read_session(first.id)).session_id == first.id  # archived stays readable
    with pytest.raises(SessionNotFoundError) as archived:
        await first.turn("after archive")
    assert archived.value.code == "-32001"


@pytest.mark.scenario("S17")
async def test_resume_after_client_restart_with_same_realm(connect: ClientFactory) -> None:
    realm = f"resume-{uuid.uuid4().hex[:8]}"
    first_client = await connect(realm_id=realm)
    created = await first_client.create_session(fake([{"text": "remember the number 7"}]))
    await first_client.close()

    second_client = await connect(realm_id=realm)
    assert created.id in {s.session_id for s in await second_client.list_sessions()}
    resumed = await second_client.resume_session(created.id)
    assert isinstance(resumed, Session)
    assert resumed.id == created.id and resumed.text == "remember the number 7"
    result = await resumed.turn(fake([{"text": "it was 7"}]))
    assert result.text == "it was 7"
    history = await resumed.history()
    assert history.message_count == 4
    assert (await second_client.read_session_history(created.id)).message_count == 4

    # close(): a call pending at that moment rejects CLIENT_CLOSED; later calls raise NOT_CONNECTED (03 §1).
    stalled = asyncio.create_task(resumed.turn(fake([{"text": "never finishes", "chunk": 2, "stall_after": 1}])))
    for _ in range(200):
        if (await second_client.read_session(created.id)).is_active:
            break
        await asyncio.sleep(0.05)
    else:
        pytest.fail("the stalled turn never became active")
    await second_client.close()
    with pytest.raises(MeerkatError) as pending:
        await asyncio.wait_for(stalled, 10)
    assert pending.value.code == "CLIENT_CLOSED"
    with pytest.raises(MeerkatError) as later:
        await second_client.read_session(created.id)
    assert later.value.code == "NOT_CONNECTED"


async def test_concurrent_sessions_run_in_parallel(client: MeerkatClient) -> None:
    sessions = await asyncio.gather(*(client.create_session(f"parallel {i}") for i in range(3)))
    assert sorted(s.text for s in sessions) == [f"echo: parallel {i}" for i in range(3)]
    assert len({s.id for s in sessions}) == 3
