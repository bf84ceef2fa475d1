"""A JSON-RPC 2.0 connection over a line transport: requests, responses, notifications, callbacks.

One reader task reads stdout lines in order. A response resolves its pending request; a line with both ``id``
and ``method`` is a server → client request, answered from a separate task; other lines are notifications,
handed to the :class:`~meerkat._routing.EventRouter`. When the transport ends, every pending request fails with
``CONNECTION_CLOSED`` naming why (exit code, stderr tail) and every queue ends; later requests fail the same way.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from ._routing import EventRouter
from .errors import MeerkatError, error_from_rpc

__all__ = ["Connection", "PendingRequest", "ServerRequestHandler", "Transport"]

ServerRequestHandler = Callable[[str, dict[str, Any]], Awaitable[Any]]
"""Answers a server → client request: returns the ``result`` or raises (→ a JSON-RPC error)."""


class Transport(Protocol):
    """A bidirectional line channel to ``rkat-rpc`` (a child process, or an in-process fake in tests)."""

    async def write(self, data: bytes) -> None:
        """Writes one encoded line (with its newline)."""

    async def read_line(self) -> bytes:
        """The next line; ``b""`` at end of stream."""

    async def close(self) -> None:
        """Stops the peer (stdin EOF, then terminate, then kill)."""

    async def exit_description(self) -> str:
        """Why the peer went away (exit code, stderr tail), or ``""``."""


@dataclass
class PendingRequest:
    """A request whose response has not arrived; ``on_response`` runs synchronously when it does."""

    id: int
    method: str
    future: asyncio.Future[Any]
    on_response: Callable[[dict[str, Any]], None] | None = None


class Connection:
    """The JSON-RPC endpoint of the SDK side."""

    def __init__(self, transport: Transport, handler: ServerRequestHandler) -> None:
        self.transport = transport
        self.router = EventRouter()
        self._handler = handler
        self._next_id = 1
        self._pending: dict[int, PendingRequest] = {}
        self._reader: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._closed_error: MeerkatError | None = None
        self._write_lock = asyncio.Lock()

    @property
    def closed_error(self) -> MeerkatError | None:
        """The error every request fails with once the connection is closed, else ``None``."""
        return self._closed_error

    def start(self) -> None:
        """Starts the reader task."""
        self._reader = asyncio.get_running_loop().create_task(self._read_loop(), name="meerkat-rpc-reader")

    # -- requests --------------------------------------------------------------------------------------
    def prepare(
        self, method: str, params: dict[str, Any], on_response: Callable[[dict[str, Any]], None] | None = None
    ) -> tuple[PendingRequest, bytes]:
        """Allocates an id and registers the request; returns it with the line to write."""
        if self._closed_error is not None:
            raise _copy(self._closed_error)
        request_id = self._next_id
        self._next_id += 1
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        pending = PendingRequest(request_id, method, future, on_response)
        self._pending[request_id] = pending
        line = {"jsonrpc": "2.0", "id": request_id, "method": method, "params": params}
        return pending, _encode(line)

    async def send(self, pending: PendingRequest, line: bytes) -> None:
        """Writes a prepared request; a dead transport fails it with the closed error."""
        try:
            await self._write(line)
        except MeerkatError as error:
            self._pending.pop(pending.id, None)
            if not pending.future.done():
                pending.future.set_exception(error)

    async def request(
        self,
        method: str,
        params: dict[str, Any],
        *,
        timeout: float | None = None,
        on_response: Callable[[dict[str, Any]], None] | None = None,
    ) -> Any:
        """Sends a request and returns its ``result`` (raises the mapped error)."""
        pending, line = self.prepare(method, params, on_response)
        await self.send(pending, line)
        return await self.wait(pending, timeout)

    async def wait(self, pending: PendingRequest, timeout: float | None) -> Any:
        """Waits for a sent request's response; on timeout sends ``cancel`` and raises ``REQUEST_TIMEOUT``."""
        if timeout is None:
            return await pending.future
        try:
            return await asyncio.wait_for(asyncio.shield(pending.future), timeout)
        except asyncio.TimeoutError:
            self._pending.pop(pending.id, None)
            pending.future.cancel()
            await self.notify("cancel", {"request_id": pending.id})
            raise MeerkatError(
                "REQUEST_TIMEOUT", f"{pending.method} got no response within {timeout:g} s"
            ) from None

    async def notify(self, method: str, params: dict[str, Any]) -> None:
        """Sends a notification (errors of a dead transport are ignored)."""
        try:
            await self._write(_encode({"jsonrpc": "2.0", "method": method, "params": params}))
        except MeerkatError:
            pass

    async def _write(self, data: bytes) -> None:
        if self._closed_error is not None:
            raise _copy(self._closed_error)
        async with self._write_lock:
            try:
                await self.transport.write(data)
            except (ConnectionError, BrokenPipeError, RuntimeError, OSError):
                if self._closed_error is None:
                    await self._wait_reader_briefly()
                raise self._closed_error or MeerkatError("CONNECTION_CLOSED", "rkat-rpc process closed") from None

    async def _wait_reader_briefly(self) -> None:
        if self._reader is not None and not self._reader.done():
            try:
                await asyncio.wait_for(asyncio.shield(self._reader), 2.0)
            except (asyncio.TimeoutError, Exception):
                pass

    # -- reading ---------------------------------------------------------------------------------------
    async def _read_loop(self) -> None:
        reason: MeerkatError | None = None
        try:
            while True:
                line = await self.transport.read_line()
                if not line:
                    break
                self._handle_line(line)
        except (ValueError, asyncio.LimitOverrunError) as error:
            reason = MeerkatError("PROTOCOL_ERROR", f"unreadable line from rkat-rpc: {error}")
        except asyncio.CancelledError:
            raise
        except Exception as error:  # pragma: no cover - defensive: a reader must never die silently
            reason = MeerkatError("PROTOCOL_ERROR", f"rkat-rpc reader failed: {error!r}")
        if reason is None:
            why = await self.transport.exit_description()
            message = "rkat-rpc process closed" + (f" ({why})" if why else "")
            reason = MeerkatError("CONNECTION_CLOSED", message, {"reason": why} if why else None)
        self._shutdown(reason)

    def _handle_line(self, line: bytes) -> None:
        try:
            message = json.loads(line)
        except ValueError:
            return
        if not isinstance(message, dict):
            return
        has_id = message.get("id") is not None
        method = message.get("method")
        if has_id and isinstance(method, str):
            self._spawn(self._answer(message["id"], method, message.get("params")))
        elif has_id or "result" in message or "error" in message:
            self._resolve(message)
        elif isinstance(method, str):
            self._notification(method, message.get("params"))

    def _resolve(self, message: dict[str, Any]) -> None:
        request_id = message.get("id")
        pending = self._pending.pop(request_id, None) if isinstance(request_id, int) else None
        if pending is None or pending.future.done():
            return
        error = message.get("error")
        if error:
            if pending.on_response is not None:
                pending.on_response({})
            pending.future.set_exception(
                error_from_rpc(error) if isinstance(error, dict) else MeerkatError("RPC_ERROR", str(error))
            )
            return
        result = message.get("result")
        result = {} if result is None else result
        if pending.on_response is not None:
            pending.on_response(result if isinstance(result, dict) else {})
        pending.future.set_result(result)

    def _notification(self, method: str, params: Any) -> None:
        if not isinstance(params, dict):
            return
        if method in ("session/stream_event", "mob/stream_event"):
            self.router.route_stream_event(params)
        elif method in ("session/stream_end", "mob/stream_end"):
            self.router.route_stream_end(params)
        else:
            self.router.route_session_event(params)

    async def _answer(self, request_id: Any, method: str, params: Any) -> None:
        try:
            result = await self._handler(method, params if isinstance(params, dict) else {})
            reply: dict[str, Any] = {"jsonrpc": "2.0", "id": request_id, "result": result}
        except MeerkatError as error:
            reply = {"jsonrpc": "2.0", "id": request_id, "error": {"code": -32601, "message": error.message}}
        except Exception as error:
            reply = {"jsonrpc": "2.0", "id": request_id, "error": {"code": -32603, "message": str(error)}}
        try:
            await self._write(_encode(reply))
        except MeerkatError:
            pass

    def _spawn(self, coroutine: Awaitable[Any]) -> None:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -- shutdown --------------------------------------------------------------------------------------
    def _shutdown(self, error: MeerkatError) -> None:
        if self._closed_error is None:
            self._closed_error = error
        pending, self._pending = self._pending, {}
        for item in pending.values():
            if not item.future.done():
                item.future.set_exception(self._closed_error)
                item.future.exception()  # mark retrieved: nobody may be awaiting it
        self.router.close_all()

    async def close(self, error: MeerkatError) -> None:
        """Fails pending requests with ``error``, stops the reader and the transport."""
        self._shutdown(error)
        if self._reader is not None and not self._reader.done():
            self._reader.cancel()
            try:
                await self._reader
            except (asyncio.CancelledError, Exception):
                pass
        for task in list(self._tasks):
            task.cancel()
        await self.transport.close()


def _copy(error: MeerkatError) -> MeerkatError:
    return type(error)(error.code, error.message, error.details, error.capability_hint)


def _encode(message: dict[str, Any]) -> bytes:
    return (json.dumps(message, separators=(",", ":"), ensure_ascii=False) + "\n").encode("utf-8")
