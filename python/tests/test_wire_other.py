"""S36–S39: the exact ``schedule/*``, ``live/*``, runtime/approval/artifact/events/auth, fork and comms params the
Python SDK sends (03 §2.2, §2.7) and how it reads the results, against a stand-in runtime that serves them
(S26–S28 check the capability errors against the real rkat-rpc)."""

from __future__ import annotations

import warnings
from collections.abc import AsyncIterator, Awaitable
from pathlib import Path
from typing import Any

import pytest

from meerkat import LiveChannel, LiveRefreshResult, MeerkatClient, MeerkatError

from .stand_in import StandIn

pytestmark = pytest.mark.timeout(60)

SCHEDULE = {"schedule_id": "s1", "phase": "active", "revision": 2,
            "trigger": {"type": "once", "due_at_utc": "2030-01-01T00:00:00Z"}, "target": {"target_kind": "session"}}
RESULTS: dict[str, Any] = {
    "schedule/create": SCHEDULE,
    "schedule/get": SCHEDULE,
    "schedule/update": SCHEDULE,
    "schedule/list": {"schedules": [SCHEDULE]},
    "schedule/occurrences": {"occurrences": [{"occurrence_id": "o1", "schedule_id": "s1"}]},
    "schedule/tools": {"tools": [{"name": "schedule_list"}]},
    "schedule/call": {"ok": True},
    "live/open": {"channel_id": "ch1", "transport": {"transport": "websocket", "url": "ws://x", "token": "t"},
                  "capabilities": {}, "continuity": {"mode": "fresh"}},
    "live/webrtc/answer": {"answer_sdp": "v=0 answer"},
    "live/refresh": {"refresh_enqueued": True},
    "live/status": {"state": "open"},
    "runtime/host_info": {"host": "h"},
    "realm/list": {"realms": [{"realm_id": "r"}]},
    "session/fork_at": {"source_session_id": "s1", "session_id": "s2", "message_count": 2},
    "session/fork_replace": {"source_session_id": "s1", "session_id": "s3", "message_count": 1},
    "comms/send": {"kind": "peer_message_sent", "envelope_id": "e1", "acked": True},
    "comms/peers": {"peers": [{"name": "bob", "peer_id": "p-bob"}]},
}
OTHERS = ["schedule/pause", "schedule/resume", "schedule/delete", "live/send_input", "live/commit_input",
          "live/truncate", "live/interrupt", "live/close", "runtime/capabilities", "runtime/health",
          "approval/request", "approval/list", "approval/get", "approval/decide", "artifact/list", "artifact/get",
          "artifact/download", "events/latest_cursor", "events/list_since", "events/snapshot", "realm/get",
          "auth/profile/list", "auth/profile/get", "auth/profile/create", "auth/profile/delete", "auth/login/start",
          "auth/login/complete", "auth/login/device_start", "auth/login/device_complete",
          "auth/login/provision_api_key", "auth/status/get", "auth/logout", "session/peer_response_terminal"]


@pytest.fixture
async def stand_in(tmp_path: Path) -> AsyncIterator[StandIn]:
    server = await StandIn.start(tmp_path, [*RESULTS, *OTHERS], RESULTS)
    yield server
    await server.stop()


@pytest.mark.scenario("S36")
async def test_schedule_requests_go_out_as_given_and_results_are_wrapped(stand_in: StandIn) -> None:
    client = stand_in.client
    request = {"name": "nightly", "trigger": SCHEDULE["trigger"], "target": SCHEDULE["target"],
               "overlap_policy": "allow_concurrent"}
    assert await client.create_schedule(request) == SCHEDULE
    await stand_in.sent("schedule/create", request)
    assert await client.get_schedule("s1") == SCHEDULE
    await stand_in.sent("schedule/get", {"schedule_id": "s1"})
    update = {"schedule_id": "s1", "expected_revision": 2, "name": "n"}
    await client.update_schedule(update)
    await stand_in.sent("schedule/update", update)
    assert await client.list_schedules(labels={"env": "dev"}, limit=5) == {"schedules": [SCHEDULE]}
    await stand_in.sent("schedule/list", {"labels": {"env": "dev"}, "limit": 5})
    await client.list_schedules()
    await stand_in.sent("schedule/list", {})
    for call, method in ((client.pause_schedule, "schedule/pause"), (client.resume_schedule, "schedule/resume"),
                         (client.delete_schedule, "schedule/delete")):
        await call("s1")
        await stand_in.sent(method, {"schedule_id": "s1"})
    occurrences = await client.list_schedule_occurrences("s1", include_terminal=False)
    await stand_in.sent("schedule/occurrences", {"schedule_id": "s1", "include_terminal": False})
    assert occurrences == {"occurrences": [{"occurrence_id": "o1", "schedule_id": "s1"}]}
    await client.list_schedule_occurrences("s1")
    await stand_in.sent("schedule/occurrences", {"schedule_id": "s1"})
    assert await client.list_schedule_tools() == {"tools": [{"name": "schedule_list"}]}
    await stand_in.sent("schedule/tools", {})
    assert await client.call_schedule_tool({"name": "schedule_list", "arguments": {"limit": 1}}) == {"ok": True}
    await stand_in.sent("schedule/call", {"name": "schedule_list", "arguments": {"limit": 1}})

    await stand_in.set_result("schedule/list", {"schedules": "nope"})
    await stand_in.set_result("schedule/occurrences", {})
    assert await client.list_schedules() == {"schedules": []}
    assert await client.list_schedule_occurrences("s1") == {"occurrences": []}


@pytest.mark.scenario("S37")
async def test_live_channel_and_live_methods_build_the_live_params(stand_in: StandIn) -> None:
    client = stand_in.client
    channel = LiveChannel.session(client, "sess-1", turning_mode="explicit_commit", transport="webrtc")
    assert channel.channel_id is None and channel.session_id == "sess-1" and channel.client is client
    opened = await channel.open()
    await stand_in.sent("live/open", {"session_id": "sess-1", "turning_mode": "explicit_commit",
                                      "transport": "webrtc"})
    assert opened == RESULTS["live/open"] and channel.channel_id == "ch1"

    await channel.send_input_text("hello")
    await stand_in.sent("live/send_input", {"channel_id": "ch1", "chunk": {"kind": "text", "text": "hello"}})
    await channel.send_input_audio("AAAA", 24_000, 1)
    await stand_in.sent("live/send_input", {"channel_id": "ch1", "chunk": {
        "kind": "audio", "data": "AAAA", "sample_rate_hz": 24_000, "channels": 1}})
    await channel.send_input_image("image/png", "iVBO")
    await stand_in.sent("live/send_input", {"channel_id": "ch1", "chunk": {
        "kind": "image", "mime": "image/png", "data": "iVBO"}})
    await channel.send_input_video_frame("vp8", "BB==", 40)
    await stand_in.sent("live/send_input", {"channel_id": "ch1", "chunk": {
        "kind": "video_frame", "codec": "vp8", "data": "BB==", "timestamp_ms": 40}})
    await channel.commit_input(response_modality="text")
    await stand_in.sent("live/commit_input", {"channel_id": "ch1", "response_modality": {"modality": "text"}})
    await channel.commit_input()
    await stand_in.sent("live/commit_input", {"channel_id": "ch1"})
    await channel.truncate("item-1", 0, 1500)
    await stand_in.sent("live/truncate", {"channel_id": "ch1", "item_id": "item-1", "content_index": 0,
                                          "audio_played_ms": 1500})
    assert await channel.refresh() == LiveRefreshResult(refresh_enqueued=True, status="queued")
    await stand_in.sent("live/refresh", {"channel_id": "ch1"})
    assert await channel.status() == {"state": "open"}
    await stand_in.sent("live/status", {"channel_id": "ch1"})
    await channel.interrupt()
    await stand_in.sent("live/interrupt", {"channel_id": "ch1"})
    await channel.close()
    await stand_in.sent("live/close", {"channel_id": "ch1"})
    assert channel.channel_id == "ch1"  # close does not clear it

    assert await client.live_webrtc_answer("ch1", "tok", "v=0 offer") == {"answer_sdp": "v=0 answer"}
    await stand_in.sent("live/webrtc/answer", {"channel_id": "ch1", "token": "tok", "offer_sdp": "v=0 offer"})
    await client.live_open("sess-2")
    await stand_in.sent("live/open", {"session_id": "sess-2"})
    await stand_in.set_result("live/refresh", {})
    assert await client.live_refresh("ch1") == LiveRefreshResult(refresh_enqueued=False, status="queued")


@pytest.mark.scenario("S38")
async def test_host_auth_fork_and_comms_params_and_retired_controls(stand_in: StandIn) -> None:
    client = stand_in.client
    for call, method in ((client.get_runtime_host_info, "runtime/host_info"),
                         (client.get_runtime_host_capabilities, "runtime/capabilities"),
                         (client.get_runtime_host_health, "runtime/health")):
        await call()
        await stand_in.sent(method, {})
    await client.list_approvals()
    await stand_in.sent("approval/list", {})
    await client.decide_approval({"approval_id": "a", "decision": "approve"})
    await stand_in.sent("approval/decide", {"approval_id": "a", "decision": "approve"})
    await client.list_artifacts({"session_id": "s1"})
    await stand_in.sent("artifact/list", {"session_id": "s1"})
    await client.list_events_since({"cursor": 3})
    await stand_in.sent("events/list_since", {"cursor": 3})
    assert await client.list_realms() == [{"realm_id": "r"}]
    await stand_in.sent("realm/list", {})

    await client.get_auth_profile("r", "b")
    await stand_in.sent("auth/profile/get", {"realm_id": "r", "binding_id": "b"})
    await client.get_auth_profile("r", "b", "p")
    await stand_in.sent("auth/profile/get", {"realm_id": "r", "binding_id": "b", "profile_id": "p"})
    await client.delete_auth_profile("r", "b")
    await stand_in.sent("auth/profile/delete", {"realm_id": "r", "binding_id": "b"})
    await client.auth_status("r", "b", "")
    await stand_in.sent("auth/status/get", {"realm_id": "r", "binding_id": "b", "profile_id": ""})
    await client.auth_logout("r", "b")
    await stand_in.sent("auth/logout", {"realm_id": "r", "binding_id": "b"})
    await client.auth_login_start("anthropic")
    await stand_in.sent("auth/login/start", {"provider": "anthropic", "redirect_uri": "http://127.0.0.1:0/callback"})
    await client.auth_login_device_start("openai")
    await stand_in.sent("auth/login/device_start", {"provider": "openai"})
    await client.auth_login_complete("anthropic", "c", "s", realm_id="r", binding_id="b")
    await stand_in.sent("auth/login/complete", {"provider": "anthropic", "code": "c", "state": "s",
                                                "redirect_uri": "http://127.0.0.1:0/callback", "realm_id": "r",
                                                "binding_id": "b"})
    await client.auth_provision_api_key("tok", realm_id="r", binding_id="b", profile_id="p")
    await stand_in.sent("auth/login/provision_api_key", {"access_token": "tok", "realm_id": "r", "binding_id": "b",
                                                         "profile_id": "p"})

    session = client.session("s1")
    forked = await session.fork_at(2, running_behavior="reject")
    await stand_in.sent("session/fork_at", {"session_id": "s1", "message_index": 2, "running_behavior": "reject"})
    assert (forked.source_session_id, forked.session_id, forked.message_count) == ("s1", "s2", 2)
    replacement: Any = {"type": "user_content_block", "block_index": 0, "block": {"type": "text", "text": "x"}}
    replaced = await session.fork_replace(0, replacement)
    await stand_in.sent("session/fork_replace", {"session_id": "s1", "message_index": 0,
                                                 "replacement": replacement})
    assert replaced.session_id == "s3"

    # comms: keyword arguments → only the non-null fields, next to session_id (the TS unions are S43).
    receipt = await session.send(kind="peer_message", to="p-bob", body="hi", handling_mode="steer")
    await stand_in.sent("comms/send", {"session_id": "s1", "kind": "peer_message", "to": "p-bob", "body": "hi",
                                       "handling_mode": "steer"})
    assert receipt == RESULTS["comms/send"]
    await session.send(kind="peer_request", to="p-bob", intent="checksum_token", params={"subject": "abc"},
                       session_id="other")
    await stand_in.sent("comms/send", {"session_id": "s1", "kind": "peer_request", "to": "p-bob",
                                       "intent": "checksum_token", "params": {"subject": "abc"}})
    assert await session.peers() == [{"name": "bob", "peer_id": "p-bob"}]
    await stand_in.sent("comms/peers", {"session_id": "s1"})
    await session.send_peer_response_terminal("p-bob", "q1", "completed", {"ok": True})
    last = await stand_in.last()
    assert last["method"] == "session/peer_response_terminal"
    assert {k: last["params"][k] for k in ("session_id", "peer_id", "request_id", "status", "result")} == {
        "session_id": "s1", "peer_id": "p-bob", "request_id": "q1", "status": "completed", "result": {"ok": True}}

    retired: list[Awaitable[Any]] = [client.runtime_status("s1"), client.runtime_submit("s1", {}), client.runtime_submission("s1", "i"),
               client.runtime_submissions("s1"), client.runtime_retire("s1"), client.runtime_reset("s1")]
    for retired_call in retired:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with pytest.raises(MeerkatError) as gone:
                await retired_call
        assert gone.value.code == "METHOD_NOT_FOUND"
        assert any(issubclass(w.category, DeprecationWarning) for w in caught)
    last_after = await stand_in.last()
    assert last_after == last, "the retired controls send nothing"


@pytest.mark.scenario("S39")
def test_static_parse_live_observation() -> None:
    frame = {"observation": {"kind": "transcript_delta", "text": "hi"}, "seq": 3}
    assert MeerkatClient.parse_live_observation(frame) is frame  # unchanged, no client needed
    assert MeerkatClient().parse_live_observation({"observation": None}) == {"observation": None}
    for bad in ({"kind": "x"}, ["observation"], "observation"):
        with pytest.raises(ValueError, match="not an observation"):
            MeerkatClient.parse_live_observation(bad)  # type: ignore[arg-type]
