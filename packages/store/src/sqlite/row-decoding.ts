import { checkContract, ContentInput, formatIssues, SessionMessage } from '@rkat/contracts';
import { StoreError, type InputRecord, type InputState, type SessionRecord } from '@rkat/core';
import { decodeStoredJson } from '../shared/json-codec.js';
import { StoredInputState, StoredLabels, StoredSettings } from '../shared/schemas.js';

// Rows arrive from better-sqlite3 as `unknown`; each is checked column by column before it becomes a
// port type. A failure names the row: `session <id>`, `session <id> message <idx>`, `input <id>`.

const count = { type: 'integer', minimum: 0 } as const;
const bit = { type: 'integer', enum: [0, 1] } as const;
const text = { type: 'string' } as const;

const SessionRow = {
  type: 'object',
  required: [
    'session_id',
    'created_at_ms',
    'updated_at_ms',
    'model',
    'provider',
    'labels_json',
    'archived',
    'pending',
    'settings_json',
    'input_tokens',
    'output_tokens',
    'cache_creation_tokens',
    'cache_read_tokens',
    'message_count',
    'last_assistant_text',
  ],
  properties: {
    session_id: { type: 'string', minLength: 1 },
    created_at_ms: count,
    updated_at_ms: count,
    model: text,
    provider: text,
    archived: bit,
    pending: bit,
    input_tokens: count,
    output_tokens: count,
    cache_creation_tokens: count,
    cache_read_tokens: count,
    message_count: count,
    last_assistant_text: { type: ['string', 'null'] },
  },
} as const;

interface SessionRowShape {
  session_id: string;
  created_at_ms: number;
  updated_at_ms: number;
  model: string;
  provider: string;
  labels_json: unknown;
  archived: 0 | 1;
  pending: 0 | 1;
  settings_json: unknown;
  input_tokens: number;
  output_tokens: number;
  cache_creation_tokens: number;
  cache_read_tokens: number;
  message_count: number;
  last_assistant_text: string | null;
}

function rowName(row: unknown, column: string, fallback: string): string {
  const value =
    typeof row === 'object' && row !== null ? (row as Record<string, unknown>)[column] : undefined;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : fallback;
}

function checkRow<T>(schema: object, row: unknown, what: string): T {
  const checked = checkContract<T>(schema, row);
  if (!checked.ok) throw new StoreError('corrupt', `${what}: ${formatIssues(checked.issues)}`);
  return checked.value;
}

export function decodeSessionRow(raw: unknown): SessionRecord {
  const what = `session ${rowName(raw, 'session_id', '<unknown>')}`;
  const row = checkRow<SessionRowShape>(SessionRow, raw, what);
  const record: SessionRecord = {
    sessionId: row.session_id,
    createdAtMs: row.created_at_ms,
    updatedAtMs: row.updated_at_ms,
    model: row.model,
    provider: row.provider,
    labels: decodeStoredJson(row.labels_json, StoredLabels, `${what} labels`),
    archived: row.archived === 1,
    pending: row.pending === 1,
    settings: decodeStoredJson(row.settings_json, StoredSettings, `${what} settings`),
    usage: {
      inputTokens: row.input_tokens,
      outputTokens: row.output_tokens,
      cacheCreationTokens: row.cache_creation_tokens,
      cacheReadTokens: row.cache_read_tokens,
    },
    messageCount: row.message_count,
  };
  if (row.last_assistant_text !== null) record.lastAssistantText = row.last_assistant_text;
  return record;
}

export function decodeMessageRow(sessionId: string, raw: unknown): SessionMessage {
  const what = `session ${sessionId} message ${rowName(raw, 'idx', '<unknown>')}`;
  const row = checkRow<{ idx: number; body_json: unknown }>(
    { type: 'object', required: ['idx', 'body_json'], properties: { idx: count } },
    raw,
    what,
  );
  return decodeStoredJson<SessionMessage>(row.body_json, SessionMessage, what);
}

const InputRow = {
  type: 'object',
  required: ['input_id', 'session_id', 'content_json', 'state', 'accepted_at_ms'],
  properties: {
    input_id: { type: 'string', minLength: 1 },
    session_id: { type: 'string', minLength: 1 },
    state: StoredInputState,
    accepted_at_ms: count,
  },
} as const;

export function decodeInputRow(raw: unknown): InputRecord {
  const what = `input ${rowName(raw, 'input_id', '<unknown>')}`;
  const row = checkRow<{
    input_id: string;
    session_id: string;
    content_json: unknown;
    state: InputState;
    accepted_at_ms: number;
  }>(InputRow, raw, what);
  return {
    inputId: row.input_id,
    sessionId: row.session_id,
    content: decodeStoredJson<ContentInput>(row.content_json, ContentInput, `${what} content`),
    state: row.state,
    acceptedAtMs: row.accepted_at_ms,
  };
}
