import type {
  AgentEvent,
  AuthBindingRef,
  BudgetLimits,
  ContentInput,
  EventEnvelope,
  HookRunOverrides,
  PeerMeta,
  SkillKey,
  SkillRef,
  ToolDef,
  ToolFilter,
} from '@rkat/contracts';
import type { FlowToolOverlay } from '../callback-tools/tool-visibility.js';

export type { FlowToolOverlay };

/** Whether `createSession` runs the first turn now or stages the prompt for the first `startTurn`. */
export type InitialTurn = 'run_immediately' | 'deferred';

/** Who watches one run: its cancellation signal and its own event listener. */
export interface RunObserver {
  /** Aborting it interrupts the run (like `interrupt`). */
  signal?: AbortSignal;
  /**
   * Receives this run's events, in order, each with its §8.1 envelope, before any other listener or
   * stream (the surface turns them into `session/event` notifications before the response). Must not throw.
   */
  onEvent?: (event: AgentEvent, envelope: EventEnvelope) => void;
}

/**
 * Options of `createSession` (01 §6.1), the camelCase form of the `session/create` params
 * (`parseCreateSessionParams` builds it). `null` means absent (00-decisions.md §9b).
 */
export interface CreateSessionOptions {
  /** The first user message; with `initialTurn: 'deferred'` it is staged and merged into the first turn. */
  prompt?: ContentInput | null;
  /** Default `run_immediately` when a prompt is given; without a prompt nothing runs. */
  initialTurn?: InitialTurn | null;
  model?: string | null;
  /** `anthropic`, `openai` (alias `open_a_i`), `gemini` or `self_hosted`. */
  provider?: string | null;
  systemPrompt?: string | null;
  /** Output cap per LLM call; default the realm's `max_tokens`. */
  maxTokens?: number | null;
  /** A raw JSON Schema or the `{schema, name?, strict?}` wrapper (01 §9); normalized at create. */
  outputSchema?: unknown;
  structuredOutputRetries?: number | null;
  budgetLimits?: BudgetLimits | null;
  temperature?: number | null;
  providerParams?: Record<string, unknown> | null;
  labels?: Record<string, string> | null;
  hooksOverride?: HookRunOverrides | null;
  enableBuiltins?: boolean | null;
  enableShell?: boolean | null;
  enableMemory?: boolean | null;
  enableSchedule?: boolean | null;
  enableMob?: boolean | null;
  enableWebSearch?: boolean | null;
  toolFilter?: ToolFilter | null;
  /** Needs `commsName`. The first turn then runs in the background and create answers at once. */
  keepAlive?: boolean | null;
  commsName?: string | null;
  peerMeta?: PeerMeta | null;
  authBinding?: AuthBindingRef | null;
  preloadSkills?: SkillKey[] | null;
  /** Skills injected for the first turn only. */
  skillRefs?: SkillRef[] | null;
  /** Appended to the system prompt of every turn. */
  additionalInstructions?: string[] | null;
  /** Opaque JSON, stored. */
  appContext?: unknown;
  /** Environment of shell-tool subprocesses; never shown to the model. */
  shellEnv?: Record<string, string> | null;
  /** Session-scoped callback tools (01 §16). */
  externalTools?: ToolDef[] | null;
}

/** Options of one `startTurn` (01 §7.1). `null` means absent. */
export interface TurnOverrides extends RunObserver {
  /** Hot-swaps the LLM identity for this and later turns (persisted). */
  model?: string | null;
  provider?: string | null;
  /** Replaces the session's provider params (persisted); `clearProviderParams` removes them. */
  providerParams?: Record<string, unknown> | null;
  clearProviderParams?: boolean | null;
  /** Sets (or with `clearAuthBinding` clears) the durable auth binding. */
  authBinding?: AuthBindingRef | null;
  clearAuthBinding?: boolean | null;
  /** Persisted; `true` needs a session created with `comms_name`. */
  keepAlive?: boolean | null;
  /** Skills for this turn. */
  skillRefs?: SkillRef[] | null;
  flowToolOverlay?: FlowToolOverlay | null;
  /** System notices committed before this turn's prompt. */
  additionalInstructions?: string[] | null;
  /** Accepted only on a session that never ran (00-decisions.md §10). */
  systemPrompt?: string | null;
  maxTokens?: number | null;
  outputSchema?: unknown;
  structuredOutputRetries?: number | null;
}
