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
  for (const id of ['comms', 'memory_store', 'session_compaction']) {
    assert.deepEqual(statusOf({}, id), { NotCompiled: { feature: id } }, id);
  }
  assert.equal(statusOf({}, 'skills'), 'Available');
  assert.deepEqual(statusOf({ skills: { enabled: false } }, 'skills'), {
    DisabledByPolicy: { description: 'skills.enabled = false' },
  });
  for (const id of ['sessions', 'streaming', 'structured_output', 'session_store', 'hooks']) {
    assert.equal(statusOf({}, id), 'Available', id);
  }
});
