import { LiveMethods } from './client-live.js';
import { MeerkatError } from './errors.js';
import { parseBlob, parseConfigEnvelope, parseModelsCatalog, parseRunResult } from './parse.js';
import type { CommsCommand } from './comms-types.js';
import type { CommsSendReceipt } from './parse-helpers.js';
import type {
  BlobPayload,
  ConfigEnvelope,
  ContentInput,
  ModelsCatalog,
  RunResult,
  TurnOptions,
} from './types.js';
import { turnParams } from './wire-params.js';

type Params = Record<string, unknown>;

function retired(): Promise<never> {
  return Promise.reject(
    new MeerkatError(
      'METHOD_NOT_FOUND',
      'Retired runtime session control methods are no longer supported by the public RPC surface.',
    ),
  );
}

/** `profile_id` when `keep(profileId)`. */
function profileParams(
  realmId: string,
  bindingId: string,
  profileId: string | undefined,
  keep: boolean,
): Params {
  return { realm_id: realmId, binding_id: bindingId, ...(keep ? { profile_id: profileId } : {}) };
}

/**
 * Config, the models catalog, realms and blobs (served); and runtime host, approvals, artifacts, the event log and auth (`runtime/*`, `approval/*`, `artifact/*`,
 * `events/*`, `auth/*`): raw params in, raw results out; each raises `CapabilityUnavailableError` naming the
 * capability while not served.
 */
export class HostMethods extends LiveMethods {
  /** The realm's config and generation. */
  async getConfig(): Promise<ConfigEnvelope> {
    return parseConfigEnvelope(await this.request('config/get', {}));
  }

  /** Replaces the config; with `expectedGeneration`, a stale generation rejects (`-32602`). */
  async setConfig(
    config: Record<string, unknown>,
    options: { expectedGeneration?: number } = {},
  ): Promise<ConfigEnvelope> {
    const params: Record<string, unknown> = { config };
    if (options.expectedGeneration !== undefined) params.expected_generation = options.expectedGeneration;
    return parseConfigEnvelope(await this.request('config/set', params));
  }

  /** Applies an RFC 7396 merge patch to the config; CAS as `setConfig`. */
  async patchConfig(
    patch: Record<string, unknown>,
    options: { expectedGeneration?: number } = {},
  ): Promise<ConfigEnvelope> {
    const params: Record<string, unknown> = { patch };
    if (options.expectedGeneration !== undefined) params.expected_generation = options.expectedGeneration;
    return parseConfigEnvelope(await this.request('config/patch', params));
  }

  /** The models catalog. */
  async getModelsCatalog(): Promise<ModelsCatalog> {
    return parseModelsCatalog(await this.request('models/catalog', {}));
  }

  /** The realm's connection sections (`realm/list`), raw. */
  realmList(): Promise<unknown> {
    return this.request('realm/list', {});
  }

  /** One connection section (`realm/get`), raw. */
  realmGet(realmId: string): Promise<unknown> {
    return this.request('realm/get', { realm_id: realmId });
  }

  /** A blob by id (`blob/get`). */
  async getBlob(blobId: string): Promise<BlobPayload> {
    return parseBlob(await this.request('blob/get', { blob_id: blobId }));
  }

  /** @internal Retired `runtime/session_*` controls: always `METHOD_NOT_FOUND`, nothing is sent. */
  _runtimeStatus(_params: Params = {}): Promise<never> {
    return retired();
  }

  /** @internal Retired; always `METHOD_NOT_FOUND`. */
  _runtimeSubmit(_params: Params = {}): Promise<never> {
    return retired();
  }

  /** @internal Retired; always `METHOD_NOT_FOUND`. */
  _runtimeSubmission(_params: Params = {}): Promise<never> {
    return retired();
  }

  /** @internal Retired; always `METHOD_NOT_FOUND`. */
  _runtimeSubmissions(_params: Params = {}): Promise<never> {
    return retired();
  }

  /** @internal Retired; always `METHOD_NOT_FOUND`. */
  _runtimeRetire(_params: Params = {}): Promise<never> {
    return retired();
  }

  /** @internal Retired; always `METHOD_NOT_FOUND`. */
  _runtimeReset(_params: Params = {}): Promise<never> {
    return retired();
  }

  /** @internal `turn/start` by session id (the original's private name; see `startTurn`). */
  async _startTurn(sessionId: string, prompt: ContentInput, options: TurnOptions = {}): Promise<RunResult> {
    return parseRunResult(await this.request('turn/start', turnParams(sessionId, prompt, options)));
  }

  /** @internal `turn/interrupt` (see `interrupt`). */
  async _interrupt(sessionId: string): Promise<void> {
    await this.request('turn/interrupt', { session_id: sessionId });
  }

  /** @internal `session/archive` (see `archiveSession`). */
  async _archive(sessionId: string): Promise<void> {
    await this.request('session/archive', { session_id: sessionId });
  }

  /** @internal `comms/send` (see `send`). */
  _send(sessionId: string, command: CommsCommand): Promise<CommsSendReceipt> {
    return this.send(sessionId, command);
  }

  /** @internal `comms/peers` (see `peers`). */
  _peers(sessionId: string): Promise<Params> {
    return this.peers(sessionId);
  }
  /** The runtime host's identity (`runtime/host_info`). */
  getRuntimeHostInfo(): Promise<unknown> {
    return this.requestServed('runtime/host_info', {});
  }

  /** The runtime host's capabilities (`runtime/capabilities`). */
  getRuntimeHostCapabilities(): Promise<unknown> {
    return this.requestServed('runtime/capabilities', {});
  }

  /** The runtime host's health (`runtime/health`). */
  getRuntimeHostHealth(): Promise<unknown> {
    return this.requestServed('runtime/health', {});
  }

  /** Requests an approval (`approval/request`). */
  requestApproval(params: Params): Promise<unknown> {
    return this.requestServed('approval/request', params);
  }

  /** Lists approvals (`approval/list`). */
  listApprovals(params: Params = {}): Promise<unknown> {
    return this.requestServed('approval/list', params);
  }

  /** One approval (`approval/get`). */
  getApproval(params: Params): Promise<unknown> {
    return this.requestServed('approval/get', params);
  }

  /** Decides an approval (`approval/decide`). */
  decideApproval(params: Params): Promise<unknown> {
    return this.requestServed('approval/decide', params);
  }

  /** Lists artifacts (`artifact/list`). */
  listArtifacts(params: Params = {}): Promise<unknown> {
    return this.requestServed('artifact/list', params);
  }

  /** One artifact (`artifact/get`). */
  getArtifact(params: Params): Promise<unknown> {
    return this.requestServed('artifact/get', params);
  }

  /** An artifact's content (`artifact/download`). */
  downloadArtifact(params: Params): Promise<unknown> {
    return this.requestServed('artifact/download', params);
  }

  /** The newest event cursor (`events/latest_cursor`). */
  latestEventCursor(params: Params): Promise<unknown> {
    return this.requestServed('events/latest_cursor', params);
  }

  /** Events after a cursor (`events/list_since`). */
  listEventsSince(params: Params): Promise<unknown> {
    return this.requestServed('events/list_since', params);
  }

  /** An event snapshot (`events/snapshot`). */
  eventSnapshot(params: Params): Promise<unknown> {
    return this.requestServed('events/snapshot', params);
  }

  /** The auth profiles of a realm (`auth/profile/list`). */
  authProfileList(realmId: string): Promise<unknown> {
    return this.requestServed('auth/profile/list', { realm_id: realmId });
  }

  /** One auth profile (`auth/profile/get`; `profile_id` only when truthy). */
  authProfileGet(realmId: string, bindingId: string, profileId?: string): Promise<unknown> {
    return this.requestServed('auth/profile/get', profileParams(realmId, bindingId, profileId, !!profileId));
  }

  /** Creates an auth profile (`auth/profile/create`, raw params). */
  authProfileCreate(params: Params): Promise<unknown> {
    return this.requestServed('auth/profile/create', params);
  }

  /** Deletes an auth profile (`auth/profile/delete`; `profile_id` only when truthy). */
  authProfileDelete(realmId: string, bindingId: string, profileId?: string): Promise<unknown> {
    return this.requestServed(
      'auth/profile/delete',
      profileParams(realmId, bindingId, profileId, !!profileId),
    );
  }

  /** Starts a browser login (`auth/login/start`, raw params). */
  authLoginStart(params: Params): Promise<unknown> {
    return this.requestServed('auth/login/start', params);
  }

  /** Completes a browser login (`auth/login/complete`, raw params). */
  authLoginComplete(params: Params): Promise<unknown> {
    return this.requestServed('auth/login/complete', params);
  }

  /** Starts a device login (`auth/login/device_start`, raw params). */
  authLoginDeviceStart(params: Params): Promise<unknown> {
    return this.requestServed('auth/login/device_start', params);
  }

  /** Completes a device login (`auth/login/device_complete`, raw params). */
  authLoginDeviceComplete(params: Params): Promise<unknown> {
    return this.requestServed('auth/login/device_complete', params);
  }

  /** Provisions an API key from a login (`auth/login/provision_api_key`, raw params). */
  authLoginProvisionApiKey(params: Params): Promise<unknown> {
    return this.requestServed('auth/login/provision_api_key', params);
  }

  /** A binding's auth status (`auth/status/get`; `profile_id` unless `undefined`). */
  authStatusGet(realmId: string, bindingId: string, profileId?: string): Promise<unknown> {
    return this.requestServed(
      'auth/status/get',
      profileParams(realmId, bindingId, profileId, profileId !== undefined),
    );
  }

  /** Logs a binding out (`auth/logout`; `profile_id` unless `undefined`). */
  authLogout(realmId: string, bindingId: string, profileId?: string): Promise<unknown> {
    return this.requestServed(
      'auth/logout',
      profileParams(realmId, bindingId, profileId, profileId !== undefined),
    );
  }
}
