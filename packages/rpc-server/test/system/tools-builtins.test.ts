import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { RpcClient } from './rpc-client.js';
import { SystemFixture, errorOf, scripted } from './support.js';
import { completedTools, lastCall, lastJson, offeredTools } from './tools-support.js';

// One rkat-rpc whose context root is a temp workspace: every built-in tool called by the fake model.
let fixture: SystemFixture;
let rpc: RpcClient;
let workspace: string;

const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const PIXEL_ID = `sha256:${createHash('sha256').update(PIXEL).digest('hex')}`;

before(async () => {
  fixture = await SystemFixture.start();
  workspace = await mkdtemp(join(tmpdir(), 'rkat-builtins-workspace-'));
  await writeFile(join(workspace, 'pixel.png'), PIXEL);
  rpc = fixture.spawn(['--realm', 'tools-builtins', '--context-root', workspace], {
    env: fixture.env({ PATH: process.env.PATH ?? '' }),
  });
});

after(async () => {
  await fixture.stop();
  await rm(workspace, { recursive: true, force: true });
});

interface TaskView {
  id: string;
  subject: string;
  status: string;
  labels: string[];
  created_by_session: string | null;
}

const PATCH = ['*** Begin Patch', '*** Add File: notes/hello.txt', '+hello', '+world', '*** End Patch'].join(
  '\n',
);

void test(
  'every built-in tool called by the model acts on the workspace, the task store and the blob store',
  { timeout: 90_000 },
  async () => {
    const created = await rpc.call<{ session_id: string; text: string; tool_calls: number }>(
      'session/create',
      {
        prompt: scripted(
          [
            {
              tools: [
                {
                  name: 'task_create',
                  args: { subject: 'write docs', description: 'the docs', labels: ['docs'] },
                },
                { name: 'datetime', args: {} },
                { name: 'apply_patch', args: { patch: PATCH } },
                { name: 'view_image', args: { path: 'pixel.png' } },
                { name: 'blob_load_file', args: { path: 'pixel.png' } },
              ],
            },
            {
              tools: [
                { name: 'blob_inspect', args: { blob_id: PIXEL_ID } },
                { name: 'blob_save_file', args: { blob_id: PIXEL_ID, path: 'out/copy.png' } },
              ],
            },
            { text: 'built-ins done' },
          ],
          'builtins-first',
        ),
      },
    );
    const sessionId = created.session_id;
    assert.equal(created.text, 'built-ins done');
    assert.equal(created.tool_calls, 7);
    assert.deepEqual(
      completedTools(rpc, sessionId).filter((call) => call.is_error),
      [],
      'no built-in call failed',
    );

    const task = lastJson<TaskView>(rpc, sessionId, 'task_create');
    assert.match(task.id, /^[0-9a-f-]{36}$/);
    assert.equal(task.subject, 'write docs');
    assert.equal(task.status, 'pending');
    assert.deepEqual(task.labels, ['docs']);
    assert.equal(task.created_by_session, sessionId);

    const now = lastJson<{ iso8601: string; unix_timestamp: number; year: unknown }>(
      rpc,
      sessionId,
      'datetime',
    );
    assert.ok(Math.abs(now.unix_timestamp - Date.now() / 1000) < 120, 'datetime is now');
    assert.equal(String(now.year), String(new Date(now.iso8601).getFullYear()));

    const patched = lastJson<{ status: string; added_files: string[] }>(rpc, sessionId, 'apply_patch');
    assert.equal(patched.status, 'success');
    assert.deepEqual(patched.added_files, ['notes/hello.txt']);
    assert.equal(await readFile(join(workspace, 'notes', 'hello.txt'), 'utf8'), 'hello\nworld\n');

    const image = lastCall(rpc, sessionId, 'view_image');
    const block = image.content?.find((entry) => entry.type === 'image');
    assert.equal(block?.media_type, 'image/png');
    assert.equal(block?.data, PIXEL.toString('base64'));

    const loaded = lastJson<{ blob_id: string; bytes_read: number }>(rpc, sessionId, 'blob_load_file');
    assert.deepEqual([loaded.blob_id, loaded.bytes_read], [PIXEL_ID, PIXEL.length]);
    const inspected = lastJson<{ media_type: string; size_bytes: number }>(rpc, sessionId, 'blob_inspect');
    assert.deepEqual([inspected.media_type, inspected.size_bytes], ['image/png', PIXEL.length]);
    lastJson(rpc, sessionId, 'blob_save_file');
    assert.deepEqual(await readFile(join(workspace, 'out', 'copy.png')), PIXEL);
    const blob = await rpc.call<{ data: string }>('blob/get', { blob_id: PIXEL_ID });
    assert.equal(blob.data, PIXEL.toString('base64'), 'the loaded file is in the realm blob store');

    const next = await rpc.call<{ text: string }>('turn/start', {
      session_id: sessionId,
      prompt: scripted(
        [
          { tools: [{ name: 'task_update', args: { id: task.id, status: 'in_progress', owner: 'me' } }] },
          {
            tools: [
              { name: 'task_get', args: { id: task.id } },
              { name: 'task_list', args: { status: 'in_progress' } },
            ],
          },
          { text: 'tasks done' },
        ],
        'builtins-second',
      ),
    });
    assert.equal(next.text, 'tasks done');
    assert.equal(lastJson<TaskView>(rpc, sessionId, 'task_update').status, 'in_progress');
    const fetched = lastJson<TaskView & { owner?: string }>(rpc, sessionId, 'task_get');
    assert.deepEqual([fetched.status, fetched.owner], ['in_progress', 'me']);
    const listed = lastJson<TaskView[]>(rpc, sessionId, 'task_list');
    assert.deepEqual(
      listed.map((entry) => entry.id),
      [task.id],
    );
    const config = await rpc.call<{ resolved_paths: { root: string } }>('config/get');
    const stored = JSON.parse(await readFile(join(config.resolved_paths.root, 'tasks.json'), 'utf8')) as {
      tasks: TaskView[];
    };
    assert.equal(stored.tasks[0]?.status, 'in_progress', 'tasks persist in the realm directory');
  },
);

void test(
  'a session created with enable_builtins and enable_shell false is offered none of them',
  { timeout: 90_000 },
  async () => {
    const result = await rpc.call<{ session_id: string; text: string }>('session/create', {
      enable_builtins: false,
      enable_shell: false,
      prompt: scripted([{ tools: [{ name: 'task_list', args: {} }] }, { text: 'no tools' }], 'builtins-off'),
    });
    assert.equal(result.text, 'no tools');
    assert.deepEqual(offeredTools(fixture.fake.requests, 'builtins-off'), []);
    const refused = lastCall(rpc, result.session_id, 'task_list');
    assert.equal(refused.is_error, true);
    assert.match(refused.result, /unknown tool/);

    const withShell = await rpc.call<{ session_id: string }>('session/create', {
      enable_shell: true,
      prompt: scripted([{ text: 'listed' }], 'builtins-default'),
    });
    assert.ok(withShell.session_id);
    const names = offeredTools(fixture.fake.requests, 'builtins-default');
    for (const name of [
      'task_list',
      'task_create',
      'task_get',
      'task_update',
      'datetime',
      'apply_patch',
      'view_image',
      'blob_save_file',
      'blob_load_file',
      'blob_inspect',
      'shell',
      'shell_jobs',
      'shell_job_status',
      'shell_job_cancel',
    ]) {
      assert.ok(names.includes(name), `${name} is offered by default`);
    }
  },
);

void test(
  'capabilities/get reports the builtins and shell switches of the realm config and mcp_live',
  { timeout: 90_000 },
  async () => {
    type Capabilities = { capabilities: { id: string; status: unknown }[] };
    const statusOf = async (): Promise<Record<string, unknown>> =>
      Object.fromEntries(
        (await rpc.call<Capabilities>('capabilities/get')).capabilities.map((entry) => [
          entry.id,
          entry.status,
        ]),
      );
    const before = await statusOf();
    assert.deepEqual(before.builtins, {
      DisabledByPolicy: { description: 'tools.builtins_enabled = false' },
    });
    assert.deepEqual(before.shell, { DisabledByPolicy: { description: 'tools.shell_enabled = false' } });
    assert.equal(before.mcp_live, 'Available');
    await rpc.call('config/patch', { patch: { tools: { builtins_enabled: true, shell_enabled: true } } });
    const enabled = await statusOf();
    assert.deepEqual([enabled.builtins, enabled.shell], ['Available', 'Available']);
    await rpc.call('config/patch', { patch: { tools: { builtins_enabled: false, shell_enabled: false } } });
    const methods = (await rpc.call<{ methods: string[] }>('initialize')).methods;
    for (const method of ['mcp/add', 'mcp/remove', 'mcp/reload']) assert.ok(methods.includes(method), method);
  },
);

void test('a path outside the project root is refused by the file tools', { timeout: 90_000 }, async () => {
  const outside = await mkdtemp(join(tmpdir(), 'rkat-builtins-outside-'));
  try {
    const escape = [
      '*** Begin Patch',
      `*** Add File: ../${outside.split('/').at(-1)}/evil.txt`,
      '+x',
      '*** End Patch',
    ];
    const result = await rpc.call<{ session_id: string }>('session/create', {
      prompt: scripted(
        [
          {
            tools: [
              { name: 'apply_patch', args: { patch: escape.join('\n') } },
              { name: 'view_image', args: { path: '/etc/passwd' } },
              { name: 'blob_save_file', args: { blob_id: PIXEL_ID, path: join(outside, 'copy.png') } },
            ],
          },
          { text: 'refused' },
        ],
        'builtins-escape',
      ),
    });
    for (const name of ['apply_patch', 'view_image', 'blob_save_file']) {
      assert.equal(lastCall(rpc, result.session_id, name).is_error, true, `${name} refused`);
    }
    await assert.rejects(stat(join(outside, 'evil.txt')), { code: 'ENOENT' });
    await assert.rejects(stat(join(outside, 'copy.png')), { code: 'ENOENT' });
  } finally {
    await rm(outside, { recursive: true, force: true });
  }
});

void test('mcp/add on an unknown session answers -32001', { timeout: 90_000 }, async () => {
  const answer = await rpc.request('mcp/add', {
    session_id: '01900000-0000-7000-8000-000000000000',
    server_config: { name: 'x', command: 'true' },
  });
  assert.equal(errorOf(answer.message).code, -32001);
});
