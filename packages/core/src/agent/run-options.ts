import type {
  AgentErrorClass,
  AgentEvent,
  ContentInput,
  ExtractionError,
  SchemaWarning,
  SessionMessage,
  TurnTerminalCauseKind,
  Usage,
} from '@rkat/contracts';
import type { HookGate } from '../hooks/hook-gate.js';
import type { Clock } from '../ports/clock.js';
import type { LlmClient } from '../ports/llm-client.js';
import type { ToolSource } from '../ports/tool-source.js';

/** Limits of one run (01 §7.3). A reached limit ends the run successfully with a terminal cause. */
export interface RunBudget {
  maxTokens?: number;
  maxDurationMs?: number;
  maxToolCalls?: number;
  /** Fraction at which a first `budget_warning` fires (default 0.8); a second fires at 1.0. */
  warningThreshold?: number;
}

/** Back-off for transient model-call failures (00-decisions.md §15, config `retry`). */
export interface RetryPolicy {
  maxRetries: number;
  initialDelayMs: number;
  maxDelayMs: number;
  multiplier: number;
  /** Spread each computed back-off by ±10% (default true). Never applied to a provider's `retry-after`. */
  jitter?: boolean;
  /**
   * A model stream with no event for this long is aborted and fails as a retryable stall (default 300 s,
   * 00-decisions.md §15; config `retry.stream_idle_timeout`). Keepalives carry no event, so they do not count.
   */
  streamIdleTimeoutMs?: number;
}

/** A normalized output schema (01 §9): the raw schema plus the wrapper's options. */
export interface OutputSchemaSpec {
  schema: Record<string, unknown>;
  name: string;
  strict: boolean;
}

/** What one turn boundary hands to the durable store; the run waits for the commit before going on. */
export interface BoundaryWrite {
  /** Messages appended since the previous boundary of this run (the first includes the user prompt). */
  messages: SessionMessage[];
  /** Usage of the model calls since the previous boundary. */
  usage: Usage;
  /** True for the run's last write. */
  final: boolean;
}

export interface AgentRunOptions {
  sessionId: string;
  llm: LlmClient;
  model: string;
  systemPrompt?: string;
  /** The committed transcript before this run. */
  history: readonly SessionMessage[];
  prompt: ContentInput;
  tools: ToolSource;
  maxTokens: number;
  temperature?: number;
  providerParams?: Readonly<Record<string, unknown>>;
  budget?: RunBudget;
  retry?: RetryPolicy;
  outputSchema?: OutputSchemaSpec;
  /** Extraction retries after the first attempt (default 2). */
  structuredOutputRetries?: number;
  extractionPrompt?: string;
  maxTurns?: number;
  /** Per-call tool timeout when the tool source names none (default 10 minutes). */
  toolTimeoutMs?: number;
  /**
   * Longest tool result passed to the model and stored, in UTF-8 bytes of its text (default 256 KiB);
   * a longer one is cut and ends with a truncation marker (`limitToolOutcome`).
   */
  toolOutputLimitBytes?: number;
  signal?: AbortSignal;
  clock?: Clock;
  /** The hooks of this run, called at the eight hook points (02 §6.1); none when omitted. */
  hooks?: HookGate;
  /** Receives every AgentEvent of the run, in order. Must not throw. */
  emit(event: AgentEvent): void;
  /** Durably records one boundary. A rejection fails the run with error class `store`. */
  commit(write: BoundaryWrite): Promise<void>;
}

export interface AgentRunResult {
  /** Final assistant text of the main run. */
  text: string;
  /** LLM calls of the run, extraction calls included. */
  turns: number;
  toolCalls: number;
  /** Usage of this run. */
  usage: Usage;
  terminalCauseKind?: TurnTerminalCauseKind;
  structuredOutput?: unknown;
  extractionError?: ExtractionError;
  schemaWarnings?: SchemaWarning[];
  /** Every message this run appended to the transcript. */
  messages: SessionMessage[];
}

/** Why a run failed; thrown by `runAgent` after `run_failed` was emitted. */
export interface AgentFailure {
  errorClass: AgentErrorClass;
  terminalCauseKind?: TurnTerminalCauseKind;
}
