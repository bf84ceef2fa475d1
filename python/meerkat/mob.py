"""``Mob``: a mob control handle (every method delegates to the client), ``Member``, and mob result types."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, TypedDict, get_args

from .errors import MeerkatError

if TYPE_CHECKING:
    from .client import MeerkatClient
    from .streaming import EventSubscription

__all__ = [
    "Member",
    "MemberDeliveryReceipt",
    "MemberRespawnReceipt",
    "Mob",
    "MobHelperResult",
    "MobKickoffMemberSnapshot",
    "MobLifecycleAction",
    "MobMember",
    "MobMemberRef",
    "MobMemberSnapshot",
    "MobPeerConnectivitySnapshot",
    "MobReadyMemberSnapshot",
    "MobRespawnResult",
    "MobSpawnManyFailedResult",
    "MobSpawnManyFailureCause",
    "MobSpawnManyResult",
    "MobSpawnManyResultEntry",
    "MobSpawnManyResultPayload",
    "MobSpawnManyResultStatus",
    "MobSpawnManySpawnedResult",
    "MobSpawnResult",
    "MobSpawnSpec",
    "MobUnreachablePeer",
    "RenderMetadata",
    "WorkOrigin",
]

MobLifecycleAction: TypeAlias = Literal["stop", "resume", "complete", "reset", "destroy"]
"""A mob lifecycle transition."""
WorkOrigin: TypeAlias = Literal["external", "internal"]
"""Where submitted work comes from."""
MobMemberRef: TypeAlias = str
"""A member reference."""

RenderMetadata = TypedDict("RenderMetadata", {"class": str, "salience": str}, total=False)
"""How delivered content is rendered to the member."""


class MemberDeliveryReceipt(TypedDict):
    """Content was delivered to a member."""

    agent_identity: str
    member_ref: str
    handling_mode: Literal["queue", "steer"]


class MemberRespawnReceipt(TypedDict):
    """A member was respawned."""

    agent_identity: str
    member_ref: str


class _MobRespawnResultBase(TypedDict):
    status: Literal["completed", "topology_restore_failed"]
    receipt: MemberRespawnReceipt


class MobRespawnResult(_MobRespawnResultBase, total=False):
    """``respawn_mob_member``."""

    failed_peer_ids: list[str]


class MobUnreachablePeer(TypedDict, total=False):
    """A peer a member cannot reach."""

    peer: str
    reason: str


class MobPeerConnectivitySnapshot(TypedDict):
    """A member's peer connectivity."""

    reachable_peer_count: int
    unknown_peer_count: int
    unreachable_peers: list[MobUnreachablePeer]


class _MobMemberSnapshotBase(TypedDict):
    status: str
    tokens_used: int
    is_final: bool


class MobMemberSnapshot(_MobMemberSnapshotBase, total=False):
    """``mob_member_status``."""

    output_preview: str
    error: str
    resolved_capabilities: dict[str, bool]
    peer_connectivity: MobPeerConnectivitySnapshot
    kickoff: dict[str, Any]
    current_session_id: str


class _MobKickoffMemberSnapshotBase(TypedDict):
    agent_identity: str
    status: str
    tokens_used: int
    is_final: bool


class MobKickoffMemberSnapshot(_MobKickoffMemberSnapshotBase, total=False):
    """One member of ``wait_mob_kickoff`` / ``wait_mob_ready``."""

    output_preview: str
    error: str
    peer_connectivity: MobPeerConnectivitySnapshot
    kickoff: dict[str, Any]


MobReadyMemberSnapshot: TypeAlias = MobKickoffMemberSnapshot
"""One member of ``wait_mob_ready``."""


class MobHelperResult(TypedDict):
    """``spawn_mob_helper`` / ``fork_mob_helper``."""

    output: str | None
    tokens_used: int
    agent_identity: str
    member_ref: str


class _MobSpawnSpecBase(TypedDict):
    profile: str
    agent_identity: str


class MobSpawnSpec(_MobSpawnSpecBase, total=False):
    """One member of ``spawn_mob_members``."""

    initial_message: Any
    runtime_mode: str | None
    backend: str | None
    labels: dict[str, str] | None
    context: Any
    additional_instructions: list[str] | None
    auth_binding: dict[str, Any] | None


MobSpawnManyResultStatus: TypeAlias = Literal["spawned", "failed"]
"""The outcome of one ``mob/spawn_many`` spec."""
MobSpawnManyFailureCause: TypeAlias = Literal[
    "profile_not_found", "member_not_found", "member_already_exists", "not_externally_addressable",
    "invalid_transition", "wiring_error", "bridge_command_rejected", "member_restore_failed",
    "kickoff_wait_timed_out", "ready_wait_timed_out", "definition_error", "flow_not_found", "flow_failed",
    "run_not_found", "run_canceled", "flow_turn_timed_out", "frame_depth_limit_exceeded",
    "frame_atomic_persistence_unavailable", "spec_revision_conflict", "schema_validation", "insufficient_targets",
    "topology_violation", "bridge_delivery_rejected", "supervisor_escalation", "unsupported_for_mode",
    "reset_barrier", "storage_error", "session_error", "comms_error", "callback_pending", "stale_fence_token",
    "stale_event_cursor", "work_not_found", "internal",
]
"""Why one ``mob/spawn_many`` spec failed (02 §1.3, the exact enum)."""
_FAILURE_CAUSES: frozenset[str] = frozenset(get_args(MobSpawnManyFailureCause))


@dataclass(frozen=True)
class MobSpawnManySpawnedResult:
    """A spec that spawned its member."""

    agent_identity: str
    member_ref: str


@dataclass(frozen=True)
class MobSpawnManyFailedResult:
    """A spec that failed."""

    cause: MobSpawnManyFailureCause
    message: str


MobSpawnManyResultPayload: TypeAlias = MobSpawnManySpawnedResult | MobSpawnManyFailedResult
"""The payload of one ``mob/spawn_many`` row."""


@dataclass(frozen=True)
class MobSpawnManyResultEntry:
    """One row of ``mob/spawn_many``: ``status`` and its payload."""

    result: MobSpawnManyResultPayload
    status: MobSpawnManyResultStatus


@dataclass(frozen=True)
class MobSpawnManyResult:
    """``spawn_mob_members`` / ``Mob.spawn_many``: one entry per spec, in order."""

    results: list[MobSpawnManyResultEntry]


def _spawn_many_invalid(detail: str) -> MeerkatError:
    return MeerkatError("INVALID_RESPONSE", f"Invalid mob spawn_many response: {detail}")


def _nonempty(payload: dict[str, Any], key: str) -> str:
    value = payload.get(key)
    if not isinstance(value, str) or not value:
        raise _spawn_many_invalid(f"{key} must be a non-empty string")
    return value


def parse_spawn_many_result(raw: Any) -> MobSpawnManyResult:
    """The strict ``mob/spawn_many`` result: rows are exactly ``{status, result}`` (none of ``ok``, ``error``,
    ``agent_identity``, ``member_ref``); a spawned payload has only non-empty ``agent_identity`` and
    ``member_ref``; a failed payload only a known ``cause`` and a non-empty ``message``. ``INVALID_RESPONSE``
    otherwise."""
    rows = raw.get("results") if isinstance(raw, dict) else None
    if not isinstance(rows, list):
        raise _spawn_many_invalid("missing results")
    entries: list[MobSpawnManyResultEntry] = []
    for row in rows:
        if not isinstance(row, dict) or set(row) != {"status", "result"}:
            raise _spawn_many_invalid("each row must be exactly {status, result}")
        status, payload = row["status"], row["result"]
        if not isinstance(payload, dict):
            raise _spawn_many_invalid("result must be an object")
        if status == "spawned":
            if not set(payload) <= {"agent_identity", "member_ref"}:
                raise _spawn_many_invalid("unexpected keys in a spawned result")
            spawned = MobSpawnManySpawnedResult(_nonempty(payload, "agent_identity"), _nonempty(payload, "member_ref"))
            entries.append(MobSpawnManyResultEntry(result=spawned, status="spawned"))
        elif status == "failed":
            if not set(payload) <= {"cause", "message"}:
                raise _spawn_many_invalid("unexpected keys in a failed result")
            cause = payload.get("cause")
            if cause not in _FAILURE_CAUSES:
                raise _spawn_many_invalid(f"unknown failure cause {cause!r}")
            failed = MobSpawnManyFailedResult(cause=cause, message=_nonempty(payload, "message"))
            entries.append(MobSpawnManyResultEntry(result=failed, status="failed"))
        else:
            raise _spawn_many_invalid(f"unknown status {status!r}")
    return MobSpawnManyResult(results=entries)


class MobSpawnResult(TypedDict):
    """``spawn_mob_member``."""

    mob_id: str
    agent_identity: str
    member_ref: str


class _MobMemberBase(TypedDict):
    agent_identity: str
    member_ref: str
    profile: str


class MobMember(_MobMemberBase, total=False):
    """One row of ``list_mob_members``."""

    peer_id: str
    external_peer_specs: dict[str, dict[str, Any]]
    runtime_mode: str
    state: str
    wired_to: list[str]
    labels: dict[str, str]
    status: str
    error: str
    is_final: bool
    kickoff: dict[str, Any]


class Member:
    """A handle on one mob member."""

    def __init__(self, mob: Mob, agent_identity: str) -> None:
        self._mob = mob
        self.agent_identity = agent_identity

    async def send(
        self, content: str | list[dict[str, Any]], *, handling_mode: Literal["queue", "steer"] = "queue",
        render_metadata: RenderMetadata | None = None,
    ) -> MemberDeliveryReceipt:
        """Delivers content to the member."""
        return await self._mob._client.send_mob_member_content(
            self._mob.id, self.agent_identity, content, handling_mode=handling_mode, render_metadata=render_metadata
        )

    async def events(self) -> EventSubscription:
        """The member's event stream."""
        return await self._mob._client.subscribe_mob_member_events(self._mob.id, self.agent_identity)


class Mob:
    """A mob control handle; ``id`` is the mob id."""

    def __init__(self, client: MeerkatClient, mob_id: str) -> None:
        self._client = client
        self.id = mob_id

    async def status(self) -> dict[str, Any]:
        """``{"mob_id", "status"}``."""
        return await self._client.mob_status(self.id)

    async def members(self) -> list[MobMember]:
        """The members."""
        return await self._client.list_mob_members(self.id)

    async def spawn(self, *, profile: str, agent_identity: str, **options: Any) -> MobSpawnResult:
        """Spawns a member (options as :meth:`MeerkatClient.spawn_mob_member`)."""
        return await self._client.spawn_mob_member(self.id, profile=profile, agent_identity=agent_identity, **options)

    async def spawn_many(self, specs: list[MobSpawnSpec]) -> MobSpawnManyResult:
        """Spawns several members; one entry per spec."""
        return await self._client.spawn_mob_members(self.id, specs)

    async def read_events(self, *, after_cursor: int = 0, limit: int = 100) -> dict[str, Any]:
        """Mob events after a cursor."""
        return dict(await self._client.read_mob_events(self.id, after_cursor=after_cursor, limit=limit))

    async def retire(self, agent_identity: str) -> None:
        """Retires a member."""
        await self._client.retire_mob_member(self.id, agent_identity)

    async def force_cancel(self, agent_identity: str) -> None:
        """Cancels a member's running work."""
        await self._client.force_cancel_mob_member(self.id, agent_identity)

    async def respawn(self, agent_identity: str, initial_message: Any = None) -> MobRespawnResult:
        """Respawns a member."""
        return await self._client.respawn_mob_member(self.id, agent_identity, initial_message)

    async def member_status(self, agent_identity: str) -> MobMemberSnapshot:
        """A member's status."""
        return await self._client.mob_member_status(self.id, agent_identity)

    async def wait_for_kickoff_complete(
        self, *, member_ids: list[str] | None = None, timeout_ms: int | None = None
    ) -> list[MobKickoffMemberSnapshot]:
        """Waits for the members' kickoff."""
        return await self._client.wait_mob_kickoff(self.id, member_ids=member_ids, timeout_ms=timeout_ms)

    async def wait_for_ready(
        self, *, member_ids: list[str] | None = None, timeout_ms: int | None = None
    ) -> list[MobKickoffMemberSnapshot]:
        """Waits until the members are ready."""
        return await self._client.wait_mob_ready(self.id, member_ids=member_ids, timeout_ms=timeout_ms)

    async def spawn_helper(
        self, prompt: str, *, agent_identity: str | None = None, role_name: str | None = None
    ) -> MobHelperResult:
        """Spawns a helper and waits for its output."""
        return await self._client.spawn_mob_helper(self.id, prompt, agent_identity=agent_identity,
                                                   role_name=role_name)

    async def fork_helper(
        self, source_member_id: str, prompt: str, *, agent_identity: str | None = None,
        role_name: str | None = None, fork_context: dict[str, Any] | None = None,
    ) -> MobHelperResult:
        """Forks a helper from a member."""
        return await self._client.fork_mob_helper(self.id, source_member_id, prompt, agent_identity=agent_identity,
                                                  role_name=role_name, fork_context=fork_context)

    async def wire(self, member: str, peer: str | dict[str, Any]) -> None:
        """Wires two members."""
        await self._client.wire_mob_members(self.id, member, peer)

    async def unwire(self, member: str, peer: str | dict[str, Any]) -> None:
        """Unwires two members."""
        await self._client.unwire_mob_members(self.id, member, peer)

    async def lifecycle(self, action: MobLifecycleAction) -> None:
        """A lifecycle transition."""
        await self._client.mob_lifecycle(self.id, action)

    def member(self, agent_identity: str) -> Member:
        """A :class:`Member` handle."""
        return Member(self, agent_identity)

    async def append_system_context(
        self, agent_identity: str, text: str, *, source: str | None = None, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        """Stages system context for a member."""
        return await self._client.append_mob_system_context(self.id, agent_identity, text, source=source,
                                                            idempotency_key=idempotency_key)

    async def flows(self) -> list[str]:
        """The mob's flows."""
        return await self._client.list_mob_flows(self.id)

    async def run_flow(self, flow_id: str, params: dict[str, Any] | None = None) -> str:
        """Starts a flow; returns its run id."""
        return await self._client.run_mob_flow(self.id, flow_id, params)

    async def flow_status(self, run_id: str) -> dict[str, Any] | None:
        """A flow run's status."""
        return await self._client.get_mob_flow_status(self.id, run_id)

    async def cancel_flow(self, run_id: str) -> None:
        """Cancels a flow run."""
        await self._client.cancel_mob_flow(self.id, run_id)

    async def subscribe_member_events(self, agent_identity: str) -> EventSubscription:
        """One member's event stream."""
        return await self._client.subscribe_mob_member_events(self.id, agent_identity)

    subscribe_member = subscribe_member_events

    async def subscribe_events(self) -> EventSubscription:
        """The mob-wide event stream."""
        return await self._client.subscribe_mob_events(self.id)

    subscribe_all = subscribe_events

    def __repr__(self) -> str:
        return f"<Mob id={self.id!r}>"
