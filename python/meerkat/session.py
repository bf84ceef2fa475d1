"""Session handles: :class:`Session` (multi-turn, caches its last result) and :class:`DeferredSession`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .events import Usage
from .types import (
    ContentBlock,
    ContentInput,
    RunResult,
    SessionForkResult,
    SessionHistory,
    SkillRef,
    TranscriptEditRunningBehavior,
    TranscriptReplacement,
)

if TYPE_CHECKING:
    from .client import MeerkatClient
    from .streaming import EventStream, EventSubscription

__all__ = ["Session", "DeferredSession"]


class _SessionBase:
    """What both handles share: identity and the per-session client calls."""

    __slots__ = ("_client", "_id", "_ref")

    def __init__(self, client: MeerkatClient, session_id: str, session_ref: str | None) -> None:
        self._client = client
        self._id = session_id
        self._ref = session_ref

    @property
    def id(self) -> str:
        """The session id."""
        return self._id

    @property
    def ref(self) -> str | None:
        """The session ref (``<realm>:<session id>``), when known."""
        return self._ref

    async def interrupt(self) -> None:
        """Cancels the running turn (a no-op when idle)."""
        await self._client.interrupt(self._id)

    async def archive(self) -> None:
        """Archives the session: hidden from listings, still readable, no more turns."""
        await self._client.archive_session(self._id)

    async def inject_context(
        self, text: str, *, source: str | None = None, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        """Stages system context for the next LLM boundary."""
        return await self._client.inject_context(self._id, text, source=source, idempotency_key=idempotency_key)

    async def send_external_event(
        self, event_type: str, payload: Any, *, blocks: list[ContentBlock] | None = None
    ) -> dict[str, Any]:
        """Queues an external event for the session (a background run)."""
        return await self._client.send_external_event(self._id, event_type, payload, blocks=blocks)

    async def send_peer_response_terminal(
        self, peer_id: str, request_id: str, status: str, result: Any, *, display_name: str | None = None
    ) -> dict[str, Any]:
        """Delivers the terminal response of a peer request."""
        return await self._client.send_peer_response_terminal(
            self._id, peer_id, request_id, status, result, display_name=display_name  # type: ignore[arg-type]
        )

    async def history(self, *, offset: int = 0, limit: int | None = None) -> SessionHistory:
        """A page of the committed history, oldest first."""
        return await self._client.read_session_history(self._id, offset=offset, limit=limit)

    async def fork_at(
        self, message_index: int, *, running_behavior: TranscriptEditRunningBehavior | None = None
    ) -> SessionForkResult:
        """A new session holding the messages before ``message_index``."""
        return await self._client.fork_session_at(self._id, message_index, running_behavior=running_behavior)

    async def fork_replace(
        self,
        message_index: int,
        replacement: TranscriptReplacement,
        *,
        running_behavior: TranscriptEditRunningBehavior | None = None,
    ) -> SessionForkResult:
        """A new session with the addressed item replaced and later messages dropped."""
        return await self._client.fork_session_replace(
            self._id, message_index, replacement, running_behavior=running_behavior
        )


class Session(_SessionBase):
    """A live multi-turn session handle. ``text``, ``usage`` etc. read the last run's result."""

    __slots__ = ("_last_result",)

    def __init__(self, client: MeerkatClient, result: RunResult) -> None:
        super().__init__(client, result.session_id, result.session_ref)
        self._last_result = result

    @property
    def last_result(self) -> RunResult:
        """The result of the last run of this handle."""
        return self._last_result

    @property
    def text(self) -> str:
        """The last run's final text."""
        return self._last_result.text

    @property
    def usage(self) -> Usage:
        """The last run's usage."""
        return self._last_result.usage

    @property
    def turns(self) -> int:
        """The last run's LLM call count."""
        return self._last_result.turns

    @property
    def tool_calls(self) -> int:
        """The last run's tool call count."""
        return self._last_result.tool_calls

    @property
    def structured_output(self) -> Any:
        """The last run's structured output, if any."""
        return self._last_result.structured_output

    def _remember(self, result: RunResult) -> None:
        self._last_result = result
        if result.session_ref:
            self._ref = result.session_ref

    async def turn(
        self,
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
        """Runs one turn (``turn/start``) and returns its result."""
        result = await self._client.start_turn(
            self._id, prompt, skill_refs=skill_refs, flow_tool_overlay=flow_tool_overlay,
            additional_instructions=additional_instructions, keep_alive=keep_alive, model=model, provider=provider,
            max_tokens=max_tokens, system_prompt=system_prompt, output_schema=output_schema,
            structured_output_retries=structured_output_retries, provider_params=provider_params,
        )
        self._remember(result)
        return result

    def stream(
        self,
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
    ) -> EventStream:
        """A streamed turn: ``async with session.stream("…") as events``; ``events.result`` after."""
        return self._client.stream_turn(
            self._id, prompt, skill_refs=skill_refs, flow_tool_overlay=flow_tool_overlay,
            additional_instructions=additional_instructions, keep_alive=keep_alive, model=model, provider=provider,
            max_tokens=max_tokens, system_prompt=system_prompt, output_schema=output_schema,
            structured_output_retries=structured_output_retries, provider_params=provider_params,
            _session=self,
        )

    async def subscribe_events(self) -> EventSubscription:
        """Every event of the session, from every run, until closed (``session/stream_open``)."""
        return await self._client.subscribe_session_events(self._id)

    async def invoke_skill(self, skill_ref: SkillRef, prompt: ContentInput) -> RunResult:
        """Runs a turn with one skill injected (requires the ``skills`` capability)."""
        self._client.require_capability("skills")
        return await self.turn(prompt, skill_refs=[skill_ref])

    async def send(self, **kwargs: Any) -> dict[str, Any]:
        """``comms/send`` from this session (``kind=`` is required)."""
        kwargs.pop("session_id", None)
        return await self._client.send(self._id, **kwargs)

    async def peers(self) -> list[dict[str, Any]]:
        """The comms peers this session can reach."""
        result = await self._client.peers(self._id)
        peers = result.get("peers")
        return list(peers) if isinstance(peers, list) else []

    def __repr__(self) -> str:
        ref = f" ref={self._ref!r}" if self._ref else ""
        return f"<Session id={self._id!r}{ref}>"


class DeferredSession(_SessionBase):
    """A session created with ``initial_turn="deferred"``: nothing has run yet."""

    __slots__ = ()

    def __init__(self, client: MeerkatClient, session_id: str, session_ref: str | None = None) -> None:
        super().__init__(client, session_id, session_ref)

    async def start_turn(
        self,
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
        """Runs the first turn. The create's staged prompt is merged into it; ``max_tokens``,
        ``system_prompt``, ``output_schema`` and ``structured_output_retries`` may still be set here."""
        return await self._client.start_turn(
            self._id, prompt, skill_refs=skill_refs, flow_tool_overlay=flow_tool_overlay,
            additional_instructions=additional_instructions, keep_alive=keep_alive, model=model, provider=provider,
            max_tokens=max_tokens, system_prompt=system_prompt, output_schema=output_schema,
            structured_output_retries=structured_output_retries, provider_params=provider_params,
        )

    def stream(self, prompt: ContentInput, **options: Any) -> EventStream:
        """The first turn, streamed."""
        return self._client.stream_turn(self._id, prompt, **options)

    def to_session(self, result: RunResult | None = None) -> Session:
        """A :class:`Session` handle for this session (seeded with ``result`` when given)."""
        return Session(self._client, result or RunResult(session_id=self._id, session_ref=self._ref))

    def __repr__(self) -> str:
        ref = f" ref={self._ref!r}" if self._ref else ""
        return f"<DeferredSession id={self._id!r}{ref}>"
