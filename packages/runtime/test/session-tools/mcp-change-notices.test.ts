import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { AgentEvent, SystemNoticeKind, ToolConfigChangedPayload } from '@rkat/contracts';
import { BlobStore } from '../../src/blobs/blob-store.js';
import { normalizeRealmConfig } from '../../src/config/realm-config.js';
import { mcpChangeNotice } from '../../src/session-tools/mcp-change-notices.js';
import { SessionToolEnvironments } from '../../src/session-tools/session-tool-environments.js';

// The stdio MCP fixture of @rkat/tools, built next to this package's tests.
const STDIO_SERVER = fileURLToPath(
  new URL('../../../../tools/dist/test/mcp/fixtures/stdio-server.js', import.meta.url),
);

void test('each MCP change phase has its notice; the applied end of a drain has none', () => {
  assert.deepEqual(mcpChangeNotice({ operation: 'add', target: 'fx', phase: 'applied', tool_count: 7 }), {
    kind: 'tool_scope',
    body: "MCP server 'fx' was added at this turn boundary; its 7 tools are now available.",
  });
  assert.deepEqual(mcpChangeNotice({ operation: 'add', target: 'one', phase: 'applied', tool_count: 1 }), {
    kind: 'tool_scope',
    body: "MCP server 'one' was added at this turn boundary; its 1 tool is now available.",
  });
  assert.deepEqual(mcpChangeNotice({ operation: 'reload', target: 'fx', phase: 'applied', tool_count: 2 }), {
    kind: 'tool_scope',
    body: "MCP server 'fx' was reloaded at this turn boundary; its 2 tools are available.",
  });
  const removed = {
    kind: 'tool_scope',
    body: "MCP server 'fx' was removed at this turn boundary; its tools are no longer available.",
  };
  assert.deepEqual(mcpChangeNotice({ operation: 'remove', target: 'fx', phase: 'applied' }), removed);
  assert.deepEqual(mcpChangeNotice({ operation: 'remove', target: 'fx', phase: 'draining' }), removed);
  assert.equal(
    mcpChangeNotice({ operation: 'remove', target: 'fx', phase: 'applied', drained: true }),
    undefined,
    'the draining notice already told the model',
  );
  assert.deepEqual(mcpChangeNotice({ operation: 'remove', target: 'fx', phase: 'forced', drained: true }), {
    kind: 'tool_scope_warning',
    body: "MCP server 'fx' removal forced after drain timeout.",
  });
  assert.deepEqual(
    mcpChangeNotice({ operation: 'add', target: 'bad', phase: 'failed', detail: 'spawn ENOENT' }),
    {
      kind: 'tool_scope_warning',
      body: "MCP server 'bad' could not be added: spawn ENOENT. Its tools are not available.",
    },
  );
  assert.deepEqual(mcpChangeNotice({ operation: 'reload', target: 'fx', phase: 'failed' }), {
    kind: 'tool_scope_warning',
    body: "MCP server 'fx' could not be reloaded.",
  });
});

interface Boundary {
  changes: ToolConfigChangedPayload[];
  notices: { kind: SystemNoticeKind; body: string }[];
  tools: string[];
}

void test(
  'a session environment reports each applied MCP change with applied_at_turn and a notice at its boundary',
  { timeout: 90_000 },
  async () => {
    const root = await mkdtemp(join(tmpdir(), 'rkat-mcp-notices-'));
    const environments = new SessionToolEnvironments({
      projectRoot: join(root, 'project'),
      userRoot: join(root, 'home'),
      realmDirectory: join(root, 'realm'),
      blobs: new BlobStore(join(root, 'blobs')),
      currentConfig: () => normalizeRealmConfig({}),
      env: {},
    });
    const boundary = async (): Promise<Boundary> => {
      const result: Boundary = { changes: [], notices: [], tools: [] };
      const tools = await environments.localTools({
        sessionId: 's1',
        settings: {
          enable_builtins: false,
          enable_shell: false,
          max_tokens: 1024,
          structured_output_retries: 2,
        },
        emit: (event: AgentEvent) => {
          if (event.type === 'tool_config_changed') result.changes.push(event.payload);
        },
        notice: (kind, body) => result.notices.push({ kind, body }),
      });
      result.tools = tools.list().map((tool) => tool.name);
      return result;
    };
    try {
      const first = await boundary();
      assert.deepEqual(first, { changes: [], notices: [], tools: [] }, 'nothing configured, nothing to say');

      await environments.stageMcp('s1', {
        operation: 'add',
        config: { name: 'fx', command: process.execPath, args: [STDIO_SERVER, 'normal', 'f_'] },
        persisted: false,
      });
      await environments.stageMcp('s1', {
        operation: 'add',
        config: { name: 'broken', command: join(root, 'no-such-server') },
        persisted: false,
      });
      const second = await boundary();
      assert.ok(second.tools.includes('f_echo'));
      assert.deepEqual(
        second.changes.map((payload) => [payload.operation, payload.target, payload.applied_at_turn]),
        [
          ['add', 'fx', 2],
          ['add', 'broken', 2],
        ],
      );
      assert.match(String(second.changes[1]?.status), /^failed: /);
      assert.equal(second.notices.length, 2);
      assert.deepEqual(second.notices[0], {
        kind: 'tool_scope',
        body: `MCP server 'fx' was added at this turn boundary; its ${second.tools.length} tools are now available.`,
      });
      assert.equal(second.notices[1]?.kind, 'tool_scope_warning');
      assert.match(
        String(second.notices[1]?.body),
        /^MCP server 'broken' could not be added: .+\. Its tools are not available\.$/,
      );

      const third = await boundary();
      assert.deepEqual([third.changes, third.notices], [[], []], 'an unchanged boundary reports nothing');

      await environments.stageMcp('s1', { operation: 'remove', serverName: 'fx', persisted: false });
      const fourth = await boundary();
      assert.deepEqual(fourth.tools, []);
      assert.deepEqual(
        fourth.changes.map((payload) => [
          payload.operation,
          payload.target,
          payload.status,
          payload.applied_at_turn,
        ]),
        [['remove', 'fx', 'applied', 4]],
      );
      assert.deepEqual(fourth.notices, [
        {
          kind: 'tool_scope',
          body: "MCP server 'fx' was removed at this turn boundary; its tools are no longer available.",
        },
      ]);
    } finally {
      await environments.close();
      await rm(root, { recursive: true, force: true });
    }
  },
);
