import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { assertSkillName, InvalidSkillIdError } from './skill-id.js';
import { buildSkillDocument } from './skill-document.js';
import { FrontMatterError } from './front-matter.js';
import type {
  SkillLoadProblem,
  SkillProvenance,
  SkillScope,
  SkillSource,
  SkillSourceScan,
} from './skill-types.js';

/** Largest SKILL.md read; a bigger file is a load problem, not an allocation. */
export const MAX_SKILL_FILE_BYTES = 256 * 1024;

export interface FilesystemSkillSourceOptions {
  sourceUuid: string;
  displayName: string;
  /** The directory holding `<name>/SKILL.md` folders. */
  root: string;
  scope: SkillScope;
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function problemOf(error: unknown, key: SkillLoadProblem['key'], location: string): SkillLoadProblem {
  const message = error instanceof Error ? error.message : String(error);
  const errorCode =
    error instanceof InvalidSkillIdError
      ? 'invalid_name'
      : error instanceof FrontMatterError
        ? 'parse'
        : 'load';
  return { key, location, errorCode, message };
}

/**
 * Skills in `<root>/<name>/SKILL.md` folders: the project and user `.rkat/skills` directories and the
 * `filesystem` repositories of the config. A missing root is an empty source. A folder whose name is not a
 * valid skill name is reported and never read.
 */
export class FilesystemSkillSource implements SkillSource {
  readonly provenance: SkillProvenance;

  constructor(private readonly options: FilesystemSkillSourceOptions) {
    this.provenance = {
      source_uuid: options.sourceUuid,
      display_name: options.displayName,
      transport_kind: 'filesystem',
      fingerprint: `sha256:${createHash('sha256').update(`filesystem:${options.root}`).digest('hex')}`,
      status: 'active',
    };
  }

  async scan(): Promise<SkillSourceScan> {
    const scan: SkillSourceScan = {
      source: this.provenance,
      scope: this.options.scope,
      skills: [],
      problems: [],
    };
    let entries: string[];
    try {
      entries = (await readdir(this.options.root, { withFileTypes: true }))
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort();
    } catch (error) {
      if (!isMissing(error)) scan.failed = error instanceof Error ? error.message : String(error);
      return scan;
    }
    for (const name of entries) {
      const key = { source_uuid: this.provenance.source_uuid, skill_name: name };
      const location = join(this.options.root, name, 'SKILL.md');
      try {
        assertSkillName(name);
        const document = await this.load(name, location);
        if (document) scan.skills.push(document);
      } catch (error) {
        scan.problems.push(problemOf(error, key, location));
      }
    }
    return scan;
  }

  private async load(name: string, location: string) {
    let size: number;
    try {
      size = (await stat(location)).size;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    if (size > MAX_SKILL_FILE_BYTES) throw new Error(`SKILL.md is larger than ${MAX_SKILL_FILE_BYTES} bytes`);
    return buildSkillDocument({
      expectedName: name,
      text: await readFile(location, 'utf8'),
      scope: this.options.scope,
      source: this.provenance,
      directory: join(this.options.root, name),
    });
  }
}
