"""Typed agent events (01-protocol-core.md §8.2) and :func:`parse_event`.

Every event is a frozen, slotted dataclass deriving from :class:`Event`, so ``match`` works::

    match event:
        case TextDelta(delta=d): print(d, end="")
        case ToolCallRequested(name=n): ...

``parse_event`` reads the flat AgentEvent (``type`` at the top level, as ``session/event`` carries it). A known
type whose required fields are missing or mistyped becomes ``UnknownEvent(type="malformed_event", data=raw)``;
an unknown type becomes ``UnknownEvent(type=<type>, data=raw)``. It never raises for a dict.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias, cast

from ._events_values import (
    AgentErrorReason,
    AgentErrorReport,
    BoundaryAppliedToolConfigChangeStatus,
    DeferredCatalogDeltaToolConfigChangeStatus,
    ExternalToolDeltaToolConfigChangeStatus,
    SkillResolutionFailureReason,
    ToolConfigChangedPayload,
    ToolConfigChangeStatus,
    WarningFailedClosedToolConfigChangeStatus,
    parse_agent_error_report,
    parse_skill_key,
    parse_skill_resolution_reason,
    parse_tool_config_payload,
)
from ._skill_key import SkillKey

__all__ = [
    "AgentErrorClass",
    "AgentErrorReason",
    "AgentErrorReport",
    "AssistantImageAppended",
    "BackgroundJobCompleted",
    "BackgroundJobTerminalStatus",
    "BoundaryAppliedToolConfigChangeStatus",
    "BudgetWarning",
    "CompactionCompleted",
    "CompactionFailed",
    "CompactionStarted",
    "DeferredCatalogDeltaToolConfigChangeStatus",
    "Event",
    "ExternalToolDeltaToolConfigChangeStatus",
    "ExtractionFailed",
    "ExtractionSucceeded",
    "HookCompleted",
    "HookDenied",
    "HookFailed",
    "HookId",
    "HookStarted",
    "InteractionCallbackPending",
    "InteractionComplete",
    "InteractionFailed",
    "ReasoningComplete",
    "ReasoningDelta",
    "Retrying",
    "RunCompleted",
    "RunFailed",
    "RunStarted",
    "ScopedEvent",
    "ServerToolContent",
    "SkillResolutionFailed",
    "SkillResolutionFailureReason",
    "SkillsResolved",
    "StreamTruncated",
    "TextComplete",
    "TextDelta",
    "ToolCallRequested",
    "ToolConfigChangeStatus",
    "ToolConfigChanged",
    "ToolConfigChangedPayload",
    "ToolExecutionCompleted",
    "ToolExecutionStarted",
    "ToolExecutionTimedOut",
    "ToolResultReceived",
    "TurnCompleted",
    "TurnStarted",
    "TurnTerminalCauseKind",
    "TurnTerminalOutcome",
    "UnknownEvent",
    "Usage",
    "WarningFailedClosedToolConfigChangeStatus",
    "parse_event",
]

AgentErrorClass: TypeAlias = str
"""The class of an agent error (``llm``, ``budget``, ``hook``, …)."""
HookId: TypeAlias = str
"""A hook's configured id."""
BackgroundJobTerminalStatus: TypeAlias = Literal["completed", "failed", "aborted", "cancelled", "retired", "terminated"]
"""How a background job ended."""
TurnTerminalOutcome: TypeAlias = Literal[
    "none", "completed", "failed", "cancelled", "budget_exhausted", "time_budget_exceeded",
    "structured_output_validation_failed",
]
"""The outcome of a turn's terminal step."""
TurnTerminalCauseKind: TypeAlias = Literal[
    "unknown", "hook_denied", "hook_failure", "llm_failure", "tool_failure", "structured_output_validation_failed",
    "budget_exhausted", "time_budget_exceeded", "retry_exhausted", "turn_limit_reached", "runtime_apply_failure",
    "fatal_failure",
]
"""Why a run ended the way it did."""

_CAUSE_KINDS = frozenset(TurnTerminalCauseKind.__args__)  # type: ignore[attr-defined]
_JOB_STATUSES = frozenset(BackgroundJobTerminalStatus.__args__)  # type: ignore[attr-defined]
_STOP_REASONS = frozenset({"end_turn", "tool_use", "max_tokens", "stop_sequence", "content_filter", "cancelled"})
_BUDGET_TYPES = frozenset({"tokens", "time", "tool_calls"})


@dataclass(frozen=True, slots=True)
class Usage:
    """Token counts of an LLM call or a run. No ``total_tokens``: add the two counts."""

    input_tokens: int = 0
    output_tokens: int = 0
    cache_creation_tokens: int | None = None
    cache_read_tokens: int | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """Base class of every event."""


@dataclass(frozen=True, slots=True)
class RunStarted(Event):
    """A run began with ``prompt``."""

    session_id: str = ""
    prompt: Any = ""


@dataclass(frozen=True, slots=True)
class RunCompleted(Event):
    """A run finished; ``result`` is its final text. Extraction (if any) follows."""

    session_id: str = ""
    result: str = ""
    usage: Usage = field(default_factory=Usage)
    terminal_cause_kind: TurnTerminalCauseKind | None = None
    structured_output: Any = None
    extraction_required: bool = False


@dataclass(frozen=True, slots=True)
class ExtractionSucceeded(Event):
    """Structured output was extracted and validated."""

    session_id: str = ""
    structured_output: Any = None
    schema_warnings: list[Any] | None = None


@dataclass(frozen=True, slots=True)
class ExtractionFailed(Event):
    """Structured output extraction gave up; the run still succeeds."""

    session_id: str = ""
    last_output: str = ""
    attempts: int = 0
    reason: str = ""


@dataclass(frozen=True, slots=True)
class RunFailed(Event):
    """A run failed; the request answers an error afterwards."""

    session_id: str = ""
    error_class: str = ""
    error: str = ""
    terminal_cause_kind: TurnTerminalCauseKind | None = None
    error_report: AgentErrorReport | None = None


@dataclass(frozen=True, slots=True)
class HookStarted(Event):
    """A hook started."""

    hook_id: HookId = ""
    point: str = ""


@dataclass(frozen=True, slots=True)
class HookCompleted(Event):
    """A hook completed."""

    hook_id: HookId = ""
    point: str = ""
    duration_ms: int = 0


@dataclass(frozen=True, slots=True)
class HookFailed(Event):
    """A hook failed."""

    hook_id: HookId = ""
    point: str = ""
    error: str = ""


@dataclass(frozen=True, slots=True)
class HookDenied(Event):
    """A guardrail hook denied the step."""

    hook_id: HookId = ""
    point: str = ""
    reason_code: str = ""
    message: str = ""
    payload: Any = None


@dataclass(frozen=True, slots=True)
class TurnStarted(Event):
    """An LLM call is about to start (``turn_number`` counts from 0)."""

    turn_number: int = 0


@dataclass(frozen=True, slots=True)
class ReasoningDelta(Event):
    """A chunk of the model's thinking stream."""

    delta: str = ""


@dataclass(frozen=True, slots=True)
class ReasoningComplete(Event):
    """The full thinking text of an LLM call."""

    content: str = ""


@dataclass(frozen=True, slots=True)
class TextDelta(Event):
    """A chunk of streamed assistant text."""

    delta: str = ""


@dataclass(frozen=True, slots=True)
class TextComplete(Event):
    """The full assistant text of an LLM call."""

    content: str = ""


@dataclass(frozen=True, slots=True)
class ServerToolContent(Event):
    """Output of a provider-side tool (for example native web search)."""

    id: str | None = None
    name: str = ""
    content: Any = None


@dataclass(frozen=True, slots=True)
class AssistantImageAppended(Event):
    """The assistant produced an image (stored as a blob)."""

    image: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ToolCallRequested(Event):
    """The model asked for a tool call."""

    id: str = ""
    name: str = ""
    args: Any = None


@dataclass(frozen=True, slots=True)
class ToolResultReceived(Event):
    """A tool result was added to the conversation."""

    id: str = ""
    name: str = ""
    content: list[dict[str, Any]] = field(default_factory=list)
    is_error: bool | None = None


@dataclass(frozen=True, slots=True)
class TurnCompleted(Event):
    """The run's terminal LLM call completed."""

    stop_reason: str | None = None
    usage: Usage = field(default_factory=Usage)


@dataclass(frozen=True, slots=True)
class ToolExecutionStarted(Event):
    """A tool started executing."""

    id: str = ""
    name: str = ""


@dataclass(frozen=True, slots=True)
class ToolExecutionCompleted(Event):
    """A tool finished executing; ``result`` is its text."""

    id: str = ""
    name: str = ""
    result: str = ""
    content: list[dict[str, Any]] = field(default_factory=list)
    is_error: bool | None = None
    duration_ms: int | None = None


@dataclass(frozen=True, slots=True)
class ToolExecutionTimedOut(Event):
    """A tool did not finish within its timeout."""

    id: str = ""
    name: str = ""
    timeout_ms: int = 0


@dataclass(frozen=True, slots=True)
class CompactionStarted(Event):
    """History compaction started."""

    input_tokens: int = 0
    estimated_history_tokens: int = 0
    message_count: int = 0


@dataclass(frozen=True, slots=True)
class CompactionCompleted(Event):
    """History compaction completed."""

    summary_tokens: int = 0
    messages_before: int = 0
    messages_after: int = 0


@dataclass(frozen=True, slots=True)
class CompactionFailed(Event):
    """History compaction failed (non-fatal)."""

    error: str = ""


@dataclass(frozen=True, slots=True)
class BudgetWarning(Event):
    """A budget crossed a warning threshold; ``percent`` is a fraction."""

    budget_type: str = ""
    used: int = 0
    limit: int = 0
    percent: float = 0.0


@dataclass(frozen=True, slots=True)
class Retrying(Event):
    """A transient LLM error is being retried."""

    attempt: int = 0
    max_attempts: int = 0
    error: str = ""
    delay_ms: int = 0


@dataclass(frozen=True, slots=True)
class SkillsResolved(Event):
    """Skills were resolved and injected."""

    skills: list[SkillKey] = field(default_factory=list)
    injection_bytes: int = 0


@dataclass(frozen=True, slots=True)
class SkillResolutionFailed(Event):
    """A skill reference could not be resolved."""

    skill_key: SkillKey | None = None
    reason: SkillResolutionFailureReason | None = None
    reference: str = ""
    error: str = ""


@dataclass(frozen=True, slots=True)
class InteractionComplete(Event):
    """A comms interaction completed."""

    interaction_id: str = ""
    result: str = ""
    structured_output: Any = None


@dataclass(frozen=True, slots=True)
class InteractionCallbackPending(Event):
    """A comms interaction waits on a callback tool."""

    interaction_id: str = ""
    tool_name: str = ""
    args: Any = None


@dataclass(frozen=True, slots=True)
class InteractionFailed(Event):
    """A comms interaction failed."""

    interaction_id: str = ""
    error: str = ""


@dataclass(frozen=True, slots=True)
class StreamTruncated(Event):
    """Events were dropped under backpressure."""

    reason: str = ""


@dataclass(frozen=True, slots=True)
class ToolConfigChanged(Event):
    """The visible tool set changed (callback tools, MCP)."""

    payload: ToolConfigChangedPayload = field(default_factory=ToolConfigChangedPayload)


@dataclass(frozen=True, slots=True)
class BackgroundJobCompleted(Event):
    """A background job finished. ``legacy_status`` mirrors the optional wire ``status``."""

    job_id: str
    display_name: str
    terminal_status: BackgroundJobTerminalStatus
    detail: str
    legacy_status: str | None = None


@dataclass(frozen=True, slots=True)
class ScopedEvent(Event):
    """An event of a delegated scope (a mob member), with its scope path."""

    scope_id: str = ""
    scope_path: list[dict[str, Any]] = field(default_factory=list)
    event: Event = field(default_factory=Event)


@dataclass(frozen=True, slots=True)
class UnknownEvent(Event):
    """An event of an unknown type, or a known type that failed validation (``malformed_event``)."""

    type: str = ""
    data: dict[str, Any] = field(default_factory=dict)


# -- field readers (raise on a missing or mistyped required field) ------------------------------------------


def _str(raw: dict[str, Any], key: str) -> str:
    value = raw[key]
    if not isinstance(value, str):
        raise TypeError(f"{key} must be a string")
    return value


def _num(raw: dict[str, Any], key: str) -> Any:
    value = raw[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{key} must be a number")
    return value


def _bool(raw: dict[str, Any], key: str) -> bool:
    value = raw[key]
    if not isinstance(value, bool):
        raise TypeError(f"{key} must be a boolean")
    return value


def parse_usage(value: Any) -> Usage:
    """A :class:`Usage` from a wire usage object; raises ``TypeError`` when it is not one."""
    if not isinstance(value, dict):
        raise TypeError("usage must be an object")
    for key in ("cache_creation_tokens", "cache_read_tokens"):
        if value.get(key) is not None:
            _num(value, key)
    return Usage(
        input_tokens=_num(value, "input_tokens"),
        output_tokens=_num(value, "output_tokens"),
        cache_creation_tokens=value.get("cache_creation_tokens"),
        cache_read_tokens=value.get("cache_read_tokens"),
    )


def _cause_kind(raw: dict[str, Any]) -> Any:
    value = raw.get("terminal_cause_kind")
    if value is not None and value not in _CAUSE_KINDS:
        raise ValueError("unknown terminal_cause_kind")
    return value


def _content_blocks(raw: dict[str, Any]) -> list[dict[str, Any]]:
    value = raw.get("content")
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise TypeError("content must be a list of blocks")
    return list(value)


def _optional(raw: dict[str, Any], key: str, default: Any = None) -> Any:
    return raw[key] if key in raw else default


# -- one parser per type -------------------------------------------------------------------------------------


def _run_started(raw: dict[str, Any]) -> Event:
    if "prompt" not in raw:
        raise KeyError("prompt")
    return RunStarted(session_id=_str(raw, "session_id"), prompt=raw["prompt"])


def _run_completed(raw: dict[str, Any]) -> Event:
    return RunCompleted(
        session_id=_str(raw, "session_id"),
        result=_str(raw, "result"),
        usage=parse_usage(raw.get("usage")),
        terminal_cause_kind=_cause_kind(raw),
        structured_output=raw.get("structured_output"),
        extraction_required=bool(raw.get("extraction_required", False)),
    )


def _extraction_succeeded(raw: dict[str, Any]) -> Event:
    warnings = raw.get("schema_warnings")
    return ExtractionSucceeded(
        session_id=_str(raw, "session_id"),
        structured_output=raw.get("structured_output"),
        schema_warnings=list(warnings) if isinstance(warnings, list) else None,
    )


def _extraction_failed(raw: dict[str, Any]) -> Event:
    return ExtractionFailed(
        session_id=_str(raw, "session_id"),
        last_output=str(raw.get("last_output", "")),
        attempts=_num(raw, "attempts"),
        reason=_str(raw, "reason"),
    )


def _run_failed(raw: dict[str, Any]) -> Event:
    report = parse_agent_error_report(raw["error_report"]) if raw.get("error_report") is not None else None
    return RunFailed(
        session_id=_str(raw, "session_id"),
        error_class=_str(raw, "error_class"),
        error=_str(raw, "error"),
        terminal_cause_kind=_cause_kind(raw),
        error_report=report,
    )


def _tool_execution_completed(raw: dict[str, Any]) -> Event:
    result = _str(raw, "result")
    content = _content_blocks(raw)
    if raw.get("content") is None and result:
        content = [{"type": "text", "text": result}]
    is_error = raw.get("is_error")
    duration = raw.get("duration_ms")
    return ToolExecutionCompleted(
        id=_str(raw, "id"),
        name=_str(raw, "name"),
        result=result,
        content=content,
        is_error=is_error if isinstance(is_error, bool) else None,
        duration_ms=duration if isinstance(duration, int) and not isinstance(duration, bool) else None,
    )


def _turn_completed(raw: dict[str, Any]) -> Event:
    stop = raw.get("stop_reason")
    if stop not in _STOP_REASONS:
        raise ValueError("unknown stop_reason")
    return TurnCompleted(stop_reason=stop, usage=parse_usage(raw.get("usage")))


def _budget_warning(raw: dict[str, Any]) -> Event:
    kind = _str(raw, "budget_type")
    if kind not in _BUDGET_TYPES:
        raise ValueError("unknown budget_type")
    return BudgetWarning(
        budget_type=kind, used=_num(raw, "used"), limit=_num(raw, "limit"), percent=float(_num(raw, "percent"))
    )


def _skills_resolved(raw: dict[str, Any]) -> Event:
    skills = raw["skills"]
    if not isinstance(skills, list):
        raise TypeError("skills must be a list")
    keys = [parse_skill_key(item) for item in skills]
    if any(key is None for key in keys):
        raise ValueError("invalid skill key")
    return SkillsResolved(skills=[k for k in keys if k is not None], injection_bytes=_num(raw, "injection_bytes"))


def _skill_resolution_failed(raw: dict[str, Any]) -> Event:
    error = _str(raw, "error")
    return SkillResolutionFailed(
        skill_key=parse_skill_key(raw.get("skill_key")),
        reason=parse_skill_resolution_reason(raw.get("reason"), error),
        reference=_str(raw, "reference"),
        error=error,
    )


def _tool_config_changed(raw: dict[str, Any]) -> Event:
    return ToolConfigChanged(payload=parse_tool_config_payload(raw["payload"]))


def _background_job_completed(raw: dict[str, Any]) -> Event:
    status = raw.get("terminal_status")
    if status not in _JOB_STATUSES:
        raise ValueError("unknown terminal_status")
    legacy = raw.get("status")
    return BackgroundJobCompleted(
        job_id=_str(raw, "job_id"),
        display_name=_str(raw, "display_name"),
        terminal_status=cast(BackgroundJobTerminalStatus, status),
        detail=_str(raw, "detail"),
        legacy_status=legacy if isinstance(legacy, str) else None,
    )


_PARSERS: dict[str, Callable[[dict[str, Any]], Event]] = {
    "run_started": _run_started,
    "run_completed": _run_completed,
    "extraction_succeeded": _extraction_succeeded,
    "extraction_failed": _extraction_failed,
    "run_failed": _run_failed,
    "hook_started": lambda r: HookStarted(hook_id=_str(r, "hook_id"), point=_str(r, "point")),
    "hook_completed": lambda r: HookCompleted(
        hook_id=_str(r, "hook_id"), point=_str(r, "point"), duration_ms=_num(r, "duration_ms")
    ),
    "hook_failed": lambda r: HookFailed(hook_id=_str(r, "hook_id"), point=_str(r, "point"), error=_str(r, "error")),
    "hook_denied": lambda r: HookDenied(
        hook_id=_str(r, "hook_id"),
        point=_str(r, "point"),
        reason_code=_str(r, "reason_code"),
        message=_str(r, "message"),
        payload=r.get("payload"),
    ),
    "turn_started": lambda r: TurnStarted(turn_number=_num(r, "turn_number")),
    "reasoning_delta": lambda r: ReasoningDelta(delta=_str(r, "delta")),
    "reasoning_complete": lambda r: ReasoningComplete(content=_str(r, "content")),
    "text_delta": lambda r: TextDelta(delta=_str(r, "delta")),
    "text_complete": lambda r: TextComplete(content=_str(r, "content")),
    "server_tool_content": lambda r: ServerToolContent(
        id=r.get("id") if isinstance(r.get("id"), str) else None, name=_str(r, "name"), content=r.get("content")
    ),
    "assistant_image_appended": lambda r: AssistantImageAppended(image=dict(r["image"])),
    "tool_call_requested": lambda r: ToolCallRequested(id=_str(r, "id"), name=_str(r, "name"), args=r.get("args")),
    "tool_execution_started": lambda r: ToolExecutionStarted(id=_str(r, "id"), name=_str(r, "name")),
    "tool_execution_completed": _tool_execution_completed,
    "tool_result_received": lambda r: ToolResultReceived(
        id=_str(r, "id"), name=_str(r, "name"), content=_content_blocks(r), is_error=_bool(r, "is_error")
    ),
    "tool_execution_timed_out": lambda r: ToolExecutionTimedOut(
        id=_str(r, "id"), name=_str(r, "name"), timeout_ms=_num(r, "timeout_ms")
    ),
    "turn_completed": _turn_completed,
    "compaction_started": lambda r: CompactionStarted(
        input_tokens=_num(r, "input_tokens"),
        estimated_history_tokens=_num(r, "estimated_history_tokens"),
        message_count=_num(r, "message_count"),
    ),
    "compaction_completed": lambda r: CompactionCompleted(
        summary_tokens=_num(r, "summary_tokens"),
        messages_before=_num(r, "messages_before"),
        messages_after=_num(r, "messages_after"),
    ),
    "compaction_failed": lambda r: CompactionFailed(error=_str(r, "error")),
    "budget_warning": _budget_warning,
    "retrying": lambda r: Retrying(
        attempt=_num(r, "attempt"),
        max_attempts=_num(r, "max_attempts"),
        error=_str(r, "error"),
        delay_ms=_num(r, "delay_ms"),
    ),
    "skills_resolved": _skills_resolved,
    "skill_resolution_failed": _skill_resolution_failed,
    "interaction_complete": lambda r: InteractionComplete(
        interaction_id=_str(r, "interaction_id"), result=_str(r, "result"), structured_output=r.get("structured_output")
    ),
    "interaction_callback_pending": lambda r: InteractionCallbackPending(
        interaction_id=_str(r, "interaction_id"), tool_name=_str(r, "tool_name"), args=r.get("args")
    ),
    "interaction_failed": lambda r: InteractionFailed(interaction_id=_str(r, "interaction_id"), error=_str(r, "error")),
    "stream_truncated": lambda r: StreamTruncated(reason=_str(r, "reason")),
    "tool_config_changed": _tool_config_changed,
    "background_job_completed": _background_job_completed,
}

_SCOPE_FRAME_DROPPED_KEYS = ("agent_runtime_id", "fence_token", "generation")


def _scoped(raw: dict[str, Any]) -> Event:
    inner = raw.get("event")
    frames = raw.get("scope_path")
    path = [
        {k: v for k, v in frame.items() if k not in _SCOPE_FRAME_DROPPED_KEYS}
        for frame in (frames if isinstance(frames, list) else [])
        if isinstance(frame, dict)
    ]
    return ScopedEvent(
        scope_id=str(raw.get("scope_id", "")),
        scope_path=path,
        event=parse_event(inner) if isinstance(inner, dict) else UnknownEvent(),
    )


def parse_event(raw: dict[str, Any]) -> Event:
    """The typed event for a raw flat AgentEvent dict (never raises for a dict).

    A scope wrapper (``{event, scope_id?, scope_path?}``) becomes :class:`ScopedEvent`. An envelope
    (``{event_id, …, payload}``, with no top-level ``type`` or the payload's own) is read through its ``payload``.
    """
    if not isinstance(raw, dict):
        return UnknownEvent(type="malformed_event", data={"value": raw})
    if "event" in raw and ("scope_id" in raw or "scope_path" in raw):
        return _scoped(raw)
    payload = raw.get("payload")
    if "event_id" in raw and isinstance(payload, dict) and ("type" not in raw or payload.get("type") == raw["type"]):
        # An envelope (with or without the payload's fields copied next to it, 00-decisions #1): its payload wins,
        # which matters where the copied fields collide with the envelope's (`tool_config_changed`, `hook_denied`).
        return parse_event(payload)
    kind = raw.get("type")
    parser = _PARSERS.get(kind) if isinstance(kind, str) else None
    if parser is None:
        return UnknownEvent(type=kind if isinstance(kind, str) else "", data=raw)
    try:
        return parser(raw)
    except (AssertionError, KeyError, TypeError, ValueError):
        return UnknownEvent(type="malformed_event", data=raw)
