"""``schedule/*`` methods of the client (served only when the runtime announces them)."""

from __future__ import annotations

from typing import Any, cast

from ._client_base import _ClientCore
from .types import (
    ScheduleListResult,
    ScheduleOccurrencesResult,
    ScheduleRecord,
    ScheduleToolCall,
    ScheduleToolsResult,
)

__all__ = ["_ScheduleMixin"]

_CAP = "schedule"


class _ScheduleMixin(_ClientCore):
    """Schedule wrappers: requests are plain dicts, results the schedule contracts."""

    async def create_schedule(self, request: dict[str, Any]) -> ScheduleRecord:
        """Creates a schedule."""
        return cast(ScheduleRecord, await self._call_dict("schedule/create", dict(request), _CAP))

    async def get_schedule(self, schedule_id: str) -> ScheduleRecord:
        """One schedule."""
        return cast(ScheduleRecord, await self._call_dict("schedule/get", {"schedule_id": schedule_id}, _CAP))

    async def list_schedules(
        self, *, labels: dict[str, str] | None = None, limit: int | None = None, offset: int | None = None
    ) -> ScheduleListResult:
        """The realm's schedules."""
        params = {k: v for k, v in (("labels", labels), ("limit", limit), ("offset", offset)) if v is not None}
        schedules = (await self._call_dict("schedule/list", params, _CAP)).get("schedules")
        return {"schedules": list(schedules) if isinstance(schedules, list) else []}

    async def update_schedule(self, request: dict[str, Any]) -> ScheduleRecord:
        """Updates a schedule."""
        return cast(ScheduleRecord, await self._call_dict("schedule/update", dict(request), _CAP))

    async def pause_schedule(self, schedule_id: str) -> dict[str, Any]:
        """Pauses a schedule."""
        return await self._call_dict("schedule/pause", {"schedule_id": schedule_id}, _CAP)

    async def resume_schedule(self, schedule_id: str) -> dict[str, Any]:
        """Resumes a paused schedule."""
        return await self._call_dict("schedule/resume", {"schedule_id": schedule_id}, _CAP)

    async def delete_schedule(self, schedule_id: str) -> dict[str, Any]:
        """Deletes a schedule."""
        return await self._call_dict("schedule/delete", {"schedule_id": schedule_id}, _CAP)

    async def list_schedule_occurrences(
        self, schedule_id: str, *, include_terminal: bool | None = None
    ) -> ScheduleOccurrencesResult:
        """A schedule's occurrences."""
        params: dict[str, Any] = {"schedule_id": schedule_id}
        if include_terminal is not None:
            params["include_terminal"] = include_terminal
        occurrences = (await self._call_dict("schedule/occurrences", params, _CAP)).get("occurrences")
        return {"occurrences": list(occurrences) if isinstance(occurrences, list) else []}

    async def list_schedule_tools(self) -> ScheduleToolsResult:
        """The schedule tools an agent sees."""
        tools = (await self._call_dict("schedule/tools", {}, _CAP)).get("tools")
        return {"tools": list(tools) if isinstance(tools, list) else []}

    async def call_schedule_tool(self, request: ScheduleToolCall) -> dict[str, Any]:
        """Calls one schedule tool: ``{"name": ..., "arguments": ...}``."""
        return await self._call_dict("schedule/call", dict(request), _CAP)
