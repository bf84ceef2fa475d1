import { Type, type Static } from '@sinclair/typebox';
import { stringEnum } from '../wire/string-enum.js';

export const AGENT_ERROR_CLASSES = [
  'llm',
  'store',
  'tool',
  'mcp',
  'session_not_found',
  'budget',
  'max_tokens',
  'content_filtered',
  'max_turns',
  'cancelled',
  'invalid_state',
  'operation_not_found',
  'depth_limit',
  'concurrency_limit',
  'config',
  'internal',
  'build',
  'auth',
  'callback_pending',
  'structured_output',
  'invalid_output_schema',
  'hook',
  'terminal',
  'no_pending_boundary',
] as const;

export const AgentErrorClass = stringEnum(AGENT_ERROR_CLASSES);
export type AgentErrorClass = Static<typeof AgentErrorClass>;

/** AgentErrorReason (tag `reason_type`), kept open: the known variants are documented in 01 §8.2. */
export const AgentErrorReason = Type.Object({ reason_type: Type.String() }, { additionalProperties: true });
export type AgentErrorReason = Static<typeof AgentErrorReason> & Record<string, unknown>;

export const AgentErrorReport = Type.Object({
  class: AgentErrorClass,
  reason: Type.Optional(AgentErrorReason),
  message: Type.String(),
});
export type AgentErrorReport = Static<typeof AgentErrorReport>;
