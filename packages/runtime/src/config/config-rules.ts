import { checkConnectionSections } from '../realm/connection-sections.js';
import type { RealmConfigFile } from './config-schema.js';

const positive = (value: number | undefined, key: string, optional: boolean): string | undefined => {
  if (value === undefined) return undefined;
  return value > 0 ? undefined : `${key} must be greater than 0${optional ? ' when set' : ''}`;
};

/** Allowlists may not contain `"*"` (01 §10): shell patterns in `allow_list` mode and any `*allowlist` key. */
function wildcardAllowlist(value: unknown, path: string, insideAllowlist: boolean): string | undefined {
  if (Array.isArray(value)) {
    if (insideAllowlist && value.includes('*')) return `${path} may not contain "*"`;
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const found = wildcardAllowlist(child, path ? `${path}.${key}` : key, /allow_?list$/i.test(key));
    if (found) return found;
  }
  return undefined;
}

/**
 * The semantic rules of a type-checked config (01 §10; the original's `Config::validate`): positive token
 * limits, no wildcard allowlists, self-hosted models on known servers with valid base URLs, and consistent
 * connection sections. Returns the first violation as a readable detail, or `undefined`. Pure.
 */
export function configRuleViolation(file: RealmConfigFile): string | undefined {
  const compaction = file.compaction ?? {};
  const numeric =
    positive(file.max_tokens, 'max_tokens', false) ??
    positive(file.agent?.max_tokens_per_turn, 'agent.max_tokens_per_turn', false) ??
    positive(file.budget?.max_tokens, 'budget.max_tokens', true) ??
    positive(file.limits?.budget, 'limits.budget', true) ??
    positive(file.limits?.max_sessions, 'limits.max_sessions', true) ??
    positive(compaction.auto_compact_threshold, 'compaction.auto_compact_threshold', false) ??
    positive(compaction.recent_turn_budget, 'compaction.recent_turn_budget', false) ??
    positive(compaction.max_summary_tokens, 'compaction.max_summary_tokens', false) ??
    positive(compaction.min_turns_between_compactions, 'compaction.min_turns_between_compactions', false);
  if (numeric) return numeric;
  const shell = file.shell;
  if (shell?.security_mode === 'allow_list' && shell.security_patterns?.includes('*')) {
    return 'shell.security_patterns may not contain "*" in allow_list mode';
  }
  const wildcard = wildcardAllowlist(file, '', false);
  if (wildcard) return wildcard;
  const servers = file.self_hosted?.servers ?? {};
  for (const [id, server] of Object.entries(servers)) {
    if (!URL.canParse(server.base_url))
      return `self_hosted.servers.${id}: invalid base_url '${server.base_url}'`;
  }
  for (const [alias, model] of Object.entries(file.self_hosted?.models ?? {})) {
    if (!Object.hasOwn(servers, model.server)) {
      return `self_hosted.models.${alias}: unknown server '${model.server}'`;
    }
  }
  const connections = checkConnectionSections(file.realm);
  return connections.ok ? undefined : connections.detail;
}
