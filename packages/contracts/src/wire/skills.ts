import { Type, type Static } from '@sinclair/typebox';
import { stringEnum } from './string-enum.js';

/** A skill name: a slug of `[a-z0-9-]` with no leading or trailing `-` and no `--`. */
export const SkillName = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' });

/** The identity of a skill: the source it comes from and its name there. */
export const SkillKey = Type.Object({ source_uuid: Type.String({ minLength: 1 }), skill_name: SkillName });
export type SkillKey = Static<typeof SkillKey>;

/** A per-turn skill reference; the structured form is the only one accepted (01 §5). */
export const SkillRef = Type.Object({
  kind: Type.Literal('structured'),
  source_uuid: Type.String({ minLength: 1 }),
  skill_name: SkillName,
});
export type SkillRef = Static<typeof SkillRef>;

/** Overall health of the skill sources. */
export const SourceHealthState = stringEnum(['healthy', 'degraded', 'unhealthy'] as const);
export type SourceHealthState = Static<typeof SourceHealthState>;

/** Health of the skill sources, as a snapshot. */
export const SourceHealthSnapshot = Type.Object({
  state: SourceHealthState,
  invalid_ratio: Type.Number({ minimum: 0 }),
  invalid_count: Type.Integer({ minimum: 0 }),
  total_count: Type.Integer({ minimum: 0 }),
  failure_streak: Type.Integer({ minimum: 0 }),
  handshake_failed: Type.Boolean(),
});
export type SourceHealthSnapshot = Static<typeof SourceHealthSnapshot>;

/** A skill that failed to load and is held out of resolution. */
export const SkillQuarantineDiagnostic = Type.Object({
  key: SkillKey,
  location: Type.String(),
  error_code: Type.String(),
  error_class: Type.String(),
  message: Type.String(),
  first_seen_unix_secs: Type.Integer({ minimum: 0 }),
  last_seen_unix_secs: Type.Integer({ minimum: 0 }),
});
export type SkillQuarantineDiagnostic = Static<typeof SkillQuarantineDiagnostic>;

/** `skill_diagnostics` of a WireRunResult. */
export const SkillRuntimeDiagnostics = Type.Object({
  source_health: SourceHealthSnapshot,
  quarantined: Type.Array(SkillQuarantineDiagnostic),
});
export type SkillRuntimeDiagnostics = Static<typeof SkillRuntimeDiagnostics>;
