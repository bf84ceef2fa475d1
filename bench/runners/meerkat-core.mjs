// Our `core` in-process as a library: `runAgent` with the providers' OpenAI client (Responses; BENCH_API=chat:
// the self-hosted Chat Completions client) and an in-memory ToolSource. No store, no runtime.
import { randomUUID } from 'node:crypto';
import { runAgent } from '../../packages/core/dist/src/index.js';
import { createLlmClient } from '../../packages/providers/dist/src/index.js';
import { MODEL, PROMPT, add, runScenario } from './harness.mjs';

const chat = process.env.BENCH_API === 'chat';
const llm = chat
  ? createLlmClient({
      provider: 'self_hosted',
      model: MODEL,
      selfHosted: { baseUrl: process.env.OPENAI_BASE_URL, apiStyle: 'chat_completions', remoteModel: MODEL },
    })
  : createLlmClient({ provider: 'openai', model: MODEL, env: { ...process.env, OPENAI_API_KEY: 'bench' } });

const tools = {
  list: () => [
    {
      name: 'add',
      description: 'Adds two numbers.',
      input_schema: {
        type: 'object',
        properties: { a: { type: 'number' }, b: { type: 'number' } },
        required: ['a', 'b'],
      },
    },
  ],
  execute: async (call) => ({ content: add(call.args), isError: false }),
};

async function turn() {
  const result = await runAgent({
    sessionId: randomUUID(),
    llm,
    model: MODEL,
    history: [],
    prompt: PROMPT,
    tools,
    maxTokens: 1024,
    emit: () => {},
    commit: async () => {},
  });
  return result.text;
}

await runScenario(async () => ({ turn, close: async () => {} }));
