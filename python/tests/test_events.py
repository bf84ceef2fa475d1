"""``parse_event``: every AgentEvent of 01 §8.2, malformed and unknown events, wrappers."""

from __future__ import annotations

from typing import Any

import pytest

from meerkat import events as ev
from meerkat.events import parse_event

USAGE = {"input_tokens": 3, "output_tokens": 4, "cache_creation_tokens": None, "cache_read_tokens": 1}
SKILL = {"source_uuid": "00000000-0000-4b11-8111-000000000001", "skill_name": "task-workflow"}

VALID: list[tuple[dict[str, Any], type[ev.Event]]] = [
    ({"type": "run_started", "session_id": "s", "prompt": "hi"}, ev.RunStarted),
    ({"type": "run_completed", "session_id": "s", "result": "r", "usage": USAGE, "extraction_required": False},
     ev.RunCompleted),
    ({"type": "extraction_succeeded", "session_id": "s", "structured_output": {"a": 1}}, ev.ExtractionSucceeded),
    ({"type": "extraction_failed", "session_id": "s", "last_output": "x", "attempts": 2, "reason": "bad"},
     ev.ExtractionFailed),
    ({"type": "run_failed", "session_id": "s", "error_class": "llm", "error": "e",
      "error_report": {"class": "llm", "message": "m", "reason": {"reason_type": "llm_auth_error"}}}, ev.RunFailed),
    ({"type": "hook_started", "hook_id": "h", "point": "run_started"}, ev.HookStarted),
    ({"type": "hook_completed", "hook_id": "h", "point": "run_started", "duration_ms": 5}, ev.HookCompleted),
    ({"type": "hook_failed", "hook_id": "h", "point": "run_started", "error": "e"}, ev.HookFailed),
    ({"type": "hook_denied", "hook_id": "h", "point": "pre_tool_execution", "reason_code": "policy_violation",
      "message": "no"}, ev.HookDenied),
    ({"type": "turn_started", "turn_number": 0}, ev.TurnStarted),
    ({"type": "reasoning_delta", "delta": "th"}, ev.ReasoningDelta),
    ({"type": "reasoning_complete", "content": "thought"}, ev.ReasoningComplete),
    ({"type": "text_delta", "delta": "he"}, ev.TextDelta),
    ({"type": "text_complete", "content": "hello"}, ev.TextComplete),
    ({"type": "server_tool_content", "name": "web_search", "content": [{"a": 1}]}, ev.ServerToolContent),
    ({"type": "assistant_image_appended", "image": {"image_id": "i"}}, ev.AssistantImageAppended),
    ({"type": "tool_call_requested", "id": "c", "name": "t", "args": {"x": 1}}, ev.ToolCallRequested),
    ({"type": "tool_execution_started", "id": "c", "name": "t"}, ev.ToolExecutionStarted),
    ({"type": "tool_execution_completed", "id": "c", "name": "t", "result": "ok", "is_error": False,
      "duration_ms": 3}, ev.ToolExecutionCompleted),
    ({"type": "tool_result_received", "id": "c", "name": "t", "is_error": False}, ev.ToolResultReceived),
    ({"type": "tool_execution_timed_out", "id": "c", "name": "t", "timeout_ms": 10}, ev.ToolExecutionTimedOut),
    ({"type": "turn_completed", "stop_reason": "end_turn", "usage": USAGE}, ev.TurnCompleted),
    ({"type": "compaction_started", "input_tokens": 1, "estimated_history_tokens": 2, "message_count": 3},
     ev.CompactionStarted),
    ({"type": "compaction_completed", "summary_tokens": 1, "messages_before": 2, "messages_after": 3},
     ev.CompactionCompleted),
    ({"type": "compaction_failed", "error": "e"}, ev.CompactionFailed),
    ({"type": "budget_warning", "budget_type": "tokens", "used": 80, "limit": 100, "percent": 0.8},
     ev.BudgetWarning),
    ({"type": "retrying", "attempt": 1, "max_attempts": 3, "error": "e", "delay_ms": 500}, ev.Retrying),
    ({"type": "skills_resolved", "skills": [SKILL], "injection_bytes": 10}, ev.SkillsResolved),
    ({"type": "skill_resolution_failed", "reference": "r", "error": "e",
      "reason": {"reason_type": "not_found", "key": SKILL}}, ev.SkillResolutionFailed),
    ({"type": "interaction_complete", "interaction_id": "i", "result": "r"}, ev.InteractionComplete),
    ({"type": "interaction_callback_pending", "interaction_id": "i", "tool_name": "t", "args": {}},
     ev.InteractionCallbackPending),
    ({"type": "interaction_failed", "interaction_id": "i", "error": "e"}, ev.InteractionFailed),
    ({"type": "stream_truncated", "reason": "lag"}, ev.StreamTruncated),
    ({"type": "tool_config_changed", "payload": {"operation": "add", "target": "t", "status": "applied",
                                                 "persisted": False,
                                                 "status_info": {"kind": "external_tool_delta", "phase": "applied"}}},
     ev.ToolConfigChanged),
    ({"type": "background_job_completed", "job_id": "j", "display_name": "d", "terminal_status": "completed",
      "detail": "ok", "status": "done"}, ev.BackgroundJobCompleted),
]


@pytest.mark.parametrize(("raw", "cls"), VALID, ids=[raw["type"] for raw, _ in VALID])
def test_every_event_type_parses(raw: dict[str, Any], cls: type[ev.Event]) -> None:
    event = parse_event(raw)
    assert type(event) is cls


def test_catalog_is_complete() -> None:
    assert len({raw["type"] for raw, _ in VALID}) == 35


@pytest.mark.scenario("S32")
def test_field_values() -> None:
    completed = parse_event(VALID[1][0])
    assert isinstance(completed, ev.RunCompleted)
    assert completed.usage == ev.Usage(3, 4, None, 1)
    failed = parse_event(VALID[4][0])
    assert isinstance(failed, ev.RunFailed) and failed.error_report is not None
    assert failed.error_report["class"] == "llm" and failed.error_report.reason is not None
    assert failed.error_report.reason.reason_type == "unknown"
    assert failed.error_report.reason.raw_reason_type == "llm_auth_error"
    tool = parse_event(VALID[18][0])
    assert isinstance(tool, ev.ToolExecutionCompleted) and tool.content == [{"type": "text", "text": "ok"}]
    job = parse_event(VALID[-1][0])
    assert isinstance(job, ev.BackgroundJobCompleted) and job.legacy_status == "done"
    change = parse_event(VALID[-2][0])
    assert isinstance(change, ev.ToolConfigChanged)
    assert change.payload.status_info == ev.ExternalToolDeltaToolConfigChangeStatus(phase="applied")
    skills = parse_event(VALID[27][0])
    assert isinstance(skills, ev.SkillsResolved) and skills.skills[0].skill_name == "task-workflow"

    match parse_event({"type": "text_delta", "delta": "x"}):
        case ev.TextDelta(delta=d):
            assert d == "x"
        case _:
            pytest.fail("match on TextDelta failed")


@pytest.mark.parametrize("raw", [
    {"type": "run_started", "session_id": "s"},
    {"type": "text_delta", "delta": 5},
    {"type": "turn_completed", "stop_reason": "weird", "usage": USAGE},
    {"type": "turn_completed", "stop_reason": "end_turn", "usage": {"input_tokens": "x", "output_tokens": 1}},
    {"type": "budget_warning", "budget_type": "money", "used": 1, "limit": 2, "percent": 0.5},
    {"type": "tool_result_received", "id": "c", "name": "t", "is_error": "no"},
    {"type": "run_completed", "session_id": "s", "result": "r", "usage": USAGE, "terminal_cause_kind": "bogus"},
    {"type": "background_job_completed", "job_id": "j", "display_name": "d", "terminal_status": "??", "detail": ""},
    {"type": "turn_started", "turn_number": True},
])
@pytest.mark.scenario("S32")
def test_malformed_events(raw: dict[str, Any]) -> None:
    event = parse_event(raw)
    assert event == ev.UnknownEvent(type="malformed_event", data=raw)


@pytest.mark.scenario("S32")
def test_unknown_and_wrapped_events() -> None:
    assert parse_event({"type": "brand_new", "x": 1}) == ev.UnknownEvent(type="brand_new", data={"type": "brand_new",
                                                                                                  "x": 1})
    assert parse_event({}) == ev.UnknownEvent(type="", data={})
    scoped = parse_event({"event": {"type": "text_delta", "delta": "a"}, "scope_id": "primary/mob:x",
                          "scope_path": [{"scope": "primary", "session_id": "s", "generation": 3}]})
    assert scoped == ev.ScopedEvent(scope_id="primary/mob:x", scope_path=[{"scope": "primary", "session_id": "s"}],
                                    event=ev.TextDelta(delta="a"))
    envelope_only = {"event_id": "e", "seq": 1, "payload": {"type": "text_delta", "delta": "z"}}
    assert parse_event(envelope_only) == ev.TextDelta(delta="z")
    flat_and_envelope = {"event_id": "e", "seq": 1, "type": "text_delta", "delta": "z",
                         "payload": {"type": "text_delta", "delta": "z"}}
    assert parse_event(flat_and_envelope) == ev.TextDelta(delta="z")
    # 00-decisions #1: the payload's fields are copied next to the envelope's, and the envelope's `payload` wins
    # where they collide (`tool_config_changed`): the event is read through that payload.
    change = {"operation": "add", "target": "fx", "status": "applied", "persisted": False, "applied_at_turn": 2}
    colliding = {"event_id": "e", "seq": 8, "type": "tool_config_changed",
                 "payload": {"type": "tool_config_changed", "payload": change}}
    assert parse_event(colliding) == ev.ToolConfigChanged(payload=ev.ToolConfigChangedPayload(
        operation="add", target="fx", status="applied", persisted=False, applied_at_turn=2))
