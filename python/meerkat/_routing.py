"""Routing of server notifications to the queues of runs and subscriptions.

- ``session/event`` goes to the run queue registered for ``params.session_id``. While a streamed
  ``session/create`` is pending (its session id unknown), events of unknown sessions are buffered per session;
  the first ``run_started`` whose prompt equals the create's prompt binds the stream to that session at once,
  so its events stream live. When the response arrives the stream is bound to the result's session id.
- ``session/stream_event`` / ``mob/stream_event`` go to the subscription of ``params.stream_id``;
  ``*/stream_end`` ends it. Items for a stream not subscribed yet are buffered and replayed.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Any

from .errors import MeerkatError

__all__ = ["END", "CLOSED", "RunQueue", "SubscriptionQueue", "EventRouter", "PendingCreateError"]

END = object()
"""Queue marker: the run's response arrived (every event of the run precedes it)."""
CLOSED = object()
"""Queue marker: the connection closed."""

_MAX_BUFFERED = 10_000


class PendingCreateError(MeerkatError, RuntimeError):
    """A second streamed ``session/create`` while one is pending: code ``INVALID_STATE`` (every SDK error is a
    :class:`MeerkatError`), and still the ``RuntimeError`` the 0.6.6 SDK raised (03 §1), with its message."""

    def __init__(self) -> None:
        super().__init__("INVALID_STATE", "Only one pending stream at a time")


class RunQueue:
    """The events of one run, in arrival order, ending with ``END`` or ``CLOSED``."""

    def __init__(self, session_id: str | None, prompt: Any = None) -> None:
        self.session_id = session_id
        self.prompt = prompt
        self.queue: asyncio.Queue[Any] = asyncio.Queue()


class SubscriptionQueue:
    """The items of one ``*/stream_open`` stream, ending with ``END`` or ``CLOSED``."""

    def __init__(self, stream_id: str) -> None:
        self.stream_id = stream_id
        self.queue: asyncio.Queue[Any] = asyncio.Queue()
        self.terminal_outcome: dict[str, Any] | None = None


class EventRouter:
    """Owns the run queues, the pending create-stream and the subscriptions of one connection."""

    def __init__(self) -> None:
        self._runs: dict[str, RunQueue] = {}
        self._pending_create: RunQueue | None = None
        self._create_buffers: dict[str, list[Any]] = {}
        self._subscriptions: dict[str, SubscriptionQueue] = {}
        self._early_items: dict[str, deque[Any]] = {}
        self._early_ends: dict[str, dict[str, Any]] = {}
        self._closed = False

    # -- run queues ------------------------------------------------------------------------------------
    def open_run(self, run: RunQueue) -> None:
        """Registers ``run``: by session id (replacing any other), or as the single pending create-stream."""
        if self._closed:
            run.queue.put_nowait(CLOSED)
            return
        if run.session_id is None:
            if self._pending_create is not None:
                raise PendingCreateError()
            self._pending_create = run
            self._create_buffers.clear()
            return
        self._runs[run.session_id] = run

    def close_run(self, run: RunQueue) -> None:
        """Unregisters ``run`` (a no-op when another run replaced it)."""
        if self._pending_create is run:
            self._pending_create = None
            self._create_buffers.clear()
        if run.session_id is not None and self._runs.get(run.session_id) is run:
            del self._runs[run.session_id]

    def finish_run(self, run: RunQueue, result_session_id: str | None) -> None:
        """The run's response arrived: bind a pending create to its session, then end the queue."""
        if self._pending_create is run:
            self._pending_create = None
            if result_session_id and run.session_id is None:
                run.session_id = result_session_id
                for item in self._create_buffers.get(result_session_id, []):
                    run.queue.put_nowait(item)
            self._create_buffers.clear()
        run.queue.put_nowait(END)

    def _bind_pending(self, session_id: str) -> None:
        run = self._pending_create
        assert run is not None
        run.session_id = session_id
        self._runs[session_id] = run
        self._pending_create = None
        for item in self._create_buffers.pop(session_id, []):
            run.queue.put_nowait(item)
        self._create_buffers.clear()

    def route_session_event(self, params: dict[str, Any]) -> None:
        """Routes one ``session/event``'s ``params.event`` by ``params.session_id``."""
        session_id = params.get("session_id")
        event = params.get("event")
        if not isinstance(session_id, str):
            return
        run = self._runs.get(session_id)
        if run is not None:
            run.queue.put_nowait(event)
            return
        pending = self._pending_create
        if pending is None:
            return
        buffer = self._create_buffers.setdefault(session_id, [])
        if len(buffer) < _MAX_BUFFERED:
            buffer.append(event)
        if (
            isinstance(event, dict)
            and event.get("type") == "run_started"
            and pending.prompt is not None
            and event.get("prompt") == pending.prompt
        ):
            self._bind_pending(session_id)

    # -- subscriptions ---------------------------------------------------------------------------------
    def subscribe(self, stream_id: str) -> SubscriptionQueue:
        """Registers a subscription and replays what arrived for it before."""
        sub = SubscriptionQueue(stream_id)
        for item in self._early_items.pop(stream_id, deque()):
            sub.queue.put_nowait(item)
        end = self._early_ends.pop(stream_id, None)
        if end is not None:
            sub.terminal_outcome = end
            sub.queue.put_nowait(END)
        elif self._closed:
            sub.queue.put_nowait(CLOSED)
        else:
            self._subscriptions[stream_id] = sub
        return sub

    def unsubscribe(self, sub: SubscriptionQueue) -> None:
        """Forgets ``sub`` and ends its local iteration."""
        if self._subscriptions.get(sub.stream_id) is sub:
            del self._subscriptions[sub.stream_id]
        sub.queue.put_nowait(END)

    def route_stream_event(self, params: dict[str, Any]) -> None:
        """Routes one ``*/stream_event`` by ``params.stream_id``."""
        stream_id = params.get("stream_id")
        if not isinstance(stream_id, str):
            return
        item: Any = params.get("event") or params
        if "scope_id" in params or "scope_path" in params:
            item = {"event": params.get("event"), "scope_id": params.get("scope_id"),
                    "scope_path": params.get("scope_path")}
        sub = self._subscriptions.get(stream_id)
        if sub is not None:
            sub.queue.put_nowait(item)
            return
        early = self._early_items.setdefault(stream_id, deque(maxlen=_MAX_BUFFERED))
        early.append(item)
        if len(self._early_items) > 256:
            self._early_items.pop(next(iter(self._early_items)))

    def route_stream_end(self, params: dict[str, Any]) -> None:
        """Ends the subscription of ``params.stream_id`` with ``params`` as its terminal outcome."""
        stream_id = params.get("stream_id")
        if not isinstance(stream_id, str):
            return
        sub = self._subscriptions.pop(stream_id, None)
        if sub is None:
            self._early_ends[stream_id] = params
            if len(self._early_ends) > 256:
                self._early_ends.pop(next(iter(self._early_ends)))
            return
        sub.terminal_outcome = params
        sub.queue.put_nowait(END)

    # -- shutdown --------------------------------------------------------------------------------------
    def close_all(self) -> None:
        """The connection closed: every queue ends with ``CLOSED``."""
        self._closed = True
        for run in list(self._runs.values()):
            run.queue.put_nowait(CLOSED)
        if self._pending_create is not None:
            self._pending_create.queue.put_nowait(CLOSED)
        for sub in list(self._subscriptions.values()):
            sub.queue.put_nowait(CLOSED)
        self._runs.clear()
        self._subscriptions.clear()
        self._pending_create = None
