"""Streaming: :class:`EventStream` (the events of one run) and :class:`EventSubscription` (``*/stream_open``).

``EventStream`` is returned synchronously by ``session.stream(...)`` and ``client.create_session_streaming(...)``;
the request is sent on ``async with`` entry (or on first iteration). Iteration yields typed events until the
run's response arrives (the server writes every event of a run before its response), then ``result`` holds the
:class:`~meerkat.types.RunResult`. A failed run raises its :class:`~meerkat.errors.MeerkatError` out of the
``async for``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TYPE_CHECKING, Any

from ._connection import Connection, PendingRequest
from ._parse import parse_envelope, parse_run_result
from ._process import STDOUT_LIMIT_BYTES
from ._routing import CLOSED, END, RunQueue, SubscriptionQueue
from .errors import MeerkatError
from .events import Event, TextDelta, parse_event
from .types import AttributedEvent, EventEnvelope, RunResult

if TYPE_CHECKING:
    from .session import Session

__all__ = ["EventStream", "EventSubscription", "RPC_STDOUT_LIMIT_BYTES"]

RPC_STDOUT_LIMIT_BYTES = STDOUT_LIMIT_BYTES
"""Longest stdout line the SDK reads (64 MiB)."""


class EventStream:
    """The typed events of one run, then its :class:`RunResult` as ``result``.

    Use as ``async with session.stream("…") as events: async for event in events: …``.
    """

    def __init__(
        self,
        *,
        connection: Connection,
        method: str,
        params: dict[str, Any],
        session_id: str | None,
        timeout: float | None = None,
        on_result: Callable[[RunResult], None] | None = None,
        session_factory: Callable[[RunResult], Session] | None = None,
        before_send: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self._connection = connection
        self._before_send = before_send
        self._method = method
        self._params = params
        self._timeout = timeout
        self._on_result = on_result
        self._session_factory = session_factory
        self._run = RunQueue(session_id, prompt=params.get("prompt") if session_id is None else None)
        self._pending: PendingRequest | None = None
        self._result: RunResult | None = None
        self._error: MeerkatError | None = None
        self._done = False
        if session_id is None:
            connection.router.open_run(self._run)  # INVALID_STATE when another create-stream is pending
            self._registered = True
        else:
            self._registered = False

    @property
    def session_id(self) -> str:
        """The run's session id (``""`` for a streamed create until its session is known)."""
        return self._run.session_id or ""

    @property
    def result(self) -> RunResult:
        """The run's result; ``STREAM_NOT_CONSUMED`` before the iteration finished, and the error the iteration
        raised when the run failed (a failed run, or ``CLIENT_CLOSED`` after ``close()`` mid-stream)."""
        if self._error is not None:
            raise self._error
        if self._result is None:
            raise MeerkatError("STREAM_NOT_CONSUMED", "Iterate the stream before accessing result")
        return self._result

    @property
    def session(self) -> Session:
        """A :class:`Session` handle for the run's session, once the run finished."""
        result = self.result
        if self._session_factory is None:
            raise MeerkatError("INVALID_STATE", "this stream has no session factory")
        return self._session_factory(result)

    async def _start(self) -> None:
        if self._pending is not None:
            return
        if self._before_send is not None:
            await self._before_send()
            if self._pending is not None:
                return
        if not self._registered:
            self._connection.router.open_run(self._run)
            self._registered = True
        run = self._run
        router = self._connection.router

        def on_response(result: dict[str, Any]) -> None:
            session_id = result.get("session_id")
            router.finish_run(run, session_id if isinstance(session_id, str) else None)

        try:
            self._pending, line = self._connection.prepare(self._method, self._params, on_response)
        except MeerkatError:
            self._unregister()
            raise
        await self._connection.send(self._pending, line)

    def _unregister(self) -> None:
        if self._registered:
            self._connection.router.close_run(self._run)
            self._registered = False

    async def __aenter__(self) -> EventStream:
        await self._start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._unregister()

    def __aiter__(self) -> AsyncIterator[Event]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[Event]:
        await self._start()
        if self._done:
            return
        while True:
            item = await self._run.queue.get()
            if item is END or item is CLOSED:
                break
            yield parse_event(item) if isinstance(item, dict) else parse_event({"value": item})
        self._done = True
        assert self._pending is not None
        try:
            raw = await self._connection.wait(self._pending, self._timeout)
            self._result = parse_run_result(raw)
        except MeerkatError as error:
            self._error = error
            raise
        finally:
            self._unregister()
        if self._run.session_id is None and self._result.session_id:
            self._run.session_id = self._result.session_id
        if self._on_result is not None:
            self._on_result(self._result)

    async def collect(self) -> RunResult:
        """Runs to completion, discarding events; returns the result."""
        async with self:
            async for _ in self:
                pass
        return self.result

    async def collect_text(self) -> tuple[str, RunResult]:
        """Runs to completion; returns the concatenated text deltas and the result."""
        parts: list[str] = []
        async with self:
            async for event in self:
                if isinstance(event, TextDelta):
                    parts.append(event.delta)
        return "".join(parts), self.result


class EventSubscription:
    """A standalone event stream opened with ``session/stream_open`` (or ``mob/stream_open``).

    Yields :class:`EventEnvelope` (session and member streams) or :class:`AttributedEvent` (mob-wide streams)
    until the server ends the stream, ``close()`` is called, or the connection closes.
    """

    def __init__(
        self,
        *,
        connection: Connection,
        stream_id: str,
        close_method: str,
        mob_wide: bool = False,
        closer: Callable[[str, dict[str, Any]], Awaitable[Any]] | None = None,
    ) -> None:
        self._connection = connection
        self._sub: SubscriptionQueue = connection.router.subscribe(stream_id)
        self._close_method = close_method
        self._mob_wide = mob_wide
        self._closer = closer
        self._closed = False

    @property
    def stream_id(self) -> str:
        """The server's stream id."""
        return self._sub.stream_id

    @property
    def terminal_outcome(self) -> dict[str, Any] | None:
        """The ``*/stream_end`` params once received (``{stream_id, ended, outcome, error?}``)."""
        return self._sub.terminal_outcome

    async def __aenter__(self) -> EventSubscription:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def __aiter__(self) -> AsyncIterator[EventEnvelope | AttributedEvent]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[EventEnvelope | AttributedEvent]:
        while True:
            item = await self._sub.queue.get()
            if item is END or item is CLOSED:
                self._sub.queue.put_nowait(item)
                return
            yield self._parse(item)

    def _parse(self, item: Any) -> EventEnvelope | AttributedEvent:
        if self._mob_wide and isinstance(item, dict) and "envelope" in item:
            return AttributedEvent(
                source=str(item.get("source", "")),
                role=str(item.get("role", item.get("profile", ""))),
                envelope=parse_envelope(item.get("envelope")),
            )
        return parse_envelope(item)

    async def close(self) -> None:
        """Ends local iteration and closes the server stream (once)."""
        if self._closed:
            return
        self._closed = True
        self._connection.router.unsubscribe(self._sub)
        if self._sub.terminal_outcome is None and self._connection.closed_error is None:
            if self._closer is not None:
                await self._closer(self._close_method, {"stream_id": self.stream_id})
            else:
                await self._connection.request(self._close_method, {"stream_id": self.stream_id})
