// Vercel AI SDK: `streamText` with `@ai-sdk/openai` (Responses API by default; BENCH_API=chat: Chat Completions).
import { createOpenAI } from '@ai-sdk/openai';
import { stepCountIs, streamText, tool } from 'ai';
import { z } from 'zod';
import { MODEL, PROMPT, add, runScenario } from './harness.mjs';

const provider = createOpenAI({ apiKey: 'bench', baseURL: process.env.OPENAI_BASE_URL });
const model = process.env.BENCH_API === 'chat' ? provider.chat(MODEL) : provider.responses(MODEL);
const tools = {
  add: tool({
    description: 'Adds two numbers.',
    inputSchema: z.object({ a: z.number(), b: z.number() }),
    execute: async (args) => add(args),
  }),
};

async function turn() {
  const result = streamText({ model, prompt: PROMPT, tools, stopWhen: stepCountIs(5) });
  let text = '';
  for await (const delta of result.textStream) text += delta;
  return text;
}

await runScenario(async () => ({ turn, close: async () => {} }));
