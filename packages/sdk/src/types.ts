import type {
  BudgetLimits,
  CatalogModelEntry,
  ContentInput,
  ExtractionError as WireExtractionError,
  ModelProfile as WireModelProfile,
  ResolvedModelCapabilities as WireResolvedModelCapabilities,
  SchemaWarning,
  SkillQuarantineDiagnostic,
  SourceHealthSnapshot,
  WireRunResult,
  WireSessionInfo,
  WireSessionMessage,
  WireSessionSummary,
  WireUsage,
} from '@rkat/contracts';
import type { CamelKeys } from './camel-case.js';

export type { ContentInput, SchemaWarning, BudgetLimits };

type DistributiveCamelKeys<T> = T extends unknown ? CamelKeys<T> : never;

/** Token usage of a run (`usage` of a RunResult is the usage of that run). */
export type Usage = CamelKeys<WireUsage>;

/** Why structured-output extraction failed; the run itself succeeded. */
export type ExtractionError = CamelKeys<WireExtractionError>;

/** Skill source health and quarantined skills of a run. */
export interface SkillRuntimeDiagnostics {
  readonly sourceHealth: CamelKeys<SourceHealthSnapshot>;
  readonly quarantined: readonly CamelKeys<SkillQuarantineDiagnostic>[];
}

/** The result of one run (`session/create`, `turn/start`), in camelCase. */
export type RunResult = Readonly<
  CamelKeys<Omit<WireRunResult, 'usage' | 'extraction_error' | 'skill_diagnostics'>> & {
    usage: Usage;
    extractionError?: ExtractionError;
    skillDiagnostics?: SkillRuntimeDiagnostics;
  }
>;

/** What the session's current model can do. */
export type ResolvedModelCapabilities = CamelKeys<WireResolvedModelCapabilities>;

/** A row of `session/list` or the result of `session/read`; keys that one of them lacks are absent. */
export type SessionInfo = Readonly<
  CamelKeys<Omit<WireSessionSummary, 'total_tokens' | 'labels'>> &
    Partial<CamelKeys<Pick<WireSessionSummary, 'total_tokens'>>> &
    Partial<CamelKeys<Omit<WireSessionInfo, keyof WireSessionSummary | 'resolved_capabilities'>>> & {
      labels: Readonly<Record<string, string>>;
      resolvedCapabilities?: ResolvedModelCapabilities;
    }
>;

/** One committed message of a session, top-level keys in camelCase (content blocks stay wire-shaped). */
export type SessionMessage = DistributiveCamelKeys<WireSessionMessage>;

/** A page of `session/history`. */
export interface SessionHistory {
  readonly sessionId: string;
  readonly sessionRef?: string;
  readonly messageCount: number;
  readonly offset: number;
  readonly limit?: number;
  readonly hasMore: boolean;
  readonly messages: readonly SessionMessage[];
}

/** The result of `session/fork_at` / `session/fork_replace`. */
export interface SessionForkResult {
  readonly sourceSessionId: string;
  readonly sessionId: string;
  readonly sessionRef?: string;
  readonly messageCount: number;
}

/** One capability of the runtime; `status` is `Available` or the key of a disabled status. */
export interface Capability {
  readonly id: string;
  readonly description: string;
  readonly status: string;
}

/** The realm's config and its generation (the CAS token of `setConfig` / `patchConfig`). */
export interface ConfigEnvelope {
  readonly config: Record<string, unknown>;
  readonly generation: number;
  readonly realmId?: string;
  readonly instanceId?: string;
  readonly backend?: string;
  readonly resolvedPaths?: Readonly<Record<string, string>>;
}

/** A model's capabilities, the wire's profile in camelCase. */
export type ModelProfile = CamelKeys<WireModelProfile>;

/** One model of the catalog. */
export type CatalogModel = CamelKeys<Omit<CatalogModelEntry, 'profile'>> & { profile?: ModelProfile };

/** The models catalog (`models/catalog`). */
export interface ModelsCatalog {
  readonly contractVersion: { readonly major: number; readonly minor: number; readonly patch: number };
  readonly providers: readonly {
    readonly provider: string;
    readonly defaultModelId: string;
    readonly models: readonly CatalogModel[];
  }[];
}

/** A blob (`blob/get`): base64 data and its media type. */
export interface BlobPayload {
  readonly blobId: string;
  readonly mediaType: string;
  readonly dataBase64: string;
}

/** A structured skill reference. */
export interface SkillKey {
  readonly sourceUuid: string;
  readonly skillName: string;
}

/** Options of `session/create` (camelCase of the wire params; unset keys are not sent). */
export interface SessionOptions {
  model?: string;
  provider?: string;
  systemPrompt?: string;
  maxTokens?: number;
  outputSchema?: Record<string, unknown>;
  structuredOutputRetries?: number;
  hooksOverride?: Record<string, unknown>;
  enableBuiltins?: boolean;
  enableShell?: boolean;
  enableMemory?: boolean;
  enableSchedule?: boolean;
  enableMob?: boolean;
  enableWebSearch?: boolean;
  toolFilter?: Record<string, unknown>;
  keepAlive?: boolean;
  commsName?: string;
  peerMeta?: Record<string, unknown>;
  budgetLimits?: BudgetLimits;
  providerParams?: Record<string, unknown>;
  preloadSkills?: string[];
  skillRefs?: SkillKey[];
  labels?: Record<string, string>;
  additionalInstructions?: string[];
  shellEnv?: Record<string, string>;
  appContext?: unknown;
  externalTools?: Record<string, unknown>[];
  authBinding?: Record<string, unknown>;
}

/** Options of a turn (`turn/start`). */
export interface TurnOptions {
  skillRefs?: SkillKey[];
  flowToolOverlay?: { allowedTools?: string[]; blockedTools?: string[] };
  additionalInstructions?: string[];
  keepAlive?: boolean;
  model?: string;
  provider?: string;
  maxTokens?: number;
  systemPrompt?: string;
  outputSchema?: Record<string, unknown>;
  structuredOutputRetries?: number;
  providerParams?: Record<string, unknown>;
}

/** Options of the first turn of a deferred session (the same as a turn's). */
export type DeferredTurnOptions = TurnOptions;

/** Options of `session/list`. */
export interface SessionListOptions {
  labels?: Record<string, string>;
  limit?: number;
  offset?: number;
}

/** A callback tool's handler: gets the model's arguments, returns the tool result (a string or JSON value). */
export type ToolHandler = (args: Record<string, unknown>) => unknown;

/** How a callback tool is described to the model. */
export interface ToolDefinition {
  description: string;
  inputSchema: Record<string, unknown>;
}
