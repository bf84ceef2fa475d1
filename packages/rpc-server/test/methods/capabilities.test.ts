import assert from 'node:assert/strict';
import { test } from 'node:test';
import { capabilitiesOf } from '../../src/methods/capabilities.js';

const statusOf = (config: Record<string, unknown>, id: string): unknown =>
  capabilitiesOf(config).find((entry) => entry.id === id)?.status;

void test('builtins and shell follow the realm policy; what is not built is NotCompiled', () => {
  assert.deepEqual(statusOf({}, 'builtins'), {
    DisabledByPolicy: { description: 'tools.builtins_enabled = false' },
  });
  assert.equal(statusOf({ tools: { builtins_enabled: true } }, 'builtins'), 'Available');
  assert.deepEqual(statusOf({}, 'shell'), {
    DisabledByPolicy: { description: 'tools.shell_enabled = false' },
  });
  assert.equal(statusOf({ tools: { shell_enabled: true } }, 'shell'), 'Available');
  assert.equal(statusOf({}, 'mcp_live'), 'Available');
  for (const id of ['hooks', 'comms', 'memory_store', 'session_compaction', 'skills']) {
    assert.deepEqual(statusOf({}, id), { NotCompiled: { feature: id } }, id);
  }
  for (const id of ['sessions', 'streaming', 'structured_output', 'session_store']) {
    assert.equal(statusOf({}, id), 'Available', id);
  }
});
