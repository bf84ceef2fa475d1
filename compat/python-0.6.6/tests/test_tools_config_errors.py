"""Callback tools, config CAS, models catalog, blobs, interrupt and failed turns with the original 0.6.6 SDK."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest

from meerkat import MeerkatClient, MeerkatError, TextDelta

from .conftest import ClientFactory, FakeProvider, fake

pytestmark = pytest.mark.timeout(90)

SLOW = [{"text": "x" * 400, "chunk": 1, "delay_ms": 50}]  # about 20 s of streaming unless interrupted


def tool_results(history: Any) -> list[Any]:
    return [r for m in history.messages for r in m.results]


def text_of(content: Any) -> str:
    return content if isinstance(content, str) else "".join(b.get("text", "") for b in content)


async def test_callback_tool_registered_before_connect(connect: ClientFactory, fake_provider: FakeProvider) -> None:
    client = MeerkatClient()
    calls: list[dict[str, Any]] = []

    @client.tool(
        "lookup",
        description="Look a word up",
        input_schema={"type": "object", "properties": {"q": {"type": "string"}}, "required": ["q"]},
    )
    async def lookup(arguments: dict[str, Any]) -> str:
        calls.append(arguments)
        return f"meaning of {arguments['q']}"

    @client.tool("explode")
    async def explode(arguments: dict[str, Any]) -> str:
        raise RuntimeError("kaboom")

    await connect(client)
    prompt = fake([
        {"tools": [{"name": "lookup", "args": {"q": "meerkat"}}, {"name": "explode", "args": {}}]},
        {"text": "looked it up"},
    ])
    session = await client.create_session(prompt)
    assert session.text == "looked it up" and session.tool_calls == 2
    assert calls == [{"q": "meerkat"}]
    results = {text_of(r.content): r.is_error for r in tool_results(await session.history())}
    assert results == {"meaning of meerkat": False, "Tool error: kaboom": True}
    # The model was offered the registered tool with its description and schema.
    body = next(r["body"] for r in fake_provider.requests() if "lookup" in str(r["body"].get("tools")))
    offered = {t["name"]: t for t in body["tools"]}
    assert offered["lookup"]["description"] == "Look a word up"
    assert offered["lookup"]["input_schema"]["required"] == ["q"]


async def test_callback_tool_registered_after_connect(client: MeerkatClient) -> None:
    @client.tool("late_tool", description="Registered after connect")
    async def late_tool(arguments: dict[str, Any]) -> str:
        return "late answer " + str(arguments.get("n"))

    # The SDK registers it best-effort in a background task; let that request complete.
    for _ in range(100):
        await asyncio.sleep(0.05)
        if client._request_id >= 3:  # noqa: SLF001  (initialize, capabilities/get, tools/register)
            break
    await asyncio.sleep(0.2)
    session = await client.create_session(fake([{"tools": [{"name": "late_tool", "args": {"n": 5}}]}, {"text": "ok"}]))
    assert session.text == "ok" and session.tool_calls == 1
    [result] = tool_results(await session.history())
    assert text_of(result.content) == "late answer 5" and result.is_error is False


async def test_config_get_patch_and_stale_generation(client: MeerkatClient) -> None:
    envelope = await client.get_config()
    assert isinstance(envelope, dict) and isinstance(envelope["config"], dict)
    generation = envelope["generation"]
    assert isinstance(generation, int)
    patched = await client.patch_config({"max_tokens": 1234}, expected_generation=generation)
    assert patched["generation"] == generation + 1 and patched["config"]["max_tokens"] == 1234
    assert (await client.get_config())["config"]["max_tokens"] == 1234

    with pytest.raises(MeerkatError) as stale:
        await client.patch_config({"max_tokens": 99}, expected_generation=generation)
    # The original SDK stringifies the numeric code; the message is the contract's CAS text.
    assert stale.value.code == "-32602" and type(stale.value) is MeerkatError
    assert stale.value.message == f"Generation conflict: expected {generation}, current {generation + 1}"
    assert (await client.get_config())["config"]["max_tokens"] == 1234

    current = await client.get_config()
    replaced = await client.set_config(current["config"], expected_generation=current["generation"])
    assert replaced["generation"] == current["generation"] + 1
    with pytest.raises(MeerkatError) as stale_set:
        await client.set_config(current["config"], expected_generation=current["generation"])
    assert stale_set.value.code == "-32602" and "Generation conflict" in stale_set.value.message
    # Patch without CAS always applies.
    assert (await client.patch_config({"max_tokens": 2048}))["config"]["max_tokens"] == 2048


async def test_models_catalog(client: MeerkatClient) -> None:
    catalog = await client.get_models_catalog()
    assert catalog["contract_version"] == {"major": 0, "minor": 6, "patch": 6}
    providers = [p["provider"] for p in catalog["providers"]]
    assert providers[:3] == ["anthropic", "openai", "gemini"]
    for provider in catalog["providers"]:
        ids = [m["id"] for m in provider["models"]]
        assert ids == sorted(ids) and provider["default_model_id"] in ids
        for model in provider["models"]:
            assert model["tier"] in {"recommended", "supported"} and model["display_name"]
    anthropic = catalog["providers"][0]
    assert any(m["id"] == "claude-haiku-4-5" for m in anthropic["models"])


async def test_get_blob_error_path(client: MeerkatClient) -> None:
    missing = "sha256:" + "0" * 64
    with pytest.raises(MeerkatError) as not_found:
        await client.get_blob(missing)
    assert not_found.value.code == "-32602" and missing in not_found.value.message
    with pytest.raises(MeerkatError) as invalid:
        await client.get_blob("../../etc/passwd")
    assert invalid.value.code == "-32602"


async def test_interrupt_streaming_turn(client: MeerkatClient) -> None:
    session = await client.create_session("first")
    streaming = asyncio.Event()

    async def run_turn() -> None:
        async with session.stream(fake(SLOW)) as events:
            async for event in events:
                if isinstance(event, TextDelta):
                    streaming.set()

    task = asyncio.create_task(run_turn())
    await asyncio.wait_for(streaming.wait(), 20)
    assert (await client.read_session(session.id)).is_active is True  # answered while the turn runs
    await session.interrupt()
    with pytest.raises(MeerkatError) as cancelled:
        await asyncio.wait_for(task, 10)
    assert cancelled.value.code == "-32005"
    assert (await client.read_session(session.id)).is_active is False
    after = await session.turn(fake([{"text": "after the interrupt"}]))
    assert after.text == "after the interrupt"


async def test_interrupt_plain_turn_and_idle_interrupt(client: MeerkatClient) -> None:
    session = await client.create_session("first")
    await session.interrupt()  # idle: a no-op, no error
    turn = asyncio.create_task(session.turn(fake(SLOW)))
    for _ in range(200):
        if (await client.read_session(session.id)).is_active:
            break
        await asyncio.sleep(0.05)
    await session.interrupt()
    with pytest.raises(MeerkatError) as cancelled:
        await asyncio.wait_for(turn, 10)
    assert cancelled.value.code == "-32005"


async def test_failed_turn_401(client: MeerkatClient) -> None:
    session = await client.create_session("first")
    with pytest.raises(MeerkatError) as failed:
        await session.turn(fake([{"error": {"status": 401}}]))
    error = failed.value
    assert type(error) is MeerkatError
    assert error.code == "-32010" and error.message.startswith("turn abandoned")
    # The SDK passes data as details (no data.details / data.reason key): the TurnErrorMetadata is under "error".
    assert isinstance(error.details, dict) and isinstance(error.details.get("error"), dict)
    # The session survives a failed turn.
    assert (await session.turn(fake([{"text": "recovered"}]))).text == "recovered"


async def test_failed_first_turn_of_create(client: MeerkatClient) -> None:
    with pytest.raises(MeerkatError) as failed:
        await client.create_session(fake([{"error": {"status": 401}}]))
    assert failed.value.code == "-32010"
    details = failed.value.details
    assert isinstance(details, dict) and details.get("session_id")
    assert (await client.read_session(details["session_id"])).session_id == details["session_id"]


async def test_unknown_session_and_bad_params(client: MeerkatClient) -> None:
    with pytest.raises(MeerkatError) as unknown:
        await client._start_turn(str(uuid.uuid4()), "hello")  # noqa: SLF001
    assert unknown.value.code == "-32001"
    with pytest.raises(MeerkatError) as bad:
        await client.read_session("not-a-session-id")
    assert bad.value.code == "-32602"
    with pytest.raises(MeerkatError) as not_served:
        await client.get_runtime_host_info()
    assert not_served.value.code == "-32601"
