/** A chunk of live input (`live/send_input` `chunk`, tag `kind`). */
export type LiveInputChunkWire =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'audio';
      readonly data: string;
      readonly sample_rate_hz: number;
      readonly channels: number;
    }
  | { readonly kind: 'image'; readonly mime: string; readonly data: string }
  | {
      readonly kind: 'video_frame';
      readonly codec: string;
      readonly data: string;
      readonly timestamp_ms: number;
    };

/** How a live turn ends: by the provider's voice detection or by `commitInput`. */
export type RealtimeTurningMode = 'provider_managed' | 'explicit_commit';

/** The transport bootstrap of an opened channel (tag `transport`). */
export type WireLiveTransportBootstrap =
  | { readonly transport: 'websocket'; readonly url: string; readonly token: string }
  | WireLiveTransportBootstrapWebrtc
  | { readonly transport: string; readonly [key: string]: unknown };

/** The WebRTC bootstrap: answer the offer with `live/webrtc/answer` and this token. */
export interface WireLiveTransportBootstrapWebrtc {
  readonly transport: 'webrtc';
  readonly token: string;
  readonly answer_method: string;
  readonly http_url: string | null;
}

/** `live/open` params. */
export interface LiveOpenParams {
  readonly session_id: string;
  readonly turning_mode?: RealtimeTurningMode;
  readonly transport?: 'websocket' | 'webrtc';
}

/** `live/open` result (wire-shaped). */
export interface LiveOpenResult {
  readonly channel_id: string;
  readonly transport: WireLiveTransportBootstrap;
  readonly capabilities: Readonly<Record<string, boolean>>;
  readonly continuity: Readonly<Record<string, unknown>>;
}

/** `live/status` result (wire-shaped). */
export interface LiveStatusResult {
  readonly channel_id: string;
  readonly status: Readonly<Record<string, unknown>>;
}

/** `live/refresh` result. */
export interface LiveRefreshResult {
  readonly refresh_enqueued: boolean;
  readonly status: string;
}

/** `live/send_input` params. */
export interface LiveSendInputParams {
  readonly channel_id: string;
  readonly chunk: LiveInputChunkWire;
}

/** An observation of the live adapter (a frame of the live transport; `observation` is its tag). */
export type WireLiveAdapterObservation = Readonly<Record<string, unknown>> & {
  readonly observation: unknown;
};

/** `LiveChannel.session` options. */
export interface LiveChannelOptions {
  readonly turningMode?: RealtimeTurningMode;
  readonly transport?: 'websocket' | 'webrtc';
}
