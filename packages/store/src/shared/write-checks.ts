import { SessionMessage } from '@rkat/contracts';
import {
  StoreError,
  type BoundaryCommit,
  type InputRecord,
  type SessionRecord,
  type UsageTotals,
} from '@rkat/core';
import { copyThroughJson, encodeForStorage, type EncodedValue } from './json-codec.js';
import { BoundaryCommitHead, StoredInputRecord, StoredSessionPatch, StoredSessionRecord } from './schemas.js';

// Every write is checked (and copied through JSON) before either store touches its state, so a bad
// value fails the call with nothing written and no write can leave a row a later read would reject.

/** The fields a session patch may change, after checking. Absent fields are left as they are. */
export interface CheckedPatch {
  labels?: Record<string, string>;
  archived?: boolean;
  settings?: Record<string, unknown>;
  model?: string;
  provider?: string;
  pending?: boolean;
}

export interface CheckedCommit {
  sessionId: string;
  expectedMessageCount: number;
  messages: EncodedValue<SessionMessage>[];
  usageDelta: UsageTotals;
  updatedAtMs: number;
  lastAssistantText?: string;
  patch: CheckedPatch;
  input?: { inputId: string; state: 'consumed' | 'abandoned' };
}

/** Encodes messages numbered from `firstIndex`; a bad one fails as `session <id> message <idx>`. */
export function encodeMessages(
  sessionId: string,
  firstIndex: number,
  messages: readonly SessionMessage[],
): EncodedValue<SessionMessage>[] {
  return messages.map((message, offset) =>
    encodeForStorage<SessionMessage>(
      message,
      SessionMessage,
      `session ${sessionId} message ${firstIndex + offset}`,
    ),
  );
}

/**
 * Checks a new session and its initial messages. `record.messageCount` must equal the number of
 * messages given (else `conflict`): the stored count always matches the stored transcript.
 */
export function checkNewSession(
  record: SessionRecord,
  messages: readonly SessionMessage[] = [],
): { record: SessionRecord; messages: EncodedValue<SessionMessage>[] } {
  const what = `session ${String(record.sessionId)}`;
  const checked = copyThroughJson(record, StoredSessionRecord, what);
  if (checked.messageCount !== messages.length) {
    throw new StoreError(
      'conflict',
      `${what}: messageCount ${checked.messageCount} does not match the ${messages.length} messages given`,
    );
  }
  return { record: checked, messages: encodeMessages(checked.sessionId, 0, messages) };
}

/** Checks a session patch; unknown keys are ignored. */
export function checkPatch(sessionId: string, patch: object | undefined): CheckedPatch {
  if (patch === undefined) return {};
  const checked = copyThroughJson<CheckedPatch>(
    patch as CheckedPatch,
    StoredSessionPatch,
    `patch of session ${sessionId}`,
  );
  const result: CheckedPatch = {};
  if (checked.labels !== undefined) result.labels = checked.labels;
  if (checked.archived !== undefined) result.archived = checked.archived;
  if (checked.settings !== undefined) result.settings = checked.settings;
  if (checked.model !== undefined) result.model = checked.model;
  if (checked.provider !== undefined) result.provider = checked.provider;
  if (checked.pending !== undefined) result.pending = checked.pending;
  return result;
}

/** Checks a whole boundary commit before its transaction starts. */
export function checkCommit(commit: BoundaryCommit): CheckedCommit {
  const sessionId = String(commit.sessionId);
  const { messages, sessionPatch, ...head } = commit;
  const checkedHead = copyThroughJson(
    { ...head, messages: [] },
    BoundaryCommitHead,
    `boundary of session ${sessionId}`,
  );
  const checked: CheckedCommit = {
    sessionId: checkedHead.sessionId,
    expectedMessageCount: checkedHead.expectedMessageCount,
    messages: encodeMessages(sessionId, checkedHead.expectedMessageCount, messages),
    usageDelta: checkedHead.usageDelta,
    updatedAtMs: checkedHead.updatedAtMs,
    patch: checkPatch(sessionId, sessionPatch),
  };
  if (checkedHead.lastAssistantText !== undefined) checked.lastAssistantText = checkedHead.lastAssistantText;
  if (checkedHead.input !== undefined) checked.input = checkedHead.input;
  return checked;
}

/** Checks an input about to be recorded. */
export function checkInput(input: InputRecord): EncodedValue<InputRecord> {
  return encodeForStorage<InputRecord>(input, StoredInputRecord, `input ${String(input.inputId)}`);
}
