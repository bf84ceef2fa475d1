import { Type, type Static } from '@sinclair/typebox';
import { stringEnum } from './string-enum.js';
import { optionalNullable } from './nullable.js';

/** The eight points where hooks run (01 §5). */
export const HookPoint = Type.Union([
  Type.Literal('run_started'),
  Type.Literal('run_completed'),
  Type.Literal('run_failed'),
  Type.Literal('pre_llm_request'),
  Type.Literal('post_llm_response'),
  Type.Literal('pre_tool_execution'),
  Type.Literal('post_tool_execution'),
  Type.Literal('turn_boundary'),
]);
export type HookPoint = Static<typeof HookPoint>;

/** Why a hook denied an operation (`hook_denied` event and error reason). */
export const HookReasonCode = stringEnum([
  'policy_violation',
  'safety_violation',
  'schema_violation',
  'timeout',
  'runtime_error',
] as const);
export type HookReasonCode = Static<typeof HookReasonCode>;

/** `foreground` hooks block the operation; `background` hooks run beside it. */
export const HookExecutionMode = stringEnum(['foreground', 'background'] as const);
export type HookExecutionMode = Static<typeof HookExecutionMode>;

/** What a hook may do: observe, deny (`guardrail`) or rewrite. */
export const HookCapability = stringEnum(['observe', 'guardrail', 'rewrite'] as const);
export type HookCapability = Static<typeof HookCapability>;

/** Whether a failing hook lets the operation through (`fail_open`) or stops it (`fail_closed`). */
export const HookFailurePolicy = stringEnum(['fail_open', 'fail_closed'] as const);
export type HookFailurePolicy = Static<typeof HookFailurePolicy>;

/** The adapter that runs a hook. */
export const HookRuntimeKind = stringEnum(['in_process', 'command', 'http'] as const);
export type HookRuntimeKind = Static<typeof HookRuntimeKind>;

/**
 * A hook's adapter. The original serializes `{"type": kind, ...config fields}`; 01 §5 writes it as
 * `{kind, config}`. Both forms are accepted; the adapter's own fields are checked by the hook runner.
 */
export const HookRuntimeConfig = Type.Union([
  Type.Object(
    { type: HookRuntimeKind, config: Type.Optional(Type.Unknown()) },
    { additionalProperties: true },
  ),
  Type.Object({ kind: HookRuntimeKind, config: Type.Optional(Type.Unknown()) }),
]);
export type HookRuntimeConfig = Static<typeof HookRuntimeConfig>;

/**
 * One hook registration. Every field has a default in the original (`serde(default)`), so every key is
 * optional here; the defaults are recorded as `default` annotations.
 */
export const HookEntryConfig = Type.Object({
  id: Type.Optional(Type.String({ minLength: 1, default: 'hook' })),
  enabled: Type.Optional(Type.Boolean({ default: true })),
  point: Type.Optional(HookPoint),
  mode: Type.Optional(HookExecutionMode),
  capability: Type.Optional(HookCapability),
  priority: Type.Optional(Type.Integer({ default: 100 })),
  failure_policy: optionalNullable(HookFailurePolicy),
  timeout_ms: optionalNullable(Type.Integer({ minimum: 0 })),
  runtime: Type.Optional(HookRuntimeConfig),
});
export type HookEntryConfig = Static<typeof HookEntryConfig>;

/** Run-scoped hooks (`hooks_override`): entries appended after the configured ones, ids disabled. */
export const HookRunOverrides = Type.Object({
  entries: Type.Optional(Type.Array(HookEntryConfig, { default: [] })),
  disable: Type.Optional(Type.Array(Type.String(), { default: [] })),
});
export type HookRunOverrides = Static<typeof HookRunOverrides>;
