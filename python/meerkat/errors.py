"""The SDK's exceptions and how a JSON-RPC error object becomes one.

Every error the SDK raises derives from :class:`MeerkatError`. A server error is mapped by its wire code:
``-32001`` → :class:`SessionNotFoundError`, ``-32021`` → :class:`SkillNotFoundError`, ``-32020`` →
:class:`CapabilityUnavailableError`, anything else → :class:`MeerkatError`. ``code``, ``message`` and
``details`` are read as the 0.6.6 SDKs read them (01-protocol-core.md §3).
"""

from __future__ import annotations

import json
from typing import Any

__all__ = [
    "MeerkatError",
    "CapabilityUnavailableError",
    "SessionNotFoundError",
    "SkillNotFoundError",
    "error_from_rpc",
]


class MeerkatError(Exception):
    """Base class of every SDK error.

    ``code`` is a string: the server's ``data.code`` when it sent one, otherwise the stringified JSON-RPC
    code (``"-32001"``), or an SDK code such as ``"CONNECTION_CLOSED"``. ``str(error) == error.message``.
    """

    def __init__(self, code: str, message: str, details: Any = None, capability_hint: Any = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details
        self.capability_hint = capability_hint

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.message!r})"


class CapabilityUnavailableError(MeerkatError):
    """A capability (or the RPC family behind it) is not available in this runtime."""


class SessionNotFoundError(MeerkatError):
    """The session does not exist in this realm (wire code -32001)."""


class SkillNotFoundError(MeerkatError):
    """A skill reference did not resolve (wire code -32021)."""


_CLASS_BY_WIRE_CODE: dict[int, type[MeerkatError]] = {
    -32001: SessionNotFoundError,
    -32020: CapabilityUnavailableError,
    -32021: SkillNotFoundError,
}
_CLASS_BY_NAME: dict[str, type[MeerkatError]] = {
    "SESSION_NOT_FOUND": SessionNotFoundError,
    "CAPABILITY_UNAVAILABLE": CapabilityUnavailableError,
    "SKILL_NOT_FOUND": SkillNotFoundError,
}


def _details_of(data: Any) -> Any:
    if isinstance(data, dict):
        if "details" in data:
            return data["details"]
        if "reason" in data:
            return data["reason"]
    return data


def _error_class(wire_code: Any, code: str) -> type[MeerkatError]:
    if isinstance(wire_code, int) and not isinstance(wire_code, bool) and wire_code in _CLASS_BY_WIRE_CODE:
        return _CLASS_BY_WIRE_CODE[wire_code]
    if code in _CLASS_BY_NAME:
        return _CLASS_BY_NAME[code]
    try:
        return _CLASS_BY_WIRE_CODE.get(int(code), MeerkatError)
    except ValueError:
        return MeerkatError


def error_from_rpc(error: dict[str, Any]) -> MeerkatError:
    """The exception for a JSON-RPC ``error`` object (01 §3 "How the SDKs read errors")."""
    wire_code = error.get("code")
    data = error.get("data")
    raw_message = error.get("message")
    message = raw_message if isinstance(raw_message, str) else str(raw_message or "")
    if isinstance(data, dict) and data.get("code"):
        code = str(data["code"])
    else:
        code = str(wire_code)
    if isinstance(data, dict) and isinstance(data.get("message"), str):
        message = data["message"]
    details = _details_of(data)
    embedded = _json_object(raw_message)
    if embedded is not None:
        code = str(embedded.get("code", code))
        message = str(embedded.get("message", message))
        details = embedded.get("details", embedded.get("reason", details))
    cls = _error_class(wire_code, code)
    return cls(code, message, details)


def _json_object(text: Any) -> dict[str, Any] | None:
    if not isinstance(text, str) or not text.lstrip().startswith("{"):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None
