import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BuiltinToolSource,
  createBuiltinsFamilyTools,
  createShellTools,
  MemoryTaskStore,
  ShellJobManager,
} from '../../src/index.js';
import { MemoryBlobs } from '../support/memory-blobs.js';
import { tempDir } from '../support/temp-dir.js';

void test(
  'the builtins family offers the tools of 01 §4.2 this package implements',
  { timeout: 30_000 },
  async (t) => {
    const projectRoot = await tempDir(t);
    const taskStore = new MemoryTaskStore();
    const names = (blobs?: MemoryBlobs) =>
      new BuiltinToolSource(
        createBuiltinsFamilyTools({ projectRoot, taskStore, ...(blobs ? { blobs } : {}) }),
      )
        .list()
        .map((def) => def.name);
    assert.deepEqual(names(new MemoryBlobs()), [
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
    ]);
    assert.deepEqual(names().slice(-2), ['apply_patch', 'view_image']);
  },
);

void test('the shell tools have the names and parameters of 02 §6.3', { timeout: 30_000 }, async (t) => {
  const manager = new ShellJobManager({ projectRoot: await tempDir(t) });
  t.after(() => manager.dispose());
  const defs = new BuiltinToolSource(createShellTools(manager)).list();
  assert.deepEqual(
    defs.map((def) => [
      def.name,
      Object.keys(def.input_schema.properties as object),
      def.input_schema.required,
    ]),
    [
      ['shell', ['command', 'working_dir', 'timeout_secs', 'background'], ['command']],
      ['shell_jobs', [], []],
      ['shell_job_status', ['job_id'], ['job_id']],
      ['shell_job_cancel', ['job_id'], ['job_id']],
    ],
  );
  const shellProperties = defs[0]?.input_schema.properties as Record<string, { default?: unknown }>;
  assert.equal(shellProperties.timeout_secs?.default, 30);
  assert.equal(shellProperties.background?.default, false);
});
