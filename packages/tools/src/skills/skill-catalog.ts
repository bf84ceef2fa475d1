import type { SkillKey } from '@rkat/contracts';
import { skillId } from './skill-id.js';
import type {
  SkillDocument,
  SkillLoadProblem,
  SkillProvenance,
  SkillSource,
  SkillSourceScan,
} from './skill-types.js';

/** One row of `skills/list` (01 §12), with the document it describes. */
export interface SkillCatalogEntry {
  document: SkillDocument;
  /** The provenance of the earlier source holding the same key, when this entry is shadowed. */
  shadowedBy?: SkillProvenance;
}

/** A snapshot of every source, in precedence order. */
export class SkillCatalog {
  private readonly active = new Map<string, SkillDocument>();

  constructor(
    readonly entries: readonly SkillCatalogEntry[],
    readonly problems: readonly SkillLoadProblem[],
    readonly scans: readonly SkillSourceScan[],
  ) {
    for (const entry of entries) {
      if (entry.shadowedBy === undefined) this.active.set(skillId(entry.document.key), entry.document);
    }
  }

  /** Scans the sources (earlier wins); an entry whose full key an earlier source holds is shadowed. */
  static async scan(sources: readonly SkillSource[]): Promise<SkillCatalog> {
    const scans = await Promise.all(sources.map((source) => source.scan()));
    const owners = new Map<string, SkillProvenance>();
    const entries: SkillCatalogEntry[] = [];
    for (const scan of scans) {
      for (const document of scan.skills) {
        const id = skillId(document.key);
        const owner = owners.get(id);
        entries.push(owner ? { document, shadowedBy: owner } : { document });
        if (!owner) owners.set(id, scan.source);
      }
    }
    return new SkillCatalog(
      entries,
      scans.flatMap((scan) => scan.problems),
      scans,
    );
  }

  /** The active (unshadowed) skill with this key. */
  get(key: SkillKey): SkillDocument | undefined {
    return this.active.get(skillId(key));
  }

  /** The first active skill named `name`, by source precedence. */
  byName(name: string): SkillDocument | undefined {
    return this.entries.find(
      (entry) => entry.shadowedBy === undefined && entry.document.key.skill_name === name,
    )?.document;
  }

  /** Every active skill, in precedence order. */
  activeSkills(): SkillDocument[] {
    return [...this.active.values()];
  }
}
