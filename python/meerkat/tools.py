"""Callback tools: the registry behind ``@client.tool(...)`` and the ``tool/execute`` answer."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ToolHandler", "ToolRegistration", "ToolRegistry"]

ToolHandler = Callable[[dict[str, Any]], "Awaitable[Any] | Any"]
"""A tool's implementation: ``async def handler(arguments: dict) -> str`` (a plain function works too)."""


@dataclass
class ToolRegistration:
    """One callback tool: its definition and handler."""

    name: str
    description: str
    input_schema: dict[str, Any]
    handler: ToolHandler

    def to_wire(self) -> dict[str, Any]:
        """The wire ``ToolDef``."""
        return {"name": self.name, "description": self.description, "input_schema": self.input_schema}


@dataclass
class ToolRegistry:
    """The client's callback tools, by name (a repeated name replaces the old definition)."""

    tools: dict[str, ToolRegistration] = field(default_factory=dict)

    def add(
        self, name: str, handler: ToolHandler, *, description: str = "", input_schema: dict[str, Any] | None = None
    ) -> ToolRegistration:
        """Registers ``handler`` as tool ``name`` (defaults: ``"Tool: <name>"``, ``{"type": "object"}``)."""
        registration = ToolRegistration(
            name=name,
            description=description or f"Tool: {name}",
            input_schema=input_schema if input_schema is not None else {"type": "object"},
            handler=handler,
        )
        self.tools[name] = registration
        return registration

    def definitions(self) -> list[dict[str, Any]]:
        """Every tool as a wire ``ToolDef``."""
        return [tool.to_wire() for tool in self.tools.values()]

    async def execute(self, params: dict[str, Any]) -> dict[str, Any]:
        """Answers ``tool/execute``: ``{"content": str, "is_error": bool}``; never raises."""
        name = params.get("name")
        arguments = params.get("arguments")
        tool = self.tools.get(name) if isinstance(name, str) else None
        if tool is None:
            return {"content": f"Unknown tool: {name}", "is_error": True}
        try:
            value = tool.handler(arguments if isinstance(arguments, dict) else {})
            if inspect.isawaitable(value):
                value = await value
        except Exception as error:  # a handler failure is a failed tool result, not a crash
            return {"content": f"Tool error: {error}", "is_error": True}
        return {"content": value if isinstance(value, str) else str(value), "is_error": False}
