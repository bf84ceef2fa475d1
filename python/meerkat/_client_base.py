"""The core of :class:`~meerkat.client.MeerkatClient`: process lifecycle, handshake, requests, capabilities,
callback tools. The method families are mixins built on :meth:`_ClientCore._call`."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

from ._connection import Connection, Transport
from ._parse import parse_capabilities
from ._process import ConnectOptions, ProcessTransport, build_args, resolve_launch
from ._wire import CONTRACT_VERSION
from .errors import CapabilityUnavailableError, MeerkatError
from .tools import ToolHandler, ToolRegistry
from .types import Capability

__all__ = ["TransportFactory", "is_version_compatible"]

TransportFactory = Callable[[ConnectOptions], Awaitable[Transport]]
"""Builds the transport for ``connect()`` (default: spawn ``rkat-rpc``)."""

_F = TypeVar("_F", bound=Callable[..., Any])


def is_version_compatible(server: str, sdk: str = CONTRACT_VERSION) -> bool:
    """01 §4: both majors 0 → equal minors; otherwise equal majors. Unparsable → incompatible."""
    try:
        server_parts = [int(p) for p in server.split(".")]
        sdk_parts = [int(p) for p in sdk.split(".")]
    except ValueError:
        return False
    if len(server_parts) < 2 or len(sdk_parts) < 2:
        return False
    if server_parts[0] == 0 and sdk_parts[0] == 0:
        return server_parts[1] == sdk_parts[1]
    return server_parts[0] == sdk_parts[0]


class _ClientCore:
    """Connection state and the primitives every wrapper uses."""

    def __init__(
        self,
        rkat_path: str = "rkat-rpc",
        *,
        env: Mapping[str, str] | None = None,
        transport_factory: TransportFactory | None = None,
    ) -> None:
        """``rkat_path``: the runtime to start (see :func:`~meerkat._process.resolve_launch`); ``env``:
        variables added to the child's environment; ``transport_factory``: a custom transport (tests)."""
        self._rkat_path = rkat_path
        self._env = dict(env) if env is not None else None
        self._transport_factory = transport_factory
        self._connection: Connection | None = None
        self._tools = ToolRegistry()
        self._capabilities: list[Capability] = []
        self._methods: frozenset[str] = frozenset()
        self._server_info: dict[str, Any] = {}
        self._contract_version = ""
        self._request_timeout: float | None = None
        self._background: set[asyncio.Task[Any]] = set()

    # -- lifecycle -------------------------------------------------------------------------------------
    async def __aenter__(self) -> Any:
        await self.connect()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def connect(
        self,
        *,
        realm_id: str | None = None,
        instance_id: str | None = None,
        realm_backend: str | None = None,
        isolated: bool = False,
        state_root: str | None = None,
        context_root: str | None = None,
        user_config_root: str | None = None,
        live_ws: bool = False,
        live_webrtc: bool = False,
        live_tool_timeout_ms: int | None = None,
        request_timeout: float | None = None,
    ) -> Any:
        """Starts ``rkat-rpc`` with the realm options, performs the handshake and registers callback tools.

        Without ``realm_id`` every launch gets a new isolated realm; pass the same ``realm_id`` (and
        ``state_root``) to find sessions again after a restart. ``request_timeout`` (seconds) bounds every
        request; by default requests wait as long as the runtime works. Returns the client.
        """
        if realm_id and isolated:
            raise MeerkatError("INVALID_ARGS", "realm_id and isolated=True cannot be combined")
        if self._connection is not None:
            raise MeerkatError("ALREADY_CONNECTED", "the client is already connected")
        options = ConnectOptions(
            realm_id=realm_id, instance_id=instance_id, realm_backend=realm_backend, isolated=isolated,
            state_root=state_root, context_root=context_root, user_config_root=user_config_root, live_ws=live_ws,
            live_webrtc=live_webrtc, live_tool_timeout_ms=live_tool_timeout_ms,
        )
        transport = await (self._transport_factory or self._spawn)(options)
        connection = Connection(transport, self._serve)
        connection.start()
        self._connection = connection
        self._request_timeout = request_timeout
        try:
            await self._handshake()
        except BaseException:
            await self._drop_connection(MeerkatError("CLIENT_CLOSED", "client stopped"))
            raise
        return self

    async def _spawn(self, options: ConnectOptions) -> Transport:
        launch = resolve_launch(self._rkat_path)
        if launch.legacy and options.any_set():
            raise MeerkatError(
                "LEGACY_BINARY_UNSUPPORTED",
                "the legacy 'rkat rpc' runtime does not accept realm, context or live options; install rkat-rpc",
            )
        env = {**os.environ, **self._env} if self._env is not None else None
        return await ProcessTransport.spawn(launch, [] if launch.legacy else build_args(options), env)

    async def _handshake(self) -> None:
        init = await self._raw_request("initialize", {})
        init = init if isinstance(init, dict) else {}
        version = init.get("contract_version")
        self._contract_version = version if isinstance(version, str) else ""
        if not is_version_compatible(self._contract_version):
            raise MeerkatError(
                "VERSION_MISMATCH",
                f"Server version {self._contract_version or '<missing>'} incompatible with SDK {CONTRACT_VERSION}",
                {"server_version": self._contract_version, "sdk_version": CONTRACT_VERSION},
            )
        methods = init.get("methods")
        self._methods = frozenset(m for m in methods if isinstance(m, str)) if isinstance(methods, list) else frozenset()
        info = init.get("server_info")
        self._server_info = dict(info) if isinstance(info, dict) else {}
        caps = await self._raw_request("capabilities/get", {})
        self._capabilities = parse_capabilities(caps if isinstance(caps, dict) else {})
        if self._tools.tools:
            await self._raw_request("tools/register", {"tools": self._tools.definitions()})

    async def close(self) -> None:
        """Fails pending requests (``CLIENT_CLOSED``), closes stdin, terminates, kills after 5 s. Idempotent."""
        for task in list(self._background):
            task.cancel()
        await self._drop_connection(MeerkatError("CLIENT_CLOSED", "client stopped"))

    async def _drop_connection(self, error: MeerkatError) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            await connection.close(error)

    # -- requests --------------------------------------------------------------------------------------
    def _require_connection(self) -> Connection:
        if self._connection is None:
            raise MeerkatError("NOT_CONNECTED", "Client is not connected; call connect() first")
        closed = self._connection.closed_error
        if closed is not None:
            raise MeerkatError(closed.code, closed.message, closed.details)
        return self._connection

    async def _flush_registrations(self) -> None:
        """Waits for background ``tools/register`` calls, so later requests see those tools."""
        pending = [task for task in self._background if not task.done()]
        if pending:
            await asyncio.gather(*(asyncio.shield(task) for task in pending), return_exceptions=True)

    async def _raw_request(self, method: str, params: dict[str, Any]) -> Any:
        await self._flush_registrations()
        return await self._require_connection().request(method, params, timeout=self._request_timeout)

    def _check_served(self, method: str, capability: str) -> None:
        if self._methods and method not in self._methods:
            raise CapabilityUnavailableError(
                "CAPABILITY_UNAVAILABLE",
                f"Capability '{capability}' is not available: this rkat-rpc does not serve {method}",
                {"capability": capability, "method": method},
                capability,
            )

    async def _call(self, method: str, params: dict[str, Any], capability: str) -> Any:
        """A wrapper's request: ``CapabilityUnavailableError`` when ``initialize`` did not announce ``method``."""
        self._require_connection()
        self._check_served(method, capability)
        return await self._raw_request(method, params)

    async def _call_dict(self, method: str, params: dict[str, Any], capability: str) -> dict[str, Any]:
        result = await self._call(method, params, capability)
        return result if isinstance(result, dict) else {}

    async def request(self, method: str, params: dict[str, Any] | None = None) -> Any:
        """Sends any JSON-RPC request and returns its raw ``result`` (errors are raised as ``MeerkatError``).

        For methods without a wrapper; no capability check is made.
        """
        return await self._raw_request(method, dict(params or {}))

    async def _request(self, method: str, params: dict[str, Any]) -> Any:
        """Alias of :meth:`request` kept for code written against the 0.6.6 SDK."""
        return await self.request(method, params)

    # -- handshake facts and capabilities ----------------------------------------------------------------
    @property
    def methods(self) -> frozenset[str]:
        """The methods ``initialize`` announced (empty before ``connect()``)."""
        return self._methods

    @property
    def server_info(self) -> dict[str, Any]:
        """``initialize.server_info`` (``{"name", "version"}``)."""
        return dict(self._server_info)

    @property
    def contract_version(self) -> str:
        """The server's contract version."""
        return self._contract_version

    @property
    def capabilities(self) -> list[Capability]:
        """The runtime's capabilities (``[]`` before ``connect()``)."""
        return list(self._capabilities)

    def has_capability(self, capability_id: str) -> bool:
        """True when the capability is ``Available``; ``"mob"`` means ``mob/create`` or ``mob/list`` is served."""
        if capability_id == "mob":
            return "mob/create" in self._methods or "mob/list" in self._methods
        return any(c.id == capability_id and c.available for c in self._capabilities)

    def require_capability(self, capability_id: str) -> None:
        """Raises :class:`CapabilityUnavailableError` unless :meth:`has_capability`."""
        if not self.has_capability(capability_id):
            raise CapabilityUnavailableError(
                "CAPABILITY_UNAVAILABLE", f"Capability '{capability_id}' is not available", None, capability_id
            )

    # -- callback tools ----------------------------------------------------------------------------------
    def tool(
        self, name: str, *, description: str = "", input_schema: dict[str, Any] | None = None
    ) -> Callable[[_F], _F]:
        """Decorator registering an ``async (arguments: dict) -> str`` callback tool.

        Tools declared before ``connect()`` are registered during the handshake; after it, the registration is
        sent in the background and every later request waits for it (:meth:`register_tool` awaits it directly).
        """

        def decorator(handler: _F) -> _F:
            registration = self._tools.add(name, handler, description=description, input_schema=input_schema)
            if self._connection is not None and self._connection.closed_error is None:
                task = asyncio.ensure_future(self._register_quietly([registration.to_wire()]))
                self._background.add(task)
                task.add_done_callback(self._background.discard)
            return handler

        return decorator

    async def _register_quietly(self, tools: list[dict[str, Any]]) -> None:
        try:
            await self._require_connection().request(
                "tools/register", {"tools": tools}, timeout=self._request_timeout
            )
        except MeerkatError:
            pass

    async def register_tool(
        self,
        name: str,
        handler: ToolHandler,
        *,
        description: str = "",
        input_schema: dict[str, Any] | None = None,
    ) -> int:
        """Registers a callback tool and, when connected, awaits ``tools/register``; returns ``registered``."""
        registration = self._tools.add(name, handler, description=description, input_schema=input_schema)
        if self._connection is None:
            return 0
        result = await self._raw_request("tools/register", {"tools": [registration.to_wire()]})
        return int(result.get("registered", 0)) if isinstance(result, dict) else 0

    async def _serve(self, method: str, params: dict[str, Any]) -> Any:
        if method == "tool/execute":
            return await self._tools.execute(params)
        raise MeerkatError("METHOD_NOT_FOUND", f"Method not supported: {method}")
