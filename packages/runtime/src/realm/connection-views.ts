import { RuntimeError } from '../errors/runtime-error.js';
import {
  canonicalProvider,
  checkConnectionSections,
  type ConnectionSections,
} from './connection-sections.js';

/** One row of `realm/list` (01 §15). */
export interface RealmSummaryView {
  realm_id: string;
  default_binding: string | null;
  backend_count: number;
  auth_profile_count: number;
  binding_count: number;
}

/** The result of `realm/get` (01 §15). Holds no secret: auth profiles show only their source kind. */
export interface RealmView {
  realm_id: string;
  backends: Record<
    string,
    { id: string; provider: string; backend_kind: string; base_url?: string; options?: unknown }
  >;
  auth_profiles: Record<string, { id: string; provider: string; auth_method: string; source_kind: string }>;
  bindings: Record<
    string,
    {
      id: string;
      backend_profile: string;
      auth_profile: string;
      default_model?: string;
      allow_auth_override: boolean;
      require_metadata_account: boolean;
      require_metadata_workspace: boolean;
    }
  >;
  default_binding?: string;
}

function sectionsOf(realmTable: unknown): ConnectionSections {
  const checked = checkConnectionSections(realmTable);
  if (!checked.ok) throw new RuntimeError('INTERNAL_ERROR', `Realm config invalid: ${checked.detail}`);
  return checked.sections;
}

const count = (table: object | undefined): number => Object.keys(table ?? {}).length;

/**
 * `realm/list`: the connection sections of the config's `realm` table, sorted by id. Throws
 * `RuntimeError('INTERNAL_ERROR')` `Realm config invalid: …` when the table is malformed.
 */
export function listConnectionRealms(realmTable: unknown): { realms: RealmSummaryView[] } {
  const sections = sectionsOf(realmTable);
  const realms = Object.keys(sections)
    .sort()
    .map((id): RealmSummaryView => {
      const section = sections[id] ?? {};
      return {
        realm_id: id,
        default_binding: section.default_binding ?? null,
        backend_count: count(section.backend),
        auth_profile_count: count(section.auth),
        binding_count: count(section.binding),
      };
    });
  return { realms };
}

/**
 * `realm/get`: one connection section without secrets. Throws `RuntimeError('INVALID_PARAMS')`
 * `Unknown realm: <id>` when the config has no such section, and `INTERNAL_ERROR` for a malformed table.
 */
export function getConnectionRealm(realmTable: unknown, realmId: string): RealmView {
  const sections = sectionsOf(realmTable);
  const section = Object.hasOwn(sections, realmId) ? sections[realmId] : undefined;
  if (!section) throw new RuntimeError('INVALID_PARAMS', `Unknown realm: ${realmId}`);
  const view: RealmView = { realm_id: realmId, backends: {}, auth_profiles: {}, bindings: {} };
  for (const [id, backend] of Object.entries(section.backend ?? {})) {
    view.backends[id] = {
      id,
      provider: canonicalProvider(backend.provider),
      backend_kind: backend.backend_kind,
      ...(backend.base_url !== undefined ? { base_url: backend.base_url } : {}),
      ...(backend.options !== undefined ? { options: backend.options } : {}),
    };
  }
  for (const [id, auth] of Object.entries(section.auth ?? {})) {
    view.auth_profiles[id] = {
      id,
      provider: canonicalProvider(auth.provider),
      auth_method: auth.auth_method,
      source_kind: auth.source.kind,
    };
  }
  for (const [id, binding] of Object.entries(section.binding ?? {})) {
    view.bindings[id] = {
      id,
      backend_profile: binding.backend_profile,
      auth_profile: binding.auth_profile,
      ...(binding.default_model !== undefined ? { default_model: binding.default_model } : {}),
      allow_auth_override: binding.policy?.allow_auth_override ?? false,
      require_metadata_account: binding.policy?.require_metadata_account ?? false,
      require_metadata_workspace: binding.policy?.require_metadata_workspace ?? false,
    };
  }
  if (section.default_binding !== undefined) view.default_binding = section.default_binding;
  return view;
}
