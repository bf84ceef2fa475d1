"""Shared scenarios (packages/sdk/test/scenarios.md) the other Python files did not cover yet, against a real
rkat-rpc with the fake provider."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from meerkat import CapabilityUnavailableError, LiveChannel, MeerkatClient, MeerkatError, TextDelta

from .conftest import ClientFactory, fake

pytestmark = pytest.mark.timeout(60)


@pytest.mark.scenario("S01")
async def test_discovery_connects_the_repository_build_and_fills_the_handshake(connect: ClientFactory) -> None:
    client = await connect(realm_id="sdk-lifecycle")  # no explicit path: the SDK's own lookup finds the build
    assert "session/create" in client.methods and "tools/register" in client.methods
    assert client.capabilities
    assert client.server_info is not None and client.server_info["version"] == "0.6.6"
    assert client.has_capability("mob") is False
    with pytest.raises(CapabilityUnavailableError) as unavailable:
        client.require_capability("mob")
    assert unavailable.value.code == "CAPABILITY_UNAVAILABLE"
    await client.close()
    await client.close()  # twice is fine


@pytest.mark.scenario("S09")
async def test_close_during_a_streamed_turn_raises_client_closed(client: MeerkatClient) -> None:
    session = await client.create_session(fake([{"text": "ready"}]))
    stream = session.stream(fake([{"text": "never finishes", "chunk": 2, "stall_after": 1}]))
    seen: list[str] = []
    with pytest.raises(MeerkatError) as closed:
        async for event in stream:
            seen.append(type(event).__name__)
            if isinstance(event, TextDelta):
                await client.close()
    assert closed.value.code == "CLIENT_CLOSED"
    assert "TextDelta" in seen


@pytest.mark.scenario("S09")
async def test_result_after_close_during_a_stream_raises_client_closed(client: MeerkatClient) -> None:
    session = await client.create_session(fake([{"text": "ready"}]))
    stream = session.stream(fake([{"text": "never finishes", "chunk": 2, "stall_after": 1}]))
    with pytest.raises(MeerkatError):
        async for event in stream:
            if isinstance(event, TextDelta):
                await client.close()
    with pytest.raises(MeerkatError) as result:
        _ = stream.result
    assert result.value.code == "CLIENT_CLOSED"


@pytest.mark.scenario("S19")
async def test_fork_at_a_message_and_fork_with_a_replacement(client: MeerkatClient) -> None:
    session = await client.create_session(fake([{"text": "original answer"}]))
    await session.turn(fake([{"text": "second answer"}]))
    forked = await session.fork_at(2)
    assert forked.source_session_id == session.id
    assert forked.session_id != session.id
    assert forked.message_count == 2
    fork = client.session(forked.session_id)
    assert (await fork.turn(fake([{"text": "forked turn"}]))).text == "forked turn"
    replaced = await session.fork_replace(0, {"type": "message", "message": {"role": "user", "content": "replaced"}})
    assert replaced.session_id != session.id


@pytest.mark.scenario("S26")
async def test_schedule_methods_raise_capability_unavailable(client: MeerkatClient) -> None:
    trigger = {"type": "once", "due_at_utc": "2030-01-01T00:00:00Z"}
    calls = {
        "create_schedule": lambda: client.create_schedule({"trigger": trigger, "target": {}}),
        "get_schedule": lambda: client.get_schedule("s"),
        "list_schedules": lambda: client.list_schedules(limit=1),
        "update_schedule": lambda: client.update_schedule({"schedule_id": "s", "update": {"name": "n"}}),
        "pause_schedule": lambda: client.pause_schedule("s"),
        "resume_schedule": lambda: client.resume_schedule("s"),
        "delete_schedule": lambda: client.delete_schedule("s"),
        "list_schedule_occurrences": lambda: client.list_schedule_occurrences("s"),
        "list_schedule_tools": lambda: client.list_schedule_tools(),
        "call_schedule_tool": lambda: client.call_schedule_tool({"name": "schedule_list"}),
    }
    for name, call in calls.items():
        with pytest.raises(CapabilityUnavailableError) as unavailable:
            await call()
        assert unavailable.value.code == "CAPABILITY_UNAVAILABLE", name
        assert unavailable.value.capability_hint == "schedule", name
        assert "'schedule'" in unavailable.value.message, name


@pytest.mark.scenario("S28")
async def test_host_family_methods_name_their_capability(client: MeerkatClient) -> None:
    families: dict[str, dict[str, Callable[[], Awaitable[object]]]] = {
        "approvals": {
            "request_approval": lambda: client.request_approval({}),
            "list_approvals": lambda: client.list_approvals(),
            "get_approval": lambda: client.get_approval({"approval_id": "a"}),
            "decide_approval": lambda: client.decide_approval({"approval_id": "a"}),
        },
        "artifacts": {
            "list_artifacts": lambda: client.list_artifacts(),
            "get_artifact": lambda: client.get_artifact({}),
            "download_artifact": lambda: client.download_artifact({}),
        },
        "auth": {
            "list_auth_profiles": lambda: client.list_auth_profiles("r"),
            "get_auth_profile": lambda: client.get_auth_profile("r", "b"),
            "create_auth_profile": lambda: client.create_auth_profile({}),
            "delete_auth_profile": lambda: client.delete_auth_profile("r", "b", "p"),
            "auth_login_start": lambda: client.auth_login_start("anthropic"),
            "auth_login_complete": lambda: client.auth_login_complete("anthropic", "c", "s", realm_id="r",
                                                                      binding_id="b"),
            "auth_login_device_start": lambda: client.auth_login_device_start("anthropic"),
            "auth_login_device_complete": lambda: client.auth_login_device_complete(
                "anthropic", "d", realm_id="r", binding_id="b"),
            "auth_provision_api_key": lambda: client.auth_provision_api_key("t", realm_id="r", binding_id="b"),
            "auth_status": lambda: client.auth_status("r", "b"),
            "auth_logout": lambda: client.auth_logout("r", "b"),
        },
    }
    for capability, calls in families.items():
        for name, call in calls.items():
            with pytest.raises(CapabilityUnavailableError) as unavailable:
                await call()
            assert unavailable.value.code == "CAPABILITY_UNAVAILABLE", name
            assert unavailable.value.capability_hint == capability, name


@pytest.mark.scenario("S28")
@pytest.mark.parametrize(("capability", "methods"), [
    ("runtime_host", ["get_runtime_host_info", "get_runtime_host_capabilities", "get_runtime_host_health"]),
    ("event_replay", ["latest_event_cursor", "list_events_since", "event_snapshot"]),
])
async def test_runtime_host_and_event_replay_names(client: MeerkatClient, capability: str, methods: list[str]) -> None:
    for name in methods:
        method = getattr(client, name)
        with pytest.raises(CapabilityUnavailableError) as unavailable:
            await (method() if capability == "runtime_host" else method({}))
        assert unavailable.value.code == "CAPABILITY_UNAVAILABLE", name
        assert unavailable.value.capability_hint == capability, name


async def _all_unavailable(calls: dict[str, Callable[[], Awaitable[object]]], capability: str) -> None:
    for name, call in calls.items():
        with pytest.raises(CapabilityUnavailableError) as unavailable:
            await call()
        assert unavailable.value.code == "CAPABILITY_UNAVAILABLE", name
        assert unavailable.value.capability_hint == capability, name
        assert f"'{capability}'" in unavailable.value.message, name


@pytest.mark.scenario("S25")
async def test_mob_handles_need_no_round_trip_and_every_mob_call_names_mob(client: MeerkatClient) -> None:
    assert "mob/status" not in client.methods and "mob/create" not in client.methods
    mob = client.mob("crew")
    assert mob.id == "crew"
    member = mob.member("alice")
    assert member.agent_identity == "alice"
    spec = {"agent_identity": "bob", "profile": "worker"}
    calls: dict[str, Callable[[], Awaitable[object]]] = {
        "create_mob": lambda: client.create_mob(definition={"id": "crew", "profiles": {}}),
        "list_mobs": lambda: client.list_mobs(),
        "status": lambda: mob.status(),
        "members": lambda: mob.members(),
        "spawn": lambda: mob.spawn(profile="worker", agent_identity="alice"),
        "spawn_many": lambda: mob.spawn_many([{"profile": "worker", "agent_identity": "bob"}]),
        "read_events": lambda: mob.read_events(),
        "retire": lambda: mob.retire("alice"),
        "force_cancel": lambda: mob.force_cancel("alice"),
        "respawn": lambda: mob.respawn("alice"),
        "member_status": lambda: mob.member_status("alice"),
        "wait_for_kickoff_complete": lambda: mob.wait_for_kickoff_complete(),
        "wait_for_ready": lambda: mob.wait_for_ready(timeout_ms=10),
        "spawn_helper": lambda: mob.spawn_helper("help"),
        "fork_helper": lambda: mob.fork_helper("alice", "help"),
        "wire": lambda: mob.wire("alice", "bob"),
        "unwire": lambda: mob.unwire("alice", "bob"),
        "lifecycle": lambda: mob.lifecycle("stop"),
        "append_system_context": lambda: mob.append_system_context("alice", "note"),
        "flows": lambda: mob.flows(),
        "run_flow": lambda: mob.run_flow("f"),
        "flow_status": lambda: mob.flow_status("r"),
        "cancel_flow": lambda: mob.cancel_flow("r"),
        "subscribe_events": lambda: mob.subscribe_events(),
        "subscribe_all": lambda: mob.subscribe_all(),
        "subscribe_member_events": lambda: mob.subscribe_member_events("alice"),
        "subscribe_member": lambda: mob.subscribe_member("alice"),
        "member.send": lambda: member.send("hi"),
        "member.events": lambda: member.events(),
        "mob_turn_start": lambda: client.mob_turn_start("crew", "alice", "go"),
        "mob_ingress_interaction": lambda: client.mob_ingress_interaction({"mob_id": "crew"}),
        "create_mob_profile": lambda: client.create_mob_profile("p", {}),
        "get_mob_profile": lambda: client.get_mob_profile("p"),
        "list_mob_profiles": lambda: client.list_mob_profiles(),
        "update_mob_profile": lambda: client.update_mob_profile("p", {}, 1),
        "delete_mob_profile": lambda: client.delete_mob_profile("p", 1),
        "mob_snapshot": lambda: client.mob_snapshot("crew"),
        "mob_destroy": lambda: client.mob_destroy("crew"),
        "mob_rotate_supervisor": lambda: client.mob_rotate_supervisor("crew"),
        "mob_submit_work": lambda: client.mob_submit_work("r", "x"),
        "mob_cancel_work": lambda: client.mob_cancel_work("crew", "w"),
        "mob_cancel_all_work": lambda: client.mob_cancel_all_work("r"),
        "mob_ensure_member": lambda: client.mob_ensure_member("crew", spec),
        "mob_reconcile": lambda: client.mob_reconcile("crew", [spec]),
        "mob_list_members_matching": lambda: client.mob_list_members_matching("crew", {}),
    }
    await _all_unavailable(calls, "mob")


@pytest.mark.scenario("S27")
async def test_live_channel_and_live_methods_name_live(client: MeerkatClient) -> None:
    session = await client.create_session(fake([{"text": "ok"}]))
    channel = LiveChannel.session(client, session.id, turning_mode="explicit_commit")
    assert channel.channel_id is None
    with pytest.raises(RuntimeError, match="LiveChannel has not been opened yet"):
        await channel.send_input_text("hi")
    calls: dict[str, Callable[[], Awaitable[object]]] = {
        "open": lambda: channel.open(),
        "live_open": lambda: client.live_open(session.id),
        "live_webrtc_answer": lambda: client.live_webrtc_answer("c", "t", "v=0"),
        "live_status": lambda: client.live_status("c"),
        "live_close": lambda: client.live_close("c"),
        "live_send_input_text": lambda: client.live_send_input_text("c", "x"),
        "live_send_input_audio": lambda: client.live_send_input_audio("c", "AA==", 24_000, 1),
        "live_send_input_image": lambda: client.live_send_input_image("c", "image/png", "AA=="),
        "live_send_input_video_frame": lambda: client.live_send_input_video_frame("c", "vp8", "AA==", 5),
        "live_commit_input": lambda: client.live_commit_input("c", "text"),
        "live_interrupt": lambda: client.live_interrupt("c"),
        "live_truncate": lambda: client.live_truncate("c", "i", 0, 1),
        "live_refresh": lambda: client.live_refresh("c"),
    }
    await _all_unavailable(calls, "live")
    assert channel.channel_id is None


@pytest.mark.scenario("S42")
async def test_private_streamed_turn_binds_the_given_session(client: MeerkatClient) -> None:
    session = await client.create_session(fake([{"text": "ready"}]))
    bound = client._start_turn_streaming(session.id, fake([{"text": "bound run", "chunk": 3}]), _session=session)
    assert bound.session_id == session.id
    with pytest.raises(MeerkatError) as early:
        _ = bound.result
    assert early.value.code == "STREAM_NOT_CONSUMED"
    text, result = await bound.collect_text()
    assert text == "bound run" == result.text
    assert session.last_result is result and session.text == "bound run"
    assert bound.session is session

    unbound = client._start_turn_streaming(session.id, fake([{"text": "by id only"}]),
                                           additional_instructions=["be brief"])
    kinds = [type(event).__name__ async for event in unbound]
    assert kinds[0] == "RunStarted" and kinds[-1] == "RunCompleted"
    assert unbound.result.text == "by id only"
    assert session.text == "bound run", "a stream without a session leaves the handle alone"
    other = unbound.session
    assert other is not session and other.id == session.id and other.text == "by id only"

    with pytest.raises(MeerkatError) as idle:
        MeerkatClient()._start_turn_streaming(session.id, "hi")
    assert idle.value.code == "NOT_CONNECTED"
