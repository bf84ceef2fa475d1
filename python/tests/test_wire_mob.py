"""S35 (and the mob-wide half of S39): the exact ``mob/*`` params the Python SDK sends (03 §2.2 / §2.6: keys
marked "A" go out as ``null`` when unset, "N" keys are omitted) and how it reads the results, against a stand-in
runtime serving ``mob/*`` (S25 checks the capability errors against the real rkat-rpc)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from meerkat import (
    AttributedEvent,
    EventEnvelope,
    MeerkatError,
    MobSpawnManyFailedResult,
    MobSpawnManyResult,
    MobSpawnManyResultEntry,
    MobSpawnManySpawnedResult,
    SkillKey,
    TextDelta,
)

from .stand_in import StandIn

pytestmark = pytest.mark.timeout(60)

DELTA = {"type": "text_delta", "delta": "hi"}
RESULTS: dict[str, Any] = {
    "mob/create": {"mob_id": "crew"},
    "mob/list": {"mobs": [{"mob_id": "crew", "status": "Running"}]},
    "mob/status": {"mob_id": "crew", "status": {"Running": {}}},
    "mob/members": {"members": [{"agent_identity": "alice", "member_ref": "ref-a", "role": "worker",
                                 "state": "active"}]},
    "mob/member_send": {"agent_identity": "alice", "member_ref": "ref-a", "handling_mode": "steer"},
    "mob/spawn": {"mob_id": "crew", "agent_identity": "alice", "member_ref": "ref-a"},
    "mob/spawn_many": {"results": [
        {"status": "spawned", "result": {"agent_identity": "bob", "member_ref": "ref-b"}},
        {"status": "failed", "result": {"cause": "profile_not_found", "message": "no profile 'ghost'"}},
    ]},
    "mob/events": {"events": [{"cursor": 1}]},
    "mob/respawn": {"status": "topology_restore_failed", "receipt": {"identity": "alice", "member_ref": "ref-a2"},
                    "failed_peer_ids": ["p1"]},
    "mob/turn_start": {"accepted": True},
    "mob/member_status": {"status": "active", "tokens_used": 12, "is_final": False},
    "mob/wait_kickoff": {"members": [{"agent_identity": "alice", "status": "ready", "tokens_used": 0,
                                      "is_final": False}]},
    "mob/wait_ready": {"members": []},
    "mob/spawn_helper": {"output": "done", "tokens_used": 5, "agent_identity": "helper-1", "member_ref": "ref-h"},
    "mob/fork_helper": {"output": None, "tokens_used": 1, "member_ref": "ref-f"},
    "mob/append_system_context": {"mob_id": "crew", "agent_identity": "alice", "status": "applied"},
    "mob/flows": {"flows": ["triage"]},
    "mob/flow_run": {"run_id": "run-1"},
    "mob/flow_status": {"run": {"status": "running"}},
    "mob/profile/get": {"not_found": True},
    "mob/profile/list": {"profiles": [{"name": "worker", "revision": 2}]},
    "mob/stream_open": {"stream_id": "ms-all"},
}
OTHERS = ["mob/retire", "mob/force_cancel", "mob/wire", "mob/unwire", "mob/lifecycle", "mob/flow_cancel",
          "mob/profile/create", "mob/profile/update", "mob/profile/delete", "mob/snapshot", "mob/destroy",
          "mob/rotate_supervisor", "mob/submit_work", "mob/cancel_work", "mob/cancel_all_work", "mob/ensure_member",
          "mob/reconcile", "mob/list_members_matching", "mob/ingress_interaction", "mob/stream_close"]
NOTIFY = {"ms-all": [
    {"method": "mob/stream_event", "params": {"stream_id": "ms-all", "sequence": 1, "event": {
        "source": "alice", "role": "worker", "envelope": {"event_id": "e1", "seq": 1, "payload": DELTA}}}},
    {"method": "mob/stream_event", "params": {"stream_id": "ms-all", "sequence": 2, "event": {
        "source": "bob", "profile": "reviewer", "envelope": {"event_id": "e2", "seq": 2, "payload": DELTA}}}},
    {"method": "mob/stream_end", "params": {"stream_id": "ms-all", "ended": True, "outcome": "remote_end"}},
]}


@pytest.fixture
async def stand_in(tmp_path: Path) -> AsyncIterator[StandIn]:
    server = await StandIn.start(tmp_path, [*RESULTS, *OTHERS], RESULTS, NOTIFY)
    yield server
    await server.stop()


@pytest.mark.scenario("S35")
async def test_mob_handle_and_member_params_and_results(stand_in: StandIn) -> None:
    client = stand_in.client
    assert client.has_capability("mob")
    mob = await client.create_mob(definition={"id": "crew", "profiles": {}})
    await stand_in.sent("mob/create", {"definition": {"id": "crew", "profiles": {}}})
    assert mob.id == "crew"
    assert await client.list_mobs() == [{"mob_id": "crew", "status": "Running"}]
    await stand_in.sent("mob/list", {})
    assert await mob.status() == {"mob_id": "crew", "status": "Running"}
    await stand_in.sent("mob/status", {"mob_id": "crew"})

    members = await mob.members()
    await stand_in.sent("mob/members", {"mob_id": "crew"})
    assert members[0]["profile"] == "worker" and members[0]["member_ref"] == "ref-a"
    await stand_in.set_result("mob/members", {"members": [{"agent_identity": "x", "role": "worker"}]})
    with pytest.raises(MeerkatError) as no_ref:
        await mob.members()
    assert no_ref.value.code == "INVALID_RESPONSE"

    receipt = await mob.member("alice").send("hi", handling_mode="steer")
    await stand_in.sent("mob/member_send", {"mob_id": "crew", "agent_identity": "alice", "content": "hi",
                                            "handling_mode": "steer", "render_metadata": None})
    assert receipt == {"agent_identity": "alice", "member_ref": "ref-a", "handling_mode": "steer"}

    spawned = await mob.spawn(profile="worker", agent_identity="alice", labels={"team": "a"}, shell_env={"X": "1"},
                              auto_wire_parent=True)
    await stand_in.sent("mob/spawn", {
        "mob_id": "crew", "profile": "worker", "agent_identity": "alice", "initial_message": None,
        "runtime_mode": None, "backend": None, "labels": {"team": "a"}, "context": None,
        "additional_instructions": None, "shell_env": {"X": "1"}, "auto_wire_parent": True})
    assert spawned == {"mob_id": "crew", "agent_identity": "alice", "member_ref": "ref-a"}

    many = await mob.spawn_many([{"profile": "worker", "agent_identity": "bob"},
                                 {"profile": "ghost", "agent_identity": "carol"}])
    await stand_in.sent("mob/spawn_many", {"mob_id": "crew", "specs": [
        {"profile": "worker", "agent_identity": "bob"}, {"profile": "ghost", "agent_identity": "carol"}]})
    assert many == MobSpawnManyResult(results=[
        MobSpawnManyResultEntry(result=MobSpawnManySpawnedResult("bob", "ref-b"), status="spawned"),
        MobSpawnManyResultEntry(result=MobSpawnManyFailedResult("profile_not_found", "no profile 'ghost'"),
                                status="failed"),
    ])
    bad_results: list[dict[str, Any]] = [
        {"results": [{"status": "spawned", "result": {"agent_identity": "b", "member_ref": "r"}, "ok": 1}]},
        {"results": [{"status": "spawned", "result": {"agent_identity": "b", "member_ref": "r", "ok": True}}]},
        {"results": [{"status": "failed", "result": {"cause": "gremlins", "message": "m"}}]},
        {"results": [{"status": "failed", "result": {"cause": "internal", "message": ""}}]},
        {"results": [{"status": "spawned", "result": {"agent_identity": "", "member_ref": "r"}}]},
        {"results": [{"status": "maybe", "result": {}}]},
        {"spawned": []},
    ]
    for bad in bad_results:
        await stand_in.set_result("mob/spawn_many", bad)
        with pytest.raises(MeerkatError) as invalid:
            await mob.spawn_many([{"profile": "worker", "agent_identity": "bob"}])
        assert invalid.value.code == "INVALID_RESPONSE", bad

    assert await mob.read_events() == {"events": [{"cursor": 1}]}
    await stand_in.sent("mob/events", {"mob_id": "crew", "after_cursor": 0, "limit": 100})
    respawned = await mob.respawn("alice")
    await stand_in.sent("mob/respawn", {"mob_id": "crew", "agent_identity": "alice", "initial_message": None})
    assert respawned == {"status": "topology_restore_failed",
                         "receipt": {"agent_identity": "alice", "member_ref": "ref-a2"}, "failed_peer_ids": ["p1"]}
    await mob.retire("alice")
    await stand_in.sent("mob/retire", {"mob_id": "crew", "agent_identity": "alice"})
    await mob.force_cancel("alice")
    await stand_in.sent("mob/force_cancel", {"mob_id": "crew", "agent_identity": "alice"})

    assert await mob.member_status("alice") == {"status": "active", "tokens_used": 12, "is_final": False}
    await stand_in.sent("mob/member_status", {"mob_id": "crew", "agent_identity": "alice"})
    await stand_in.set_result("mob/member_status", {"status": "active", "tokens_used": "12", "is_final": False})
    with pytest.raises(MeerkatError) as bad_tokens:
        await mob.member_status("alice")
    assert bad_tokens.value.code == "INVALID_RESPONSE"
    kickoff = await mob.wait_for_kickoff_complete(member_ids=["alice"], timeout_ms=50)
    await stand_in.sent("mob/wait_kickoff", {"mob_id": "crew", "member_ids": ["alice"], "timeout_ms": 50})
    assert kickoff[0]["agent_identity"] == "alice"
    assert await mob.wait_for_ready() == []
    await stand_in.sent("mob/wait_ready", {"mob_id": "crew"})


@pytest.mark.scenario("S35")
async def test_mob_helpers_wiring_flows_profiles_and_client_level_calls(stand_in: StandIn) -> None:
    client = stand_in.client
    mob = client.mob("crew")
    helper = await mob.spawn_helper("find it", role_name="scout")
    await stand_in.sent("mob/spawn_helper", {"mob_id": "crew", "prompt": "find it", "agent_identity": None,
                                             "role_name": "scout", "runtime_mode": None, "backend": None})
    assert helper == {"output": "done", "tokens_used": 5, "agent_identity": "helper-1", "member_ref": "ref-h"}
    forked = await mob.fork_helper("alice", "again", agent_identity="f1", fork_context={"mode": "full"})
    await stand_in.sent("mob/fork_helper", {"mob_id": "crew", "source_member_id": "alice", "prompt": "again",
                                            "agent_identity": "f1", "role_name": None,
                                            "fork_context": {"mode": "full"}, "runtime_mode": None, "backend": None})
    assert forked == {"output": None, "tokens_used": 1, "agent_identity": "f1", "member_ref": "ref-f"}
    await stand_in.set_result("mob/spawn_helper", {"output": "done", "tokens_used": 5})
    with pytest.raises(MeerkatError) as no_member:
        await mob.spawn_helper("find it")
    assert no_member.value.code == "INVALID_RESPONSE"

    await mob.wire("alice", "bob")
    await stand_in.sent("mob/wire", {"mob_id": "crew", "member": "alice", "peer": {"local": "bob"}})
    external = {"external": {"name": "ext", "address": "tcp://h:1",
                             "identity": {"kind": "ed25519_public_key", "public_key": "ed25519:AAAA"}}}
    await mob.unwire("alice", external)
    await stand_in.sent("mob/unwire", {"mob_id": "crew", "member": "alice", "peer": external})
    await mob.lifecycle("stop")
    await stand_in.sent("mob/lifecycle", {"mob_id": "crew", "action": "stop"})
    staged = await mob.append_system_context("alice", "note")
    await stand_in.sent("mob/append_system_context", {"mob_id": "crew", "agent_identity": "alice", "text": "note",
                                                      "source": None, "idempotency_key": None})
    assert staged == {"mob_id": "crew", "agent_identity": "alice", "status": "staged"}

    assert await mob.flows() == ["triage"]
    await stand_in.sent("mob/flows", {"mob_id": "crew"})
    assert await mob.run_flow("triage") == "run-1"
    await stand_in.sent("mob/flow_run", {"mob_id": "crew", "flow_id": "triage", "params": {}})
    assert await mob.flow_status("run-1") == {"status": "running"}
    await stand_in.sent("mob/flow_status", {"mob_id": "crew", "run_id": "run-1"})
    await mob.cancel_flow("run-1")
    await stand_in.sent("mob/flow_cancel", {"mob_id": "crew", "run_id": "run-1"})

    await client.mob_turn_start("crew", "alice", "go", skill_refs=[SkillKey("src-1", "review")],
                                flow_tool_overlay={"allowed_tools": ["read"]}, keep_alive=True, max_tokens=0)
    await stand_in.sent("mob/turn_start", {
        "mob_id": "crew", "agent_identity": "alice", "prompt": "go",
        "skill_refs": [{"kind": "structured", "source_uuid": "src-1", "skill_name": "review"}],
        "flow_tool_overlay": {"allowed_tools": ["read"]}, "keep_alive": True, "max_tokens": 0})

    assert await client.get_mob_profile("ghost") is None
    await stand_in.sent("mob/profile/get", {"name": "ghost"})
    assert await client.list_mob_profiles() == [{"name": "worker", "revision": 2}]
    profile: Any = {"model": "m"}
    await client.create_mob_profile("worker", profile)
    await stand_in.sent("mob/profile/create", {"name": "worker", "profile": profile})
    await client.update_mob_profile("worker", profile, expected_revision=2)
    await stand_in.sent("mob/profile/update", {"name": "worker", "profile": profile, "expected_revision": 2})
    await client.delete_mob_profile("worker", expected_revision=3)
    await stand_in.sent("mob/profile/delete", {"name": "worker", "expected_revision": 3})

    for call, method in ((client.mob_snapshot, "mob/snapshot"), (client.mob_destroy, "mob/destroy"),
                         (client.mob_rotate_supervisor, "mob/rotate_supervisor")):
        await call("crew")
        await stand_in.sent(method, {"mob_id": "crew"})
    await client.mob_submit_work("ref-a", "do it")
    await stand_in.sent("mob/submit_work", {"member_ref": "ref-a", "content": "do it", "origin": "external"})
    await client.mob_submit_work("ref-a", "do it", work_ref="w1", origin="internal")
    await stand_in.sent("mob/submit_work", {"member_ref": "ref-a", "content": "do it", "origin": "internal",
                                            "work_ref": "w1"})
    await client.mob_cancel_work("crew", "w1")
    await stand_in.sent("mob/cancel_work", {"mob_id": "crew", "work_ref": "w1"})
    await client.mob_cancel_all_work("ref-a")
    await stand_in.sent("mob/cancel_all_work", {"member_ref": "ref-a"})
    spec = {"agent_identity": "dave", "profile": "worker"}
    await client.mob_ensure_member("crew", spec)
    await stand_in.sent("mob/ensure_member", {"mob_id": "crew", "spec": spec})
    await client.mob_reconcile("crew", [spec])
    await stand_in.sent("mob/reconcile", {"mob_id": "crew", "desired": [spec]})
    await client.mob_reconcile("crew", [spec], {"retire_stale": True})
    await stand_in.sent("mob/reconcile", {"mob_id": "crew", "desired": [spec], "options": {"retire_stale": True}})
    await client.mob_list_members_matching("crew", {"labels": {"team": "a"}})
    await stand_in.sent("mob/list_members_matching", {"mob_id": "crew", "filter": {"labels": {"team": "a"}}})
    await client.mob_ingress_interaction({"mob_id": "crew", "spec": spec, "content": "hi"})
    await stand_in.sent("mob/ingress_interaction", {"mob_id": "crew", "spec": spec, "content": "hi"})


@pytest.mark.scenario("S35")
@pytest.mark.scenario("S39")
async def test_mob_streams_open_attribute_and_close(stand_in: StandIn) -> None:
    client = stand_in.client
    mob = client.mob("crew")
    everything = await mob.subscribe_events()
    await stand_in.sent("mob/stream_open", {"mob_id": "crew"})
    items = [item async for item in everything]
    assert [type(item) for item in items] == [AttributedEvent, AttributedEvent]
    first, second = items
    assert isinstance(first, AttributedEvent) and isinstance(second, AttributedEvent)
    assert (first.source, first.role) == ("alice", "worker")
    assert (second.source, second.role) == ("bob", "reviewer")  # a row with `profile` only reads it as the role
    assert isinstance(first.envelope, EventEnvelope)
    assert first.envelope.event_id == "e1" and first.envelope.seq == 1
    assert first.envelope.payload == TextDelta(delta="hi")
    assert everything.terminal_outcome == {"stream_id": "ms-all", "ended": True, "outcome": "remote_end"}
    await everything.close()  # already ended by the server: nothing is sent
    await stand_in.sent("mob/stream_open", {"mob_id": "crew"})

    await stand_in.set_result("mob/stream_open", {"stream_id": "ms-alice"})
    member = await mob.member("alice").events()
    await stand_in.sent("mob/stream_open", {"mob_id": "crew", "agent_identity": "alice"})
    assert member.stream_id == "ms-alice"
    await member.close()
    await stand_in.sent("mob/stream_close", {"stream_id": "ms-alice"})
    assert [item async for item in member] == []

    await stand_in.set_result("mob/stream_open", {})
    with pytest.raises(MeerkatError) as no_stream:
        await mob.subscribe_member_events("alice")
    assert no_stream.value.code == "INVALID_RESPONSE"
