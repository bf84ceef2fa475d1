import type { RpcMethod } from '../transport/index.js';
import type { MethodDeps } from './method-deps.js';
import { parseParams } from './params.js';

const RegisterParams = {
  type: 'object',
  properties: { tools: { type: 'array' } },
  required: ['tools'],
} as const;

/**
 * `tools/register` (01 §16): adds or replaces process-global callback tools, all or nothing; result
 * `{registered: n}`. Handled inline, in arrival order. Running sessions pick the tools up at their next turn
 * boundary. A bad definition answers -32602 naming it.
 */
export function toolsMethods({ tools }: MethodDeps): Record<string, RpcMethod> {
  return {
    'tools/register': {
      inline: true,
      async handle(params) {
        return tools.register(parseParams<{ tools: unknown[] }>(RegisterParams, params).tools);
      },
    },
  };
}
