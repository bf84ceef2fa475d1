"""Turning raw JSON-RPC results into the SDK's types (validation rules of 03-sdk-surface.md §2.2)."""

from __future__ import annotations

from typing import Any, cast

from .errors import MeerkatError
from .events import Usage, parse_event
from .types import (
    BlobPayload,
    Capability,
    EventEnvelope,
    EventSourceIdentity,
    ExtractionError,
    McpLiveOpResponse,
    ModelsCatalogResponse,
    ResolvedModelCapabilities,
    RunResult,
    SchemaWarning,
    SessionAssistantBlock,
    SessionDetails,
    SessionForkResult,
    SessionHistory,
    SessionMessage,
    SessionSummary,
    SessionToolCall,
    SessionToolResult,
    SkillQuarantineDiagnostic,
    SkillRuntimeDiagnostics,
    SourceHealthSnapshot,
)

__all__ = [
    "parse_blob",
    "parse_capabilities",
    "parse_envelope",
    "parse_fork_result",
    "parse_history",
    "parse_mcp_response",
    "parse_models_catalog",
    "parse_run_result",
    "parse_session_details",
    "parse_session_summaries",
]


def _invalid(message: str) -> MeerkatError:
    return MeerkatError("INVALID_RESPONSE", message)


def _is_num(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _int(value: Any, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _labels(value: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def _run_usage(raw: dict[str, Any]) -> Usage:
    usage = raw.get("usage")
    if not isinstance(usage, dict):
        raise _invalid("Invalid run result: missing usage")
    for key in ("input_tokens", "output_tokens"):
        if not _is_num(usage.get(key)):
            raise _invalid(f"Invalid run result: usage.{key} must be number")
    for key in ("cache_creation_tokens", "cache_read_tokens"):
        if usage.get(key) is not None and not _is_num(usage.get(key)):
            raise _invalid(f"Invalid run result: usage.{key} must be number")
    return Usage(
        input_tokens=int(usage["input_tokens"]),
        output_tokens=int(usage["output_tokens"]),
        cache_creation_tokens=usage.get("cache_creation_tokens"),
        cache_read_tokens=usage.get("cache_read_tokens"),
    )


def _skill_diagnostics(raw: Any) -> SkillRuntimeDiagnostics | None:
    if not isinstance(raw, dict):
        return None
    health = raw.get("source_health") if isinstance(raw.get("source_health"), dict) else {}
    assert isinstance(health, dict)
    quarantined = []
    for item in raw.get("quarantined") or []:
        if not isinstance(item, dict):
            continue
        key = item.get("key") if isinstance(item.get("key"), dict) else {}
        assert isinstance(key, dict)
        quarantined.append(
            SkillQuarantineDiagnostic(
                source_uuid=str(key.get("source_uuid", "")),
                skill_id=str(key.get("skill_name", "")),
                location=str(item.get("location", "")),
                error_code=str(item.get("error_code", "")),
                error_class=str(item.get("error_class", "")),
                message=str(item.get("message", "")),
                first_seen_unix_secs=_int(item.get("first_seen_unix_secs")),
                last_seen_unix_secs=_int(item.get("last_seen_unix_secs")),
            )
        )
    return SkillRuntimeDiagnostics(
        source_health=SourceHealthSnapshot(
            state=str(health.get("state", "")),
            invalid_ratio=float(health.get("invalid_ratio", 0.0) or 0.0),
            invalid_count=_int(health.get("invalid_count")),
            total_count=_int(health.get("total_count")),
            failure_streak=_int(health.get("failure_streak")),
            handshake_failed=bool(health.get("handshake_failed", False)),
        ),
        quarantined=quarantined,
    )


def parse_run_result(raw: Any) -> RunResult:
    """A :class:`RunResult` from a WireRunResult; ``INVALID_RESPONSE`` when counters are not numbers."""
    if not isinstance(raw, dict):
        raise _invalid("Invalid run result: not an object")
    usage = _run_usage(raw)
    for key in ("turns", "tool_calls"):
        if not _is_num(raw.get(key)):
            raise _invalid(f"Invalid run result: {key} must be number")
    extraction = raw.get("extraction_error")
    extraction_error = None
    if isinstance(extraction, dict):
        if not _is_num(extraction.get("attempts")):
            raise _invalid("Invalid run result: extraction_error.attempts must be number")
        extraction_error = ExtractionError(
            last_output=str(extraction.get("last_output", "")),
            attempts=int(extraction["attempts"]),
            reason=str(extraction.get("reason", "")),
        )
    warnings_raw = raw.get("schema_warnings")
    warnings = (
        [
            SchemaWarning(
                provider=str(w.get("provider", "")), path=str(w.get("path", "")), message=str(w.get("message", ""))
            )
            for w in warnings_raw
            if isinstance(w, dict)
        ]
        if isinstance(warnings_raw, list)
        else None
    )
    return RunResult(
        session_id=str(raw.get("session_id", "")),
        text=str(raw.get("text", "")),
        turns=int(raw["turns"]),
        tool_calls=int(raw["tool_calls"]),
        usage=usage,
        terminal_cause_kind=_opt_str(raw.get("terminal_cause_kind")),
        session_ref=_opt_str(raw.get("session_ref")),
        structured_output=raw.get("structured_output"),
        extraction_error=extraction_error,
        schema_warnings=warnings,
        skill_diagnostics=_skill_diagnostics(raw.get("skill_diagnostics")),
    )


def parse_session_summaries(raw: dict[str, Any]) -> list[SessionSummary]:
    """``session/list`` rows (lenient: bad numbers become 0)."""
    rows = raw.get("sessions")
    return [
        SessionSummary(
            session_id=str(row.get("session_id", "")),
            session_ref=_opt_str(row.get("session_ref")),
            created_at=_int(row.get("created_at")),
            updated_at=_int(row.get("updated_at")),
            message_count=_int(row.get("message_count")),
            labels=_labels(row.get("labels")),
            is_active=bool(row.get("is_active", False)),
            total_tokens=_int(row.get("total_tokens")),
        )
        for row in (rows if isinstance(rows, list) else [])
        if isinstance(row, dict)
    ]


_CAPABILITY_KEYS = ("vision", "image_input", "image_tool_results", "inline_video", "realtime", "web_search",
                    "image_generation")


def parse_session_details(raw: dict[str, Any]) -> SessionDetails:
    """``session/read`` (lenient)."""
    caps = raw.get("resolved_capabilities")
    resolved = (
        cast(ResolvedModelCapabilities, {key: bool(caps.get(key, False)) for key in _CAPABILITY_KEYS})
        if isinstance(caps, dict)
        else None
    )
    return SessionDetails(
        session_id=str(raw.get("session_id", "")),
        session_ref=_opt_str(raw.get("session_ref")),
        created_at=_int(raw.get("created_at")),
        updated_at=_int(raw.get("updated_at")),
        message_count=_int(raw.get("message_count")),
        labels=_labels(raw.get("labels")),
        is_active=bool(raw.get("is_active", False)),
        model=str(raw.get("model", "")),
        provider=str(raw.get("provider", "")),
        last_assistant_text=_opt_str(raw.get("last_assistant_text")),
        resolved_capabilities=resolved,
    )


def _content(value: Any) -> Any:
    if not isinstance(value, list):
        return value
    blocks: list[dict[str, Any]] = []
    for block in value:
        if not isinstance(block, dict):
            continue
        kind = block.get("type")
        if kind == "image" and block.get("source") == "blob":
            blocks.append({"type": "image", "media_type": block.get("media_type", ""), "source": "blob",
                           "blob_id": block.get("blob_id", "")})
        elif kind == "image":
            blocks.append({"type": "image", "media_type": block.get("media_type", ""), "source": "inline",
                           "data": block.get("data", "")})
        elif kind == "video":
            blocks.append({"type": "video", "media_type": block.get("media_type", ""), "source": "inline",
                           "duration_ms": _int(block.get("duration_ms")), "data": block.get("data", "")})
        else:
            blocks.append({"type": "text", "text": str(block.get("text", ""))})
    return blocks


def _assistant_block(raw: dict[str, Any]) -> SessionAssistantBlock:
    data = raw.get("data") if isinstance(raw.get("data"), dict) else {}
    assert isinstance(data, dict)
    blob_ref = data.get("blob_ref") if isinstance(data.get("blob_ref"), dict) else {}
    assert isinstance(blob_ref, dict)
    kind = str(raw.get("block_type", ""))
    source = data.get("source")
    return SessionAssistantBlock(
        block_type=kind,
        text=_opt_str(data.get("text")),
        id=_opt_str(data.get("id")),
        name=_opt_str(data.get("name")),
        args=data.get("args"),
        image_id=_opt_str(data.get("image_id")),
        blob_id=_opt_str(blob_ref.get("blob_id")),
        media_type=_opt_str(data.get("media_type")),
        width=data.get("width") if isinstance(data.get("width"), int) else None,
        height=data.get("height") if isinstance(data.get("height"), int) else None,
        revised_prompt=data.get("revised_prompt") if isinstance(data.get("revised_prompt"), dict) else None,
        meta=data.get("meta") if isinstance(data.get("meta"), dict) else None,
        source=str(source.get("kind", "")) if kind == "transcript" and isinstance(source, dict) else None,
    )


def _message(raw: dict[str, Any]) -> SessionMessage:
    calls = [
        SessionToolCall(id=str(c.get("id", "")), name=str(c.get("name", "")), args=c.get("args"))
        for c in raw.get("tool_calls") or []
        if isinstance(c, dict)
    ]
    results = [
        SessionToolResult(
            tool_use_id=str(r.get("tool_use_id", "")), content=_content(r.get("content", "")),
            is_error=bool(r.get("is_error", False)),
        )
        for r in raw.get("results") or []
        if isinstance(r, dict)
    ]
    blocks = [_assistant_block(b) for b in raw.get("blocks") or [] if isinstance(b, dict)]
    return SessionMessage(
        role=str(raw.get("role", "")),
        created_at=str(raw.get("created_at", "")),
        content=_content(raw["content"]) if "content" in raw else None,
        tool_calls=calls,
        stop_reason=_opt_str(raw.get("stop_reason")),
        blocks=blocks,
        results=results,
        kind=_opt_str(raw.get("kind")),
        body=_opt_str(raw.get("body")),
    )


def parse_history(raw: dict[str, Any]) -> SessionHistory:
    """``session/history``."""
    limit = raw.get("limit")
    return SessionHistory(
        session_id=str(raw.get("session_id", "")),
        session_ref=_opt_str(raw.get("session_ref")),
        message_count=_int(raw.get("message_count")),
        offset=_int(raw.get("offset")),
        limit=_int(limit) if limit is not None else None,
        has_more=bool(raw.get("has_more", False)),
        messages=[_message(m) for m in raw.get("messages") or [] if isinstance(m, dict)],
    )


def parse_fork_result(raw: dict[str, Any]) -> SessionForkResult:
    """``session/fork_at`` / ``session/fork_replace``."""
    return SessionForkResult(
        source_session_id=str(raw.get("source_session_id", "")),
        session_id=str(raw.get("session_id", "")),
        session_ref=_opt_str(raw.get("session_ref")),
        message_count=_int(raw.get("message_count")),
    )


def parse_blob(raw: dict[str, Any], blob_id: str) -> BlobPayload:
    """``blob/get`` (wire ``data`` → ``data_base64``)."""
    return BlobPayload(
        blob_id=str(raw.get("blob_id") or blob_id),
        media_type=str(raw.get("media_type", "")),
        data_base64=str(raw.get("data", "")),
    )


def parse_capabilities(raw: dict[str, Any]) -> list[Capability]:
    """``capabilities/get``: an object status becomes its first key; a missing one ``"Available"``."""
    out: list[Capability] = []
    for item in raw.get("capabilities") or []:
        if not isinstance(item, dict):
            continue
        status = item.get("status", "Available")
        if isinstance(status, dict):
            status = next(iter(status), "")
        out.append(Capability(id=str(item.get("id", "")), description=str(item.get("description", "")),
                              status=str(status)))
    return out


def parse_models_catalog(raw: dict[str, Any]) -> ModelsCatalogResponse:
    """``models/catalog``: the contract version as an object (a ``"x.y.z"`` string is accepted)."""
    version = raw.get("contract_version")
    if isinstance(version, str):
        parts = (version.split(".") + ["0", "0", "0"])[:3]
        numbers = [_int(p) for p in parts]
    elif isinstance(version, dict):
        numbers = [_int(version.get(k)) for k in ("major", "minor", "patch")]
    else:
        numbers = [0, 0, 0]
    providers = [p for p in raw.get("providers") or [] if isinstance(p, dict)]
    return cast(
        ModelsCatalogResponse,
        {"contract_version": {"major": numbers[0], "minor": numbers[1], "patch": numbers[2]}, "providers": providers},
    )


def parse_mcp_response(raw: dict[str, Any]) -> McpLiveOpResponse:
    """An ``mcp/*`` result; unknown keys are ignored."""
    session_id, operation, status = raw.get("session_id"), raw.get("operation"), raw.get("status")
    if not isinstance(session_id, str) or not session_id:
        raise _invalid("Invalid mcp response: session_id must be a non-empty string")
    if operation not in ("add", "remove", "reload"):
        raise _invalid("Invalid mcp response: operation must be add, remove or reload")
    if not isinstance(status, str) or not status:
        raise _invalid("Invalid mcp response: status must be a non-empty string")
    if not isinstance(raw.get("persisted"), bool):
        raise _invalid("Invalid mcp response: persisted must be a boolean")
    applied = raw.get("applied_at_turn")
    return McpLiveOpResponse(
        operation=operation,
        persisted=raw["persisted"],
        session_id=session_id,
        status=status,
        applied_at_turn=applied if isinstance(applied, int) else None,
        server_name=_opt_str(raw.get("server_name")),
    )


def _source(raw: Any) -> EventSourceIdentity | None:
    if not isinstance(raw, dict) or raw.get("type") not in ("session", "runtime", "interaction", "callback",
                                                              "external"):
        return None

    def pick(snake: str, camel: str) -> str | None:
        return _opt_str(raw.get(snake, raw.get(camel)))

    return EventSourceIdentity(
        type=str(raw["type"]),
        session_id=pick("session_id", "sessionId"),
        runtime_id=pick("runtime_id", "runtimeId"),
        interaction_id=pick("interaction_id", "interactionId"),
        source_id=pick("source_id", "sourceId"),
    )


def parse_envelope(raw: Any) -> EventEnvelope:
    """An :class:`EventEnvelope` from a stream item (a scope wrapper is unwrapped first)."""
    if not isinstance(raw, dict):
        return EventEnvelope()
    if isinstance(raw.get("event"), dict) and ("scope_id" in raw or "scope_path" in raw):
        raw = raw["event"]
    payload = raw.get("payload")
    return EventEnvelope(
        event_id=str(raw.get("event_id", "")),
        source=_source(raw.get("source")),
        source_id=str(raw.get("source_id", "")),
        seq=_int(raw.get("seq")),
        timestamp_ms=_int(raw.get("timestamp_ms")),
        payload=parse_event(payload) if isinstance(payload, dict) else parse_event(raw),
    )
