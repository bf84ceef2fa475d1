"""Process-level behaviour the original 0.6.6 SDK depends on: connect flags (00-decisions §12c), quiet stderr
(§12a, the SDK pipes stderr and never reads it), the legacy ``rkat rpc`` binary name (§12b), providers, realms,
content-block prompts and fork_replace."""

from __future__ import annotations

import asyncio
import os
import stat
import uuid
from pathlib import Path

import pytest

from meerkat import MeerkatClient, MeerkatError

from .conftest import REPO_ROOT, ClientFactory, FakeProvider, fake

pytestmark = pytest.mark.timeout(120)

RKAT_CLI_BUILD = REPO_ROOT / "packages" / "cli" / "dist" / "src" / "bin" / "rkat.js"


async def test_every_connect_option_parses(connect: ClientFactory, tmp_path: Path) -> None:
    for root in ("ctx", "ucfg"):
        (tmp_path / root).mkdir()
    client = await connect(
        realm_id=f"opts-{uuid.uuid4().hex[:8]}",
        instance_id="inst-1",
        realm_backend="sqlite",
        context_root=str(tmp_path / "ctx"),
        user_config_root=str(tmp_path / "ucfg"),
    )
    session = await client.create_session("with every option")
    assert session.text == "echo: with every option"


async def test_isolated_and_default_realms_are_private(connect: ClientFactory) -> None:
    isolated = await connect(isolated=True)
    default = await connect()
    a = await isolated.create_session("isolated session")
    b = await default.create_session("default session")
    assert a.id not in {s.session_id for s in await default.list_sessions()}
    assert b.id not in {s.session_id for s in await isolated.list_sessions()}
    with pytest.raises(MeerkatError) as both:
        await MeerkatClient().connect(realm_id="x", isolated=True)
    assert both.value.code == "INVALID_ARGS"


async def test_shared_realm_between_two_processes(connect: ClientFactory) -> None:
    realm = f"shared-{uuid.uuid4().hex[:8]}"
    first = await connect(realm_id=realm)
    session = await first.create_session("persisted")
    await first.close()
    second = await connect(realm_id=realm)
    details = await second.read_session(session.id)
    assert details.message_count == 2 and details.last_assistant_text == "echo: persisted"
    # 0.6.6 has no public resume (03 §5 gap 1); its own e2e tests call _start_turn.
    again = await second._start_turn(session.id, "resumed")  # noqa: SLF001
    assert again.text == "echo: resumed"


async def test_stderr_stays_quiet(client: MeerkatClient) -> None:
    process = client._process  # noqa: SLF001
    assert process is not None and process.stderr is not None
    session = await client.create_session(fake([{"tools": [{"name": "datetime", "args": {}}]}, {"text": "t"}]))
    for n in range(3):
        await session.turn(fake([{"text": f"turn {n}"}]))
    with pytest.raises(MeerkatError):
        await session.turn(fake([{"error": {"status": 401}}]))
    with pytest.raises(MeerkatError):
        await client.read_session("bad id")
    await client.close()
    written = await asyncio.wait_for(process.stderr.read(), 10)
    assert len(written) < 1024, written[:2000]


async def test_legacy_rkat_name_runs_rpc_subcommand(
    sdk_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert RKAT_CLI_BUILD.is_file(), f"build the repository first: {RKAT_CLI_BUILD} is missing"
    wrapper = tmp_path / "legacy" / "rkat"
    wrapper.parent.mkdir()
    wrapper.write_text(f'#!/bin/sh\nexec node "{RKAT_CLI_BUILD}" "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("MEERKAT_BIN_PATH", str(wrapper))
    monkeypatch.chdir(tmp_path)
    client = MeerkatClient()
    try:
        await client.connect()  # the SDK starts `rkat rpc` with no other arguments
        assert client._legacy_rpc_subcommand is True  # noqa: SLF001
        session = await client.create_session("legacy")
        assert session.text == "echo: legacy"
    finally:
        await client.close()
    with pytest.raises(MeerkatError) as legacy_opts:
        await MeerkatClient().connect(realm_id="r")
    assert legacy_opts.value.code == "LEGACY_BINARY_UNSUPPORTED"


async def test_binary_not_found(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MEERKAT_BIN_PATH", str(tmp_path / "nope" / "rkat-rpc"))
    with pytest.raises(MeerkatError) as missing:
        await MeerkatClient().connect()
    assert missing.value.code == "BINARY_NOT_FOUND"


@pytest.mark.parametrize(
    ("provider", "model"),
    [("anthropic", "claude-haiku-4-5"), ("openai", None), ("gemini", None)],
)
async def test_each_provider(client: MeerkatClient, provider: str, model: str | None) -> None:
    catalog = await client.get_models_catalog()
    row = next(p for p in catalog["providers"] if p["provider"] == provider)
    model = model or row["default_model_id"]
    session = await client.create_session(
        fake([{"tools": [{"name": "datetime", "args": {}}]}, {"text": f"via {provider}"}]),
        model=model,
        provider=provider,
    )
    assert session.text == f"via {provider}" and session.tool_calls == 1
    details = await client.read_session(session.id)
    assert details.provider == provider and details.model == model
    streamed = await session.stream(fake([{"text": f"streamed via {provider}"}])).collect()
    assert streamed.text == f"streamed via {provider}"


async def test_content_block_prompt(client: MeerkatClient, fake_provider: FakeProvider) -> None:
    marker = uuid.uuid4().hex
    session = await client.create_session([{"type": "text", "text": f"block prompt {marker}"}])
    assert session.text == f"echo: block prompt {marker}"
    history = await session.history()
    assert history.messages[0].content in (f"block prompt {marker}", [{"type": "text", "text": f"block prompt {marker}"}])


async def test_labels_instructions_and_turn_options(client: MeerkatClient, fake_provider: FakeProvider) -> None:
    marker = uuid.uuid4().hex
    session = await client.create_session(
        "configured",
        system_prompt=f"SYSTEM {marker}",
        max_tokens=321,
        labels={"team": "compat"},
        additional_instructions=[f"EXTRA {marker}"],
        enable_builtins=True,
        keep_alive=False,
    )
    body = next(r["body"] for r in fake_provider.requests() if marker in str(r["body"].get("system")))
    assert body["max_tokens"] == 321 and f"EXTRA {marker}" in str(body)
    result = await session.turn("next", additional_instructions=[f"TURN {marker}"])
    # Turn-level additional_instructions are prepended to the turn as system notices (01 §7.1).
    assert result.text.startswith("echo: ") and f"TURN {marker}" in result.text and result.text.endswith("next")
    # After the first run, create-time settings cannot be overridden per turn (00-decisions §10).
    with pytest.raises(MeerkatError) as rejected:
        await session.turn("again", max_tokens=123)
    assert rejected.value.code == "-32602" and "max_tokens" in rejected.value.message
    assert (await client.read_session(session.id)).labels == {"team": "compat"}


async def test_fork_replace(client: MeerkatClient) -> None:
    session = await client.create_session("original question")
    await session.turn("second question")
    fork = await session.fork_replace(
        0, {"type": "user_content_block", "block_index": 0, "block": {"type": "text", "text": "replaced question"}}
    )
    assert fork.source_session_id == session.id and fork.session_id != session.id
    history = await client.read_session_history(fork.session_id)
    assert history.messages[0].content == "replaced question"
    with pytest.raises(MeerkatError) as bad_index:
        await session.fork_at(99)
    assert bad_index.value.code == "-32602"


async def test_realms(client: MeerkatClient) -> None:
    realms = await client.list_realms()
    assert isinstance(realms, list)
    for realm in realms:
        assert {"realm_id", "default_binding", "backend_count", "auth_profile_count", "binding_count"} <= set(realm)
    with pytest.raises(MeerkatError) as unknown:
        await client.get_realm("no-such-realm")
    assert unknown.value.code == "-32602" and "no-such-realm" in unknown.value.message


async def test_concurrent_turns_on_two_sessions(client: MeerkatClient) -> None:
    one = await client.create_session("one")
    two = await client.create_session("two")

    async def stream(session: object, text: str) -> str:
        collected, result = await session.stream(fake([{"text": text, "chunk": 3, "delay_ms": 5}])).collect_text()  # type: ignore[attr-defined]
        assert collected == result.text
        return collected

    results = await asyncio.gather(stream(one, "alpha alpha alpha"), stream(two, "beta beta beta"))
    assert results == ["alpha alpha alpha", "beta beta beta"]


@pytest.mark.parametrize(
    "options",
    [
        dict(enable_builtins=False, enable_shell=False, enable_memory=False, enable_schedule=False,
             enable_mob=False, enable_web_search=False),
        dict(enable_builtins=True, enable_shell=True, enable_memory=True, enable_schedule=True,
             enable_mob=True, enable_web_search=True),
        dict(provider_params={"temperature": 0.2}, app_context={"a": 1}, shell_env={"X": "1"}),
        dict(external_tools=[{"name": "ext", "description": "d", "input_schema": {"type": "object"}}]),
        dict(comms_name="agent-a", peer_meta={"x": 1}, keep_alive=False),
        dict(hooks_override={}, preload_skills=[], skill_refs=[], structured_output_retries=0),
        dict(budget_limits={"max_tokens": 100000, "max_duration": {"secs": 60, "nanos": 0}}),
    ],
    ids=["builtins-off", "builtins-on", "params-context", "external-tools", "comms", "empty-lists", "budget"],
)
async def test_every_create_option_the_sdk_sends_is_accepted(client: MeerkatClient, options: dict) -> None:
    session = await client.create_session("options", **options)
    assert session.text == "echo: options"


async def test_keep_alive_without_comms_name_is_rejected(client: MeerkatClient) -> None:
    with pytest.raises(MeerkatError) as rejected:
        await client.create_session("options", keep_alive=True)
    assert rejected.value.code == "-32602" and "comms_name" in rejected.value.message
