import { Type, type Static, type TProperties } from '@sinclair/typebox';
import { SkillKey } from './skills.js';

const reason = <T extends string, P extends TProperties>(reasonType: T, fields: P) =>
  Type.Object({ reason_type: Type.Literal(reasonType), ...fields });
const text = Type.String();

/** Why a skill reference could not be resolved (`skill_resolution_failed.reason`, tag `reason_type`). */
export const SkillResolutionFailureReason = Type.Union([
  reason('not_found', { key: SkillKey }),
  reason('capability_unavailable', { key: SkillKey, capability: Type.String({ minLength: 1 }) }),
  reason('load', { message: text }),
  reason('parse', { message: text }),
  reason('source_uuid_collision', { source_uuid: text, existing_fingerprint: text, new_fingerprint: text }),
  reason('source_uuid_mutation_without_lineage', {
    fingerprint: text,
    existing_source_uuid: text,
    mutated_source_uuid: text,
  }),
  reason('missing_skill_remaps', { event_id: text, event_kind: text }),
  reason('remap_without_lineage', {
    from_source_uuid: text,
    from_skill_name: text,
    to_source_uuid: text,
    to_skill_name: text,
  }),
  reason('unknown_skill_alias', { alias: text }),
  reason('remap_cycle', { source_uuid: text, skill_name: text }),
  reason('unknown', { message: text }),
]);
export type SkillResolutionFailureReason = Static<typeof SkillResolutionFailureReason>;
