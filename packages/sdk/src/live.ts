import type { LiveMethods } from './client-live.js';
import type {
  LiveChannelOptions,
  LiveInputChunkWire,
  LiveOpenResult,
  LiveRefreshResult,
  LiveStatusResult,
  RealtimeTurningMode,
} from './live-types.js';

/**
 * A live (realtime) channel of a session: `LiveChannel.session(client, sessionId, options)`, then `open()`.
 * The SDK does not open the WebSocket/WebRTC transport itself; connect to `open()`'s `transport`.
 */
export class LiveChannel {
  private channel: string | undefined;

  private constructor(
    readonly client: LiveMethods,
    readonly sessionId: string,
    readonly turningMode?: RealtimeTurningMode,
    readonly transport?: 'websocket' | 'webrtc',
  ) {}

  /** A channel handle for a session (no round trip until `open()`). */
  static session(client: LiveMethods, sessionId: string, options: LiveChannelOptions = {}): LiveChannel {
    return new LiveChannel(client, sessionId, options.turningMode, options.transport);
  }

  /** The channel id, once `open()` answered. */
  get channelId(): string | undefined {
    return this.channel;
  }

  /** Opens the channel (`live/open`) and keeps its `channel_id`. */
  async open(): Promise<LiveOpenResult> {
    const result = await this.client.liveOpen({
      session_id: this.sessionId,
      ...(this.turningMode !== undefined ? { turning_mode: this.turningMode } : {}),
      ...(this.transport !== undefined ? { transport: this.transport } : {}),
    });
    this.channel = result.channel_id;
    return result;
  }

  /** Closes the channel (`live/close`). */
  async close(): Promise<void> {
    return await this.client.liveClose({ channel_id: this.requireOpen() });
  }

  /** Ends the user turn (`live/commit_input`; `responseModality` sent as `{modality}`). */
  async commitInput(responseModality?: string): Promise<void> {
    return await this.client.liveCommitInput({
      channel_id: this.requireOpen(),
      ...(responseModality !== undefined ? { response_modality: { modality: responseModality } } : {}),
    });
  }

  /** The channel's status (`live/status`). */
  async status(): Promise<LiveStatusResult> {
    return await this.client.liveStatus({ channel_id: this.requireOpen() });
  }

  /** Refreshes the channel's config (`live/refresh`). */
  async refresh(): Promise<LiveRefreshResult> {
    return await this.client.liveRefresh({ channel_id: this.requireOpen() });
  }

  /** Sends a chunk of input (`live/send_input`). */
  async sendInput(chunk: LiveInputChunkWire): Promise<void> {
    return await this.client.liveSendInput({ channel_id: this.requireOpen(), chunk });
  }

  /** Sends text. */
  sendInputText(text: string): Promise<void> {
    return this.sendInput({ kind: 'text', text });
  }

  /** Sends base64 PCM audio. */
  sendInputAudio(dataBase64: string, sampleRateHz: number, channels: number): Promise<void> {
    return this.sendInput({ kind: 'audio', data: dataBase64, sample_rate_hz: sampleRateHz, channels });
  }

  /** Sends an image. */
  sendInputImage(mime: string, dataBase64: string): Promise<void> {
    return this.sendInput({ kind: 'image', mime, data: dataBase64 });
  }

  /** Sends a video frame. */
  sendInputVideoFrame(codec: string, dataBase64: string, timestampMs: number): Promise<void> {
    return this.sendInput({ kind: 'video_frame', codec, data: dataBase64, timestamp_ms: timestampMs });
  }

  /** Cancels the response in progress (`live/interrupt`). */
  async interrupt(): Promise<void> {
    return await this.client.liveInterrupt({ channel_id: this.requireOpen() });
  }

  /** Truncates an assistant item at the playback cursor (`live/truncate`). */
  async truncate(itemId: string, contentIndex: number, audioPlayedMs: number): Promise<void> {
    return await this.client.liveTruncate({
      channel_id: this.requireOpen(),
      item_id: itemId,
      content_index: contentIndex,
      audio_played_ms: audioPlayedMs,
    });
  }

  private requireOpen(): string {
    if (this.channel === undefined)
      throw new Error('LiveChannel has not been opened yet — call open() first');
    return this.channel;
  }
}
