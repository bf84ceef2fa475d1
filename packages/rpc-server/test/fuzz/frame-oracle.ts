import { MAX_JSON_DEPTH } from '@rkat/contracts';

/**
 * What the server must answer to one input line, derived from the framing rules of 01 §2 and
 * 00-decisions.md §3–§5 (independently of the server's code):
 * - `none`: a blank line, a notification (a request without a usable id) or an answer to a server request;
 * - `answer`: exactly one response, whose `id` is `id` (`null` when the line had no readable id);
 * - `oversized`: exactly one -32600 `FRAME_TOO_LARGE` response, echoing `id` or `null` (the id may sit
 *   beyond the prefix the server reads).
 */
export type Expectation =
  | { readonly kind: 'none' }
  | { readonly kind: 'answer'; readonly id: string | number | null }
  | { readonly kind: 'oversized'; readonly id: string | number | null };

/** One input line and what it must get. */
export interface ExpectedLine {
  readonly text: string;
  readonly expectation: Expectation;
}

/** Keys parsing drops (they never reach the server's code, so their values do not count). */
const INERT_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The nesting depth of arrays and objects in a parsed value (0 for a scalar), without inert keys. */
function depthOf(value: unknown): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, depth] = next;
    if (typeof node !== 'object' || node === null) continue;
    deepest = Math.max(deepest, depth);
    for (const [key, child] of Object.entries(node)) {
      if (!Array.isArray(node) && INERT_KEYS.has(key)) continue;
      pending.push([child, depth + 1]);
    }
  }
  return deepest;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

const isId = (value: unknown): value is string | number =>
  typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const NOT_JSON = Symbol('not JSON');

/** The line as JSON, or `NOT_JSON` when it is not valid UTF-8 or not JSON. */
function parse(line: Buffer): unknown {
  try {
    return JSON.parse(strictUtf8.decode(line)) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/** The expectation of one line (without its `\n`; a trailing `\r` is part of the terminator). */
export function expectationOf(raw: Buffer, maxFrameBytes: number): Expectation {
  const line = raw.at(-1) === 0x0d ? raw.subarray(0, -1) : raw;
  if (line.every((byte) => byte === 0x20 || byte === 0x09 || byte === 0x0d)) return { kind: 'none' };
  const message = parse(line);
  const id = isObject(message) && Object.hasOwn(message, 'id') && isId(message.id) ? message.id : null;
  if (line.length > maxFrameBytes) return { kind: 'oversized', id };
  if (message === NOT_JSON) return { kind: 'answer', id: null };
  // Valid JSON nested too deep is refused as a whole, echoing a top-level id.
  if (depthOf(message) > MAX_JSON_DEPTH) return { kind: 'answer', id };
  if (!isObject(message)) return { kind: 'answer', id: null };
  if (!Object.hasOwn(message, 'method')) {
    const answersServer = Object.hasOwn(message, 'result') || Object.hasOwn(message, 'error');
    return answersServer ? { kind: 'none' } : { kind: 'answer', id };
  }
  if (message.jsonrpc !== '2.0' || typeof message.method !== 'string') return { kind: 'answer', id };
  const rawId = message.id;
  if (rawId !== undefined && rawId !== null && !isId(rawId)) return { kind: 'answer', id: null };
  const params = message.params;
  if (params !== undefined && params !== null && !isObject(params)) return { kind: 'answer', id };
  return id === null ? { kind: 'none' } : { kind: 'answer', id };
}

/** Splits a byte stream into lines as the server frames it and says what each must get. */
export function expectedLines(stream: Buffer, maxFrameBytes: number): ExpectedLine[] {
  const out: ExpectedLine[] = [];
  let start = 0;
  for (let newline = stream.indexOf(0x0a); newline !== -1; newline = stream.indexOf(0x0a, start)) {
    const line = stream.subarray(start, newline);
    out.push({
      text: line.subarray(0, 300).toString('utf8'),
      expectation: expectationOf(line, maxFrameBytes),
    });
    start = newline + 1;
  }
  if (start !== stream.length) throw new Error('a fuzz stream must end with a newline');
  return out;
}
