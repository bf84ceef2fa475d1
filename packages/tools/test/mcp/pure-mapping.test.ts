import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildMcpToolCatalog,
  displayUrl,
  SecretRedactor,
  toToolConfigChangedPayload,
  mcpResultToOutcome,
} from '../../src/index.js';

const def = (name: string, description = name) => ({ name, description, input_schema: { type: 'object' } });

void test('a tool name offered by two servers is denied on both and reported', { timeout: 30_000 }, () => {
  const catalog = buildMcpToolCatalog([
    { server: 'a', tools: [def('search'), def('a_only')] },
    { server: 'b', tools: [def('search'), def('b_only')] },
  ]);
  assert.deepEqual(
    catalog.tools.map((tool) => tool.name),
    ['a_only', 'b_only'],
  );
  assert.equal(catalog.owners.get('a_only'), 'a');
  assert.equal(catalog.owners.get('search'), undefined);
  assert.deepEqual(catalog.collisions, [{ tool: 'search', servers: ['a', 'b'] }]);
});

void test(
  'one server listing a name twice: identical repeats collapse, divergent ones are denied',
  { timeout: 30_000 },
  () => {
    const catalog = buildMcpToolCatalog([
      { server: 'a', tools: [def('same'), def('same'), def('odd', 'x'), def('odd', 'y')] },
    ]);
    assert.deepEqual(
      catalog.tools.map((tool) => tool.name),
      ['same'],
    );
    assert.deepEqual(catalog.collisions, [{ tool: 'odd', servers: ['a'] }]);
  },
);

void test(
  'maps MCP results: text joins, images become inline blocks, isError is kept',
  { timeout: 30_000 },
  () => {
    assert.deepEqual(
      mcpResultToOutcome({
        content: [
          { type: 'text', text: 'one' },
          { type: 'text', text: 'two' },
        ],
      }),
      { content: 'one\ntwo', isError: false },
    );
    assert.deepEqual(mcpResultToOutcome({ content: [{ type: 'text', text: 'bad' }], isError: true }), {
      content: 'bad',
      isError: true,
    });
    assert.deepEqual(
      mcpResultToOutcome({
        content: [
          { type: 'text', text: 'see' },
          { type: 'image', data: 'AAAA', mimeType: 'image/png' },
          { type: 'audio', data: 'AAAA', mimeType: 'audio/wav' },
          { type: 'resource_link', uri: 'file:///x', name: 'x' },
        ],
      }),
      {
        content: [
          { type: 'text', text: 'see' },
          { type: 'image', media_type: 'image/png', source: 'inline', data: 'AAAA' },
          { type: 'text', text: '[audio result (audio/wav) omitted]' },
          { type: 'text', text: '[resource: file:///x]' },
        ],
        isError: false,
      },
    );
    assert.deepEqual(mcpResultToOutcome({ content: [], structuredContent: { n: 1 } }), {
      content: '{"n":1}',
      isError: false,
    });
  },
);

void test('URLs in messages lose credentials and query', { timeout: 30_000 }, () => {
  assert.equal(displayUrl('https://user:pa55@host.example/mcp?token=abc#frag'), 'https://host.example/mcp');
  assert.equal(displayUrl('not a url'), '<invalid url>');
});

void test('the redactor masks env values, header values and URL credentials', { timeout: 30_000 }, () => {
  const stdio = new SecretRedactor({
    name: 's',
    command: 'x',
    env: { API_KEY: 'canary-env-123', SHORT: 'ab' },
  });
  assert.equal(stdio.redact('boom: key=canary-env-123 ab'), 'boom: key=*** ab');

  const http = new SecretRedactor({
    name: 'h',
    url: 'https://bob:hunter22@host.example/mcp?api_key=canary-query-9',
    headers: { Authorization: 'Bearer canary-hdr-456' },
  });
  const text = http.redact(
    'failed https://bob:hunter22@host.example/mcp?api_key=canary-query-9 with Bearer canary-hdr-456; pw hunter22',
  );
  assert.equal(text, 'failed https://host.example/mcp with ***; pw ***');
});

void test('builds the tool_config_changed payload the original emits', { timeout: 30_000 }, () => {
  assert.deepEqual(
    toToolConfigChangedPayload({ operation: 'add', target: 'fs', phase: 'applied', tool_count: 3 }, 2),
    {
      operation: 'add',
      target: 'fs',
      status: 'applied',
      status_info: { kind: 'external_tool_delta', phase: 'applied' },
      persisted: true,
      applied_at_turn: 2,
    },
  );
  assert.deepEqual(
    toToolConfigChangedPayload({ operation: 'reload', target: 'fs', phase: 'failed', detail: 'no' }),
    {
      operation: 'reload',
      target: 'fs',
      status: 'failed: no',
      status_info: { kind: 'external_tool_delta', phase: 'failed', detail: 'no' },
      persisted: true,
    },
  );
  assert.equal(
    toToolConfigChangedPayload({ operation: 'remove', target: 'fs', phase: 'draining' }).persisted,
    false,
  );
});
