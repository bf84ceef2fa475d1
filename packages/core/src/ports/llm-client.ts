import type {
  AssistantBlock,
  BlockMeta,
  ProviderName,
  SchemaWarning,
  SessionMessage,
  StopReason,
  ToolDef,
  Usage,
} from '@rkat/contracts';

/** Asks the provider for a JSON reply matching `schema` (01 §9 lowering). Used by extraction calls. */
export interface LlmOutputFormat {
  schema: Record<string, unknown>;
  name: string;
  strict: boolean;
}

/** One model call. The transcript is provider-neutral; each client lowers it to its own wire format. */
export interface LlmRequest {
  model: string;
  systemPrompt?: string;
  messages: readonly SessionMessage[];
  tools: readonly ToolDef[];
  maxTokens: number;
  temperature?: number;
  outputFormat?: LlmOutputFormat;
  /** Per-model parameters (01 §11 `params_schema`): thinking, reasoning_effort, top_k, ... */
  providerParams?: Readonly<Record<string, unknown>>;
  /** Aborting it cancels the HTTP request and ends the stream with an `LlmError` of kind `cancelled`. */
  signal: AbortSignal;
}

/**
 * What a client yields while a call streams. Deltas are visible output; the call ends with exactly one
 * `response` carrying the complete assistant blocks (with provider replay metadata), the stop reason and usage.
 */
export type LlmStreamEvent =
  | { type: 'text_delta'; delta: string }
  | { type: 'reasoning_delta'; delta: string }
  | { type: 'response'; response: LlmResponse };

export interface LlmResponse {
  blocks: AssistantBlock[];
  stopReason: StopReason;
  usage: Usage;
  /** Warnings from lowering the output schema (Gemini only in 0.6.6). */
  schemaWarnings?: SchemaWarning[];
}

/** A provider client. Failures are thrown (or yielded as iterator errors) as `LlmError`. */
export interface LlmClient {
  readonly provider: ProviderName;
  stream(request: LlmRequest): AsyncIterable<LlmStreamEvent>;
}

export type { BlockMeta };
