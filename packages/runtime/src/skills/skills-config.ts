import { DEFAULT_INVENTORY_THRESHOLD, DEFAULT_SKILL_INJECTION_BYTES } from '@rkat/core';
import type { RealmConfig } from '../config/realm-config.js';
import { isPlainObject } from '../config/config-data.js';

/** A `[[skills.repositories]]` entry this build can read. */
export interface FilesystemRepository {
  name: string;
  sourceUuid: string;
  path: string;
}

/** A repository entry this build cannot read (git, http, stdio, or malformed); reported as unhealthy. */
export interface UnreadableRepository {
  name: string;
  reason: string;
}

/** The `[skills]` section (01 §10), with defaults. */
export interface SkillsSettings {
  enabled: boolean;
  maxInjectionBytes: number;
  inventoryThreshold: number;
  repositories: FilesystemRepository[];
  unreadable: UnreadableRepository[];
}

const positive = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback;

/** `${VAR}` expansion of a repository path; an unset variable expands to the empty string. */
function expand(path: string, env: Readonly<Record<string, string | undefined>>): string {
  return path.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => env[name] ?? '');
}

function repositoryOf(
  entry: unknown,
  env: Readonly<Record<string, string | undefined>>,
): FilesystemRepository | UnreadableRepository {
  if (!isPlainObject(entry)) return { name: '?', reason: 'a repository entry must be a table' };
  const name = typeof entry.name === 'string' ? entry.name : '?';
  const type = entry.type;
  const source = isPlainObject(type) ? type : entry;
  const kind = typeof type === 'string' ? type : isPlainObject(type) ? Object.keys(type)[0] : undefined;
  if (kind !== 'filesystem')
    return { name, reason: `repository type '${String(kind)}' is not supported by this build` };
  const path = (isPlainObject(source.filesystem) ? source.filesystem.path : source.path) ?? entry.path;
  if (typeof entry.source_uuid !== 'string' || typeof path !== 'string' || path === '') {
    return { name, reason: 'a filesystem repository needs `source_uuid` and `path`' };
  }
  return { name, sourceUuid: entry.source_uuid, path: expand(path, env) };
}

/** Reads `config.skills` leniently: bad values fall back to the defaults, bad repositories are reported. */
export function skillsSettingsOf(
  config: RealmConfig,
  env: Readonly<Record<string, string | undefined>>,
): SkillsSettings {
  const section = isPlainObject(config.raw.skills) ? config.raw.skills : {};
  const settings: SkillsSettings = {
    enabled: section.enabled !== false,
    maxInjectionBytes: positive(section.max_injection_bytes, DEFAULT_SKILL_INJECTION_BYTES),
    inventoryThreshold: positive(section.inventory_threshold, DEFAULT_INVENTORY_THRESHOLD),
    repositories: [],
    unreadable: [],
  };
  const entries = Array.isArray(section.repositories) ? section.repositories : [];
  for (const entry of entries) {
    const repository = repositoryOf(entry, env);
    if ('reason' in repository) settings.unreadable.push(repository);
    else settings.repositories.push(repository);
  }
  return settings;
}
