import type { BoundaryCommit, InputRecord, SessionRecord } from '@rkat/core';
import { assistantText, sampleInput, sampleRecord, userMessage } from '@rkat/testing/conformance';

// The data the crash child writes and the parent checks: a session, two inputs, and two boundaries.
// The child commits the first boundary, then is killed inside the second.

export const CRASH_SESSION: SessionRecord = sampleRecord('crash-session', {
  pending: true,
  labels: { turn: '0' },
});

export const CRASH_INPUTS: readonly InputRecord[] = [
  sampleInput('turn-1', 'crash-session', 1),
  sampleInput('turn-2', 'crash-session', 2),
];

export const FIRST_BOUNDARY: BoundaryCommit = {
  sessionId: 'crash-session',
  expectedMessageCount: 0,
  messages: [userMessage('prompt turn-1'), assistantText('answer 1')],
  usageDelta: { inputTokens: 10, outputTokens: 4, cacheCreationTokens: 0, cacheReadTokens: 0 },
  updatedAtMs: 1_000,
  lastAssistantText: 'answer 1',
  sessionPatch: { pending: false, labels: { turn: '1' } },
  input: { inputId: 'turn-1', state: 'consumed' },
};

export const SECOND_BOUNDARY: BoundaryCommit = {
  sessionId: 'crash-session',
  expectedMessageCount: 2,
  messages: [userMessage('prompt turn-2'), assistantText('answer 2')],
  usageDelta: { inputTokens: 20, outputTokens: 8, cacheCreationTokens: 0, cacheReadTokens: 0 },
  updatedAtMs: 2_000,
  lastAssistantText: 'answer 2',
  sessionPatch: { labels: { turn: '2' } },
  input: { inputId: 'turn-2', state: 'consumed' },
};

/** What the child prints once the first boundary is durable. */
export const COMMITTED_MARKER = 'first-boundary-committed';
