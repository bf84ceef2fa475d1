"""The generated wire types must match the contract schemas."""

from __future__ import annotations

import importlib.util
import json
import sys
import typing
from pathlib import Path

import pytest

import meerkat._wire as wire

PYTHON_DIR = Path(__file__).resolve().parents[1]
GENERATOR = PYTHON_DIR / "scripts" / "generate_wire_types.py"
SCHEMAS = PYTHON_DIR.parent / "packages" / "contracts" / "schemas"


def _generator() -> typing.Any:
    spec = importlib.util.spec_from_file_location("generate_wire_types", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_wire_types"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.scenario("S51")
def test_generated_file_is_current() -> None:
    expected = _generator().render(SCHEMAS)
    current = (PYTHON_DIR / "meerkat" / "_wire.py").read_text(encoding="utf-8")
    assert current == expected, (
        "python/meerkat/_wire.py is stale: the contract schemas changed. "
        "Regenerate it with: python python/scripts/generate_wire_types.py"
    )


@pytest.mark.scenario("S51")
def test_every_schema_has_a_type() -> None:
    index = json.loads((SCHEMAS / "index.json").read_text(encoding="utf-8"))
    assert wire.CONTRACT_VERSION == index["contract_version"] == "0.6.6"
    for name in index["schemas"]:
        assert hasattr(wire, name), name
    assert set(wire.__all__) == {"CONTRACT_VERSION", *index["schemas"]}


@pytest.mark.scenario("S51")
def test_generated_shapes_follow_the_schemas() -> None:
    run_result = typing.get_type_hints(wire.WireRunResult)
    assert {"session_id", "text", "turns", "tool_calls", "usage", "structured_output"} <= set(run_result)
    assert wire.WireRunResult.__required_keys__ == frozenset({"session_id", "text", "turns", "tool_calls", "usage"})
    assert typing.get_args(wire.StopReason) == ("end_turn", "tool_use", "max_tokens", "stop_sequence",
                                                 "content_filter", "cancelled")
    variants = typing.get_args(wire.AgentEvent)
    assert len(variants) == 35
    event_types = {typing.get_args(typing.get_type_hints(v)["type"])[0] for v in variants}
    assert {"run_started", "text_delta", "tool_call_requested", "background_job_completed"} <= event_types
