import { mkdir, readFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import { writeFileAtomic } from '@rkat/tools';
import type { RealmPaths, ResolvedPaths } from '../realm/realm-paths.js';
import { toResolvedPaths } from '../realm/realm-paths.js';
import { isPlainObject, type ConfigData } from './config-data.js';
import { withConfigDefaults } from './config-defaults.js';
import {
  ConfigGenerationConflictError,
  configPatchPreviewError,
  configPayloadError,
} from './config-errors.js';
import { parseConfigPatchParams, parseConfigSetParams } from './config-params.js';
import { applyMergePatch } from './merge-patch.js';
import { readConfigGeneration, writeConfigGeneration } from './config-state.js';
import { parseConfigToml, renderConfigToml } from './config-toml.js';
import { withFileLock, type FileLockOptions } from './file-lock.js';
import {
  invalidConfig,
  normalizeRealmConfig,
  type ConfigShapeErrorFactory,
  type RealmConfig,
} from './realm-config.js';

/** The result of `config/get`, `config/set` and `config/patch` (01 §10). */
export interface ConfigEnvelope {
  config: ConfigData;
  generation: number;
  realm_id: string | null;
  instance_id: string | null;
  backend: string | null;
  resolved_paths: ResolvedPaths;
}

export interface ConfigServiceOptions {
  paths: RealmPaths;
  instanceId: string | null;
  backend: string | null;
  /** The cross-process lock on `config_state.lock`; defaults: 5 s timeout, 30 s stale. */
  lock?: FileLockOptions;
}

async function readConfigFile(path: string): Promise<ConfigData> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw invalidConfig(`cannot read ${path}: ${(error as Error).message}`, error);
  }
  try {
    return parseConfigToml(text);
  } catch (error) {
    throw invalidConfig(error instanceof Error ? error.message : String(error), error);
  }
}

/** Validates candidate data and renders the TOML that would be written; throws before any write. */
function prepare(data: unknown, shapeError: ConfigShapeErrorFactory): { config: RealmConfig; toml: string } {
  const config = normalizeRealmConfig(data, { shapeError });
  let toml: string;
  try {
    toml = renderConfigToml(config.raw);
  } catch (error) {
    throw shapeError(`cannot be written as TOML: ${(error as Error).message}`, error);
  }
  return { config, toml };
}

/**
 * A realm's config with generation compare-and-swap (01 §10). Writers are serialized within the process and,
 * through the lock file `config_state.lock`, across processes: of two writers that read the same generation,
 * exactly one wins. A new config is validated before the generation is compared, then `config.toml` and
 * `config_state.json` are each replaced atomically (config first, so a reader never sees a new generation with
 * the old config).
 */
export class ConfigService {
  private config: RealmConfig;
  private queue: Promise<unknown> = Promise.resolve();
  /** Counts this process's writes, so a read that raced a write never replaces the newer config. */
  private writes = 0;

  private constructor(
    private readonly options: ConfigServiceOptions,
    initial: RealmConfig,
  ) {
    this.config = initial;
  }

  /** Loads the realm's config. Throws `RuntimeError('INVALID_CONFIG')` when `config.toml` is invalid. */
  static async open(options: ConfigServiceOptions): Promise<ConfigService> {
    const data = await readConfigFile(options.paths.configPath);
    return new ConfigService(options, normalizeRealmConfig(data));
  }

  /** The normalized config as last read or written by this process (what new sessions use). */
  current(): RealmConfig {
    return this.config;
  }

  /**
   * `config/get`: the file's config with defaults filled in and the generation (0 before the first write).
   * Re-reads both files, so it sees other processes' writes. Throws `RuntimeError('INVALID_CONFIG')` when
   * the file on disk is invalid.
   */
  async get(): Promise<ConfigEnvelope> {
    const writes = this.writes;
    const generation = await readConfigGeneration(this.options.paths.configStatePath);
    const read = normalizeRealmConfig(await readConfigFile(this.options.paths.configPath));
    // Keep the object when nothing changed, so consumers keyed on it (provider bindings) are not rebuilt.
    if (writes === this.writes && !isDeepStrictEqual(read.raw, this.config.raw)) this.config = read;
    return this.envelope(generation, read.raw);
  }

  /**
   * `config/set`: replaces the whole config. Throws `INVALID_CONFIG` (`Failed to parse config payload: …`,
   * `Invalid config: …`) before comparing generations, `ConfigGenerationConflictError` on a stale
   * `expected_generation`, and `INTERNAL_ERROR` when the lock cannot be taken within 5 s.
   */
  async set(params: unknown): Promise<ConfigEnvelope> {
    const request = parseConfigSetParams(params);
    const prepared = prepare(request.config, configPayloadError);
    return this.commit(request.expectedGeneration, () => Promise.resolve(prepared));
  }

  /**
   * `config/patch`: applies an RFC 7396 merge patch to the current config's JSON form, validates, compares
   * generations and writes. Errors as `set`, with `Failed to apply config patch preview: …` for a patch whose
   * result is not a valid config shape.
   */
  async patch(params: unknown): Promise<ConfigEnvelope> {
    const request = parseConfigPatchParams(params);
    return this.commit(request.expectedGeneration, async () => {
      const current = withConfigDefaults(await readConfigFile(this.options.paths.configPath));
      const patched = applyMergePatch(current, request.patch);
      if (!isPlainObject(patched)) throw configPatchPreviewError('the patched config is not an object');
      return prepare(patched, configPatchPreviewError);
    });
  }

  private commit(
    expectedGeneration: number | undefined,
    build: () => Promise<{ config: RealmConfig; toml: string }>,
  ): Promise<ConfigEnvelope> {
    const { paths } = this.options;
    const run = async () => {
      await mkdir(paths.root, { recursive: true });
      return withFileLock(paths.configStateLockPath, this.options.lock ?? {}, async () => {
        const next = await build();
        const generation = await readConfigGeneration(paths.configStatePath);
        if (expectedGeneration !== undefined && expectedGeneration !== generation) {
          throw new ConfigGenerationConflictError(expectedGeneration, generation);
        }
        await writeFileAtomic(paths.configPath, next.toml);
        await writeConfigGeneration(paths.configStatePath, generation + 1);
        this.writes += 1;
        this.config = next.config;
        return this.envelope(generation + 1);
      });
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private envelope(generation: number, config: ConfigData = this.config.raw): ConfigEnvelope {
    const { paths } = this.options;
    return {
      config: structuredClone(config),
      generation,
      realm_id: paths.realmId,
      instance_id: this.options.instanceId,
      backend: this.options.backend,
      resolved_paths: toResolvedPaths(paths),
    };
  }
}
