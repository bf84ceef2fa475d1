import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RpcClient } from './rpc-client.js';
import { SystemFixture, errorOf, scripted, sessionEvents } from './support.js';

// One process: callback tools (tools/register and external_tools) answered by the test acting as the client.
let fixture: SystemFixture;
let rpc: RpcClient;

before(async () => {
  fixture = await SystemFixture.start();
  rpc = fixture.spawn(['--realm', 'callbacks-realm']);
});

after(async () => {
  await fixture.stop();
});

interface ToolConfigPayload {
  operation: string;
  target: string;
  status_info: { kind: string };
}

const lookup = {
  name: 'lookup',
  description: 'Looks a key up in the client',
  input_schema: { type: 'object', properties: { key: { type: 'string' } }, required: ['key'] },
};

/** The tool results the model received in the last request carrying `marker`. */
function toolResultSent(marker: string): string {
  const body = [...fixture.fake.requests]
    .reverse()
    .map((request) => JSON.stringify(request.body))
    .find((text) => text.includes(marker));
  assert.ok(body, `the fake received a request with "${marker}"`);
  return body;
}

void test(
  'a registered tool is executed by the client through tool/execute',
  { timeout: 90_000 },
  async () => {
    assert.deepEqual(await rpc.call('tools/register', { tools: [lookup] }), { registered: 1 });
    rpc.answer('tool/execute', (params) => ({
      result: { content: `value-of-${String((params.arguments as { key: string }).key)}`, is_error: false },
    }));
    const result = await rpc.call<{ session_id: string; text: string; tool_calls: number }>(
      'session/create',
      {
        prompt: scripted([{ tools: [{ name: 'lookup', args: { key: 'alpha' } }] }, { text: 'looked it up' }]),
      },
    );
    assert.equal(result.text, 'looked it up');
    assert.equal(result.tool_calls, 1);
    const [call] = rpc.serverRequests('tool/execute');
    assert.match(String(call?.id), /^srv-\d+$/);
    assert.deepEqual(Object.keys(call?.params ?? {}).sort(), ['arguments', 'name', 'tool_use_id']);
    assert.deepEqual(call?.params?.arguments, { key: 'alpha' });
    const completed = sessionEvents(rpc, result.session_id).find(
      ({ event }) => event.type === 'tool_execution_completed',
    );
    assert.equal(completed?.event.result, 'value-of-alpha');
    assert.equal(completed?.event.is_error, false);
    assert.match(toolResultSent('value-of-alpha'), /value-of-alpha/);
  },
);

void test(
  'a client error reply becomes a failed tool result and the run goes on',
  { timeout: 90_000 },
  async () => {
    rpc.answer('tool/execute', { error: { code: -32000, message: 'the client exploded' } });
    const result = await rpc.call<{ session_id: string; text: string }>('session/create', {
      prompt: scripted([{ tools: [{ name: 'lookup', args: { key: 'beta' } }] }, { text: 'carried on' }]),
    });
    assert.equal(result.text, 'carried on');
    const completed = sessionEvents(rpc, result.session_id).find(
      ({ event }) => event.type === 'tool_execution_completed',
    );
    assert.equal(completed?.event.is_error, true);
    assert.match(String(completed?.event.result), /the client exploded/);
  },
);

void test('an unusable client result is a failed tool result too', { timeout: 90_000 }, async () => {
  rpc.answer('tool/execute', { result: { text: 'wrong shape' } });
  const result = await rpc.call<{ session_id: string; text: string }>('session/create', {
    prompt: scripted([{ tools: [{ name: 'lookup', args: { key: 'gamma' } }] }, { text: 'still fine' }]),
  });
  assert.equal(result.text, 'still fine');
  const completed = sessionEvents(rpc, result.session_id).find(
    ({ event }) => event.type === 'tool_execution_completed',
  );
  assert.equal(completed?.event.is_error, true);
});

void test('session external_tools win over global ones of the same name', { timeout: 90_000 }, async () => {
  rpc.answer('tool/execute', (params) => ({
    result: { content: `called ${String(params.name)}`, is_error: false },
  }));
  const local = { ...lookup, description: 'The session-scoped lookup' };
  const result = await rpc.call<{ session_id: string; text: string }>('session/create', {
    prompt: scripted([{ tools: [{ name: 'lookup', args: { key: 'delta' } }] }, { text: 'done' }]),
    external_tools: [local],
  });
  assert.equal(result.text, 'done');
  const firstCall = fixture.fake.requests.find((request) => JSON.stringify(request.body).includes('delta'));
  assert.match(JSON.stringify(firstCall?.body), /The session-scoped lookup/);
  assert.doesNotMatch(JSON.stringify(firstCall?.body), /Looks a key up in the client/);
  const bad = errorOf(
    (
      await rpc.request('session/create', {
        prompt: 'x',
        external_tools: [{ ...lookup, input_schema: { type: 7 } }],
      })
    ).message,
  );
  assert.equal(bad.code, -32602);
});

void test(
  'a callback the client never answers does not wedge the session: interrupt ends the turn',
  { timeout: 90_000 },
  async () => {
    rpc.answer('tool/execute', 'ignore');
    const pending = rpc.serverRequests('tool/execute').length;
    const created = await rpc.call<{ session_id: string }>('session/create', {
      prompt: scripted([{ text: 'ready' }]),
    });
    const turn = rpc.start('turn/start', {
      session_id: created.session_id,
      prompt: scripted([{ tools: [{ name: 'lookup', args: { key: 'never' } }] }, { text: 'unreachable' }]),
    });
    await rpc.waitFor(() => rpc.serverRequests('tool/execute').length > pending, 'the tool/execute callback');
    assert.deepEqual(await rpc.call('turn/interrupt', { session_id: created.session_id }), {
      interrupted: true,
    });
    assert.equal(errorOf((await rpc.response(turn)).message).code, -32005);
    rpc.answer('tool/execute', { result: { content: 'late', is_error: false } });
    const next = await rpc.call<{ text: string }>('turn/start', {
      session_id: created.session_id,
      prompt: scripted([{ text: 'free again' }]),
    });
    assert.equal(next.text, 'free again');
  },
);

void test(
  'tools registered between turns apply at the next turn with a tool_config_changed event',
  { timeout: 90_000 },
  async () => {
    const created = await rpc.call<{ session_id: string }>('session/create', {
      prompt: scripted([{ text: 'first turn' }]),
    });
    const quiet = sessionEvents(rpc, created.session_id).filter(
      ({ event }) => event.type === 'tool_config_changed',
    );
    assert.equal(quiet.length, 0, 'a first run announces nothing');
    const extra = { ...lookup, name: 'late_tool', description: 'Registered after the first turn' };
    assert.deepEqual(await rpc.call('tools/register', { tools: [extra] }), { registered: 1 });
    await rpc.call('turn/start', {
      session_id: created.session_id,
      prompt: scripted([{ text: 'second turn' }]),
    });
    const changed = sessionEvents(rpc, created.session_id).filter(
      ({ event }) => event.type === 'tool_config_changed',
    );
    assert.equal(changed.length, 1);
    // The envelope's `payload` (the AgentEvent) wins over the event's own `payload` key (00-decisions.md §1).
    const agentEvent = changed[0]?.event.payload as { type: string; payload: ToolConfigPayload };
    assert.equal(agentEvent.type, 'tool_config_changed');
    const payload = agentEvent.payload;
    assert.equal(payload.operation, 'add');
    assert.match(payload.target, /late_tool/);
    assert.equal(payload.status_info.kind, 'external_tool_delta');
    const secondCall = [...fixture.fake.requests]
      .reverse()
      .find((request) => JSON.stringify(request.body).includes('second turn'));
    assert.match(JSON.stringify(secondCall?.body), /late_tool/, 'the model sees the new tool');
  },
);
