import { isPlainObject, withoutNulls, type ConfigData } from './config-data.js';
import { configPayloadError } from './config-errors.js';

/** A parsed `config/set`: the new whole config and the generation the caller read, if any. */
export interface ConfigSetRequest {
  config: ConfigData;
  expectedGeneration?: number;
}

/** A parsed `config/patch`: an RFC 7396 merge patch and the generation the caller read, if any. */
export interface ConfigPatchRequest {
  patch: unknown;
  expectedGeneration?: number;
}

function expectedGenerationOf(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw configPayloadError('expected_generation must be a non-negative integer');
  }
  return value;
}

function paramsObject(params: unknown): ConfigData {
  if (params === undefined || params === null) return {};
  if (!isPlainObject(params)) throw configPayloadError('params must be an object');
  return params;
}

/**
 * Reads `config/set` params (01 §10): `{config, expected_generation?}`, or a bare Config (no compare-and-swap;
 * a bare `expected_generation` member is still honoured and never written). `null` members mean absent.
 * Throws `RuntimeError('INVALID_CONFIG')` `Failed to parse config payload: …`.
 */
export function parseConfigSetParams(params: unknown): ConfigSetRequest {
  const object = paramsObject(params);
  const wrapped = Object.hasOwn(object, 'config');
  const { expected_generation: expected, ...bare } = object;
  const config = wrapped ? object.config : bare;
  if (!isPlainObject(config)) throw configPayloadError('config must be an object');
  const request: ConfigSetRequest = { config: withoutNulls(config) as ConfigData };
  const expectedGeneration = expectedGenerationOf(expected);
  if (expectedGeneration !== undefined) request.expectedGeneration = expectedGeneration;
  return request;
}

/**
 * Reads `config/patch` params (01 §10): `{patch, expected_generation?}`, or params without `patch`, which
 * are the patch itself (no compare-and-swap; a bare `expected_generation` member is still honoured and is
 * not part of the patch). Throws `RuntimeError('INVALID_CONFIG')` `Failed to parse config payload: …`.
 */
export function parseConfigPatchParams(params: unknown): ConfigPatchRequest {
  const object = paramsObject(params);
  const { expected_generation: expected, ...bare } = object;
  const request: ConfigPatchRequest = { patch: Object.hasOwn(object, 'patch') ? object.patch : bare };
  const expectedGeneration = expectedGenerationOf(expected);
  if (expectedGeneration !== undefined) request.expectedGeneration = expectedGeneration;
  return request;
}
