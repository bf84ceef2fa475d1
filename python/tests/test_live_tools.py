"""Live MCP (``mcp/add|remove|reload``, 01 §13) and skills (``skills/list``, 01 §12) against a real rkat-rpc.

The MCP server is the stdio fixture of ``@rkat/tools`` run by node; the project skill lives under the client's
``context_root``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from meerkat import (
    McpLiveOpResponse,
    MeerkatClient,
    MeerkatError,
    SessionNotFoundError,
    SkillKey,
    ToolConfigChanged,
    ToolExecutionCompleted,
)

from .conftest import REPO_ROOT, ClientFactory, FakeProvider, fake
from .fakes import FakeTransport, fake_client

pytestmark = pytest.mark.timeout(90)

STDIO_SERVER = REPO_ROOT / "packages" / "tools" / "dist" / "test" / "mcp" / "fixtures" / "stdio-server.js"
EMBEDDED = "00000000-0000-4b11-8111-000000000001"
PROJECT = "00000000-0000-4b11-8111-000000000002"


@pytest.fixture
async def live_client(connect: ClientFactory, tmp_path: Path) -> MeerkatClient:
    """A client whose ``context_root`` holds the project skill ``greet-politely``."""
    project = tmp_path / "project"
    skill = project / ".rkat" / "skills" / "greet-politely"
    skill.mkdir(parents=True)
    (skill / "SKILL.md").write_text(
        "---\nname: greet-politely\ndescription: Greets the user politely.\n---\n\nAlways greet the user politely.\n"
    )
    return await connect(realm_id="py-live-tools", context_root=str(project))


@pytest.mark.scenario("S53")
async def test_live_mcp_add_serves_the_next_turn_then_reload_and_remove(live_client: MeerkatClient) -> None:
    client = live_client
    node = shutil.which("node")
    assert node is not None, "node runs the MCP fixture server"
    assert STDIO_SERVER.is_file(), f"build the repository first (npm run build): {STDIO_SERVER} is missing"
    assert client.has_capability("mcp_live")
    session = await client.create_session(fake([{"text": "ready"}]))

    added = await client.mcp_add(session.id, {"name": "fx", "command": node, "args": [str(STDIO_SERVER)]})
    assert added == McpLiveOpResponse(
        operation="add", persisted=False, session_id=session.id, status="staged", server_name="fx"
    )

    changes: list[ToolConfigChanged] = []
    completed: list[ToolExecutionCompleted] = []
    prompt = fake([{"tools": [{"name": "echo", "args": {"text": "hi"}}]}, {"text": "done"}])
    async with session.stream(prompt) as events:
        async for event in events:
            if isinstance(event, ToolConfigChanged):
                changes.append(event)
            elif isinstance(event, ToolExecutionCompleted):
                completed.append(event)
    assert [(c.payload.operation, c.payload.target, c.payload.status) for c in changes] == [("add", "fx", "applied")]
    assert [(c.name, c.result, c.is_error) for c in completed] == [("echo", "hi", False)]
    assert events.result.text == "done"

    assert await client.mcp_reload(session.id, server_name="fx") == McpLiveOpResponse(
        operation="reload", persisted=False, session_id=session.id, status="staged", server_name="fx"
    )
    assert await client.mcp_reload(session.id) == McpLiveOpResponse(
        operation="reload", persisted=False, session_id=session.id, status="staged"
    )
    assert await client.mcp_remove(session.id, "fx") == McpLiveOpResponse(
        operation="remove", persisted=False, session_id=session.id, status="staged", server_name="fx"
    )

    with pytest.raises(MeerkatError) as empty:
        await client.mcp_remove(session.id, "")
    assert (empty.value.code, empty.value.message) == ("-32602", "server_name cannot be empty")
    for call in (client.mcp_remove(session.id, "nope"), client.mcp_reload(session.id, server_name="nope")):
        with pytest.raises(MeerkatError) as unknown:
            await call
        assert type(unknown.value) is MeerkatError
        assert (unknown.value.code, unknown.value.message) == (
            "-32602", "MCP server 'nope' is not registered on this session"
        )
    with pytest.raises(SessionNotFoundError) as missing:
        await client.mcp_reload("01900000-0000-7000-8000-000000000001")
    assert missing.value.code == "-32001"


@pytest.mark.scenario("S54")
async def test_skills_list_and_invoke_skill(live_client: MeerkatClient, fake_provider: FakeProvider) -> None:
    client = live_client
    assert client.has_capability("skills")
    skills = await client.list_skills()
    by_name = {skill["key"]["skill_name"]: skill for skill in skills}
    embedded = by_name["task-workflow"]
    assert (embedded["key"]["source_uuid"], embedded["scope"], embedded["is_active"],
            embedded["source"]["transport_kind"]) == (EMBEDDED, "builtin", True, "embedded")
    project = by_name.get("greet-politely")
    assert project is not None, sorted(by_name)
    assert (project["key"]["source_uuid"], project["scope"], project["is_active"]) == (PROJECT, "project", True)

    session = await client.create_session(fake([{"text": "ready"}]))
    prompt = fake([{"text": "hello, kindly"}], "invoke-greeting")
    result = await session.invoke_skill(SkillKey(PROJECT, "greet-politely"), prompt)
    assert result.text == "hello, kindly" and session.text == "hello, kindly"
    marker = prompt.split("<fake>")[0].strip()  # "invoke-greeting [nonce]"
    sent = [body for body in (json.dumps(r.get("body")) for r in fake_provider.requests()) if marker in body]
    assert sent, "the turn reached the fake"
    assert all(f"{PROJECT}/greet-politely" in body and "Always greet the user politely." in body for body in sent)
    with pytest.raises(TypeError):  # a skill ref that is not a SkillKey (03 §2)
        await session.invoke_skill({"source_uuid": PROJECT}, "go")  # type: ignore[arg-type]


@pytest.mark.scenario("S53")
async def test_mcp_results_are_checked() -> None:
    results: dict[str, dict[str, Any]] = {
        "mcp/add": {"session_id": "s1", "operation": "add", "status": "staged", "persisted": False,
                    "applied_at_turn": 2, "extra": 1},
        "mcp/remove": {"session_id": "s1", "operation": "drop", "status": "staged", "persisted": False},
        "mcp/reload": {"session_id": "s1", "operation": "reload", "status": "staged", "persisted": "no"},
    }

    async def handler(t: FakeTransport, message: dict[str, Any]) -> None:
        t.emit({"id": message["id"], "result": results[message["method"]]})

    client, transport = fake_client(handler, methods=["initialize", "capabilities/get", *results])
    await client.connect()
    try:
        added = await client.mcp_add("s1", {"name": "x", "command": "x"})
        assert transport.sent[-1]["params"] == {"session_id": "s1", "server_config": {"name": "x", "command": "x"},
                                                "persisted": False}
        # unknown keys are ignored (03 §5 item 15; the server sends exactly the documented ones)
        assert added == McpLiveOpResponse(operation="add", persisted=False, session_id="s1", status="staged",
                                          applied_at_turn=2)
        with pytest.raises(MeerkatError) as operation:
            await client.mcp_remove("s1", "x")
        assert (operation.value.code, operation.value.message) == (
            "INVALID_RESPONSE", "Invalid mcp response: operation must be add, remove or reload"
        )
        with pytest.raises(MeerkatError) as persisted:
            await client.mcp_reload("s1")
        assert (persisted.value.code, persisted.value.message) == (
            "INVALID_RESPONSE", "Invalid mcp response: persisted must be a boolean"
        )
    finally:
        await client.close()
