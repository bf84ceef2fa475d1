import { Type, type Static } from '@sinclair/typebox';
import { checkContract } from '@rkat/contracts';

const opt = Type.Optional;

const BackendProfile = Type.Object({
  provider: Type.String({ minLength: 1 }),
  backend_kind: Type.String({ minLength: 1 }),
  base_url: opt(Type.String()),
  options: opt(Type.Unknown()),
});

/** `source.kind` values of an auth profile (01 §15). */
export const AUTH_SOURCE_KINDS = [
  'inline_secret',
  'managed_store',
  'env',
  'external_resolver',
  'platform_default',
  'command',
] as const;

const AuthProfile = Type.Object({
  provider: Type.String({ minLength: 1 }),
  auth_method: Type.String({ minLength: 1 }),
  source: Type.Object({ kind: Type.Union(AUTH_SOURCE_KINDS.map((kind) => Type.Literal(kind))) }),
  constraints: opt(Type.Unknown()),
  metadata_defaults: opt(Type.Unknown()),
});

const Binding = Type.Object({
  backend_profile: Type.String({ minLength: 1 }),
  auth_profile: Type.String({ minLength: 1 }),
  default_model: opt(Type.String()),
  policy: opt(
    Type.Object({
      allow_auth_override: opt(Type.Boolean()),
      require_metadata_account: opt(Type.Boolean()),
      require_metadata_workspace: opt(Type.Boolean()),
    }),
  ),
});

/** One `[realm.<id>]` connection section of a realm config (01 §15). */
export const ConnectionSection = Type.Object({
  default_binding: opt(Type.String({ minLength: 1 })),
  backend: opt(Type.Record(Type.String(), BackendProfile)),
  auth: opt(Type.Record(Type.String(), AuthProfile)),
  binding: opt(Type.Record(Type.String(), Binding)),
});
export type ConnectionSection = Static<typeof ConnectionSection>;

const ConnectionSections = Type.Record(Type.String(), ConnectionSection);
/** The `realm` table of a config: connection sections by id. */
export type ConnectionSections = Static<typeof ConnectionSections>;

/** A provider name as written (`open_a_i` is read as `openai`, 00-decisions.md §9). */
export function canonicalProvider(name: string): string {
  return name === 'open_a_i' ? 'openai' : name;
}

function crossCheck(id: string, section: ConnectionSection): string | undefined {
  const backends = section.backend ?? {};
  const auths = section.auth ?? {};
  for (const [bindingId, binding] of Object.entries(section.binding ?? {})) {
    const where = `realm.${id}.binding.${bindingId}`;
    const backend = Object.hasOwn(backends, binding.backend_profile)
      ? backends[binding.backend_profile]
      : undefined;
    const auth = Object.hasOwn(auths, binding.auth_profile) ? auths[binding.auth_profile] : undefined;
    if (!backend) return `${where}: unknown backend profile '${binding.backend_profile}'`;
    if (!auth) return `${where}: unknown auth profile '${binding.auth_profile}'`;
    if (canonicalProvider(backend.provider) !== canonicalProvider(auth.provider)) {
      return `${where}: backend profile and auth profile name different providers`;
    }
  }
  const defaultBinding = section.default_binding;
  if (defaultBinding !== undefined && !Object.hasOwn(section.binding ?? {}, defaultBinding)) {
    return `realm.${id}.default_binding: unknown binding '${defaultBinding}'`;
  }
  return undefined;
}

/**
 * Checks the `realm` value of a config: `undefined` means no sections. Returns the typed sections, or the
 * first problem as a readable detail (`{ ok: false }`). Never throws.
 */
export function checkConnectionSections(
  value: unknown,
): { ok: true; sections: ConnectionSections } | { ok: false; detail: string } {
  if (value === undefined) return { ok: true, sections: {} };
  const checked = checkContract<ConnectionSections>(ConnectionSections, value);
  if (!checked.ok) {
    return {
      ok: false,
      detail: checked.issues.map((issue) => `realm${issue.path}: ${issue.message}`).join('; '),
    };
  }
  for (const [id, section] of Object.entries(checked.value)) {
    const problem = crossCheck(id, section);
    if (problem) return { ok: false, detail: problem };
  }
  return { ok: true, sections: checked.value };
}
