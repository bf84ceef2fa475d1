import { checkContract, formatIssues } from '@rkat/contracts';
import { RuntimeError } from '../../errors/runtime-error.js';

function invalid(detail: string): RuntimeError {
  return new RuntimeError('INVALID_PARAMS', `Invalid params: ${detail}`);
}

/**
 * The params of a request as an object without its `null` members: absent params are `{}`
 * (00-decisions.md §4) and `null` means absent (§9b). Throws `INVALID_PARAMS` for params that are not an
 * object. Nested `null`s are left to the schemas (some are meaningful, e.g. `provider_params.web_search`).
 */
export function paramsObject(raw: unknown): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw invalid('params must be an object');
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value !== null) {
      Object.defineProperty(params, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return params;
}

/**
 * Checks params against their schema. Throws `RuntimeError('INVALID_PARAMS')` `Invalid params: <issues>`
 * (serde's wording for a missing field: ``missing field `session_id` ``).
 */
export function checkParams<T>(schema: object, params: Record<string, unknown>): T {
  const checked = checkContract<T>(schema, params);
  if (!checked.ok) throw invalid(formatIssues(checked.issues));
  return checked.value;
}

/** The retired `skill_references` field (01 §5). */
export function rejectRetiredSkillReferences(params: Record<string, unknown>): void {
  if (Object.hasOwn(params, 'skill_references')) {
    throw invalid('skill_references is retired; use structured skill_refs');
  }
}
