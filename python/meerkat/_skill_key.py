"""``SkillKey``: the identity of a skill (source UUID + skill name)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["SkillKey"]


@dataclass(frozen=True, slots=True)
class SkillKey:
    """A skill's identity. Both fields are required."""

    source_uuid: str
    skill_name: str

    def to_wire(self) -> dict[str, Any]:
        """The wire ``SkillKey`` object."""
        return {"source_uuid": self.source_uuid, "skill_name": self.skill_name}

    def to_ref(self) -> dict[str, Any]:
        """The wire structured ``SkillRef`` object."""
        return {"kind": "structured", "source_uuid": self.source_uuid, "skill_name": self.skill_name}
