import { Type, type Static } from '@sinclair/typebox';
import { TurnTerminalCauseKind, TurnTerminalOutcome } from '../wire/common.js';

/**
 * Why a run was abandoned: `error.data.error` of a failed `turn/start` or `session/create`
 * (01 §3, 00-decisions.md §7).
 */
export const TurnErrorMetadata = Type.Object({
  kind: TurnTerminalCauseKind,
  terminal: Type.Boolean(),
  outcome: Type.Optional(TurnTerminalOutcome),
  detail: Type.Optional(Type.String()),
  provider: Type.Optional(Type.String()),
  model: Type.Optional(Type.String()),
  retryable: Type.Optional(Type.Boolean()),
});
export type TurnErrorMetadata = Static<typeof TurnErrorMetadata>;
