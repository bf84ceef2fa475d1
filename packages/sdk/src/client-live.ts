import { ScheduleMethods } from './client-schedule.js';
import { isRecord } from './client-core.js';
import { MeerkatError } from './errors.js';
import type {
  LiveOpenParams,
  LiveOpenResult,
  LiveRefreshResult,
  LiveSendInputParams,
  LiveStatusResult,
  WireLiveAdapterObservation,
} from './live-types.js';

type ChannelParams = { channel_id: string };

/** Live channels (`live/*`, wire param objects); each raises `CapabilityUnavailableError` ('live') while not served. */
export class LiveMethods extends ScheduleMethods {
  /** Opens a live channel on a session (`live/open`). */
  async liveOpen(params: LiveOpenParams): Promise<LiveOpenResult> {
    return (await this.served('live/open', { ...params })) as unknown as LiveOpenResult;
  }

  /** Answers a WebRTC offer (`live/webrtc/answer`). */
  async liveWebrtcAnswer(params: {
    channel_id: string;
    token: string;
    offer_sdp: string;
  }): Promise<{ answer_sdp: string }> {
    return (await this.served('live/webrtc/answer', { ...params })) as unknown as { answer_sdp: string };
  }

  /** A channel's status (`live/status`). */
  async liveStatus(params: ChannelParams): Promise<LiveStatusResult> {
    return (await this.served('live/status', { ...params })) as unknown as LiveStatusResult;
  }

  /** Refreshes a channel's config (`live/refresh`). */
  async liveRefresh(params: ChannelParams): Promise<LiveRefreshResult> {
    return (await this.served('live/refresh', { ...params })) as unknown as LiveRefreshResult;
  }

  /** Closes a channel (`live/close`). */
  async liveClose(params: ChannelParams): Promise<void> {
    await this.served('live/close', { ...params });
  }

  /** Sends a chunk of input (`live/send_input`). */
  async liveSendInput(params: LiveSendInputParams): Promise<void> {
    await this.served('live/send_input', { ...params });
  }

  /** Ends the user turn (`live/commit_input`; `response_modality` as `{modality}`). */
  async liveCommitInput(params: {
    channel_id: string;
    response_modality?: { modality: string };
  }): Promise<void> {
    await this.served('live/commit_input', { ...params });
  }

  /** Cancels the response in progress (`live/interrupt`). */
  async liveInterrupt(params: ChannelParams): Promise<void> {
    await this.served('live/interrupt', { ...params });
  }

  /** Truncates the assistant item at the playback cursor (`live/truncate`). */
  async liveTruncate(params: {
    channel_id: string;
    item_id: string;
    content_index: number;
    audio_played_ms: number;
  }): Promise<void> {
    await this.served('live/truncate', { ...params });
  }

  /** Sends an image (`live/send_input`, chunk `image`). */
  liveSendInputImage(channelId: string, mime: string, dataBase64: string): Promise<void> {
    return this.liveSendInput({ channel_id: channelId, chunk: { kind: 'image', mime, data: dataBase64 } });
  }

  /** Sends a video frame (`live/send_input`, chunk `video_frame`). */
  liveSendInputVideoFrame(
    channelId: string,
    codec: string,
    dataBase64: string,
    timestampMs: number,
  ): Promise<void> {
    return this.liveSendInput({
      channel_id: channelId,
      chunk: { kind: 'video_frame', codec, data: dataBase64, timestamp_ms: timestampMs },
    });
  }

  /** Checks a live transport frame: an object with an `observation` key, else `INVALID_RESPONSE`. */
  static parseLiveObservation(raw: unknown): WireLiveAdapterObservation {
    if (!isRecord(raw) || !('observation' in raw)) {
      throw new MeerkatError(
        'INVALID_RESPONSE',
        'Invalid live observation: expected an object with observation',
        raw,
      );
    }
    return raw as WireLiveAdapterObservation;
  }
}
