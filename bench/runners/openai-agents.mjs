// @openai/agents (Responses API by default; `--chat` argument: Chat Completions). Streaming run, tracing off.
import { Agent, OpenAIProvider, Runner, setTracingDisabled, tool } from '@openai/agents';
import { z } from 'zod';
import { MODEL, PROMPT, add, runScenario } from './harness.mjs';

setTracingDisabled(true);
const useResponses = process.env.BENCH_API !== 'chat';
const addTool = tool({
  name: 'add',
  description: 'Adds two numbers.',
  parameters: z.object({ a: z.number(), b: z.number() }),
  execute: async (args) => add(args),
});
const agent = new Agent({ name: 'bench', instructions: 'You add numbers.', model: MODEL, tools: [addTool] });
const runner = new Runner({
  modelProvider: new OpenAIProvider({ apiKey: 'bench', baseURL: process.env.OPENAI_BASE_URL, useResponses }),
  tracingDisabled: true,
});

async function turn() {
  const result = await runner.run(agent, PROMPT, { stream: true });
  for await (const _event of result) {
    // drain the stream like a UI would
  }
  await result.completed;
  return result.finalOutput;
}

await runScenario(async () => ({ turn, close: async () => {} }));
