import assert from 'node:assert/strict';
import { it } from 'node:test';
import { checkContract, formatIssues, SessionMessage } from '@rkat/contracts';
import { everyMessageVariant } from '../../src/conformance/index.js';

const TIMEOUT = { timeout: 10_000 };

void it('every sample message satisfies the SessionMessage contract', TIMEOUT, () => {
  for (const [index, message] of everyMessageVariant().entries()) {
    const checked = checkContract(SessionMessage, message);
    assert.ok(checked.ok, `sample ${index}: ${checked.ok ? '' : formatIssues(checked.issues)}`);
  }
});

void it(
  'the samples cover every role, block type, block meta provider and content block type',
  TIMEOUT,
  () => {
    const roles = new Set<string>();
    const blockTypes = new Set<string>();
    const metaProviders = new Set<string>();
    const contentTypes = new Set<string>();
    const collectContent = (content: unknown): void => {
      if (Array.isArray(content))
        for (const block of content as { type: string }[]) contentTypes.add(block.type);
    };
    for (const message of everyMessageVariant()) {
      roles.add(message.role);
      if (message.role === 'user') collectContent(message.content);
      if (message.role === 'tool_results')
        for (const result of message.results) collectContent(result.content);
      if (message.role === 'block_assistant') {
        for (const block of message.blocks) {
          blockTypes.add(block.block_type);
          if (block.data.meta !== undefined) metaProviders.add(block.data.meta.provider);
        }
      }
    }
    const contractRoles = SessionMessage.anyOf.map((variant) => variant.properties.role.const);
    assert.deepEqual([...roles].sort(), [...contractRoles].sort());
    assert.deepEqual([...blockTypes].sort(), ['reasoning', 'server_tool_content', 'text', 'tool_use']);
    assert.deepEqual([...metaProviders].sort(), [
      'anthropic',
      'anthropic_compaction',
      'anthropic_redacted',
      'gemini',
      'open_ai',
      'unknown',
    ]);
    assert.deepEqual([...contentTypes].sort(), ['image', 'text', 'video']);
  },
);
