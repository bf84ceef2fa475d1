"""How JSON-RPC error objects become SDK exceptions (01-protocol-core.md §3)."""

from __future__ import annotations

import pytest

from meerkat import CapabilityUnavailableError, MeerkatError, SessionNotFoundError, SkillNotFoundError
from meerkat.errors import error_from_rpc


@pytest.mark.scenario("S31")
def test_subclass_is_chosen_by_wire_code() -> None:
    cases = [
        (-32001, SessionNotFoundError),
        (-32021, SkillNotFoundError),
        (-32020, CapabilityUnavailableError),
        (-32602, MeerkatError),
        (-32603, MeerkatError),
    ]
    for code, cls in cases:
        error = error_from_rpc({"code": code, "message": "m"})
        assert type(error) is cls
        assert isinstance(error, MeerkatError)
        assert error.code == str(code) and error.message == "m" and error.details is None
        assert str(error) == "m" and error.args == ("m",)


@pytest.mark.scenario("S31")
def test_data_code_message_and_details() -> None:
    error = error_from_rpc({"code": -32600, "message": "outer", "data": {"code": "FRAME_TOO_LARGE", "message": "big",
                                                                         "details": {"limit": 1}}})
    assert (error.code, error.message, error.details) == ("FRAME_TOO_LARGE", "big", {"limit": 1})
    reason = error_from_rpc({"code": -32602, "message": "m", "data": {"reason": "why"}})
    assert reason.code == "-32602" and reason.details == "why"
    whole = error_from_rpc({"code": -32010, "message": "turn abandoned: x", "data": {"error": {"kind": "llm_failure"}}})
    assert whole.details == {"error": {"kind": "llm_failure"}}
    scalar = error_from_rpc({"code": -32602, "message": "m", "data": "text"})
    assert scalar.details == "text"
    not_found = error_from_rpc({"code": -32001, "message": "Session not found: x", "data": {"code": "SESSION_GONE"}})
    assert type(not_found) is SessionNotFoundError and not_found.code == "SESSION_GONE"


@pytest.mark.scenario("S31")
def test_json_object_message_wins() -> None:
    error = error_from_rpc({"code": -32603, "message": '{"code": "SKILL_NOT_FOUND", "message": "no skill", '
                                                         '"details": {"skill": "x"}}'})
    assert type(error) is SkillNotFoundError
    assert (error.code, error.message, error.details) == ("SKILL_NOT_FOUND", "no skill", {"skill": "x"})
    plain = error_from_rpc({"code": -32603, "message": "{not json"})
    assert plain.message == "{not json"


def test_errors_keep_constructor_shape() -> None:
    error = CapabilityUnavailableError("CAPABILITY_UNAVAILABLE", "nope", {"a": 1}, "mob")
    assert (error.code, error.message, error.details, error.capability_hint) == (
        "CAPABILITY_UNAVAILABLE", "nope", {"a": 1}, "mob")
    assert repr(error) == "CapabilityUnavailableError(code='CAPABILITY_UNAVAILABLE', message='nope')"
