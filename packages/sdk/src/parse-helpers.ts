import {
  ContentBlock,
  ContentInput,
  ResolvedModelCapabilities,
  WireAssistantBlock,
  WireSessionMessage,
  checkContract,
  formatIssues,
} from '@rkat/contracts';
import { camelKeys } from './camel-case.js';
import { isRecord } from './client-core.js';
import { MeerkatError } from './errors.js';
import type {
  ContentInput as ContentInputType,
  ResolvedModelCapabilities as Resolved,
  SessionMessage,
} from './types.js';

function checked<T>(schema: object, value: unknown, what: string): T {
  const result = checkContract<T>(schema, value);
  if (!result.ok) {
    throw new MeerkatError('INVALID_RESPONSE', `Invalid ${what}: ${formatIssues(result.issues)}`, value);
  }
  return result.value;
}

/** One content block (`text`, `image`, `video`), validated and kept wire-shaped. */
export type ContentBlockValue = Exclude<ContentInputType, string>[number];

/** A block of an assistant message, top-level keys in camelCase (`blockType`, `text`, `id`, …). */
export type SessionAssistantBlock = Readonly<Record<string, unknown>> & { readonly blockType: string };

/** The result of `comms/send`: the raw result plus `requestId`, `interactionId`, `inputId`, `kind` when present. */
export type CommsSendReceipt = Readonly<Record<string, unknown>> & {
  readonly requestId?: string;
  readonly interactionId?: string;
  readonly inputId?: string;
  readonly kind?: string;
};

/** A replacement of `session/fork_replace` (tag `type`); camelCase or snake_case index keys. */
export type TranscriptReplacement = Readonly<Record<string, unknown>> & {
  readonly type: 'message' | 'user_content_block' | 'assistant_block' | 'tool_result_content_block';
};

/** Validates a content input (a string or content blocks). */
export function parseContentInput(raw: unknown): ContentInputType {
  return checked<ContentInputType>(ContentInput, raw, 'content');
}

/** Validates one content block. */
export function parseContentBlock(raw: unknown): ContentBlockValue {
  return checked<ContentBlockValue>(ContentBlock, raw, 'content block');
}

/** Parses an assistant block (`block_type` → `blockType`, …). */
export function parseSessionAssistantBlock(raw: unknown): SessionAssistantBlock {
  const wire = checked<Record<string, unknown>>(WireAssistantBlock, raw, 'assistant block');
  return camelKeys(wire) as SessionAssistantBlock;
}

/** Parses one transcript message (top-level keys in camelCase; content blocks wire-shaped). */
export function parseSessionMessage(raw: unknown): SessionMessage {
  return camelKeys(
    checked<Record<string, unknown>>(WireSessionMessage, raw, 'session message'),
  ) as SessionMessage;
}

/** Parses what the session's model can do. */
export function parseResolvedModelCapabilities(raw: unknown): Resolved {
  return camelKeys(
    checked<Record<string, unknown>>(ResolvedModelCapabilities, raw, 'capabilities'),
  ) as Resolved;
}

/** The `comms/send` result with its ids in camelCase. */
export function parseCommsSendReceipt(raw: unknown): CommsSendReceipt {
  const wire = isRecord(raw) ? raw : {};
  const receipt: Record<string, unknown> = { ...wire };
  for (const [from, to] of [
    ['request_id', 'requestId'],
    ['interaction_id', 'interactionId'],
    ['input_id', 'inputId'],
    ['kind', 'kind'],
  ] as const) {
    if (typeof wire[from] === 'string') receipt[to] = wire[from];
  }
  return receipt as CommsSendReceipt;
}

const REPLACEMENT_TYPES = new Set([
  'message',
  'user_content_block',
  'assistant_block',
  'tool_result_content_block',
]);

/** A replacement to its wire shape (`blockIndex` → `block_index`, `resultIndex` → `result_index`); unknown type → `Error`. */
export function serializeTranscriptReplacement(
  replacement: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const type = replacement.type;
  if (typeof type !== 'string' || !REPLACEMENT_TYPES.has(type)) {
    throw new Error(`Unknown transcript replacement type: ${String(type)}`);
  }
  const wire: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(replacement)) {
    if (value === undefined) continue;
    const wireKey = key === 'blockIndex' ? 'block_index' : key === 'resultIndex' ? 'result_index' : key;
    wire[wireKey] = value;
  }
  return wire;
}
