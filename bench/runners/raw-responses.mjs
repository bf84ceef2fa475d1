// Baseline: fetch + a minimal SSE parser + the tool loop, OpenAI Responses API.
import { BASE_URL, MODEL, PROMPT, add, runScenario } from './harness.mjs';
import { sseEvents } from './sse.mjs';

const TOOLS = [
  {
    type: 'function',
    name: 'add',
    description: 'Adds two numbers.',
    parameters: {
      type: 'object',
      properties: { a: { type: 'number' }, b: { type: 'number' } },
      required: ['a', 'b'],
      additionalProperties: false,
    },
    strict: true,
  },
];

async function call(input) {
  const response = await fetch(`${BASE_URL}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
    body: JSON.stringify({ model: MODEL, input, tools: TOOLS, stream: true }),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  let text = '';
  const calls = [];
  for await (const data of sseEvents(response.body)) {
    const event = JSON.parse(data);
    if (event.type === 'response.output_text.delta') text += event.delta;
    else if (event.type === 'response.output_item.done' && event.item.type === 'function_call')
      calls.push(event.item);
  }
  return { text, calls };
}

async function turn() {
  const input = [{ role: 'user', content: PROMPT }];
  for (;;) {
    const { text, calls } = await call(input);
    if (calls.length === 0) return text;
    for (const item of calls) {
      input.push({
        type: 'function_call',
        call_id: item.call_id,
        name: item.name,
        arguments: item.arguments,
      });
      input.push({
        type: 'function_call_output',
        call_id: item.call_id,
        output: add(JSON.parse(item.arguments)),
      });
    }
  }
}

await runScenario(async () => ({ turn, close: async () => {} }));
