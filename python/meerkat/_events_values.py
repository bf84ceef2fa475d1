"""Value classes carried inside events: error reports, skill failure reasons, tool-config payloads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias

from ._skill_key import SkillKey

__all__ = [
    "AgentErrorReason",
    "AgentErrorReport",
    "BoundaryAppliedToolConfigChangeStatus",
    "DeferredCatalogDeltaToolConfigChangeStatus",
    "ExternalToolDeltaToolConfigChangeStatus",
    "SkillResolutionFailureReason",
    "ToolConfigChangeStatus",
    "ToolConfigChangedPayload",
    "WarningFailedClosedToolConfigChangeStatus",
    "parse_agent_error_report",
    "parse_skill_key",
    "parse_skill_resolution_reason",
    "parse_tool_config_payload",
]

_OUTCOMES = frozenset(
    {"none", "completed", "failed", "cancelled", "budget_exhausted", "time_budget_exceeded",
     "structured_output_validation_failed"}
)
_CAUSES = frozenset(
    {"unknown", "hook_denied", "hook_failure", "llm_failure", "tool_failure", "structured_output_validation_failed",
     "budget_exhausted", "time_budget_exceeded", "retry_exhausted", "turn_limit_reached", "runtime_apply_failure",
     "fatal_failure"}
)


@dataclass(frozen=True, slots=True)
class AgentErrorReason:
    """The typed reason of an agent error. Unknown reason types keep their wire type in ``raw_reason_type``."""

    reason_type: str = "unknown"
    outcome: str | None = None
    cause_kind: str | None = None
    raw_reason_type: str | None = None
    raw: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        if key in ("reason_type", "outcome", "cause_kind", "raw_reason_type"):
            return getattr(self, key)
        return self.raw[key]

    def __contains__(self, key: object) -> bool:
        return key in ("reason_type", "outcome", "cause_kind", "raw_reason_type") or key in self.raw


@dataclass(frozen=True, slots=True)
class AgentErrorReport:
    """``{class, message, reason?}`` of a failed run. ``report["class"]`` works as on the wire."""

    class_: str = ""
    message: str = ""
    reason: AgentErrorReason | None = None

    def __getitem__(self, key: str) -> Any:
        if key == "class":
            return self.class_
        if key == "message":
            return self.message
        if key == "reason":
            return self.reason
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        return key in ("class", "message", "reason")


def _is_str(value: Any) -> bool:
    return isinstance(value, str)


def _is_num(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _parse_reason(raw: Any) -> AgentErrorReason | None:
    if not isinstance(raw, dict):
        return None
    kind = raw.get("reason_type")
    if kind == "turn_terminal_cause":
        outcome, cause = raw.get("outcome"), raw.get("cause_kind")
        if outcome in _OUTCOMES and cause in _CAUSES:
            return AgentErrorReason(reason_type=kind, outcome=outcome, cause_kind=cause, raw=dict(raw))
        return None
    valid = (
        (kind == "hook_denied" and _is_str(raw.get("point")) and _is_str(raw.get("reason_code"))
         and (raw.get("hook_id") is None or _is_str(raw.get("hook_id"))))
        or (kind == "hook_timeout" and _is_str(raw.get("hook_id")) and _is_num(raw.get("timeout_ms")))
        or (kind == "hook_execution_failed" and _is_str(raw.get("hook_id")) and _is_str(raw.get("reason")))
    )
    if valid:
        return AgentErrorReason(reason_type=str(kind), raw=dict(raw))
    return AgentErrorReason(reason_type="unknown", raw_reason_type=kind if _is_str(kind) else None, raw=dict(raw))


def parse_agent_error_report(raw: Any) -> AgentErrorReport:
    """An :class:`AgentErrorReport`; raises ``TypeError`` when ``class``/``message`` are not strings."""
    if not isinstance(raw, dict) or not _is_str(raw.get("class")) or not _is_str(raw.get("message")):
        raise TypeError("error_report must have string class and message")
    return AgentErrorReport(class_=raw["class"], message=raw["message"], reason=_parse_reason(raw.get("reason")))


def parse_skill_key(raw: Any) -> SkillKey | None:
    """A :class:`SkillKey` from ``{source_uuid, skill_name}`` (camelCase accepted), or ``None``."""
    if not isinstance(raw, dict):
        return None
    uuid = raw.get("source_uuid", raw.get("sourceUuid"))
    name = raw.get("skill_name", raw.get("skillName"))
    if isinstance(uuid, str) and uuid and isinstance(name, str) and name:
        return SkillKey(source_uuid=uuid, skill_name=name)
    return None


@dataclass(frozen=True, slots=True)
class SkillResolutionFailureReason:
    """Why a skill did not resolve. Unknown reason types keep their wire type in ``raw_reason_type``."""

    reason_type: str | None = None
    key: SkillKey | None = None
    capability: str | None = None
    message: str = ""
    source_uuid: str = ""
    skill_name: str = ""
    existing_fingerprint: str = ""
    new_fingerprint: str = ""
    fingerprint: str = ""
    existing_source_uuid: str = ""
    mutated_source_uuid: str = ""
    event_id: str = ""
    event_kind: str = ""
    from_source_uuid: str = ""
    from_skill_name: str = ""
    to_source_uuid: str = ""
    to_skill_name: str = ""
    alias: str = ""
    raw_reason_type: str | None = None


_SKILL_REASON_TYPES = frozenset(
    {"not_found", "capability_unavailable", "load", "parse", "source_uuid_collision",
     "source_uuid_mutation_without_lineage", "missing_skill_remaps", "remap_without_lineage", "unknown_skill_alias",
     "remap_cycle", "unknown"}
)
_SKILL_REASON_TEXT_FIELDS = (
    "source_uuid", "skill_name", "existing_fingerprint", "new_fingerprint", "fingerprint", "existing_source_uuid",
    "mutated_source_uuid", "event_id", "event_kind", "from_source_uuid", "from_skill_name", "to_source_uuid",
    "to_skill_name", "alias",
)


def parse_skill_resolution_reason(raw: Any, error: str) -> SkillResolutionFailureReason | None:
    """A lenient :class:`SkillResolutionFailureReason`; ``None`` when unusable."""
    if not isinstance(raw, dict):
        return None
    kind = raw.get("reason_type")
    key = parse_skill_key(raw.get("key"))
    capability = raw.get("capability")
    if kind == "not_found" and key is None:
        return None
    if kind == "capability_unavailable" and (key is None or not (isinstance(capability, str) and capability)):
        return None
    texts = {name: str(raw[name]) for name in _SKILL_REASON_TEXT_FIELDS if isinstance(raw.get(name), str)}
    message = raw.get("message")
    known = kind in _SKILL_REASON_TYPES
    return SkillResolutionFailureReason(
        reason_type=kind if known else "unknown",
        key=key,
        capability=capability if isinstance(capability, str) else None,
        message=message if isinstance(message, str) else error,
        raw_reason_type=None if known else (kind if isinstance(kind, str) else None),
        **texts,
    )


@dataclass(frozen=True, slots=True)
class BoundaryAppliedToolConfigChangeStatus:
    """The change was applied at a turn boundary."""

    kind: Literal["boundary_applied"] = "boundary_applied"
    base_changed: bool = False
    visible_changed: bool = False
    revision: int = 0


@dataclass(frozen=True, slots=True)
class DeferredCatalogDeltaToolConfigChangeStatus:
    """The deferred tool catalog changed."""

    kind: Literal["deferred_catalog_delta"] = "deferred_catalog_delta"
    added_hidden_count: int = 0
    removed_hidden_count: int = 0
    pending_source_count: int = 0


@dataclass(frozen=True, slots=True)
class WarningFailedClosedToolConfigChangeStatus:
    """The change failed closed with a warning."""

    kind: Literal["warning_failed_closed"] = "warning_failed_closed"
    error: str = ""


@dataclass(frozen=True, slots=True)
class ExternalToolDeltaToolConfigChangeStatus:
    """Callback (external) tools changed; ``phase`` tells how far."""

    kind: Literal["external_tool_delta"] = "external_tool_delta"
    phase: Literal["pending", "applied", "draining", "forced", "failed"] = "pending"
    detail: str | None = None


ToolConfigChangeStatus: TypeAlias = (
    BoundaryAppliedToolConfigChangeStatus
    | DeferredCatalogDeltaToolConfigChangeStatus
    | WarningFailedClosedToolConfigChangeStatus
    | ExternalToolDeltaToolConfigChangeStatus
)
"""The typed ``status_info`` of a tool-config change."""

_PHASES = frozenset({"pending", "applied", "draining", "forced", "failed"})


@dataclass(frozen=True, slots=True)
class ToolConfigChangedPayload:
    """What changed in the tool configuration."""

    operation: str | None = None
    target: str | None = None
    status: str | None = None
    status_info: ToolConfigChangeStatus | None = None
    persisted: bool | None = None
    applied_at_turn: int | None = None


def _int(value: Any) -> int:
    return int(value) if _is_num(value) else 0


def _status_info(raw: Any) -> ToolConfigChangeStatus | None:
    if not isinstance(raw, dict):
        return None
    kind = raw.get("kind")
    if kind == "boundary_applied":
        return BoundaryAppliedToolConfigChangeStatus(
            base_changed=bool(raw.get("base_changed", False)),
            visible_changed=bool(raw.get("visible_changed", False)),
            revision=_int(raw.get("revision")),
        )
    if kind == "deferred_catalog_delta":
        return DeferredCatalogDeltaToolConfigChangeStatus(
            added_hidden_count=_int(raw.get("added_hidden_count")),
            removed_hidden_count=_int(raw.get("removed_hidden_count")),
            pending_source_count=_int(raw.get("pending_source_count")),
        )
    if kind == "warning_failed_closed":
        return WarningFailedClosedToolConfigChangeStatus(error=str(raw.get("error", "")))
    if kind == "external_tool_delta":
        phase = raw.get("phase")
        detail = raw.get("detail")
        return ExternalToolDeltaToolConfigChangeStatus(
            phase=phase if phase in _PHASES else "pending",
            detail=detail if isinstance(detail, str) else None,
        )
    return None


def parse_tool_config_payload(raw: Any) -> ToolConfigChangedPayload:
    """A :class:`ToolConfigChangedPayload`; raises when the required keys are missing or mistyped."""
    if not isinstance(raw, dict):
        raise TypeError("payload must be an object")
    if raw.get("operation") not in ("add", "remove", "reload"):
        raise ValueError("unknown operation")
    if not _is_str(raw.get("target")) or not _is_str(raw.get("status")) or not isinstance(raw.get("persisted"), bool):
        raise TypeError("payload target/status/persisted mistyped")
    applied = raw.get("applied_at_turn")
    return ToolConfigChangedPayload(
        operation=raw["operation"],
        target=raw["target"],
        status=raw["status"],
        status_info=_status_info(raw.get("status_info")),
        persisted=raw["persisted"],
        applied_at_turn=applied if isinstance(applied, int) and not isinstance(applied, bool) else None,
    )
