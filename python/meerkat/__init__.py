"""Meerkat for Python: drive the ``rkat-rpc`` agent runtime from asyncio.

::

    from meerkat import MeerkatClient

    async with MeerkatClient() as client:
        session = await client.create_session("Say hello", model="claude-sonnet-4-6")
        print(session.text)
"""

from . import events as _events
from . import types as _types
from ._client_live import LiveRefreshResult
from .client import MeerkatClient
from .errors import CapabilityUnavailableError, MeerkatError, SessionNotFoundError, SkillNotFoundError
from .events import *  # noqa: F403
from .events import parse_event
from .live import LiveChannel
from .mob import (
    MemberDeliveryReceipt,
    MemberRespawnReceipt,
    Mob,
    MobHelperResult,
    MobKickoffMemberSnapshot,
    MobMemberSnapshot,
    MobPeerConnectivitySnapshot,
    MobReadyMemberSnapshot,
    MobRespawnResult,
    MobSpawnManyFailedResult,
    MobSpawnManyResult,
    MobSpawnManyResultEntry,
    MobSpawnManySpawnedResult,
    MobSpawnSpec,
    MobUnreachablePeer,
)
from .session import DeferredSession, Session
from .streaming import EventStream, EventSubscription
from .tools import ToolRegistration, ToolRegistry
from .types import *  # noqa: F403
from .types import CONTRACT_VERSION

__all__ = [
    "CapabilityUnavailableError",
    "DeferredSession",
    "EventStream",
    "EventSubscription",
    "LiveChannel",
    "LiveRefreshResult",
    "MeerkatClient",
    "MeerkatError",
    "MemberDeliveryReceipt",
    "MemberRespawnReceipt",
    "Mob",
    "MobHelperResult",
    "MobKickoffMemberSnapshot",
    "MobMemberSnapshot",
    "MobPeerConnectivitySnapshot",
    "MobReadyMemberSnapshot",
    "MobRespawnResult",
    "MobSpawnManyFailedResult",
    "MobSpawnManyResult",
    "MobSpawnManyResultEntry",
    "MobSpawnManySpawnedResult",
    "MobSpawnSpec",
    "MobUnreachablePeer",
    "Session",
    "SessionNotFoundError",
    "SkillNotFoundError",
    "ToolRegistration",
    "ToolRegistry",
]
__all__ += _events.__all__  # includes ``parse_event``
__all__ += [name for name in _types.__all__ if name not in _events.__all__]  # ``CONTRACT_VERSION``, ``Usage`` once

__version__ = "0.6.6"
