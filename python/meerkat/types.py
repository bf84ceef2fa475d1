"""SDK domain types: run results, session metadata, config and catalog shapes, content blocks.

Data classes are frozen and every field has a default (except :class:`SkillKey`). Dict-shaped results
(config envelopes, catalogs, schedules, mob profiles) are ``TypedDict`` s: the raw JSON object, typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, NewType, TypeAlias, TypedDict

from ._skill_key import SkillKey
from ._wire import CONTRACT_VERSION
from .events import Event, Usage

__all__ = [
    "CONTRACT_VERSION",
    "AttributedEvent",
    "BlobImageBlock",
    "BlobPayload",
    "Capability",
    "CatalogModelEntry",
    "ConfigEnvelope",
    "ContentBlock",
    "ContentInput",
    "ContractVersion",
    "DeletedMobProfile",
    "EventEnvelope",
    "EventSourceIdentity",
    "ExternalEventOutcome",
    "ExtractionError",
    "HelpExecutionMode",
    "HelpRequest",
    "InlineImageBlock",
    "InlineVideoBlock",
    "McpLiveOpResponse",
    "McpServerConfig",
    "MobEventCursorEntry",
    "MobEventsResult",
    "MobProfile",
    "MobProfileTools",
    "ModelProfile",
    "ModelsCatalogResponse",
    "PeerCorrelationId",
    "PeerId",
    "ProviderCatalog",
    "ResolvedModelCapabilities",
    "RunResult",
    "ScheduleListResult",
    "ScheduleOccurrenceRecord",
    "ScheduleOccurrencesResult",
    "ScheduleRecord",
    "ScheduleToolCall",
    "ScheduleToolsResult",
    "SchemaWarning",
    "SessionAssistantBlock",
    "SessionDetails",
    "SessionForkResult",
    "SessionHistory",
    "SessionInfo",
    "SessionMessage",
    "SessionSummary",
    "SessionToolCall",
    "SessionToolResult",
    "SkillKey",
    "SkillQuarantineDiagnostic",
    "SkillRef",
    "SkillRuntimeDiagnostics",
    "SourceHealthSnapshot",
    "StoredMobProfile",
    "TextBlock",
    "TranscriptAssistantBlockReplacement",
    "TranscriptEditRunningBehavior",
    "TranscriptMessageReplacement",
    "TranscriptReplacement",
    "TranscriptToolResultContentBlockReplacement",
    "TranscriptUserContentBlockReplacement",
    "Usage",
]

# -- content ---------------------------------------------------------------------------------------------


class TextBlock(TypedDict):
    """A text content block."""

    type: Literal["text"]
    text: str


class InlineImageBlock(TypedDict, total=False):
    """An image sent inline as base64."""

    type: Literal["image"]
    media_type: str
    source: Literal["inline"]
    data: str


class BlobImageBlock(TypedDict):
    """An image stored in the realm's blob store."""

    type: Literal["image"]
    media_type: str
    source: Literal["blob"]
    blob_id: str


class InlineVideoBlock(TypedDict, total=False):
    """A video sent inline as base64 (models with ``inline_video`` only)."""

    type: Literal["video"]
    media_type: str
    duration_ms: int
    source: Literal["inline"]
    data: str


ContentBlock: TypeAlias = TextBlock | InlineImageBlock | BlobImageBlock | InlineVideoBlock
"""One block of multimodal content."""
ContentInput: TypeAlias = str | list[ContentBlock]
"""A prompt: plain text or a list of content blocks."""
HelpExecutionMode: TypeAlias = Literal["explain_only", "plan_execution"]
"""How ``help/ask`` answers."""
PeerId = NewType("PeerId", str)
"""A comms peer id."""
PeerCorrelationId = NewType("PeerCorrelationId", str)
"""A comms request correlation id."""
SkillRef: TypeAlias = SkillKey
"""A skill reference: only structured references (a :class:`SkillKey`) are accepted."""
TranscriptEditRunningBehavior: TypeAlias = Literal["reject"]
"""What a fork does when the source session is running."""


class _HelpRequestRequired(TypedDict):
    question: str


class HelpRequest(_HelpRequestRequired, total=False):
    """Params of ``help/ask``."""

    prompt: str
    execution_mode: HelpExecutionMode
    model: str
    provider: str
    max_tokens: int


# -- results ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExtractionError:
    """Structured-output extraction gave up (a value, not an exception)."""

    last_output: str = ""
    attempts: int = 0
    reason: str = ""


@dataclass(frozen=True, slots=True)
class SchemaWarning:
    """A provider may ignore part of an output schema."""

    provider: str = ""
    path: str = ""
    message: str = ""


@dataclass(frozen=True, slots=True)
class SourceHealthSnapshot:
    """Health of the skill sources."""

    state: str = ""
    invalid_ratio: float = 0.0
    invalid_count: int = 0
    total_count: int = 0
    failure_streak: int = 0
    handshake_failed: bool = False


@dataclass(frozen=True, slots=True)
class SkillQuarantineDiagnostic:
    """A skill quarantined because it failed to load."""

    source_uuid: str = ""
    skill_id: str = ""
    location: str = ""
    error_code: str = ""
    error_class: str = ""
    message: str = ""
    first_seen_unix_secs: int = 0
    last_seen_unix_secs: int = 0


@dataclass(frozen=True, slots=True)
class SkillRuntimeDiagnostics:
    """Skill source health and quarantined skills, reported with a run result."""

    source_health: SourceHealthSnapshot = field(default_factory=SourceHealthSnapshot)
    quarantined: list[SkillQuarantineDiagnostic] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RunResult:
    """The result of one run: ``session.turn()``, ``deferred.start_turn()``, ``events.result``.

    ``usage`` is the usage of this run; ``turns`` counts its LLM calls (extraction included).
    """

    session_id: str = ""
    text: str = ""
    turns: int = 0
    tool_calls: int = 0
    usage: Usage = field(default_factory=Usage)
    terminal_cause_kind: str | None = None
    session_ref: str | None = None
    structured_output: Any = None
    extraction_error: ExtractionError | None = None
    schema_warnings: list[SchemaWarning] | None = None
    skill_diagnostics: SkillRuntimeDiagnostics | None = None


class ResolvedModelCapabilities(TypedDict):
    """What the session's model can do."""

    vision: bool
    image_input: bool
    image_tool_results: bool
    inline_video: bool
    realtime: bool
    web_search: bool
    image_generation: bool


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """Identity, timestamps (unix seconds) and state shared by session summaries and details."""

    session_id: str = ""
    session_ref: str | None = None
    created_at: int = 0
    updated_at: int = 0
    message_count: int = 0
    labels: dict[str, str] = field(default_factory=dict)
    is_active: bool = False


@dataclass(frozen=True, slots=True)
class SessionSummary(SessionInfo):
    """One row of ``client.list_sessions()``."""

    total_tokens: int = 0


@dataclass(frozen=True, slots=True)
class SessionDetails(SessionInfo):
    """``client.read_session(session_id)``."""

    model: str = ""
    provider: str = ""
    last_assistant_text: str | None = None
    resolved_capabilities: ResolvedModelCapabilities | None = None


@dataclass(frozen=True, slots=True)
class SessionToolCall:
    """A tool call recorded in an assistant message."""

    id: str = ""
    name: str = ""
    args: Any = None


@dataclass(frozen=True, slots=True)
class SessionToolResult:
    """A tool result recorded in the history."""

    tool_use_id: str = ""
    content: Any = ""
    is_error: bool = False


@dataclass(frozen=True, slots=True)
class SessionAssistantBlock:
    """One assistant block, flattened from the wire ``{block_type, data}``."""

    block_type: str = ""
    text: str | None = None
    id: str | None = None
    name: str | None = None
    args: Any = None
    image_id: str | None = None
    blob_id: str | None = None
    media_type: str | None = None
    width: int | None = None
    height: int | None = None
    revised_prompt: dict[str, Any] | None = None
    meta: dict[str, Any] | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class SessionMessage:
    """One committed message of a session's history; which fields are set depends on ``role``."""

    role: str = ""
    created_at: str = ""
    content: Any = None
    tool_calls: list[SessionToolCall] = field(default_factory=list)
    stop_reason: str | None = None
    blocks: list[SessionAssistantBlock] = field(default_factory=list)
    results: list[SessionToolResult] = field(default_factory=list)
    kind: str | None = None
    body: str | None = None


@dataclass(frozen=True, slots=True)
class SessionHistory:
    """A page of a session's history, oldest first."""

    session_id: str = ""
    session_ref: str | None = None
    message_count: int = 0
    offset: int = 0
    limit: int | None = None
    has_more: bool = False
    messages: list[SessionMessage] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SessionForkResult:
    """The new session created by a fork."""

    source_session_id: str = ""
    session_id: str = ""
    session_ref: str | None = None
    message_count: int = 0


@dataclass(frozen=True, slots=True)
class BlobPayload:
    """A blob's bytes, base64-encoded (wire key ``data``)."""

    blob_id: str = ""
    media_type: str = ""
    data_base64: str = ""


@dataclass(frozen=True, slots=True)
class Capability:
    """One runtime capability; ``status`` is ``"Available"`` or the reason it is not."""

    id: str = ""
    description: str = ""
    status: str = ""

    @property
    def available(self) -> bool:
        """True iff the status is ``"Available"``."""
        return self.status == "Available"


@dataclass(frozen=True, slots=True)
class EventSourceIdentity:
    """Where an event came from (``type``: session, runtime, interaction, callback, external)."""

    type: str = ""
    session_id: str | None = None
    runtime_id: str | None = None
    interaction_id: str | None = None
    source_id: str | None = None


@dataclass(frozen=True, slots=True)
class EventEnvelope:
    """An event with its envelope, as yielded by event subscriptions."""

    event_id: str = ""
    source: EventSourceIdentity | None = None
    source_id: str = ""
    seq: int = 0
    timestamp_ms: int = 0
    payload: Event | None = None


@dataclass(frozen=True, slots=True)
class AttributedEvent:
    """A mob-wide stream item: which member (``source``, ``role``) emitted the envelope."""

    source: str = ""
    role: str = ""
    envelope: EventEnvelope = field(default_factory=EventEnvelope)


# -- dict-shaped results -----------------------------------------------------------------------------------


class ConfigEnvelope(TypedDict, total=False):
    """``get_config`` / ``set_config`` / ``patch_config``: the realm config and its CAS generation."""

    config: dict[str, Any]
    generation: int
    realm_id: str | None
    instance_id: str | None
    backend: str | None
    resolved_paths: dict[str, str] | None


class ExternalEventOutcome(TypedDict, total=False):
    """The runtime's admission outcome of an external event."""

    outcome_type: str
    input_id: str
    existing_id: str
    reason: str
    state: dict[str, Any] | None


class ContractVersion(TypedDict):
    """A contract version as three numbers."""

    major: int
    minor: int
    patch: int


class _ModelProfileBase(TypedDict):
    model_family: str
    vision: bool
    image_input: bool
    image_tool_results: bool
    supports_temperature: bool
    supports_thinking: bool
    supports_reasoning: bool
    inline_video: bool
    realtime: bool
    supports_web_search: bool
    image_generation: bool
    params_schema: dict[str, Any]


class ModelProfile(_ModelProfileBase, total=False):
    """What a catalogued model supports."""

    beta_headers: list[dict[str, Any]]


class CatalogModelEntry(TypedDict, total=False):
    """One model of the catalog."""

    id: str
    display_name: str
    tier: str
    context_window: int | None
    max_output_tokens: int | None
    server_id: str | None
    profile: ModelProfile | None


class ProviderCatalog(TypedDict):
    """The models of one provider."""

    provider: str
    default_model_id: str
    models: list[CatalogModelEntry]


class ModelsCatalogResponse(TypedDict):
    """``get_models_catalog()``."""

    contract_version: ContractVersion
    providers: list[ProviderCatalog]


class ScheduleRecord(TypedDict, total=False):
    """A schedule."""

    schedule_id: str
    phase: str
    revision: int
    name: str | None
    description: str | None
    trigger: dict[str, Any]
    target: dict[str, Any]
    labels: dict[str, str]


class ScheduleOccurrenceRecord(TypedDict, total=False):
    """One occurrence of a schedule."""

    occurrence_id: str
    schedule_id: str
    phase: str
    due_at_utc: str
    attempt_count: int


class ScheduleListResult(TypedDict):
    """``list_schedules()``."""

    schedules: list[ScheduleRecord]


class ScheduleOccurrencesResult(TypedDict):
    """``list_schedule_occurrences()``."""

    occurrences: list[ScheduleOccurrenceRecord]


class ScheduleToolsResult(TypedDict):
    """``list_schedule_tools()``."""

    tools: list[dict[str, Any]]


class ScheduleToolCall(TypedDict, total=False):
    """``call_schedule_tool()`` request."""

    name: str
    arguments: Any


class MobEventCursorEntry(TypedDict, total=False):
    """One mob event with its cursor."""

    cursor: int
    event: dict[str, Any]


class MobEventsResult(TypedDict):
    """``read_mob_events()``."""

    events: list[MobEventCursorEntry]


class MobProfileTools(TypedDict, total=False):
    """Tool switches of a mob profile."""

    builtins: bool
    shell: bool
    comms: bool
    memory: bool
    mob: bool
    mob_tasks: bool
    schedule: bool
    mcp: list[str]


class MobProfile(TypedDict, total=False):
    """A realm-stored mob member profile."""

    model: str
    skills: list[str]
    tools: MobProfileTools
    peer_description: str
    external_addressable: bool
    backend: str | None
    runtime_mode: str
    max_inline_peer_notifications: int | None
    output_schema: dict[str, Any] | None
    provider_params: dict[str, Any] | None


class StoredMobProfile(TypedDict):
    """A mob profile with its revision."""

    name: str
    profile: MobProfile
    revision: int
    created_at: str
    updated_at: str


class DeletedMobProfile(TypedDict):
    """The result of deleting a mob profile."""

    name: str
    deleted_revision: int


class _McpServerBase(TypedDict):
    name: str


class McpServerConfig(_McpServerBase, total=False):
    """An MCP server: stdio (``command``/``args``/``env``) or HTTP (``url``/``headers``/``transport``)."""

    command: str
    args: list[str]
    env: dict[str, str]
    url: str
    headers: dict[str, str]
    transport: Literal["streamable-http", "sse"]
    connect_timeout_secs: int


@dataclass(slots=True)
class McpLiveOpResponse:
    """The result of ``mcp_add`` / ``mcp_remove`` / ``mcp_reload``: the change is staged."""

    operation: str
    persisted: bool
    session_id: str
    status: str
    applied_at_turn: int | None = None
    server_name: str | None = None


class TranscriptMessageReplacement(TypedDict):
    """Replace a whole message."""

    type: Literal["message"]
    message: dict[str, Any]


class TranscriptUserContentBlockReplacement(TypedDict):
    """Replace one block of a user message."""

    type: Literal["user_content_block"]
    block_index: int
    block: ContentBlock


class TranscriptAssistantBlockReplacement(TypedDict):
    """Replace one block of an assistant message."""

    type: Literal["assistant_block"]
    block_index: int
    block: dict[str, Any]


class TranscriptToolResultContentBlockReplacement(TypedDict):
    """Replace one content block of a tool result."""

    type: Literal["tool_result_content_block"]
    result_index: int
    block_index: int
    block: ContentBlock


TranscriptReplacement: TypeAlias = (
    TranscriptMessageReplacement
    | TranscriptUserContentBlockReplacement
    | TranscriptAssistantBlockReplacement
    | TranscriptToolResultContentBlockReplacement
)
"""What ``fork_replace`` replaces."""
