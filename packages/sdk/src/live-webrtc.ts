import type { WireLiveTransportBootstrap, WireLiveTransportBootstrapWebrtc } from './live-types.js';

/** What `answerLiveWebrtcOffer` needs of a client. */
export interface LiveWebrtcAnswerClient {
  liveWebrtcAnswer(params: {
    channel_id: string;
    token: string;
    offer_sdp: string;
  }): Promise<{ answer_sdp: string }>;
}

/** An SDP description as a peer connection produces and takes it. */
export interface LiveWebrtcOfferDescription {
  readonly type: string;
  readonly sdp?: string;
}

/** The part of an `RTCPeerConnection` the answer helper uses. */
export interface LiveWebrtcPeerConnectionLike {
  createOffer(): Promise<LiveWebrtcOfferDescription>;
  setLocalDescription(description: LiveWebrtcOfferDescription): Promise<void>;
  setRemoteDescription(description: { type: 'answer'; sdp: string }): Promise<void>;
}

/** Options of the audio constraints (each flag defaults to `true`; `extraAudio` merged last). */
export interface LiveWebrtcAudioConstraintOptions {
  readonly echoCancellation?: boolean;
  readonly noiseSuppression?: boolean;
  readonly autoGainControl?: boolean;
  readonly extraAudio?: Readonly<Record<string, unknown>>;
}

/** True when an opened channel's transport is the WebRTC bootstrap. */
export function isLiveWebrtcBootstrap(
  transport: WireLiveTransportBootstrap,
): transport is WireLiveTransportBootstrapWebrtc {
  return transport.transport === 'webrtc';
}

/** Audio constraints for `getUserMedia`. */
export function liveWebrtcAudioConstraints(
  options: LiveWebrtcAudioConstraintOptions = {},
): Record<string, unknown> {
  return {
    echoCancellation: options.echoCancellation ?? true,
    noiseSuppression: options.noiseSuppression ?? true,
    autoGainControl: options.autoGainControl ?? true,
    ...options.extraAudio,
  };
}

/** Media constraints for `getUserMedia`: the audio above, no video. */
export function liveWebrtcMediaConstraints(options: LiveWebrtcAudioConstraintOptions = {}): {
  audio: Record<string, unknown>;
  video: false;
} {
  return { audio: liveWebrtcAudioConstraints(options), video: false };
}

/**
 * Creates an offer on `peerConnection`, sets it locally, answers it with `live/webrtc/answer` (the bootstrap's
 * token) and sets the answer remotely; returns the answer SDP. An offer without SDP is an `Error`.
 */
export async function answerLiveWebrtcOffer(
  client: LiveWebrtcAnswerClient,
  channelId: string,
  transport: WireLiveTransportBootstrapWebrtc,
  peerConnection: LiveWebrtcPeerConnectionLike,
): Promise<string> {
  const offer = await peerConnection.createOffer();
  if (!offer.sdp) throw new Error('WebRTC offer has no SDP');
  await peerConnection.setLocalDescription(offer);
  const { answer_sdp: answerSdp } = await client.liveWebrtcAnswer({
    channel_id: channelId,
    token: transport.token,
    offer_sdp: offer.sdp,
  });
  await peerConnection.setRemoteDescription({ type: 'answer', sdp: answerSdp });
  return answerSdp;
}
