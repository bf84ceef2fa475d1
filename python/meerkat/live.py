"""``LiveChannel``: a live channel bound to a session, storing the ``channel_id`` that ``live/open`` returns."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from ._client_live import LiveRefreshResult
    from .client import MeerkatClient

__all__ = ["LiveChannel"]

TurningMode = Literal["provider_managed", "explicit_commit"]
LiveTransport = Literal["websocket", "webrtc"]


class LiveChannel:
    """Wraps the ``live/*`` methods for one session. Call :meth:`open` first."""

    def __init__(
        self,
        client: MeerkatClient,
        session_id: str,
        *,
        turning_mode: TurningMode | None = None,
        transport: LiveTransport | None = None,
    ) -> None:
        self._client = client
        self._session_id = session_id
        self._turning_mode = turning_mode
        self._transport = transport
        self._channel_id: str | None = None

    @classmethod
    def session(
        cls,
        client: MeerkatClient,
        session_id: str,
        *,
        turning_mode: TurningMode | None = None,
        transport: LiveTransport | None = None,
    ) -> LiveChannel:
        """A channel bound to ``session_id`` (nothing is sent yet)."""
        return cls(client, session_id, turning_mode=turning_mode, transport=transport)

    @property
    def client(self) -> MeerkatClient:
        """The owning client."""
        return self._client

    @property
    def session_id(self) -> str:
        """The bound session."""
        return self._session_id

    @property
    def channel_id(self) -> str | None:
        """The channel id, once opened."""
        return self._channel_id

    def _require(self) -> str:
        if self._channel_id is None:
            raise RuntimeError("LiveChannel has not been opened yet -- call open() first")
        return self._channel_id

    async def open(self) -> dict[str, Any]:
        """``live/open``; stores the channel id and returns the raw result."""
        result = await self._client.live_open(self._session_id, turning_mode=self._turning_mode,
                                              transport=self._transport)
        channel = result.get("channel_id", result.get("channelId"))
        self._channel_id = str(channel) if channel is not None else None
        return result

    async def close(self) -> dict[str, Any]:
        """``live/close``."""
        return await self._client.live_close(self._require())

    async def status(self) -> dict[str, Any]:
        """``live/status``."""
        return await self._client.live_status(self._require())

    async def interrupt(self) -> dict[str, Any]:
        """``live/interrupt``."""
        return await self._client.live_interrupt(self._require())

    async def refresh(self) -> LiveRefreshResult:
        """``live/refresh``."""
        return await self._client.live_refresh(self._require())

    async def send_input_text(self, text: str) -> dict[str, Any]:
        """Sends text."""
        return await self._client.live_send_input_text(self._require(), text)

    async def send_input_audio(self, data_base64: str, sample_rate_hz: int, channels: int) -> dict[str, Any]:
        """Sends audio."""
        return await self._client.live_send_input_audio(self._require(), data_base64, sample_rate_hz, channels)

    async def send_input_image(self, mime: str, data_base64: str) -> dict[str, Any]:
        """Sends an image."""
        return await self._client.live_send_input_image(self._require(), mime, data_base64)

    async def send_input_video_frame(self, codec: str, data_base64: str, timestamp_ms: int) -> dict[str, Any]:
        """Sends a video frame."""
        return await self._client.live_send_input_video_frame(self._require(), codec, data_base64, timestamp_ms)

    async def commit_input(self, response_modality: str | None = None) -> dict[str, Any]:
        """Commits buffered input."""
        return await self._client.live_commit_input(self._require(), response_modality)

    async def truncate(self, item_id: str, content_index: int, audio_played_ms: int) -> dict[str, Any]:
        """Truncates an assistant item."""
        return await self._client.live_truncate(self._require(), item_id, content_index, audio_played_ms)
