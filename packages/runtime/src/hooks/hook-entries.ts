import type {
  HookCapability,
  HookEntryConfig,
  HookExecutionMode,
  HookFailurePolicy,
  HookPoint,
  HookRunOverrides,
  HookRuntimeKind,
} from '@rkat/contracts';

/** A hook entry with its defaults applied (02 §6.1) and its adapter's fields checked. */
export interface ResolvedHookEntry {
  id: string;
  enabled: boolean;
  point: HookPoint;
  mode: HookExecutionMode;
  capability: HookCapability;
  priority: number;
  failurePolicy: HookFailurePolicy;
  timeoutMs: number | undefined;
  runtime: HookRuntime;
}

export type HookRuntime =
  | { kind: 'in_process'; name: string }
  | { kind: 'command'; command: string; args: string[]; env: Record<string, string> }
  | { kind: 'http'; url: string; method: string; headers: Record<string, string> };

/** A hook configuration the runner refuses (`hook_config_invalid`). */
export class HookConfigError extends Error {
  override readonly name = 'HookConfigError';
}

const PRE_POINTS: ReadonlySet<HookPoint> = new Set([
  'run_started',
  'pre_llm_request',
  'pre_tool_execution',
  'turn_boundary',
]);

/** `run_started`, `pre_llm_request`, `pre_tool_execution` and `turn_boundary` come before what they gate. */
export function isPrePoint(point: HookPoint): boolean {
  return PRE_POINTS.has(point);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringMap(value: unknown, what: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value) || !Object.values(value).every((item) => typeof item === 'string')) {
    throw new HookConfigError(`${what} must map names to strings`);
  }
  return { ...(value as Record<string, string>) };
}

function requiredString(fields: Record<string, unknown>, key: string, id: string): string {
  const value = fields[key];
  if (typeof value !== 'string' || value === '') {
    throw new HookConfigError(`hook '${id}': runtime needs a non-empty '${key}'`);
  }
  return value;
}

/** The adapter's kind and fields, from `{kind, config}` (01 §5) or the original's `{type, ...fields}`. */
function runtimeFields(
  runtime: unknown,
  id: string,
): { kind: HookRuntimeKind; fields: Record<string, unknown> } {
  if (!isRecord(runtime)) throw new HookConfigError(`hook '${id}': runtime is required`);
  const kind = runtime.kind ?? runtime.type;
  if (kind !== 'in_process' && kind !== 'command' && kind !== 'http') {
    throw new HookConfigError(`hook '${id}': unsupported hook runtime '${String(kind)}'`);
  }
  if (isRecord(runtime.config)) return { kind, fields: runtime.config };
  const { kind: _kind, type: _type, config: _config, ...rest } = runtime;
  return { kind, fields: rest };
}

function resolveRuntime(runtime: unknown, id: string): HookRuntime {
  const { kind, fields } = runtimeFields(runtime, id);
  switch (kind) {
    case 'in_process':
      return { kind, name: requiredString(fields, 'name', id) };
    case 'command': {
      const args = fields.args ?? [];
      if (!Array.isArray(args) || !args.every((arg) => typeof arg === 'string')) {
        throw new HookConfigError(`hook '${id}': command args must be strings`);
      }
      return {
        kind,
        command: requiredString(fields, 'command', id),
        args: [...(args as string[])],
        env: stringMap(fields.env, `hook '${id}': command env`),
      };
    }
    case 'http': {
      const url = requiredString(fields, 'url', id);
      if (!URL.canParse(url)) throw new HookConfigError(`hook '${id}': invalid http url`);
      const method = fields.method ?? 'POST';
      if (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method)) {
        throw new HookConfigError(`hook '${id}': invalid http method`);
      }
      return {
        kind,
        url,
        method: method.toUpperCase(),
        headers: stringMap(fields.headers, `hook '${id}': http headers`),
      };
    }
  }
}

/**
 * Applies the defaults of one entry and checks it: a non-empty id, a known adapter with its fields, and
 * the original's two rules for `background` hooks (observe-only on pre points; never `fail_closed`).
 */
export function resolveHookEntry(entry: HookEntryConfig): ResolvedHookEntry {
  const id = entry.id ?? 'hook';
  if (id.trim() === '') throw new HookConfigError('hook id cannot be empty');
  const point = entry.point ?? 'turn_boundary';
  const mode = entry.mode ?? 'foreground';
  const capability = entry.capability ?? 'observe';
  const failurePolicy = entry.failure_policy ?? (capability === 'guardrail' ? 'fail_closed' : 'fail_open');
  if (mode === 'background' && isPrePoint(point) && capability !== 'observe') {
    throw new HookConfigError(`pre_* background hooks must be observe-only: ${id}`);
  }
  if (mode === 'background' && failurePolicy === 'fail_closed') {
    throw new HookConfigError(`background hooks must use fail_open policy: ${id}`);
  }
  return {
    id,
    enabled: entry.enabled ?? true,
    point,
    mode,
    capability,
    priority: entry.priority ?? 100,
    failurePolicy,
    timeoutMs: entry.timeout_ms ?? undefined,
    runtime: resolveRuntime(entry.runtime, id),
  };
}

/**
 * The entries of one run: the configured ones without the ids in `overrides.disable`, then the override's
 * own entries. Throws `HookConfigError` on the first invalid entry.
 */
export function effectiveHookEntries(
  configured: readonly HookEntryConfig[],
  overrides: HookRunOverrides | null | undefined,
): ResolvedHookEntry[] {
  const disabled = new Set(overrides?.disable ?? []);
  const entries = configured.filter((entry) => !disabled.has(entry.id ?? 'hook'));
  return [...entries, ...(overrides?.entries ?? [])].map(resolveHookEntry);
}
