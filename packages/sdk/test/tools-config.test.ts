import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CapabilityUnavailableError, MeerkatClient, MeerkatError } from '../src/index.js';
import { SdkFixture, scripted } from './support.js';

// Callback tools, config CAS, catalog, realms, raw requests and the families this runtime does not serve.
let fixture: SdkFixture;
let client: MeerkatClient;
const lookups: unknown[] = [];

before(async () => {
  fixture = await SdkFixture.start();
  client = new MeerkatClient();
  await client.tool(
    'lookup',
    {
      description: 'Looks a key up in the client',
      inputSchema: { type: 'object', properties: { key: { type: 'string' } }, required: ['key'] },
    },
    (args) => {
      lookups.push(args);
      return `value-of-${String(args.key)}`;
    },
  );
  await fixture.connect({ realmId: 'sdk-tools' }, client);
});

after(async () => {
  await fixture.stop();
});

void test(
  'S20 a callback tool declared before connect answers tool/execute',
  { timeout: 30_000 },
  async () => {
    const stream = client.createSessionStreaming(
      scripted([{ tools: [{ name: 'lookup', args: { key: 'alpha' } }] }, { text: 'looked it up' }]),
    );
    const results: string[] = [];
    for await (const event of stream) {
      if (event.type === 'tool_execution_completed') results.push(event.result);
    }
    assert.deepEqual(lookups.at(-1), { key: 'alpha' });
    assert.deepEqual(results, ['value-of-alpha']);
    assert.equal(stream.result.text, 'looked it up');
    assert.equal(stream.result.toolCalls, 1);
  },
);

void test(
  'S21 a tool registered after connect; a throwing handler is an error result',
  { timeout: 30_000 },
  async () => {
    await client.tool('explode', { description: 'Always fails', inputSchema: { type: 'object' } }, () => {
      throw new Error('kaboom');
    });
    const stream = client.createSessionStreaming(
      scripted([{ tools: [{ name: 'explode', args: {} }] }, { text: 'carried on' }]),
    );
    const completed: { result: string; isError: boolean }[] = [];
    for await (const event of stream) {
      if (event.type === 'tool_execution_completed')
        completed.push({ result: event.result, isError: event.isError });
    }
    assert.deepEqual(completed, [{ result: 'Tool error: kaboom', isError: true }]);
    assert.equal(stream.result.text, 'carried on');
  },
);

void test('S22 config get, set and patch with generation CAS', { timeout: 30_000 }, async () => {
  const current = await client.getConfig();
  assert.equal(typeof current.generation, 'number');
  assert.equal(current.realmId, 'sdk-tools');
  const patched = await client.patchConfig(
    { agent: { system_prompt: 'Be brief.' } },
    { expectedGeneration: current.generation },
  );
  assert.equal(patched.generation, current.generation + 1);
  assert.equal((patched.config.agent as Record<string, unknown>).system_prompt, 'Be brief.');
  await assert.rejects(
    client.patchConfig({ agent: { system_prompt: 'stale' } }, { expectedGeneration: current.generation }),
    (error: unknown) => {
      assert.ok(error instanceof MeerkatError);
      assert.equal(error.code, '-32602');
      assert.match(error.message, /[Gg]eneration conflict/);
      return true;
    },
  );
  const replaced = await client.setConfig(patched.config, { expectedGeneration: patched.generation });
  assert.equal(replaced.generation, patched.generation + 1);
  assert.equal((await client.getConfig()).generation, replaced.generation);
});

void test('S23 models catalog, capabilities, realms and raw requests', { timeout: 30_000 }, async () => {
  const catalog = await client.getModelsCatalog();
  assert.deepEqual(catalog.contractVersion, { major: 0, minor: 6, patch: 6 });
  const anthropic = catalog.providers.find((provider) => provider.provider === 'anthropic');
  assert.ok(anthropic);
  assert.ok(anthropic.models.some((model) => model.id === anthropic.defaultModelId));
  assert.ok(client.capabilities.every((capability) => typeof capability.status === 'string'));
  assert.ok(Array.isArray(((await client.request('session/list')) as { sessions: unknown[] }).sessions));
  assert.notEqual(await client.realmList(), undefined);
  await assert.rejects(client.getBlob('no-such-blob'), { code: '-32602' });
  await assert.rejects(client.request('no/such_method'), { code: '-32601' });
});

void test(
  'S24 methods of families not served raise CapabilityUnavailableError naming the capability',
  { timeout: 10_000 },
  async () => {
    const session = await client.createSession(scripted([{ text: 'ok' }]));
    const cases: [Promise<unknown>, string][] = [
      [session.injectContext('more context'), 'session_ingress'],
      [client.sendExternalEvent(session.id, 'ping', {}), 'external_events'],
      [client.listApprovals(), 'approvals'],
      [client.listSchedules(), 'schedule'],
      [client.createMob({ definition: { id: 'm', profiles: {} } }), 'mob'],
      [client.liveOpen({ session_id: session.id }), 'live'],
      [client.send(session.id, { kind: 'input', body: 'hi' }), 'comms'],
    ];
    for (const [call, capability] of cases) {
      await assert.rejects(call, (error: unknown) => {
        assert.ok(error instanceof CapabilityUnavailableError);
        assert.equal(error.code, 'CAPABILITY_UNAVAILABLE');
        assert.equal(error.capabilityHint?.capability_id, capability);
        return true;
      });
    }
  },
);
