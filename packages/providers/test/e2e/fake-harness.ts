import assert from 'node:assert/strict';
import {
  LlmError,
  type LlmClient,
  type LlmErrorKind,
  type LlmRequest,
  type LlmResponse,
  type LlmStreamEvent,
} from '@rkat/core';
import type { SessionMessage } from '@rkat/contracts';
import { AT } from '../helpers/requests.js';

export interface Collected {
  deltas: LlmStreamEvent[];
  text: string;
  reasoning: string;
  response: LlmResponse;
}

/** Runs one call to completion and checks it ended with exactly one `response`, last. */
export async function collect(client: LlmClient, request: LlmRequest): Promise<Collected> {
  const events: LlmStreamEvent[] = [];
  for await (const event of client.stream(request)) events.push(event);
  const responses = events.filter((event) => event.type === 'response');
  assert.equal(responses.length, 1, 'exactly one response');
  const last = events.at(-1);
  assert.ok(last?.type === 'response', 'the response comes last');
  const deltas = events.slice(0, -1);
  const join = (type: string) =>
    deltas
      .filter((event) => event.type === type)
      .map((event) => (event.type === 'response' ? '' : event.delta))
      .join('');
  return { deltas, text: join('text_delta'), reasoning: join('reasoning_delta'), response: last.response };
}

/** Runs one call expecting it to fail; returns the error and the deltas seen before the failure. */
export async function failure(
  client: LlmClient,
  request: LlmRequest,
  kind: LlmErrorKind,
): Promise<{ error: LlmError; deltas: LlmStreamEvent[] }> {
  const deltas: LlmStreamEvent[] = [];
  try {
    for await (const event of client.stream(request)) deltas.push(event);
  } catch (error) {
    assert.ok(error instanceof LlmError, `expected LlmError, got ${String(error)}`);
    assert.equal(error.kind, kind, error.message);
    return { error, deltas };
  }
  assert.fail(`expected a ${kind} failure, got ${deltas.length} events`);
}

/** The assistant message a response becomes in the transcript. */
export function assistantMessage(response: LlmResponse): SessionMessage {
  return {
    role: 'block_assistant',
    blocks: response.blocks,
    stop_reason: response.stopReason,
    created_at: AT,
  };
}

/** The text of a response's text blocks. */
export function responseText(response: LlmResponse): string {
  return response.blocks
    .filter((block) => block.block_type === 'text')
    .map((block) => (block.block_type === 'text' ? block.data.text : ''))
    .join('');
}
