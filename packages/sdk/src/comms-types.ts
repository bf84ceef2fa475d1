import type { ContentBlockValue as ContentBlock } from './parse-helpers.js';
import type { ContentInput } from './types.js';

/*
 * The typed `comms/send` command surface (02 §2.2, 03 §3.1 `CommsCommand`): a union tagged on `kind` whose keys
 * are wire-shaped (snake_case), spread into the params next to `session_id` as given. A `peer_request` is itself a
 * union on `intent`: `checksum_token` takes `{subject}`, `supervisor.bridge` a `BridgeCommand` (tagged on
 * `command`). The server rejects unknown fields and discriminator values; these types close the shape for callers.
 */

/** `queue` (next turn boundary) or `steer` (into the running turn). */
export type CommsHandlingMode = 'queue' | 'steer';
/** Where an `input` command says it came from (default `rpc`). */
export type CommsInputSource = 'tcp' | 'uds' | 'stdin' | 'webhook' | 'rpc';
/** Whether an interaction stream is reserved (default `none`). */
export type CommsInputStreamMode = 'none' | 'reserve_interaction';
/** `accepted` is progress only; `completed` / `failed` are terminal. */
export type CommsResponseStatus = 'accepted' | 'completed' | 'failed';
/** The lifecycle notices a `peer_lifecycle` command may carry. */
export type CommsPeerLifecycleKind = 'mob.peer_added' | 'mob.peer_retired' | 'mob.peer_unwired';

/** Injects `body` (or `blocks`) into the session's own inbox (rejected unless `allow_self_session`). */
export interface CommsInputCommand {
  readonly kind: 'input';
  readonly body: string;
  readonly blocks?: readonly ContentBlock[];
  readonly source?: CommsInputSource;
  readonly stream?: CommsInputStreamMode;
  readonly handling_mode?: CommsHandlingMode;
  readonly allow_self_session?: boolean;
}

/** A message to a peer (`to` is a peer id). */
export interface CommsPeerMessageCommand {
  readonly kind: 'peer_message';
  readonly to: string;
  readonly body: string;
  readonly blocks?: readonly ContentBlock[];
  readonly handling_mode?: CommsHandlingMode;
}

/** A peer's trust/wiring spec as comms carries it. */
export interface BridgePeerSpec {
  readonly address: string;
  readonly name: string;
  readonly peer_id: string;
  readonly pubkey?: readonly number[];
}

/** The params of a lifecycle notice. */
export interface CommsPeerLifecycleParams {
  readonly peer: string;
  readonly role?: string;
  readonly description?: string;
  readonly peer_spec?: BridgePeerSpec;
}

/** A lifecycle notice to a peer (never triggers a turn there). */
export interface CommsPeerLifecycleCommand {
  readonly kind: 'peer_lifecycle';
  readonly to: string;
  readonly lifecycle_kind: CommsPeerLifecycleKind;
  readonly params?: CommsPeerLifecycleParams;
}

/** The supervisor bridge protocol version. */
export type BridgeProtocolVersion = number;
/** A member's one-time bind token. */
export type BridgeBootstrapToken = string;

interface BridgeCommandBase {
  readonly epoch: number;
  readonly protocol_version: BridgeProtocolVersion;
  readonly supervisor: BridgePeerSpec;
}

/** Binds a member to its supervisor. */
export interface BridgeCommandBindMember extends BridgeCommandBase {
  readonly command: 'bind_member';
  readonly bootstrap_token: BridgeBootstrapToken;
  readonly expected_address: string;
  readonly expected_peer_id: string;
}

/** Authorizes a supervisor. */
export interface BridgeCommandAuthorizeSupervisor extends BridgeCommandBase {
  readonly command: 'authorize_supervisor';
}

/** Revokes a supervisor. */
export interface BridgeCommandRevokeSupervisor extends BridgeCommandBase {
  readonly command: 'revoke_supervisor';
}

/** Delivers input to the member. */
export interface BridgeCommandDeliverMemberInput extends BridgeCommandBase {
  readonly command: 'deliver_member_input';
  readonly content: ContentInput;
  readonly handling_mode: CommsHandlingMode;
  readonly input_id: string;
}

/** Observes the member. */
export interface BridgeCommandObserveMember extends BridgeCommandBase {
  readonly command: 'observe_member';
}

/** Interrupts the member's running turn. */
export interface BridgeCommandInterruptMember extends BridgeCommandBase {
  readonly command: 'interrupt_member';
}

/** Hard-cancels the member. */
export interface BridgeCommandHardCancelMember extends BridgeCommandBase {
  readonly command: 'hard_cancel_member';
  readonly reason: string;
}

/** Retires the member. */
export interface BridgeCommandRetireMember extends BridgeCommandBase {
  readonly command: 'retire_member';
}

/** Destroys the member. */
export interface BridgeCommandDestroyMember extends BridgeCommandBase {
  readonly command: 'destroy_member';
}

/** Wires the member to a peer. */
export interface BridgeCommandWireMember extends BridgeCommandBase {
  readonly command: 'wire_member';
  readonly peer_spec: BridgePeerSpec;
}

/** Unwires the member from a peer. */
export interface BridgeCommandUnwireMember extends BridgeCommandBase {
  readonly command: 'unwire_member';
  readonly peer_spec: BridgePeerSpec;
}

/** A supervisor bridge command, tagged on `command`. */
export type BridgeCommand =
  | BridgeCommandBindMember
  | BridgeCommandAuthorizeSupervisor
  | BridgeCommandRevokeSupervisor
  | BridgeCommandDeliverMemberInput
  | BridgeCommandObserveMember
  | BridgeCommandInterruptMember
  | BridgeCommandHardCancelMember
  | BridgeCommandRetireMember
  | BridgeCommandDestroyMember
  | BridgeCommandWireMember
  | BridgeCommandUnwireMember;

/** The params of a `checksum_token` request. */
export interface CommsChecksumTokenParams {
  readonly subject: string;
}

interface CommsPeerRequestBase {
  readonly kind: 'peer_request';
  readonly to: string;
  readonly blocks?: readonly ContentBlock[];
  readonly handling_mode?: CommsHandlingMode;
  readonly stream?: CommsInputStreamMode;
}

/** A `checksum_token` request to a peer. */
export interface CommsChecksumTokenPeerRequestCommand extends CommsPeerRequestBase {
  readonly intent: 'checksum_token';
  readonly params: CommsChecksumTokenParams;
}

/** A `supervisor.bridge` request to a peer. */
export interface CommsSupervisorBridgePeerRequestCommand extends CommsPeerRequestBase {
  readonly intent: 'supervisor.bridge';
  readonly params: BridgeCommand;
}

/** A typed request to a peer, tagged on `intent`. */
export type CommsPeerRequestCommand =
  CommsChecksumTokenPeerRequestCommand | CommsSupervisorBridgePeerRequestCommand;

/** A response to a peer's request (`handling_mode` is rejected by the server when `status` is `accepted`). */
export interface CommsPeerResponseCommand {
  readonly kind: 'peer_response';
  readonly to: string;
  readonly in_reply_to: string;
  readonly status: CommsResponseStatus;
  readonly result?: unknown;
  readonly blocks?: readonly ContentBlock[];
  readonly handling_mode?: CommsHandlingMode;
}

/** A `comms/send` command, tagged on `kind`. */
export type CommsCommand =
  | CommsInputCommand
  | CommsPeerMessageCommand
  | CommsPeerLifecycleCommand
  | CommsPeerRequestCommand
  | CommsPeerResponseCommand;
