"""``MeerkatClient``: owns the ``rkat-rpc`` process and its JSON-RPC transport.

::

    async with MeerkatClient() as client:
        session = await client.create_session("Hello")
        print(session.text)

Every wrapper whose method ``initialize`` did not announce raises :class:`~meerkat.errors.CapabilityUnavailableError`
naming the capability, so wrappers of families the runtime does not serve yet fail loudly and start working
when it does. :meth:`MeerkatClient.request` reaches any method directly.
"""

from __future__ import annotations

from ._client_admin import _AdminMixin
from ._client_live import _LiveMixin
from ._client_mob import _MobMixin
from ._client_schedule import _ScheduleMixin
from ._client_sessions import _SessionsMixin

__all__ = ["MeerkatClient"]


class MeerkatClient(_SessionsMixin, _AdminMixin, _ScheduleMixin, _MobMixin, _LiveMixin):
    """The Meerkat client: ``MeerkatClient(rkat_path="rkat-rpc")``, then ``await client.connect(...)``.

    ``async with MeerkatClient() as client`` connects without options (a new isolated realm) and closes on
    exit. Binary lookup: ``MEERKAT_BIN_PATH``, then ``rkat_path``, then ``rkat-rpc`` on ``PATH``, then this
    repository's Node build (``packages/rpc-server/dist/src/bin/rkat-rpc.js``).
    """

    async def __aenter__(self) -> MeerkatClient:
        await self.connect()
        return self
