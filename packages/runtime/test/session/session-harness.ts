import assert from 'node:assert/strict';
import type { AgentEvent, EventEnvelope } from '@rkat/contracts';
import type { Clock, SessionStore, ToolSource } from '@rkat/core';
import { MemorySessionStore } from '@rkat/store';
import { createBuiltinToolSource } from '@rkat/tools';
import {
  SessionService,
  createProviderBindings,
  normalizeRealmConfig,
  type RealmConfig,
  type SessionServiceOptions,
} from '../../src/index.js';
import { ScriptedLlm, scriptedBindings, type ScriptedStep } from '../support/scripted-llm.js';

export const REALM = 'test-realm';
export const UNKNOWN_ID = '01890000-0000-7000-8000-000000000000';

/** A clock whose every reading is one second after the previous one; sleeps end at once. */
export function steppingClock(startMs = Date.UTC(2026, 10, 28, 12, 0, 0)): Clock {
  let now = startMs;
  return {
    now: () => {
      now += 1000;
      return now;
    },
    sleep: (_ms, signal) => (signal?.aborted ? Promise.reject(signal.reason as Error) : Promise.resolve()),
  };
}

export interface HarnessOptions {
  store?: SessionStore;
  config?: RealmConfig;
  tools?: ToolSource;
  streamCapacity?: number;
  clock?: Clock;
  steps?: ScriptedStep[];
}

export interface Harness {
  service: SessionService;
  store: SessionStore;
  llm: ScriptedLlm;
  /** Every `toolsFor` call: the session and the settings it saw. */
  toolRequests: Omit<Parameters<SessionServiceOptions['toolsFor']>[0], 'emit'>[];
  /** Every event through `subscribe`, with its envelope. */
  events: { sessionId: string; event: AgentEvent; envelope: EventEnvelope }[];
}

/** A session service over a memory store (or `store`) whose model answers from `steps`. */
export function harness(options: HarnessOptions = {}): Harness {
  const store = options.store ?? new MemorySessionStore();
  const llm = new ScriptedLlm(options.steps ?? []);
  const config = options.config ?? normalizeRealmConfig({});
  const tools = options.tools ?? createBuiltinToolSource({ now: () => Date.UTC(2026, 10, 28) });
  const toolRequests: Harness['toolRequests'] = [];
  const service = new SessionService({
    realmId: REALM,
    store,
    currentConfig: () => config,
    providers: {
      ...scriptedBindings(llm),
      modelCapabilities: (modelId) =>
        createProviderBindings({ config, env: {} }).modelCapabilities?.(modelId),
    },
    toolsFor: ({ sessionId, settings }) => {
      toolRequests.push(structuredClone({ sessionId, settings }));
      return tools;
    },
    clock: options.clock ?? steppingClock(),
    ...(options.streamCapacity !== undefined ? { streamCapacity: options.streamCapacity } : {}),
  });
  const events: Harness['events'] = [];
  service.subscribe((sessionId, event, envelope) => events.push({ sessionId, event, envelope }));
  return { service, store, llm, toolRequests, events };
}

/** A predicate for `assert.rejects`: a `RuntimeError` with this code and exactly this message. */
export function rejectsWith(code: string, message: string | RegExp) {
  return (error: unknown): boolean => {
    const actual = error as { code?: unknown; message?: unknown };
    if (typeof message === 'string') assert.equal(actual.message, message);
    else assert.match(String(actual.message), message);
    assert.equal(actual.code, code, `code of: ${String(actual.message)}`);
    return true;
  };
}
