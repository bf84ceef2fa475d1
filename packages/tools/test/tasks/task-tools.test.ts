import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTaskTools, MemoryTaskStore, type Task } from '../../src/index.js';
import { callTool, errorOf, jsonOf } from '../support/tool-call.js';

function setup() {
  let clock = Date.UTC(2026, 0, 1, 10, 0, 0);
  const store = new MemoryTaskStore({ now: () => clock });
  const tools = createTaskTools({ store, sessionId: 'session-1' });
  return { tools, store, tick: (ms: number) => (clock += ms) };
}

void test('the four task tools have the names and parameters of the spec', { timeout: 30_000 }, () => {
  const { tools } = setup();
  const shape = Object.fromEntries(
    tools.map((tool) => [
      tool.def.name,
      [Object.keys(tool.def.input_schema.properties as object).sort(), tool.def.input_schema.required],
    ]),
  );
  assert.deepEqual(shape, {
    task_create: [
      ['blocked_by', 'blocks', 'description', 'labels', 'metadata', 'owner', 'priority', 'subject'],
      ['subject', 'description'],
    ],
    task_get: [['id'], ['id']],
    task_list: [['labels', 'status'], []],
    task_update: [
      [
        'add_blocked_by',
        'add_blocks',
        'description',
        'id',
        'labels',
        'metadata',
        'owner',
        'priority',
        'remove_blocked_by',
        'remove_blocks',
        'status',
        'subject',
      ],
      ['id'],
    ],
  });
});

void test(
  'task_create fills defaults, ids and timestamps like the original',
  { timeout: 30_000 },
  async () => {
    const { tools } = setup();
    const task = jsonOf<Task>(
      await callTool(tools, 'task_create', { subject: 'Write docs', description: 'All of them' }),
    );
    assert.match(task.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual(
      { ...task, id: 'x' },
      {
        id: 'x',
        subject: 'Write docs',
        description: 'All of them',
        status: 'pending',
        priority: 'medium',
        labels: [],
        blocks: [],
        created_at: '2026-01-01T10:00:00.000+00:00',
        updated_at: '2026-01-01T10:00:00.000+00:00',
        created_by_session: 'session-1',
        updated_by_session: 'session-1',
      },
    );
    const full = jsonOf<Task>(
      await callTool(tools, 'task_create', {
        subject: 's',
        description: 'd',
        priority: 'high',
        labels: ['a'],
        blocks: ['t1'],
        blocked_by: ['t0'],
        owner: 'alice',
        metadata: { k: 1 },
      }),
    );
    assert.deepEqual(
      [full.priority, full.labels, full.blocks, full.blocked_by, full.owner, full.metadata],
      ['high', ['a'], ['t1'], ['t0'], 'alice', { k: 1 }],
    );
    assert.match(
      errorOf(await callTool(tools, 'task_create', { subject: 's', description: 'd', priority: 'critical' })),
      /invalid arguments/,
    );
    assert.match(errorOf(await callTool(tools, 'task_create', { subject: 's' })), /description/);
  },
);

void test('task_get and task_update by id; unknown ids are reported', { timeout: 30_000 }, async () => {
  const { tools, tick } = setup();
  const created = jsonOf<Task>(
    await callTool(tools, 'task_create', {
      subject: 's',
      description: 'd',
      labels: ['x'],
      blocks: ['b1'],
      metadata: { keep: 1, drop: 2 },
    }),
  );
  tick(5000);
  const updated = jsonOf<Task>(
    await callTool(tools, 'task_update', {
      id: created.id,
      status: 'in_progress',
      priority: 'low',
      labels: ['y'],
      owner: 'bob',
      metadata: { drop: null, added: 'v' },
      add_blocks: ['b1', 'b2'],
      remove_blocks: ['b1'],
      add_blocked_by: ['p1'],
      subject: null,
    }),
  );
  assert.equal(updated.subject, 's');
  assert.equal(updated.status, 'in_progress');
  assert.equal(updated.priority, 'low');
  assert.deepEqual(updated.labels, ['y']);
  assert.equal(updated.owner, 'bob');
  assert.deepEqual(updated.metadata, { keep: 1, added: 'v' });
  assert.deepEqual(updated.blocks, ['b2']);
  assert.deepEqual(updated.blocked_by, ['p1']);
  assert.equal(updated.created_at, created.created_at);
  assert.equal(updated.updated_at, '2026-01-01T10:00:05.000+00:00');
  assert.deepEqual(jsonOf<Task>(await callTool(tools, 'task_get', { id: created.id })), updated);

  const cleared = jsonOf<Task>(
    await callTool(tools, 'task_update', {
      id: created.id,
      metadata: { keep: null, added: null },
      remove_blocked_by: ['p1'],
    }),
  );
  assert.equal('metadata' in cleared, false, 'empty metadata is omitted');
  assert.equal('blocked_by' in cleared, false, 'empty blocked_by is omitted');

  assert.equal(
    errorOf(await callTool(tools, 'task_get', { id: 'nope' })),
    "tool 'task_get' failed: Task not found: nope",
  );
  assert.match(
    errorOf(await callTool(tools, 'task_update', { id: 'nope', status: 'completed' })),
    /Task not found: nope/,
  );
  assert.match(
    errorOf(await callTool(tools, 'task_update', { id: created.id, status: 'done' })),
    /invalid arguments/,
  );
});

void test('task_list filters by status and by any of the labels', { timeout: 30_000 }, async () => {
  const { tools } = setup();
  const create = async (subject: string, labels: string[]) =>
    jsonOf<Task>(await callTool(tools, 'task_create', { subject, description: '', labels }));
  const login = await create('login', ['feature', 'frontend']);
  const timeout = await create('timeout', ['bug', 'backend']);
  await create('docs', []);
  await callTool(tools, 'task_update', { id: timeout.id, status: 'in_progress' });
  await callTool(tools, 'task_update', { id: login.id, status: 'completed' });
  const subjects = async (args: Record<string, unknown>) =>
    jsonOf<Task[]>(await callTool(tools, 'task_list', args)).map((task) => task.subject);
  assert.deepEqual(await subjects({}), ['login', 'timeout', 'docs']);
  assert.deepEqual(await subjects({ status: 'pending' }), ['docs']);
  assert.deepEqual(await subjects({ labels: ['bug', 'frontend'] }), ['login', 'timeout']);
  assert.deepEqual(await subjects({ status: 'completed', labels: ['backend'] }), []);
  assert.deepEqual(await subjects({ status: null, labels: null }), ['login', 'timeout', 'docs']);
});
