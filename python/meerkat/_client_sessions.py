"""Session, turn and history methods of :class:`~meerkat.client.MeerkatClient`."""

from __future__ import annotations

from typing import Any, Literal

from ._client_base import _ClientCore
from ._parse import (
    parse_fork_result,
    parse_history,
    parse_run_result,
    parse_session_details,
    parse_session_summaries,
)
from .errors import MeerkatError
from .session import DeferredSession, Session
from .streaming import EventStream, EventSubscription
from .types import (
    ContentBlock,
    ContentInput,
    HelpExecutionMode,
    PeerCorrelationId,
    PeerId,
    RunResult,
    SessionDetails,
    SessionForkResult,
    SessionHistory,
    SessionSummary,
    SkillKey,
    SkillRef,
    TranscriptEditRunningBehavior,
    TranscriptReplacement,
)

__all__ = ["_SessionsMixin"]


def _skill_keys(keys: list[SkillKey] | None, *, as_refs: bool) -> list[dict[str, Any]] | None:
    if keys is None:
        return None
    out = []
    for key in keys:
        if not isinstance(key, SkillKey):
            raise TypeError("Skill references must be SkillKey objects")
        out.append(key.to_ref() if as_refs else key.to_wire())
    return out


def _create_params(prompt: ContentInput, options: dict[str, Any]) -> dict[str, Any]:
    """``session/create`` params: falsy ``model``/``provider``/``system_prompt``/``max_tokens``/``comms_name``
    are dropped (as the 0.6.6 SDK does), other ``None`` options are omitted."""
    params: dict[str, Any] = {"prompt": prompt}
    falsy_dropped = ("model", "provider", "system_prompt", "max_tokens", "comms_name")
    for key, value in options.items():
        if key in falsy_dropped:
            if value:
                params[key] = value
        elif key == "preload_skills":
            if value is not None:
                params[key] = _skill_keys(value, as_refs=False)
        elif key == "skill_refs":
            if value is not None:
                params[key] = _skill_keys(value, as_refs=True)
        elif value is not None:
            params[key] = value
    return params


def _turn_params(session_id: str, prompt: ContentInput, options: dict[str, Any]) -> dict[str, Any]:
    params: dict[str, Any] = {"session_id": session_id, "prompt": prompt}
    for key, value in options.items():
        if value is None:
            continue
        params[key] = _skill_keys(value, as_refs=True) if key == "skill_refs" else value
    return params


class _SessionsMixin(_ClientCore):
    """``session/*``, ``turn/*``, ``help/ask`` and comms wrappers."""

    # -- create ----------------------------------------------------------------------------------------
    async def create_session(
        self,
        prompt: ContentInput,
        *,
        model: str | None = None,
        provider: str | None = None,
        auth_binding: dict[str, str] | None = None,
        system_prompt: str | None = None,
        max_tokens: int | None = None,
        output_schema: dict[str, Any] | None = None,
        structured_output_retries: int | None = None,
        hooks_override: dict[str, Any] | None = None,
        enable_builtins: bool | None = None,
        enable_shell: bool | None = None,
        enable_memory: bool | None = None,
        enable_schedule: bool | None = None,
        enable_mob: bool | None = None,
        enable_web_search: bool | None = None,
        keep_alive: bool | None = None,
        comms_name: str | None = None,
        peer_meta: dict[str, Any] | None = None,
        budget_limits: dict[str, Any] | None = None,
        provider_params: dict[str, Any] | None = None,
        preload_skills: list[SkillKey] | None = None,
        skill_refs: list[SkillRef] | None = None,
        labels: dict[str, str] | None = None,
        additional_instructions: list[str] | None = None,
        app_context: dict[str, Any] | None = None,
        shell_env: dict[str, str] | None = None,
        external_tools: list[dict[str, Any]] | None = None,
        tool_filter: Any = None,
    ) -> Session:
        """Creates a session and runs its first turn; returns a :class:`Session` holding the result."""
        options = {k: v for k, v in locals().items() if k not in ("self", "prompt")}
        raw = await self._call("session/create", _create_params(prompt, options), "sessions")
        return Session(self, parse_run_result(raw))  # type: ignore[arg-type]

    def create_session_streaming(
        self,
        prompt: ContentInput,
        *,
        model: str | None = None,
        provider: str | None = None,
        auth_binding: dict[str, str] | None = None,
        system_prompt: str | None = None,
        max_tokens: int | None = None,
        output_schema: dict[str, Any] | None = None,
        structured_output_retries: int | None = None,
        hooks_override: dict[str, Any] | None = None,
        enable_builtins: bool | None = None,
        enable_shell: bool | None = None,
        enable_memory: bool | None = None,
        enable_schedule: bool | None = None,
        enable_mob: bool | None = None,
        enable_web_search: bool | None = None,
        keep_alive: bool | None = None,
        comms_name: str | None = None,
        peer_meta: dict[str, Any] | None = None,
        budget_limits: dict[str, Any] | None = None,
        provider_params: dict[str, Any] | None = None,
        preload_skills: list[SkillKey] | None = None,
        skill_refs: list[SkillRef] | None = None,
        labels: dict[str, str] | None = None,
        additional_instructions: list[str] | None = None,
        app_context: dict[str, Any] | None = None,
        shell_env: dict[str, str] | None = None,
        external_tools: list[dict[str, Any]] | None = None,
        tool_filter: Any = None,
    ) -> EventStream:
        """Creates a session with its first turn streamed: ``async with client.create_session_streaming(...)``.

        ``events.session_id`` is known once the run started; ``events.session`` gives a :class:`Session`
        after the run. Only one streamed create may be pending at a time: a second one raises
        ``MeerkatError`` code ``INVALID_STATE`` (also a ``RuntimeError``, as in the 0.6.6 SDK).
        """
        options = {k: v for k, v in locals().items() if k not in ("self", "prompt")}
        connection = self._require_connection()
        self._check_served("session/create", "sessions")
        return EventStream(
            connection=connection,
            method="session/create",
            params=_create_params(prompt, options),
            session_id=None,
            timeout=self._request_timeout,
            session_factory=lambda result: Session(self, result),  # type: ignore[arg-type]
            before_send=self._flush_registrations,
        )

    async def create_deferred_session(
        self,
        prompt: ContentInput,
        *,
        model: str | None = None,
        provider: str | None = None,
        auth_binding: dict[str, str] | None = None,
        system_prompt: str | None = None,
        max_tokens: int | None = None,
        output_schema: dict[str, Any] | None = None,
        structured_output_retries: int | None = None,
        hooks_override: dict[str, Any] | None = None,
        enable_builtins: bool | None = None,
        enable_shell: bool | None = None,
        enable_memory: bool | None = None,
        enable_schedule: bool | None = None,
        enable_mob: bool | None = None,
        enable_web_search: bool | None = None,
        keep_alive: bool | None = None,
        comms_name: str | None = None,
        peer_meta: dict[str, Any] | None = None,
        budget_limits: dict[str, Any] | None = None,
        provider_params: dict[str, Any] | None = None,
        preload_skills: list[SkillKey] | None = None,
        skill_refs: list[SkillRef] | None = None,
        labels: dict[str, str] | None = None,
        additional_instructions: list[str] | None = None,
        app_context: dict[str, Any] | None = None,
        shell_env: dict[str, str] | None = None,
        external_tools: list[dict[str, Any]] | None = None,
        tool_filter: Any = None,
    ) -> DeferredSession:
        """Creates a session without running it (``initial_turn: "deferred"``); ``prompt`` is staged."""
        options = {k: v for k, v in locals().items() if k not in ("self", "prompt")}
        params = _create_params(prompt, options)
        params["initial_turn"] = "deferred"
        raw = await self._call_dict("session/create", params, "sessions")
        ref = raw.get("session_ref")
        return DeferredSession(self, str(raw.get("session_id", "")), ref if isinstance(ref, str) else None)  # type: ignore[arg-type]

    async def resume_session(self, session_id: str) -> Session:
        """A :class:`Session` handle on an existing session (e.g. after a restart with the same realm).

        Reads the session (``SessionNotFoundError`` when it does not exist); the handle's ``last_result`` is
        an empty result carrying the id, ref and last assistant text.
        """
        details = await self.read_session(session_id)
        seed = RunResult(
            session_id=details.session_id or session_id,
            session_ref=details.session_ref,
            text=details.last_assistant_text or "",
        )
        return Session(self, seed)  # type: ignore[arg-type]

    def session(self, session_id: str, session_ref: str | None = None) -> Session:
        """A :class:`Session` handle for ``session_id`` without any request."""
        return Session(self, RunResult(session_id=session_id, session_ref=session_ref))  # type: ignore[arg-type]

    # -- turns -----------------------------------------------------------------------------------------
    async def start_turn(
        self,
        session_id: str,
        prompt: ContentInput,
        *,
        skill_refs: list[SkillRef] | None = None,
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
    ) -> RunResult:
        """Runs one turn on a session by id (``turn/start``)."""
        options = {k: v for k, v in locals().items() if k not in ("self", "session_id", "prompt")}
        raw = await self._call("turn/start", _turn_params(session_id, prompt, options), "sessions")
        return parse_run_result(raw)

    _start_turn = start_turn

    def stream_turn(
        self,
        session_id: str,
        prompt: ContentInput,
        *,
        skill_refs: list[SkillRef] | None = None,
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
        _session: Session | None = None,
    ) -> EventStream:
        """A streamed ``turn/start`` on a session by id (sent on ``async with`` entry)."""
        options = {k: v for k, v in locals().items() if k not in ("self", "session_id", "prompt", "_session")}
        connection = self._require_connection()
        self._check_served("turn/start", "sessions")
        owner = _session
        return EventStream(
            connection=connection,
            method="turn/start",
            params=_turn_params(session_id, prompt, options),
            session_id=session_id,
            timeout=self._request_timeout,
            on_result=owner._remember if owner is not None else None,
            session_factory=lambda result: owner or Session(self, result),  # type: ignore[arg-type]
            before_send=self._flush_registrations,
        )

    _start_turn_streaming = stream_turn

    async def interrupt(self, session_id: str) -> None:
        """Cancels the session's running turn (``turn/interrupt``); a no-op when idle."""
        await self._call("turn/interrupt", {"session_id": session_id}, "sessions")

    _interrupt = interrupt

    async def archive_session(self, session_id: str) -> None:
        """Archives a session (``session/archive``)."""
        await self._call("session/archive", {"session_id": session_id}, "sessions")

    _archive = archive_session

    # -- reading ---------------------------------------------------------------------------------------
    async def list_sessions(
        self, *, labels: dict[str, str] | None = None, limit: int | None = None, offset: int | None = None
    ) -> list[SessionSummary]:
        """The realm's non-archived sessions (``labels`` filters by exact key/value matches)."""
        params = {k: v for k, v in (("labels", labels), ("limit", limit), ("offset", offset)) if v is not None}
        return parse_session_summaries(await self._call_dict("session/list", params, "sessions"))

    async def read_session(self, session_id: str) -> SessionDetails:
        """A session's metadata (``SessionNotFoundError`` when unknown)."""
        return parse_session_details(await self._call_dict("session/read", {"session_id": session_id}, "sessions"))

    async def read_session_history(
        self, session_id: str, *, offset: int = 0, limit: int | None = None
    ) -> SessionHistory:
        """A page of a session's committed messages, oldest first."""
        params: dict[str, Any] = {"session_id": session_id, "offset": offset}
        if limit is not None:
            params["limit"] = limit
        return parse_history(await self._call_dict("session/history", params, "sessions"))

    async def fork_session_at(
        self, session_id: str, message_index: int, *, running_behavior: TranscriptEditRunningBehavior | None = None
    ) -> SessionForkResult:
        """A new session with the messages ``[0, message_index)``."""
        params: dict[str, Any] = {"session_id": session_id, "message_index": message_index}
        if running_behavior is not None:
            params["running_behavior"] = running_behavior
        return parse_fork_result(await self._call_dict("session/fork_at", params, "sessions"))

    async def fork_session_replace(
        self,
        session_id: str,
        message_index: int,
        replacement: TranscriptReplacement,
        *,
        running_behavior: TranscriptEditRunningBehavior | None = None,
    ) -> SessionForkResult:
        """A new session with the addressed item replaced and later messages dropped."""
        params: dict[str, Any] = {"session_id": session_id, "message_index": message_index,
                                  "replacement": replacement}
        if running_behavior is not None:
            params["running_behavior"] = running_behavior
        return parse_fork_result(await self._call_dict("session/fork_replace", params, "sessions"))

    # -- runtime inputs --------------------------------------------------------------------------------
    async def inject_context(
        self, session_id: str, text: str, *, source: str | None = None, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        """Stages system context for the session's next LLM boundary (``{"status": ...}``)."""
        params: dict[str, Any] = {"session_id": session_id, "text": text}
        if source:
            params["source"] = source
        if idempotency_key:
            params["idempotency_key"] = idempotency_key
        return await self._call_dict("session/inject_context", params, "session_ingress")

    async def send_external_event(
        self, session_id: str, event_type: str, payload: Any, *, blocks: list[ContentBlock] | None = None
    ) -> dict[str, Any]:
        """Queues an external event for the session; returns the ``ExternalEventOutcome``."""
        params: dict[str, Any] = {"session_id": session_id, "kind": "generic_json", "event_type": event_type,
                                  "payload": payload}
        if blocks is not None:
            params["blocks"] = blocks
        return await self._call_dict("session/external_event", params, "external_events")

    async def send_peer_response_terminal(
        self,
        session_id: str,
        peer_id: PeerId,
        request_id: PeerCorrelationId,
        status: Literal["completed", "failed", "cancelled"],
        result: Any,
        *,
        display_name: str | None = None,
    ) -> dict[str, Any]:
        """Delivers the terminal response of a peer request to the session."""
        params: dict[str, Any] = {"session_id": session_id, "peer_id": str(peer_id), "request_id": str(request_id),
                                  "status": status, "result": result}
        if display_name is not None:
            params["display_name"] = display_name
        return await self._call_dict("session/peer_response_terminal", params, "comms")

    async def subscribe_session_events(self, session_id: str) -> EventSubscription:
        """Every event of the session, from every run, until closed (``session/stream_open``)."""
        raw = await self._call_dict("session/stream_open", {"session_id": session_id}, "streaming")
        stream_id = raw.get("stream_id")
        if not isinstance(stream_id, str) or not stream_id:
            raise MeerkatError("INVALID_RESPONSE", "session/stream_open did not return stream_id")
        return EventSubscription(
            connection=self._require_connection(), stream_id=stream_id, close_method="session/stream_close",
            closer=self._raw_request,
        )

    # -- comms -----------------------------------------------------------------------------------------
    async def send(
        self,
        session_id: str,
        *,
        kind: str,
        to: str | None = None,
        body: str | None = None,
        blocks: list[ContentBlock] | None = None,
        lifecycle_kind: str | None = None,
        intent: str | None = None,
        params: dict[str, Any] | None = None,
        in_reply_to: str | None = None,
        status: str | None = None,
        result: Any = None,
        source: str | None = None,
        stream: str | None = None,
        allow_self_session: bool | None = None,
        handling_mode: str | None = None,
    ) -> dict[str, Any]:
        """``comms/send`` from a session."""
        wire = {k: v for k, v in locals().items() if k not in ("self",) and v is not None}
        return await self._call_dict("comms/send", wire, "comms")

    _send = send

    async def peers(self, session_id: str) -> dict[str, Any]:
        """``comms/peers``: the whole result (``{"peers": [...]}``)."""
        return await self._call_dict("comms/peers", {"session_id": session_id}, "comms")

    _peers = peers

    # -- help ------------------------------------------------------------------------------------------
    async def ask_help(
        self,
        question: str,
        *,
        prompt: str | None = None,
        execution_mode: HelpExecutionMode = "explain_only",
        model: str | None = None,
        provider: str | None = None,
        max_tokens: int | None = None,
    ) -> RunResult:
        """Asks Meerkat's built-in help (``help/ask``)."""
        params: dict[str, Any] = {"question": question, "execution_mode": execution_mode}
        for key, value in (("prompt", prompt), ("model", model), ("provider", provider), ("max_tokens", max_tokens)):
            if value is not None:
                params[key] = value
        return parse_run_result(await self._call("help/ask", params, "help"))
