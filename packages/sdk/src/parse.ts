import {
  CatalogModelEntry,
  SessionHistoryResult,
  WireRunResult,
  WireSessionInfo,
  WireSessionSummary,
  checkContract,
  formatIssues,
} from '@rkat/contracts';
import { camelKeys } from './camel-case.js';
import { MeerkatError } from './errors.js';
import type {
  BlobPayload,
  Capability,
  CatalogModel,
  ConfigEnvelope,
  ModelsCatalog,
  RunResult,
  SessionForkResult,
  SessionHistory,
  SessionInfo,
} from './types.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(what: string, detail: string, raw: unknown): MeerkatError {
  return new MeerkatError('INVALID_RESPONSE', `Invalid ${what} response: ${detail}`, raw);
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (!isRecord(value)) throw invalid(what, 'expected an object', value);
  return value;
}

function checked<T>(schema: object, value: unknown, what: string): T {
  const result = checkContract<T>(schema, value);
  if (!result.ok) throw invalid(what, formatIssues(result.issues), value);
  return result.value;
}

/**
 * Parses a RunResult. `session_id` must be a string, `turns` and `tool_calls` numbers, `usage` an object with
 * numeric `input_tokens` and `output_tokens`; anything else throws `MeerkatError('INVALID_RESPONSE')`.
 */
export function parseRunResult(raw: unknown): RunResult {
  const wire = record(raw, 'run result');
  if (typeof wire.session_id !== 'string') throw invalid('run result', 'session_id must be a string', raw);
  if (typeof wire.turns !== 'number') throw invalid('run result', 'turns must be a number', raw);
  if (typeof wire.tool_calls !== 'number') throw invalid('run result', 'tool_calls must be a number', raw);
  const usage = wire.usage;
  if (!isRecord(usage) || typeof usage.input_tokens !== 'number' || typeof usage.output_tokens !== 'number') {
    throw invalid('run result', 'usage must carry numeric input_tokens and output_tokens', raw);
  }
  const full = checked<WireRunResult>(
    WireRunResult,
    { ...wire, usage: { total_tokens: usage.input_tokens + usage.output_tokens, ...usage } },
    'run result',
  );
  const out = camelKeys(full);
  out.usage = camelKeys(full.usage);
  if (full.extraction_error) out.extractionError = camelKeys(full.extraction_error);
  if (full.skill_diagnostics) {
    out.skillDiagnostics = {
      sourceHealth: camelKeys(full.skill_diagnostics.source_health),
      quarantined: full.skill_diagnostics.quarantined.map((entry) => camelKeys(entry)),
    };
  }
  return out as RunResult;
}

/** Parses a `session/list` row (`WireSessionSummary`) or a `session/read` result (`WireSessionInfo`). */
export function parseSessionInfo(raw: unknown, kind: 'summary' | 'info'): SessionInfo {
  const wire = checked<Record<string, unknown>>(
    kind === 'summary' ? WireSessionSummary : WireSessionInfo,
    raw,
    kind === 'summary' ? 'session/list' : 'session/read',
  );
  const out = camelKeys(wire);
  out.labels = isRecord(wire.labels) ? wire.labels : {};
  if (isRecord(wire.resolved_capabilities)) out.resolvedCapabilities = camelKeys(wire.resolved_capabilities);
  return out as SessionInfo;
}

/** Parses a `session/history` page. */
export function parseSessionHistory(raw: unknown): SessionHistory {
  const wire = checked<Record<string, unknown>>(SessionHistoryResult, raw, 'session/history');
  const out = camelKeys(wire);
  out.messages = (wire.messages as Record<string, unknown>[]).map((message) => camelKeys(message));
  return out as unknown as SessionHistory;
}

/** Parses a fork result. */
export function parseSessionForkResult(raw: unknown): SessionForkResult {
  const wire = record(raw, 'fork');
  if (typeof wire.session_id !== 'string' || typeof wire.message_count !== 'number') {
    throw invalid('fork', 'session_id and message_count are required', raw);
  }
  return camelKeys(wire) as unknown as SessionForkResult;
}

/** Parses a config envelope; `generation` must be a number. */
export function parseConfigEnvelope(raw: unknown): ConfigEnvelope {
  const wire = record(raw, 'config');
  if (!isRecord(wire.config) || typeof wire.generation !== 'number') {
    throw invalid('config', 'config must be an object and generation a number', raw);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(camelKeys(wire))) if (value !== null) out[key] = value;
  return out as unknown as ConfigEnvelope;
}

function parseCatalogModel(raw: unknown): CatalogModel {
  const wire = checked<Record<string, unknown>>(CatalogModelEntry, raw, 'models/catalog');
  const out = camelKeys(wire);
  if (isRecord(wire.profile)) out.profile = camelKeys(wire.profile);
  return out as CatalogModel;
}

/** Parses the models catalog. */
export function parseModelsCatalog(raw: unknown): ModelsCatalog {
  const wire = record(raw, 'models/catalog');
  if (!isRecord(wire.contract_version) || !Array.isArray(wire.providers)) {
    throw invalid('models/catalog', 'contract_version and providers are required', raw);
  }
  return {
    contractVersion: wire.contract_version as ModelsCatalog['contractVersion'],
    providers: wire.providers.map((entry) => {
      const provider = record(entry, 'models/catalog');
      if (!Array.isArray(provider.models)) throw invalid('models/catalog', 'models must be an array', raw);
      return {
        provider: String(provider.provider),
        defaultModelId: String(provider.default_model_id),
        models: provider.models.map(parseCatalogModel),
      };
    }),
  };
}

/** Parses `capabilities/get`; an object status (`{"DisabledByPolicy": …}`) becomes its key. */
export function parseCapabilities(raw: unknown): Capability[] {
  const wire = record(raw, 'capabilities/get');
  const list = Array.isArray(wire.capabilities) ? wire.capabilities : [];
  return list.filter(isRecord).map((entry) => ({
    id: String(entry.id ?? ''),
    description: String(entry.description ?? ''),
    status:
      entry.status === undefined
        ? 'Available'
        : isRecord(entry.status)
          ? (Object.keys(entry.status)[0] ?? '')
          : String(entry.status),
  }));
}

/** Parses `blob/get` (wire `data` → `dataBase64`). */
export function parseBlob(raw: unknown): BlobPayload {
  const wire = record(raw, 'blob/get');
  if (typeof wire.data !== 'string') throw invalid('blob/get', 'data must be a string', raw);
  return {
    blobId: String(wire.blob_id ?? ''),
    mediaType: String(wire.media_type ?? ''),
    dataBase64: wire.data,
  };
}
