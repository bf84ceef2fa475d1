// A zero-latency fake OpenAI-compatible server for the benchmark (Chat Completions and Responses, streaming).
// Every conversation follows one script: the first model call asks for a tool (`add {a:1,b:2}` when the
// request offers `add`, else `datetime {}`), the second (a request ending with the tool's result) streams a
// fixed 50-token answer. Counters (GET /stats, POST /reset) let the runner check two model calls per turn.
import { createServer } from 'node:http';

const ANSWER_TOKENS = Array.from({ length: 50 }, (_, index) => (index === 0 ? 'tok0' : ` tok${index}`));
export const ANSWER_TEXT = ANSWER_TOKENS.join('');

const counters = { responses: 0, chat: 0, toolCalls: 0, answers: 0, errors: 0, openStreams: 0 };
let sequence = 0;

function toolOf(tools) {
  const names = (Array.isArray(tools) ? tools : []).map((tool) => tool?.name ?? tool?.function?.name);
  if (names.includes('add')) return { name: 'add', args: '{"a":1,"b":2}' };
  if (names.includes('datetime')) return { name: 'datetime', args: '{}' };
  return undefined;
}

function responsesStream(body, write) {
  const id = ++sequence;
  let seq = 0;
  const event = (type, fields) =>
    write(`event: ${type}\ndata: ${JSON.stringify({ type, ...fields, sequence_number: seq++ })}\n\n`);
  const response = (status, output, usage = null) => ({
    id: `resp_${id}`,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status,
    error: null,
    incomplete_details: null,
    model: body.model,
    output,
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: [],
    usage,
  });
  const input = Array.isArray(body.input) ? body.input : [];
  const answered = input.at(-1)?.type === 'function_call_output';
  event('response.created', { response: response('in_progress', []) });
  event('response.in_progress', { response: response('in_progress', []) });
  let item;
  let outputTokens;
  if (!answered) {
    const tool = toolOf(body.tools);
    if (!tool) throw new Error('no add/datetime tool offered');
    counters.toolCalls++;
    const base = { id: `fc_${id}`, type: 'function_call', call_id: `call_${id}`, name: tool.name };
    event('response.output_item.added', {
      output_index: 0,
      item: { ...base, status: 'in_progress', arguments: '' },
    });
    event('response.function_call_arguments.delta', { item_id: base.id, output_index: 0, delta: tool.args });
    event('response.function_call_arguments.done', {
      item_id: base.id,
      output_index: 0,
      name: tool.name,
      arguments: tool.args,
    });
    item = { ...base, status: 'completed', arguments: tool.args };
    outputTokens = 10;
  } else {
    counters.answers++;
    const ids = { item_id: `msg_${id}`, output_index: 0, content_index: 0 };
    event('response.output_item.added', {
      output_index: 0,
      item: { id: ids.item_id, type: 'message', status: 'in_progress', role: 'assistant', content: [] },
    });
    event('response.content_part.added', {
      ...ids,
      part: { type: 'output_text', text: '', annotations: [], logprobs: [] },
    });
    for (const delta of ANSWER_TOKENS) event('response.output_text.delta', { ...ids, delta, logprobs: [] });
    event('response.output_text.done', { ...ids, text: ANSWER_TEXT, logprobs: [] });
    const part = { type: 'output_text', text: ANSWER_TEXT, annotations: [], logprobs: [] };
    event('response.content_part.done', { ...ids, part });
    item = { id: ids.item_id, type: 'message', status: 'completed', role: 'assistant', content: [part] };
    outputTokens = 50;
  }
  event('response.output_item.done', { output_index: 0, item });
  const usage = {
    input_tokens: 20,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 20 + outputTokens,
  };
  event('response.completed', { response: response('completed', [item], usage) });
}

function chatStream(body, write) {
  const id = `chatcmpl_${++sequence}`;
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta, finish = null, extra = {}) =>
    write(
      `data: ${JSON.stringify({
        id,
        object: 'chat.completion.chunk',
        created,
        model: body.model,
        choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
        ...extra,
      })}\n\n`,
    );
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const answered = messages.at(-1)?.role === 'tool';
  let outputTokens;
  if (!answered) {
    const tool = toolOf(body.tools);
    if (!tool) throw new Error('no add/datetime tool offered');
    counters.toolCalls++;
    chunk({ role: 'assistant', content: null });
    chunk({
      tool_calls: [
        { index: 0, id: `call_${sequence}`, type: 'function', function: { name: tool.name, arguments: '' } },
      ],
    });
    chunk({ tool_calls: [{ index: 0, function: { arguments: tool.args } }] });
    chunk({}, 'tool_calls');
    outputTokens = 10;
  } else {
    counters.answers++;
    chunk({ role: 'assistant', content: '' });
    for (const delta of ANSWER_TOKENS) chunk({ content: delta });
    chunk({}, 'stop');
    outputTokens = 50;
  }
  if (body.stream_options?.include_usage) {
    write(
      `data: ${JSON.stringify({
        id,
        object: 'chat.completion.chunk',
        created,
        model: body.model,
        choices: [],
        usage: { prompt_tokens: 20, completion_tokens: outputTokens, total_tokens: 20 + outputTokens },
      })}\n\n`,
    );
  }
  write('data: [DONE]\n\n');
}

function fail(response, status, message) {
  counters.errors++;
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify({ error: { message, type: 'invalid_request_error', code: null, param: null } }),
  );
}

/** Starts the fake on `port` (0: any free port); resolves to the server. */
export function startFakeServer(port = 0) {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    if (request.method === 'GET' && url.pathname === '/stats') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(counters));
      return;
    }
    if (request.method === 'POST' && url.pathname === '/reset') {
      for (const key of Object.keys(counters)) counters[key] = 0;
      response.writeHead(204).end();
      return;
    }
    const kind = url.pathname.endsWith('/responses')
      ? 'responses'
      : url.pathname.endsWith('/chat/completions')
        ? 'chat'
        : undefined;
    if (request.method !== 'POST' || !kind) return fail(response, 404, `no route ${url.pathname}`);
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return fail(response, 400, 'invalid JSON body');
      }
      if (body.stream !== true) return fail(response, 400, 'the benchmark fake only streams');
      counters[kind]++;
      const parts = [];
      try {
        (kind === 'responses' ? responsesStream : chatStream)(body, (text) => parts.push(text));
      } catch (error) {
        return fail(response, 400, String(error?.message ?? error));
      }
      response.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        'x-request-id': `req_${sequence}`,
      });
      response.end(parts.join(''));
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startFakeServer(Number(process.env.PORT ?? 0));
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' ? address.port : 0 })}\n`);
}
