"""``mob/*`` methods of the client (served only when the runtime announces them)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Literal, cast

from ._client_base import _ClientCore
from .errors import MeerkatError
from .streaming import EventSubscription
from .types import MobEventsResult, MobProfile, SkillKey, StoredMobProfile, DeletedMobProfile

if TYPE_CHECKING:
    from .mob import (
        MemberDeliveryReceipt,
        Mob,
        MobHelperResult,
        MobKickoffMemberSnapshot,
        MobLifecycleAction,
        MobMember,
        MobMemberSnapshot,
        MobRespawnResult,
        MobSpawnManyResult,
        MobSpawnResult,
        MobSpawnSpec,
        RenderMetadata,
        WorkOrigin,
    )

__all__ = ["_MobMixin"]

_CAP = "mob"


def _required_str(raw: dict[str, Any], key: str, what: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value:
        raise MeerkatError("INVALID_RESPONSE", f"Invalid {what} response: missing {key}")
    return value


def _snapshot(row: Any, what: str) -> dict[str, Any]:
    if not isinstance(row, dict) or not isinstance(row.get("status"), str) or not row["status"]:
        raise MeerkatError("INVALID_RESPONSE", f"Invalid {what} response: missing status")
    tokens = row.get("tokens_used")
    if isinstance(tokens, bool) or not isinstance(tokens, (int, float)):
        raise MeerkatError("INVALID_RESPONSE", f"Invalid {what} response: tokens_used must be number")
    if not isinstance(row.get("is_final"), bool):
        raise MeerkatError("INVALID_RESPONSE", f"Invalid {what} response: is_final must be boolean")
    return dict(row)


def _helper_result(raw: dict[str, Any], agent_identity: str | None) -> MobHelperResult:
    output = raw.get("output")
    return cast("MobHelperResult", {
        "output": output if isinstance(output, str) else None,
        "tokens_used": int(raw.get("tokens_used") or 0),
        "agent_identity": str(raw.get("agent_identity") or agent_identity or ""),
        "member_ref": _required_str(raw, "member_ref", "mob helper"),
    })


class _MobMixin(_ClientCore):
    """Mob wrappers; :class:`~meerkat.mob.Mob` delegates here."""

    async def create_mob(self, *, definition: Any) -> Mob:
        """Creates a mob from a definition (a dict, or a dataclass whose top-level ``None`` fields are dropped)."""
        from .mob import Mob

        self.require_capability("mob")
        if dataclasses.is_dataclass(definition) and not isinstance(definition, type):
            definition = {k: v for k, v in dataclasses.asdict(definition).items() if v is not None}
        raw = await self._call_dict("mob/create", {"definition": definition}, _CAP)
        return Mob(self, str(raw.get("mob_id") or ""))  # type: ignore[arg-type]

    def mob(self, mob_id: str) -> Mob:
        """A :class:`Mob` handle (no request)."""
        from .mob import Mob

        return Mob(self, mob_id)  # type: ignore[arg-type]

    async def list_mobs(self) -> list[dict[str, Any]]:
        """Every mob of the realm."""
        self.require_capability("mob")
        mobs = (await self._call_dict("mob/list", {}, _CAP)).get("mobs")
        return list(mobs) if isinstance(mobs, list) else []

    async def mob_status(self, mob_id: str) -> dict[str, Any]:
        """``{"mob_id", "status"}``."""
        raw = await self._call_dict("mob/status", {"mob_id": mob_id}, _CAP)
        status = raw.get("status")
        if isinstance(status, dict) and status:
            status = next(iter(status))
        if not isinstance(status, str) or not status:
            raise MeerkatError("INVALID_RESPONSE", "Invalid mob status response: missing status")
        return {"mob_id": str(raw.get("mob_id") or mob_id), "status": status}

    async def list_mob_members(self, mob_id: str) -> list[MobMember]:
        """The mob's members (each needs a ``member_ref``)."""
        rows = (await self._call_dict("mob/members", {"mob_id": mob_id}, _CAP)).get("members")
        members: list[Any] = []
        for row in rows if isinstance(rows, list) else []:
            if not isinstance(row, dict):
                continue
            member = dict(row)
            member["member_ref"] = _required_str(row, "member_ref", "mob members")
            member["profile"] = row.get("profile_name") or row.get("profile") or row.get("role") or ""
            members.append(member)
        return members

    async def send_mob_member_content(
        self,
        mob_id: str,
        agent_identity: str,
        content: str | list[dict[str, Any]],
        *,
        handling_mode: Literal["queue", "steer"] = "queue",
        render_metadata: RenderMetadata | None = None,
    ) -> MemberDeliveryReceipt:
        """Delivers content to a member."""
        params = {"mob_id": mob_id, "agent_identity": agent_identity, "content": content,
                  "handling_mode": handling_mode, "render_metadata": render_metadata}
        raw = await self._call_dict("mob/member_send", params, _CAP)
        mode = raw.get("handling_mode")
        return cast("MemberDeliveryReceipt", {
            "agent_identity": _required_str(raw, "agent_identity", "mob member send"),
            "member_ref": _required_str(raw, "member_ref", "mob member send"),
            "handling_mode": mode if mode in ("queue", "steer") else handling_mode,
        })

    async def spawn_mob_member(
        self,
        mob_id: str,
        *,
        profile: str,
        agent_identity: str,
        initial_message: Any = None,
        runtime_mode: str | None = None,
        backend: str | None = None,
        labels: dict[str, str] | None = None,
        context: Any = None,
        additional_instructions: list[str] | None = None,
        binding: Any = None,
        shell_env: dict[str, str] | None = None,
        auto_wire_parent: bool | None = None,
        launch_mode: dict[str, Any] | None = None,
        tool_access_policy: dict[str, Any] | None = None,
        budget_split_policy: dict[str, Any] | None = None,
        inherited_tool_filter: Any = None,
        override_profile: dict[str, Any] | None = None,
        auth_binding: dict[str, Any] | None = None,
    ) -> MobSpawnResult:
        """Spawns a member from a profile."""
        params: dict[str, Any] = {
            "mob_id": mob_id, "profile": profile, "agent_identity": agent_identity,
            "initial_message": initial_message, "runtime_mode": runtime_mode, "backend": backend, "labels": labels,
            "context": context, "additional_instructions": additional_instructions,
        }
        for key, value in (("binding", binding), ("shell_env", shell_env), ("auto_wire_parent", auto_wire_parent),
                           ("launch_mode", launch_mode), ("tool_access_policy", tool_access_policy),
                           ("budget_split_policy", budget_split_policy),
                           ("inherited_tool_filter", inherited_tool_filter), ("override_profile", override_profile),
                           ("auth_binding", auth_binding)):
            if value is not None:
                params[key] = value
        raw = await self._call_dict("mob/spawn", params, _CAP)
        return cast("MobSpawnResult", {
            "mob_id": str(raw.get("mob_id") or mob_id),
            "agent_identity": _required_str(raw, "agent_identity", "mob spawn"),
            "member_ref": _required_str(raw, "member_ref", "mob spawn"),
        })

    async def spawn_mob_members(self, mob_id: str, specs: list[MobSpawnSpec]) -> MobSpawnManyResult:
        """Spawns several members; one entry per spec (the rows are checked strictly, ``INVALID_RESPONSE``)."""
        from .mob import parse_spawn_many_result

        return parse_spawn_many_result(await self._call_dict("mob/spawn_many", {"mob_id": mob_id, "specs": specs},
                                                             _CAP))

    async def read_mob_events(self, mob_id: str, *, after_cursor: int = 0, limit: int = 100) -> MobEventsResult:
        """Mob events after a cursor."""
        params = {"mob_id": mob_id, "after_cursor": after_cursor, "limit": limit}
        events = (await self._call_dict("mob/events", params, _CAP)).get("events")
        return {"events": list(events) if isinstance(events, list) else []}

    async def mob_ingress_interaction(self, params: dict[str, Any]) -> dict[str, Any]:
        """``mob/ingress_interaction``."""
        return await self._call_dict("mob/ingress_interaction", dict(params), _CAP)

    async def retire_mob_member(self, mob_id: str, agent_identity: str) -> None:
        """Retires a member."""
        await self._call("mob/retire", {"mob_id": mob_id, "agent_identity": agent_identity}, _CAP)

    async def respawn_mob_member(
        self, mob_id: str, agent_identity: str, initial_message: str | list[dict[str, Any]] | None = None
    ) -> MobRespawnResult:
        """Respawns a member."""
        params = {"mob_id": mob_id, "agent_identity": agent_identity, "initial_message": initial_message}
        raw = await self._call_dict("mob/respawn", params, _CAP)
        receipt = raw["receipt"]
        if not isinstance(receipt, dict):
            raise MeerkatError("INVALID_RESPONSE", "Invalid mob respawn response: receipt")
        result: dict[str, Any] = {
            "status": "topology_restore_failed" if raw.get("status") == "topology_restore_failed" else "completed",
            "receipt": {"agent_identity": _required_str(receipt, "identity", "mob respawn"),
                        "member_ref": _required_str(receipt, "member_ref", "mob respawn")},
        }
        if isinstance(raw.get("failed_peer_ids"), list):
            result["failed_peer_ids"] = raw["failed_peer_ids"]
        return cast("MobRespawnResult", result)

    async def force_cancel_mob_member(self, mob_id: str, agent_identity: str) -> None:
        """Cancels a member's running work."""
        await self._call("mob/force_cancel", {"mob_id": mob_id, "agent_identity": agent_identity}, _CAP)

    async def mob_turn_start(
        self,
        mob_id: str,
        agent_identity: str,
        prompt: Any,
        *,
        skill_refs: list[SkillKey] | None = None,
        flow_tool_overlay: dict[str, Any] | None = None,
        additional_instructions: list[str] | None = None,
        keep_alive: bool | None = None,
        model: str | None = None,
        provider: str | None = None,
        max_tokens: int | None = None,
        system_prompt: str | None = None,
        output_schema: dict[str, Any] | None = None,
        structured_output_retries: int | None = None,
        provider_params: dict[str, Any] | None = None,
        clear_provider_params: bool | None = None,
        auth_binding: dict[str, Any] | None = None,
        clear_auth_binding: bool | None = None,
    ) -> dict[str, Any]:
        """Runs a turn on a member."""
        params = {k: v for k, v in locals().items() if k != "self" and v is not None}
        if skill_refs is not None:
            params["skill_refs"] = [key.to_ref() for key in skill_refs]
        return await self._call_dict("mob/turn_start", params, _CAP)

    async def mob_member_status(self, mob_id: str, agent_identity: str) -> MobMemberSnapshot:
        """A member's status snapshot."""
        raw = await self._call_dict("mob/member_status", {"mob_id": mob_id, "agent_identity": agent_identity}, _CAP)
        return cast("MobMemberSnapshot", _snapshot(raw, "mob member status"))

    async def _wait_members(self, method: str, mob_id: str, member_ids: list[str] | None,
                            timeout_ms: int | None) -> list[Any]:
        params: dict[str, Any] = {"mob_id": mob_id}
        if member_ids is not None:
            params["member_ids"] = member_ids
        if timeout_ms is not None:
            params["timeout_ms"] = timeout_ms
        raw = await self._call_dict(method, params, _CAP)
        rows = raw.get("members")
        return [_snapshot(row, method) for row in (rows if isinstance(rows, list) else [])]

    async def wait_mob_kickoff(
        self, mob_id: str, *, member_ids: list[str] | None = None, timeout_ms: int | None = None
    ) -> list[MobKickoffMemberSnapshot]:
        """Waits until the members finished their kickoff."""
        return await self._wait_members("mob/wait_kickoff", mob_id, member_ids, timeout_ms)

    async def wait_mob_ready(
        self, mob_id: str, *, member_ids: list[str] | None = None, timeout_ms: int | None = None
    ) -> list[MobKickoffMemberSnapshot]:
        """Waits until the members are ready."""
        return await self._wait_members("mob/wait_ready", mob_id, member_ids, timeout_ms)

    async def spawn_mob_helper(
        self, mob_id: str, prompt: str, *, agent_identity: str | None = None, role_name: str | None = None,
        runtime_mode: str | None = None, backend: str | None = None,
    ) -> MobHelperResult:
        """Spawns a helper, runs its prompt and waits for its output."""
        params = {"mob_id": mob_id, "prompt": prompt, "agent_identity": agent_identity, "role_name": role_name,
                  "runtime_mode": runtime_mode, "backend": backend}
        return _helper_result(await self._call_dict("mob/spawn_helper", params, _CAP), agent_identity)

    async def fork_mob_helper(
        self, mob_id: str, source_member_id: str, prompt: str, *, agent_identity: str | None = None,
        role_name: str | None = None, fork_context: dict[str, Any] | None = None, runtime_mode: str | None = None,
        backend: str | None = None,
    ) -> MobHelperResult:
        """Forks a helper from a member's history."""
        params = {"mob_id": mob_id, "source_member_id": source_member_id, "prompt": prompt,
                  "agent_identity": agent_identity, "role_name": role_name, "fork_context": fork_context,
                  "runtime_mode": runtime_mode, "backend": backend}
        return _helper_result(await self._call_dict("mob/fork_helper", params, _CAP), agent_identity)

    async def create_mob_profile(self, name: str, profile: MobProfile) -> StoredMobProfile:
        """Stores a realm mob profile."""
        return cast(StoredMobProfile, await self._call_dict("mob/profile/create", {"name": name, "profile": profile},
                                                            _CAP))

    async def get_mob_profile(self, name: str) -> StoredMobProfile | None:
        """A stored mob profile, or ``None``."""
        raw = await self._call_dict("mob/profile/get", {"name": name}, _CAP)
        return None if raw.get("not_found") is True else cast(StoredMobProfile, raw)

    async def list_mob_profiles(self) -> list[StoredMobProfile]:
        """Every stored mob profile."""
        profiles = (await self._call_dict("mob/profile/list", {}, _CAP)).get("profiles")
        return list(profiles) if isinstance(profiles, list) else []

    async def update_mob_profile(self, name: str, profile: MobProfile, expected_revision: int) -> StoredMobProfile:
        """Updates a stored mob profile (CAS on its revision)."""
        params = {"name": name, "profile": profile, "expected_revision": expected_revision}
        return cast(StoredMobProfile, await self._call_dict("mob/profile/update", params, _CAP))

    async def delete_mob_profile(self, name: str, expected_revision: int) -> DeletedMobProfile:
        """Deletes a stored mob profile (CAS on its revision)."""
        params = {"name": name, "expected_revision": expected_revision}
        return cast(DeletedMobProfile, await self._call_dict("mob/profile/delete", params, _CAP))

    async def wire_mob_members(self, mob_id: str, member: str, peer: str | dict[str, Any]) -> None:
        """Wires two members (a string peer is a local member)."""
        wire_peer = {"local": peer} if isinstance(peer, str) else peer
        await self._call("mob/wire", {"mob_id": mob_id, "member": member, "peer": wire_peer}, _CAP)

    async def unwire_mob_members(self, mob_id: str, member: str, peer: str | dict[str, Any]) -> None:
        """Unwires two members."""
        wire_peer = {"local": peer} if isinstance(peer, str) else peer
        await self._call("mob/unwire", {"mob_id": mob_id, "member": member, "peer": wire_peer}, _CAP)

    async def mob_lifecycle(self, mob_id: str, action: MobLifecycleAction) -> None:
        """stop / resume / complete / reset / destroy."""
        await self._call("mob/lifecycle", {"mob_id": mob_id, "action": action}, _CAP)

    async def mob_snapshot(self, mob_id: str) -> dict[str, Any]:
        """``mob/snapshot``."""
        return await self._call_dict("mob/snapshot", {"mob_id": mob_id}, _CAP)

    async def mob_destroy(self, mob_id: str) -> dict[str, Any]:
        """``mob/destroy``."""
        return await self._call_dict("mob/destroy", {"mob_id": mob_id}, _CAP)

    async def mob_rotate_supervisor(self, mob_id: str) -> dict[str, Any]:
        """``mob/rotate_supervisor``."""
        return await self._call_dict("mob/rotate_supervisor", {"mob_id": mob_id}, _CAP)

    async def mob_submit_work(
        self, member_ref: str, content: Any, *, work_ref: str | None = None, origin: WorkOrigin = "external"
    ) -> dict[str, Any]:
        """Submits work to a member."""
        params: dict[str, Any] = {"member_ref": member_ref, "content": content, "origin": origin}
        if work_ref is not None:
            params["work_ref"] = work_ref
        return await self._call_dict("mob/submit_work", params, _CAP)

    async def mob_cancel_work(self, mob_id: str, work_ref: str) -> dict[str, Any]:
        """Cancels submitted work."""
        return await self._call_dict("mob/cancel_work", {"mob_id": mob_id, "work_ref": work_ref}, _CAP)

    async def mob_cancel_all_work(self, member_ref: str) -> dict[str, Any]:
        """Cancels all of a member's work."""
        return await self._call_dict("mob/cancel_all_work", {"member_ref": member_ref}, _CAP)

    async def append_mob_system_context(
        self, mob_id: str, agent_identity: str, text: str, *, source: str | None = None,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """Stages system context for a member."""
        params = {"mob_id": mob_id, "agent_identity": agent_identity, "text": text, "source": source,
                  "idempotency_key": idempotency_key}
        raw = await self._call_dict("mob/append_system_context", params, _CAP)
        return {"mob_id": str(raw.get("mob_id") or mob_id),
                "agent_identity": str(raw.get("agent_identity") or agent_identity),
                "status": "duplicate" if raw.get("status") == "duplicate" else "staged"}

    async def list_mob_flows(self, mob_id: str) -> list[str]:
        """The mob's flow ids."""
        flows = (await self._call_dict("mob/flows", {"mob_id": mob_id}, _CAP)).get("flows")
        return list(flows) if isinstance(flows, list) else []

    async def run_mob_flow(self, mob_id: str, flow_id: str, params: dict[str, Any] | None = None) -> str:
        """Starts a flow; returns its run id."""
        raw = await self._call_dict("mob/flow_run", {"mob_id": mob_id, "flow_id": flow_id, "params": params or {}},
                                    _CAP)
        return str(raw.get("run_id") or "")

    async def get_mob_flow_status(self, mob_id: str, run_id: str) -> dict[str, Any] | None:
        """A flow run's status, or ``None``."""
        run = (await self._call_dict("mob/flow_status", {"mob_id": mob_id, "run_id": run_id}, _CAP)).get("run")
        return run if isinstance(run, dict) else None

    async def cancel_mob_flow(self, mob_id: str, run_id: str) -> None:
        """Cancels a flow run."""
        await self._call("mob/flow_cancel", {"mob_id": mob_id, "run_id": run_id}, _CAP)

    async def _open_mob_stream(self, params: dict[str, Any], mob_wide: bool) -> EventSubscription:
        raw = await self._call_dict("mob/stream_open", params, _CAP)
        stream_id = raw.get("stream_id")
        if not isinstance(stream_id, str) or not stream_id:
            raise MeerkatError("INVALID_RESPONSE", "mob/stream_open did not return stream_id")
        return EventSubscription(connection=self._require_connection(), stream_id=stream_id,
                                 close_method="mob/stream_close", mob_wide=mob_wide, closer=self._raw_request)

    async def subscribe_mob_events(self, mob_id: str) -> EventSubscription:
        """Every member's events, attributed (``AttributedEvent``)."""
        return await self._open_mob_stream({"mob_id": mob_id}, mob_wide=True)

    async def subscribe_mob_member_events(self, mob_id: str, agent_identity: str) -> EventSubscription:
        """One member's events (``EventEnvelope``)."""
        return await self._open_mob_stream({"mob_id": mob_id, "agent_identity": agent_identity}, mob_wide=False)

    async def mob_ensure_member(self, mob_id: str, spec: dict[str, Any]) -> dict[str, Any]:
        """Spawns the member unless it exists."""
        return await self._call_dict("mob/ensure_member", {"mob_id": mob_id, "spec": spec}, _CAP)

    async def mob_reconcile(
        self, mob_id: str, desired: list[dict[str, Any]], options: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Reconciles the members with a desired set."""
        params: dict[str, Any] = {"mob_id": mob_id, "desired": desired}
        if options is not None:
            params["options"] = options
        return await self._call_dict("mob/reconcile", params, _CAP)

    async def mob_list_members_matching(self, mob_id: str, filter: dict[str, Any]) -> dict[str, Any]:  # noqa: A002
        """Members matching a filter."""
        return await self._call_dict("mob/list_members_matching", {"mob_id": mob_id, "filter": filter}, _CAP)
