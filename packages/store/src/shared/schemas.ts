import { ContentInput } from '@rkat/contracts';

// Plain JSON Schemas (checked with `checkContract`) for the rows this package stores besides messages.
// The TS types are the port's own (`SessionRecord`, `InputRecord`, ...); these schemas mirror them.

const count = { type: 'integer', minimum: 0 } as const;
const id = { type: 'string', minLength: 1 } as const;
const text = { type: 'string' } as const;
const flag = { type: 'boolean' } as const;

/** Session labels: string keys to string values. */
export const StoredLabels = { type: 'object', additionalProperties: { type: 'string' } } as const;

/** Runtime-owned create-time options: any JSON object (never an array). */
export const StoredSettings = { type: 'object' } as const;

export const StoredUsage = {
  type: 'object',
  required: ['inputTokens', 'outputTokens', 'cacheCreationTokens', 'cacheReadTokens'],
  properties: { inputTokens: count, outputTokens: count, cacheCreationTokens: count, cacheReadTokens: count },
} as const;

export const StoredInputState = { type: 'string', enum: ['accepted', 'consumed', 'abandoned'] } as const;

/** The `SessionRecord` port type, checked on every write and on every memory-store read. */
export const StoredSessionRecord = {
  type: 'object',
  required: [
    'sessionId',
    'createdAtMs',
    'updatedAtMs',
    'model',
    'provider',
    'labels',
    'archived',
    'pending',
    'settings',
    'usage',
    'messageCount',
  ],
  properties: {
    sessionId: id,
    createdAtMs: count,
    updatedAtMs: count,
    model: text,
    provider: text,
    labels: StoredLabels,
    archived: flag,
    pending: flag,
    settings: StoredSettings,
    usage: StoredUsage,
    messageCount: count,
    lastAssistantText: text,
  },
} as const;

/** The `InputRecord` port type. */
export const StoredInputRecord = {
  type: 'object',
  required: ['inputId', 'sessionId', 'content', 'state', 'acceptedAtMs'],
  properties: {
    inputId: id,
    sessionId: id,
    content: ContentInput,
    state: StoredInputState,
    acceptedAtMs: count,
  },
} as const;

/** The scalar part of a `BoundaryCommit` (its messages and patch are checked on their own). */
export const BoundaryCommitHead = {
  type: 'object',
  required: ['sessionId', 'expectedMessageCount', 'messages', 'usageDelta', 'updatedAtMs'],
  properties: {
    sessionId: id,
    expectedMessageCount: count,
    messages: { type: 'array' },
    usageDelta: StoredUsage,
    updatedAtMs: count,
    lastAssistantText: text,
    input: {
      type: 'object',
      required: ['inputId', 'state'],
      properties: { inputId: id, state: { type: 'string', enum: ['consumed', 'abandoned'] } },
    },
  },
} as const;

/** Every field a session patch (`updateSession`, a boundary's `sessionPatch`) may carry. */
export const StoredSessionPatch = {
  type: 'object',
  properties: {
    labels: StoredLabels,
    archived: flag,
    settings: StoredSettings,
    model: text,
    provider: text,
    pending: flag,
  },
} as const;
