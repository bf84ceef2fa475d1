import type { AgentEvent, AgentEventOf, AgentEventType } from '@rkat/contracts';
import { runAgent } from '../../src/agent/run-agent.js';
import type { AgentRunOptions, AgentRunResult, BoundaryWrite } from '../../src/agent/run-options.js';
import { FakeClock } from './fake-clock.js';
import { FakeTools } from './fake-tools.js';
import { ScriptedLlm, type Step } from './scripted-llm.js';

export interface RunRecord {
  result?: AgentRunResult;
  error?: unknown;
  events: AgentEvent[];
  commits: BoundaryWrite[];
  llm: ScriptedLlm;
  clock: FakeClock;
}

export interface HarnessOptions extends Partial<Omit<AgentRunOptions, 'llm' | 'emit' | 'commit' | 'clock'>> {
  steps: Step[];
  clock?: FakeClock;
  /** Called with each event right after it is recorded. */
  onEvent?: (event: AgentEvent) => void;
  commit?: (write: BoundaryWrite) => Promise<void>;
}

/** Runs `runAgent` with a scripted model, a fake clock and recording `emit` / `commit`; never throws. */
export async function runScripted(options: HarnessOptions): Promise<RunRecord> {
  const { steps, onEvent, commit, clock: givenClock, ...rest } = options;
  const clock = givenClock ?? new FakeClock();
  const llm = new ScriptedLlm(steps, clock);
  const events: AgentEvent[] = [];
  const commits: BoundaryWrite[] = [];
  const record: RunRecord = { events, commits, llm, clock };
  try {
    record.result = await runAgent({
      sessionId: 'session-1',
      model: 'test-model',
      history: [],
      prompt: 'hello',
      tools: new FakeTools(),
      maxTokens: 1024,
      retry: { maxRetries: 3, initialDelayMs: 500, maxDelayMs: 30_000, multiplier: 2, jitter: false },
      ...rest,
      llm,
      clock,
      emit: (event) => {
        events.push(event);
        onEvent?.(event);
      },
      commit: async (write) => {
        commits.push(structuredClone(write));
        if (commit) await commit(write);
      },
    });
  } catch (error) {
    record.error = error;
  }
  return record;
}

export const typesOf = (events: readonly AgentEvent[]): AgentEventType[] => events.map((event) => event.type);

export function eventsOf<T extends AgentEventType>(
  events: readonly AgentEvent[],
  type: T,
): AgentEventOf<T>[] {
  return events.filter((event): event is AgentEventOf<T> => event.type === type);
}
