import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeRealmConfig, parseCreateSessionParams } from '../../src/index.js';
import { resolveRunBudget } from '../../src/session/session-settings.js';
import { REALM, harness, rejectsWith } from './session-harness.js';

void test('every create option is validated and stored with the session', { timeout: 10_000 }, async () => {
  const { service, store } = harness();
  const params = {
    prompt: 'staged',
    initial_turn: 'deferred',
    model: 'claude-sonnet-4-6',
    provider: null,
    max_tokens: 512,
    system_prompt: 'Be brief.',
    output_schema: { type: 'object', properties: { a: { type: 'string' } } },
    structured_output_retries: 1,
    hooks_override: { entries: [], disable: ['audit'] },
    enable_builtins: true,
    enable_shell: false,
    enable_memory: true,
    enable_schedule: false,
    enable_mob: false,
    enable_web_search: true,
    tool_filter: { Deny: ['shell'] },
    keep_alive: false,
    comms_name: 'agent-a',
    peer_meta: { description: 'helper', labels: { team: 'x' } },
    budget_limits: { max_tokens: 1000, max_duration: { secs: 2, nanos: 500_000_000 }, max_tool_calls: null },
    provider_params: { thinking: { type: 'enabled' }, web_search: null },
    auth_binding: { realm: 'r', binding: 'b', profile: null },
    preload_skills: [{ source_uuid: 'src', skill_name: 'tidy-up' }],
    skill_refs: [{ kind: 'structured', source_uuid: 'src', skill_name: 'tidy-up' }],
    labels: { team: 'a' },
    additional_instructions: ['Answer in French.'],
    app_context: { tenant: 7 },
    shell_env: { TOKEN: 'secret-value' },
    external_tools: [{ name: 'lookup', description: 'Looks up', input_schema: { type: 'object' } }],
    unknown_future_field: 1,
  };
  const created = await service.createSession(parseCreateSessionParams(params));
  assert.equal(created.result, undefined, 'a deferred create runs nothing');
  assert.equal(created.sessionRef, `${REALM}:${created.sessionId}`);
  const record = await store.getSession(created.sessionId);
  assert.ok(record);
  assert.equal(record.pending, true);
  assert.deepEqual(record.labels, { team: 'a' });
  assert.deepEqual([record.model, record.provider], ['claude-sonnet-4-6', 'anthropic']);
  assert.deepEqual(record.settings, {
    max_tokens: 512,
    structured_output_retries: 1,
    system_prompt: 'Be brief.',
    output_schema: {
      schema: { type: 'object', properties: { a: { type: 'string' } } },
      name: 'output',
      strict: false,
    },
    budget_limits: { max_tokens: 1000, max_duration: { secs: 2, nanos: 500_000_000 }, max_tool_calls: null },
    provider_params: { thinking: { type: 'enabled' }, web_search: null },
    additional_instructions: ['Answer in French.'],
    hooks_override: { entries: [], disable: ['audit'] },
    enable_builtins: true,
    enable_shell: false,
    enable_memory: true,
    enable_schedule: false,
    enable_mob: false,
    enable_web_search: true,
    tool_filter: { Deny: ['shell'] },
    comms_name: 'agent-a',
    keep_alive: false,
    peer_meta: { description: 'helper', labels: { team: 'x' } },
    auth_binding: { realm: 'r', binding: 'b', profile: null },
    preload_skills: [{ source_uuid: 'src', skill_name: 'tidy-up' }],
    skill_refs: [{ kind: 'structured', source_uuid: 'src', skill_name: 'tidy-up' }],
    app_context: { tenant: 7 },
    shell_env: { TOKEN: 'secret-value' },
    external_tools: [{ name: 'lookup', description: 'Looks up', input_schema: { type: 'object' } }],
    staged_prompt: 'staged',
  });
});

void test(
  'the first turn runs with the instructions appended; shell_env never reaches the model',
  { timeout: 10_000 },
  async () => {
    const { service, llm, toolRequests } = harness({ steps: [{ text: 'bonjour' }] });
    const seen: string[] = [];
    const created = await service.createSession(
      parseCreateSessionParams({
        prompt: 'hello',
        system_prompt: 'Be brief.',
        additional_instructions: ['Answer in French.', 'No emojis.'],
        shell_env: { TOKEN: 'secret-value' },
        external_tools: [{ name: 'lookup', description: 'Looks up', input_schema: { type: 'object' } }],
      }),
      { onEvent: (event, envelope) => seen.push(`${event.type}#${envelope.seq}`) },
    );
    assert.equal(created.result?.text, 'bonjour');
    assert.equal(created.result?.session_id, created.sessionId);
    assert.equal(seen[0], 'run_started#1');
    assert.equal(seen.at(-1)?.startsWith('run_completed#'), true);
    assert.equal(llm.calls[0]?.systemPrompt, 'Be brief.\n\nAnswer in French.\n\nNo emojis.');
    assert.doesNotMatch(JSON.stringify(llm.calls), /secret-value/);
    assert.equal(toolRequests.length, 1);
    assert.equal(toolRequests[0]?.sessionId, created.sessionId);
    assert.deepEqual(
      toolRequests[0]?.settings.external_tools?.map((tool) => tool.name),
      ['lookup'],
      'the tool factory sees the session tools',
    );
    const info = await service.readSession(created.sessionId);
    assert.equal(info.pending, false);
  },
);

void test('create errors carry the contract code and exact message', { timeout: 10_000 }, async () => {
  const { service } = harness();
  const create = (params: Record<string, unknown>) =>
    service.createSession(parseCreateSessionParams({ prompt: 'hi', initial_turn: 'deferred', ...params }));
  await assert.rejects(
    create({ provider: 'acme' }),
    rejectsWith(
      'INVALID_PARAMS',
      "unknown provider 'acme' (expected anthropic, openai, gemini, or self_hosted)",
    ),
  );
  await assert.rejects(
    create({ labels: { Role: 'x' } }),
    rejectsWith('INVALID_PARAMS', "metadata label key 'Role' is reserved for Meerkat-owned runtime facts"),
  );
  await assert.rejects(
    create({ labels: { 'meerkat.owner': 'x' } }),
    rejectsWith(
      'INVALID_PARAMS',
      "metadata label key 'meerkat.owner' is reserved for Meerkat-owned runtime facts",
    ),
  );
  await assert.rejects(
    create({ peer_meta: { labels: { mob_id: 'm' } } }),
    rejectsWith('INVALID_PARAMS', "metadata label key 'mob_id' is reserved for Meerkat-owned runtime facts"),
  );
  await assert.rejects(
    create({ app_context: { 'meerkat.secret': 1 } }),
    rejectsWith(
      'INVALID_PARAMS',
      "app_context key 'meerkat.secret' is reserved for Meerkat-owned runtime facts",
    ),
  );
  await assert.rejects(
    create({ keep_alive: true }),
    rejectsWith('INVALID_PARAMS', 'keep_alive requires a session created with comms_name'),
  );
  await assert.rejects(
    create({ tool_filter: { Only: ['x'] } }),
    rejectsWith('INVALID_PARAMS', /^Invalid tool_filter: /),
  );
  await assert.rejects(
    create({ output_schema: [1] }),
    rejectsWith('INVALID_PARAMS', /^Invalid output_schema/),
  );
  await assert.rejects(
    create({ max_tokens: 0 }),
    rejectsWith('INVALID_PARAMS', 'max_tokens must be a positive integer'),
  );
  const aliased = await create({ provider: 'open_a_i' });
  assert.deepEqual([aliased.provider, aliased.model], ['openai', 'gpt-5.5']);
});

void test(
  'create params: required prompt, nulls absent, retired skill_references',
  { timeout: 10_000 },
  () => {
    assert.throws(
      () => parseCreateSessionParams({ model: 'x' }),
      rejectsWith('INVALID_PARAMS', 'Invalid params: missing field `prompt`'),
    );
    assert.throws(
      () => parseCreateSessionParams({ prompt: 'hi', skill_references: ['old'] }),
      rejectsWith('INVALID_PARAMS', 'Invalid params: skill_references is retired; use structured skill_refs'),
    );
    assert.throws(
      () => parseCreateSessionParams({ prompt: 'hi', max_tokens: 'ten' }),
      rejectsWith('INVALID_PARAMS', /^Invalid params: \/max_tokens: /),
    );
    assert.throws(
      () =>
        parseCreateSessionParams({
          prompt: 'hi',
          skill_refs: [{ source_uuid: 's', skill_name: 'Bad Name' }],
        }),
      rejectsWith('INVALID_PARAMS', /^Invalid params: \/skill_refs\/0/),
    );
    assert.throws(
      () => parseCreateSessionParams([]),
      rejectsWith('INVALID_PARAMS', 'Invalid params: params must be an object'),
    );
    assert.deepEqual(
      parseCreateSessionParams({ prompt: 'hi', model: null, labels: null, peer_meta: { description: null } }),
      { prompt: 'hi', peerMeta: { description: null } },
    );
  },
);

void test(
  'capacity: limits.max_sessions bounds the sessions of the process',
  { timeout: 10_000 },
  async () => {
    const config = normalizeRealmConfig({ limits: { max_sessions: 2 } });
    const { service } = harness({ config });
    await service.createSession();
    await service.createSession();
    await assert.rejects(
      service.createSession(),
      rejectsWith('INTERNAL_ERROR', 'agent error: Internal error: Max sessions reached (2/2)'),
    );
  },
);

void test(
  'keep_alive with comms_name answers at once and runs the turn in the background',
  { timeout: 10_000 },
  async () => {
    const { service, llm, events } = harness({ steps: [{ hang: true }] });
    const created = await service.createSession({ prompt: 'wait', keepAlive: true, commsName: 'bot' });
    assert.deepEqual(created.result, {
      session_id: created.sessionId,
      session_ref: created.sessionRef,
      text: '',
      turns: 0,
      tool_calls: 0,
      usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
    });
    await llm.hanging;
    assert.equal(service.isActive(created.sessionId), true);
    assert.equal(await service.interrupt(created.sessionId), true);
    await service.close();
    assert.equal(service.isActive(created.sessionId), false);
    assert.ok(
      events.some((entry) => entry.event.type === 'run_started'),
      'listeners see the background run',
    );
  },
);

void test('budget_limits: durations become milliseconds; unset limits fall back to the realm', () => {
  assert.deepEqual(
    resolveRunBudget(
      { max_tokens: null, max_duration: { secs: 2, nanos: 500_000_000 }, max_tool_calls: 3 },
      { maxTokens: 100 },
      0.8,
    ),
    { maxTokens: 100, maxDurationMs: 2500, maxToolCalls: 3, warningThreshold: 0.8 },
  );
  assert.equal(resolveRunBudget(undefined, {}, 0.8), undefined);
});
