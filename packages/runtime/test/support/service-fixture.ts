import type { AgentEvent } from '@rkat/contracts';
import type { SessionStore, ToolSource } from '@rkat/core';
import { MemorySessionStore } from '@rkat/store';
import { createBuiltinToolSource } from '@rkat/tools';
import { SessionService, normalizeRealmConfig, type RealmConfig } from '../../src/index.js';
import { ScriptedLlm, scriptedBindings, type ScriptedStep } from './scripted-llm.js';

export const REALM = 'test-realm';
/** A fixed wall clock for the datetime tool, so tool results are deterministic. */
export const TOOL_NOW_MS = Date.UTC(2026, 10, 28, 12, 0, 0);

export interface ServiceFixture {
  service: SessionService;
  store: SessionStore;
  llm: ScriptedLlm;
  events: { sessionId: string; event: AgentEvent }[];
}

/** A session service over a memory store (or `store`) whose model answers from `steps`. */
export function serviceFixture(
  steps: ScriptedStep[],
  options: { store?: SessionStore; config?: RealmConfig; tools?: ToolSource } = {},
): ServiceFixture {
  const store = options.store ?? new MemorySessionStore();
  const llm = new ScriptedLlm(steps);
  const config = options.config ?? normalizeRealmConfig({});
  const tools = options.tools ?? createBuiltinToolSource({ now: () => TOOL_NOW_MS });
  const service = new SessionService({
    realmId: REALM,
    store,
    currentConfig: () => config,
    providers: scriptedBindings(llm),
    toolsFor: () => tools,
  });
  const events: ServiceFixture['events'] = [];
  service.subscribe((sessionId, event) => events.push({ sessionId, event }));
  return { service, store, llm, events };
}
