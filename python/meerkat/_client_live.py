"""``live/*`` methods of the client (served only with a live transport)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ._client_base import _ClientCore

__all__ = ["LiveRefreshResult", "_LiveMixin"]

_CAP = "live"


@dataclass
class LiveRefreshResult:
    """``live/refresh``: whether a refresh was queued."""

    refresh_enqueued: bool
    status: str = "queued"


class _LiveMixin(_ClientCore):
    """Direct live-channel helpers; :class:`~meerkat.live.LiveChannel` wraps them."""

    async def live_open(
        self,
        session_id: str,
        turning_mode: Literal["provider_managed", "explicit_commit"] | None = None,
        transport: Literal["websocket", "webrtc"] | None = None,
    ) -> dict[str, Any]:
        """Opens a live channel on a session (``channel_id``, ``transport``, ``capabilities``)."""
        params: dict[str, Any] = {"session_id": session_id}
        if turning_mode is not None:
            params["turning_mode"] = turning_mode
        if transport is not None:
            params["transport"] = transport
        return await self._call_dict("live/open", params, _CAP)

    async def live_webrtc_answer(self, channel_id: str, token: str, offer_sdp: str) -> dict[str, Any]:
        """Answers a WebRTC offer for a live channel."""
        params = {"channel_id": channel_id, "token": token, "offer_sdp": offer_sdp}
        return await self._call_dict("live/webrtc/answer", params, _CAP)

    async def live_status(self, channel_id: str) -> dict[str, Any]:
        """A live channel's status."""
        return await self._call_dict("live/status", {"channel_id": channel_id}, _CAP)

    async def live_close(self, channel_id: str) -> dict[str, Any]:
        """Closes a live channel."""
        return await self._call_dict("live/close", {"channel_id": channel_id}, _CAP)

    async def live_interrupt(self, channel_id: str) -> dict[str, Any]:
        """Interrupts the live response."""
        return await self._call_dict("live/interrupt", {"channel_id": channel_id}, _CAP)

    async def _live_send(self, channel_id: str, chunk: dict[str, Any]) -> dict[str, Any]:
        return await self._call_dict("live/send_input", {"channel_id": channel_id, "chunk": chunk}, _CAP)

    async def live_send_input_text(self, channel_id: str, text: str) -> dict[str, Any]:
        """Sends text input."""
        return await self._live_send(channel_id, {"kind": "text", "text": text})

    async def live_send_input_audio(
        self, channel_id: str, data_base64: str, sample_rate_hz: int, channels: int
    ) -> dict[str, Any]:
        """Sends an audio chunk (base64 PCM)."""
        chunk = {"kind": "audio", "data": data_base64, "sample_rate_hz": sample_rate_hz, "channels": channels}
        return await self._live_send(channel_id, chunk)

    async def live_send_input_image(self, channel_id: str, mime: str, data_base64: str) -> dict[str, Any]:
        """Sends an image."""
        return await self._live_send(channel_id, {"kind": "image", "mime": mime, "data": data_base64})

    async def live_send_input_video_frame(
        self, channel_id: str, codec: str, data_base64: str, timestamp_ms: int
    ) -> dict[str, Any]:
        """Sends one video frame."""
        chunk = {"kind": "video_frame", "codec": codec, "data": data_base64, "timestamp_ms": timestamp_ms}
        return await self._live_send(channel_id, chunk)

    async def live_commit_input(self, channel_id: str, response_modality: str | None = None) -> dict[str, Any]:
        """Commits the buffered input (explicit-commit channels)."""
        params: dict[str, Any] = {"channel_id": channel_id}
        if response_modality is not None:
            params["response_modality"] = {"modality": response_modality}
        return await self._call_dict("live/commit_input", params, _CAP)

    async def live_truncate(
        self, channel_id: str, item_id: str, content_index: int, audio_played_ms: int
    ) -> dict[str, Any]:
        """Truncates an assistant item to what was played."""
        params = {"channel_id": channel_id, "item_id": item_id, "content_index": content_index,
                  "audio_played_ms": audio_played_ms}
        return await self._call_dict("live/truncate", params, _CAP)

    async def live_refresh(self, channel_id: str) -> LiveRefreshResult:
        """Queues a refresh of the channel's provider session."""
        raw = await self._call_dict("live/refresh", {"channel_id": channel_id}, _CAP)
        return LiveRefreshResult(refresh_enqueued=bool(raw.get("refresh_enqueued") or False),
                                 status=str(raw.get("status") or "queued"))

    @staticmethod
    def parse_live_observation(raw: dict[str, Any]) -> dict[str, Any]:
        """Checks an inbound live frame is an observation; returns it unchanged (``ValueError`` otherwise)."""
        if not isinstance(raw, dict) or "observation" not in raw:
            raise ValueError("live frame is not an observation")
        return raw
