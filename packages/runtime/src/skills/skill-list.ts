import type { SkillKey } from '@rkat/contracts';
import type { SkillCatalog, SkillProvenance, SkillScope } from '@rkat/tools';

/** One row of `skills/list` (01 §12). */
export interface SkillListEntry {
  key: SkillKey;
  name: string;
  description: string;
  scope: SkillScope;
  source: SkillProvenance;
  is_active: boolean;
  shadowed_by?: SkillProvenance;
}

export interface SkillListResult {
  skills: SkillListEntry[];
}

/** The `skills/list` result: every skill of every source, shadowed ones included and marked inactive. */
export function toSkillListResult(catalog: SkillCatalog): SkillListResult {
  return {
    skills: catalog.entries.map(({ document, shadowedBy }) => {
      const entry: SkillListEntry = {
        key: document.key,
        name: document.key.skill_name,
        description: document.description,
        scope: document.scope,
        source: document.source,
        is_active: shadowedBy === undefined,
      };
      if (shadowedBy !== undefined) entry.shadowed_by = shadowedBy;
      return entry;
    }),
  };
}
