// Baseline: fetch + a minimal SSE parser + the tool loop, OpenAI Chat Completions API.
import { BASE_URL, MODEL, PROMPT, add, runScenario } from './harness.mjs';
import { sseEvents } from './sse.mjs';

const TOOLS = [
  {
    type: 'function',
    function: {
      name: 'add',
      description: 'Adds two numbers.',
      parameters: {
        type: 'object',
        properties: { a: { type: 'number' }, b: { type: 'number' } },
        required: ['a', 'b'],
      },
    },
  },
];

async function call(messages) {
  const response = await fetch(`${BASE_URL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
    body: JSON.stringify({ model: MODEL, messages, tools: TOOLS, stream: true }),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  let text = '';
  const calls = [];
  for await (const data of sseEvents(response.body)) {
    if (data === '[DONE]') break;
    const delta = JSON.parse(data).choices[0]?.delta;
    if (!delta) continue;
    if (delta.content) text += delta.content;
    for (const part of delta.tool_calls ?? []) {
      const call = (calls[part.index] ??= { id: '', name: '', arguments: '' });
      if (part.id) call.id = part.id;
      if (part.function?.name) call.name = part.function.name;
      if (part.function?.arguments) call.arguments += part.function.arguments;
    }
  }
  return { text, calls };
}

async function turn() {
  const messages = [{ role: 'user', content: PROMPT }];
  for (;;) {
    const { text, calls } = await call(messages);
    if (calls.length === 0) return text;
    messages.push({
      role: 'assistant',
      content: null,
      tool_calls: calls.map((c) => ({
        id: c.id,
        type: 'function',
        function: { name: c.name, arguments: c.arguments },
      })),
    });
    for (const c of calls)
      messages.push({ role: 'tool', tool_call_id: c.id, content: add(JSON.parse(c.arguments)) });
  }
}

await runScenario(async () => ({ turn, close: async () => {} }));
