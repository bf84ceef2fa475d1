import type { SkillKey } from '@rkat/contracts';

export type SkillScope = 'builtin' | 'project' | 'user';
export type SkillTransportKind = 'embedded' | 'filesystem';

/** Where a skill comes from (the `source` / `shadowed_by` provenance of `skills/list`, 01 §12). */
export interface SkillProvenance {
  source_uuid: string;
  display_name: string;
  transport_kind: SkillTransportKind;
  fingerprint: string;
  status: 'active' | 'disabled' | 'retired';
}

/** One parsed, valid skill. */
export interface SkillDocument {
  key: SkillKey;
  description: string;
  requiresCapabilities: readonly string[];
  /** The markdown after the front matter. */
  body: string;
  scope: SkillScope;
  source: SkillProvenance;
  /** The skill's directory (filesystem sources) — where its resources live. */
  directory?: string;
  /** Resources of an embedded skill, by relative path. */
  embeddedResources?: Readonly<Record<string, string>>;
}

/** A skill directory that could not be loaded; it is held out of resolution and reported. */
export interface SkillLoadProblem {
  key: SkillKey;
  location: string;
  errorCode: 'parse' | 'load' | 'invalid_name';
  message: string;
}

/** What one source yields when scanned. */
export interface SkillSourceScan {
  source: SkillProvenance;
  scope: SkillScope;
  skills: SkillDocument[];
  problems: SkillLoadProblem[];
  /** The source itself could not be read (its root exists but failed). */
  failed?: string;
}

/** A source of skills, scanned on demand. */
export interface SkillSource {
  readonly provenance: SkillProvenance;
  scan(): Promise<SkillSourceScan>;
}
