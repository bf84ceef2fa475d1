"""Callback tools, config CAS, models catalog, realms and blobs against a real rkat-rpc."""

from __future__ import annotations

from typing import Any

import pytest

from meerkat import MeerkatClient, MeerkatError, ToolExecutionCompleted

from .conftest import ClientFactory, fake

pytestmark = pytest.mark.timeout(60)


@pytest.mark.scenario("S20")
async def test_callback_tool_registered_before_connect(connect: ClientFactory) -> None:
    calls: list[dict[str, Any]] = []

    def declare(client: MeerkatClient) -> None:
        @client.tool("add", description="Adds two numbers", input_schema={
            "type": "object", "properties": {"a": {"type": "number"}, "b": {"type": "number"}},
            "required": ["a", "b"]})
        async def add(arguments: dict[str, Any]) -> str:
            calls.append(arguments)
            return str(arguments["a"] + arguments["b"])

        assert add.__name__ == "add"  # the decorator returns the function unchanged

    client = await connect(prepare=declare)
    session = await client.create_session(fake([
        {"tools": [{"name": "add", "args": {"a": 2, "b": 3}}]},
        {"text": "the sum is 5"},
    ]))
    assert session.text == "the sum is 5"
    assert session.tool_calls == 1
    assert calls == [{"a": 2, "b": 3}]
    history = await session.history()
    results = [r for m in history.messages for r in m.results]
    assert [(r.content, r.is_error) for r in results] == [("5", False)]


@pytest.mark.scenario("S21")
async def test_callback_tool_errors_become_error_results(client: MeerkatClient) -> None:
    async def explode(arguments: dict[str, Any]) -> str:
        raise ValueError("kaboom")

    assert await client.register_tool("explode", explode, description="Always fails") == 1
    stream = client.create_session_streaming(fake([
        {"tools": [{"name": "explode", "args": {}}]},
        {"text": "handled"},
    ]))
    async with stream:
        completed = [e async for e in stream if isinstance(e, ToolExecutionCompleted)]
    assert len(completed) == 1
    assert completed[0].is_error is True and completed[0].result == "Tool error: kaboom"
    assert stream.result.text == "handled"


async def test_tool_handler_may_call_the_client(client: MeerkatClient) -> None:
    seen: list[str] = []

    @client.tool("count_sessions")
    async def count_sessions(arguments: dict[str, Any]) -> str:
        sessions = await client.list_sessions()
        seen.append(str(len(sessions)))
        return str(len(sessions))

    # Declared after connect: registered in the background, and the next request waits for it.
    session = await client.create_session(fake([
        {"tools": [{"name": "count_sessions", "args": {}}]},
        {"text": "counted"},
    ]))
    assert session.text == "counted" and len(seen) == 1


@pytest.mark.scenario("S22")
async def test_config_get_set_patch_with_cas(client: MeerkatClient) -> None:
    envelope = await client.get_config()
    generation = envelope["generation"]
    assert isinstance(envelope["config"], dict)
    assert envelope["realm_id"] and envelope["resolved_paths"]

    patched = await client.patch_config({"max_tokens": 2048}, expected_generation=generation)
    assert patched["generation"] == generation + 1
    assert patched["config"]["max_tokens"] == 2048

    with pytest.raises(MeerkatError) as stale:
        await client.patch_config({"max_tokens": 4096}, expected_generation=generation)
    assert stale.value.code == "-32602"
    assert "Generation conflict" in stale.value.message
    assert (await client.get_config())["config"]["max_tokens"] == 2048

    replaced = await client.set_config(patched["config"] | {"max_tokens": 1024},
                                       expected_generation=patched["generation"])
    assert replaced["generation"] == generation + 2 and replaced["config"]["max_tokens"] == 1024
    with pytest.raises(MeerkatError, match="Generation conflict"):
        await client.set_config(replaced["config"], expected_generation=generation)


@pytest.mark.scenario("S23")
async def test_models_catalog(client: MeerkatClient) -> None:
    catalog = await client.get_models_catalog()
    assert catalog["contract_version"] == {"major": 0, "minor": 6, "patch": 6}
    providers = [p["provider"] for p in catalog["providers"]]
    assert providers[:3] == ["anthropic", "openai", "gemini"]
    anthropic = catalog["providers"][0]
    assert anthropic["default_model_id"] == "claude-opus-4-7"
    assert any(m["id"] == anthropic["default_model_id"] for m in anthropic["models"])
    assert any(m["id"] == "claude-sonnet-4-6" for m in anthropic["models"])


@pytest.mark.scenario("S23")
async def test_capability_statuses_and_raw_requests(client: MeerkatClient) -> None:
    assert client.capabilities
    assert all(isinstance(c.status, str) and c.status for c in client.capabilities), client.capabilities
    raw = await client.request("capabilities/get")
    # an object status (e.g. {"NotCompiled": {...}}) reads as its first key, a string one as given
    expected = [(item["id"], item["status"] if isinstance(item["status"], str) else next(iter(item["status"])))
                for item in raw["capabilities"]]
    assert [(c.id, c.status) for c in client.capabilities] == expected
    assert any(not isinstance(item["status"], str) for item in raw["capabilities"]), "no object status to map"
    assert client.has_capability("sessions") and not client.has_capability("mob")

    session = await client.create_session("listed")
    listed = await client.request("session/list")
    assert isinstance(listed, dict) and isinstance(listed["sessions"], list)
    assert session.id in [row["session_id"] for row in listed["sessions"]]


@pytest.mark.scenario("S23")
async def test_realms_and_blobs(client: MeerkatClient) -> None:
    assert await client.list_realms() == []
    with pytest.raises(MeerkatError) as unknown:
        await client.get_realm("nowhere")
    assert unknown.value.code == "-32602" and "nowhere" in unknown.value.message
    with pytest.raises(MeerkatError) as missing:
        await client.get_blob("sha256:" + "0" * 64)
    assert missing.value.code == "-32602" and "blob not found" in missing.value.message
