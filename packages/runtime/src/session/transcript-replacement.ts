import { Type, type Static } from '@sinclair/typebox';
import { AssistantBlock, ContentBlock, SessionMessage, checkContract, formatIssues } from '@rkat/contracts';
import { RuntimeError } from '../errors/runtime-error.js';

const index = Type.Integer({ minimum: 0 });
const strict = { additionalProperties: false } as const;

/** What `session/fork_replace` puts in place of the addressed item (01 §6.6, tag `type`). */
export const TranscriptReplacement = Type.Union([
  Type.Object({ type: Type.Literal('message'), message: Type.Unknown() }, strict),
  Type.Object(
    { type: Type.Literal('user_content_block'), block_index: index, block: Type.Unknown() },
    strict,
  ),
  Type.Object({ type: Type.Literal('assistant_block'), block_index: index, block: Type.Unknown() }, strict),
  Type.Object(
    {
      type: Type.Literal('tool_result_content_block'),
      result_index: index,
      block_index: index,
      block: Type.Unknown(),
    },
    strict,
  ),
]);
export type TranscriptReplacement = Static<typeof TranscriptReplacement>;

function invalid(message: string): RuntimeError {
  return new RuntimeError('INVALID_PARAMS', message);
}

function checked<T>(schema: object, value: unknown, what: string): T {
  const result = checkContract<T>(schema, value);
  if (!result.ok) throw invalid(`Invalid replacement ${what}: ${formatIssues(result.issues)}`);
  return result.value;
}

/** Checks a replacement's shape (unknown fields rejected). Throws `RuntimeError('INVALID_PARAMS')`. */
export function parseReplacement(raw: unknown): TranscriptReplacement {
  const kind = (raw as { type?: unknown } | null)?.type;
  const known = ['message', 'user_content_block', 'assistant_block', 'tool_result_content_block'];
  if (typeof kind !== 'string' || !known.includes(kind)) {
    throw invalid(`Invalid replacement: type must be one of ${known.join(', ')}`);
  }
  const variant = TranscriptReplacement.anyOf.find((member) => member.properties.type.const === kind);
  return checked<TranscriptReplacement>(variant ?? TranscriptReplacement, raw, 'params');
}

function blockAt<T>(blocks: readonly T[], blockIndex: number, messageIndex: number): void {
  if (blockIndex >= blocks.length) {
    throw invalid(
      `block_index ${blockIndex} is out of range: message ${messageIndex} has ${blocks.length} blocks`,
    );
  }
}

function replaced<T>(blocks: readonly T[], blockIndex: number, block: T): T[] {
  return blocks.map((current, position) => (position === blockIndex ? block : current));
}

function wrongRole(messageIndex: number, expected: string, actual: string): RuntimeError {
  return invalid(`message ${messageIndex} is a ${actual} message, not a ${expected} message`);
}

function asAssistantBlocks(message: SessionMessage & { role: 'assistant' }): AssistantBlock[] {
  const blocks: AssistantBlock[] = [];
  if (message.content !== '') blocks.push({ block_type: 'text', data: { text: message.content } });
  for (const call of message.tool_calls ?? []) {
    blocks.push({ block_type: 'tool_use', data: { id: call.id, name: call.name, args: call.args } });
  }
  return blocks;
}

/**
 * The message at `messageIndex` with the replacement applied (01 §6.6). A whole `message` keeps the
 * original's `created_at` when it has none. Throws `RuntimeError('INVALID_PARAMS')` for a block of the
 * wrong shape, an index out of range or a message of the wrong role.
 */
export function applyReplacement(
  message: SessionMessage,
  messageIndex: number,
  replacement: TranscriptReplacement,
): SessionMessage {
  switch (replacement.type) {
    case 'message': {
      const given = replacement.message;
      const withTime =
        typeof given === 'object' && given !== null && !Array.isArray(given) && !('created_at' in given)
          ? { ...given, created_at: message.created_at }
          : given;
      return checked<SessionMessage>(SessionMessage, withTime, 'message');
    }
    case 'user_content_block': {
      if (message.role !== 'user') throw wrongRole(messageIndex, 'user', message.role);
      const blocks: ContentBlock[] =
        typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
      blockAt(blocks, replacement.block_index, messageIndex);
      const block = checked<ContentBlock>(ContentBlock, replacement.block, 'block');
      return { ...message, content: replaced(blocks, replacement.block_index, block) };
    }
    case 'assistant_block': {
      if (message.role !== 'block_assistant' && message.role !== 'assistant') {
        throw wrongRole(messageIndex, 'assistant', message.role);
      }
      const blocks = message.role === 'assistant' ? asAssistantBlocks(message) : message.blocks;
      blockAt(blocks, replacement.block_index, messageIndex);
      const block = checked<AssistantBlock>(AssistantBlock, replacement.block, 'block');
      return {
        role: 'block_assistant',
        blocks: replaced(blocks, replacement.block_index, block),
        stop_reason: message.stop_reason,
        created_at: message.created_at,
      };
    }
    case 'tool_result_content_block': {
      if (message.role !== 'tool_results') throw wrongRole(messageIndex, 'tool_results', message.role);
      const result = message.results[replacement.result_index];
      if (!result) {
        throw invalid(
          `result_index ${replacement.result_index} is out of range: message ${messageIndex} has ${message.results.length} results`,
        );
      }
      const blocks: ContentBlock[] =
        typeof result.content === 'string' ? [{ type: 'text', text: result.content }] : result.content;
      blockAt(blocks, replacement.block_index, messageIndex);
      const block = checked<ContentBlock>(ContentBlock, replacement.block, 'block');
      const results = message.results.map((current, position) =>
        position === replacement.result_index
          ? { ...current, content: replaced(blocks, replacement.block_index, block) }
          : current,
      );
      return { ...message, results };
    }
    default: {
      const unreachable: never = replacement;
      throw invalid(`Invalid replacement: ${JSON.stringify(unreachable)}`);
    }
  }
}
