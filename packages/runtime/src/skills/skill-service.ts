import { join } from 'node:path';
import type { SkillRuntimeDiagnostics } from '@rkat/contracts';
import {
  assertSourceUuid,
  EmbeddedSkillSource,
  FilesystemSkillSource,
  PROJECT_SOURCE_UUID,
  SkillCatalog,
  USER_SOURCE_UUID,
  type SkillSource,
} from '@rkat/tools';
import type { RealmConfig } from '../config/realm-config.js';
import { RuntimeError } from '../errors/runtime-error.js';
import { QuarantineLedger } from './skill-diagnostics.js';
import { skillsSettingsOf, type SkillsSettings } from './skills-config.js';
import { toSkillListResult, type SkillListResult } from './skill-list.js';

export interface SkillServiceOptions {
  /** `--context-root`; the project source exists only when it is given (01 §12). */
  contextRoot?: string;
  /** `--user-config-root`, else the home directory. */
  userRoot: string;
  currentConfig: () => RealmConfig;
  env: Readonly<Record<string, string | undefined>>;
  now?: () => number;
}

/** A scan of every skill source, with its diagnostics. */
export interface SkillSnapshot {
  settings: SkillsSettings;
  catalog: SkillCatalog;
  diagnostics: SkillRuntimeDiagnostics;
}

/**
 * The skills of a runtime (01 §12): the embedded set, the project and user `.rkat/skills` folders and the
 * filesystem repositories of the config, in that precedence. Sources are rescanned on every read, so a
 * skill written to disk (or a `config/set`) shows up at the next turn.
 */
export class SkillService {
  private readonly ledger = new QuarantineLedger();

  constructor(private readonly options: SkillServiceOptions) {}

  settings(): SkillsSettings {
    return skillsSettingsOf(this.options.currentConfig(), this.options.env);
  }

  /** Scans the sources. Throws `INTERNAL_ERROR` `skills not enabled` when `skills.enabled` is false. */
  async snapshot(): Promise<SkillSnapshot> {
    const settings = this.settings();
    if (!settings.enabled) throw new RuntimeError('INTERNAL_ERROR', 'skills not enabled');
    const catalog = await SkillCatalog.scan(this.sources(settings));
    const failed =
      catalog.scans.filter((scan) => scan.failed !== undefined).length + settings.unreadable.length;
    const nowSecs = Math.floor((this.options.now ?? Date.now)() / 1000);
    return { settings, catalog, diagnostics: this.ledger.diagnose(catalog, failed, nowSecs) };
  }

  /** `skills/list` (01 §12). */
  async list(): Promise<SkillListResult> {
    return toSkillListResult((await this.snapshot()).catalog);
  }

  private sources(settings: SkillsSettings): SkillSource[] {
    const { contextRoot, userRoot } = this.options;
    const sources: SkillSource[] = [new EmbeddedSkillSource()];
    if (contextRoot !== undefined) {
      sources.push(
        new FilesystemSkillSource({
          sourceUuid: PROJECT_SOURCE_UUID,
          displayName: 'project',
          root: join(contextRoot, '.rkat', 'skills'),
          scope: 'project',
        }),
      );
    }
    sources.push(
      new FilesystemSkillSource({
        sourceUuid: USER_SOURCE_UUID,
        displayName: 'user',
        root: join(userRoot, '.rkat', 'skills'),
        scope: 'user',
      }),
    );
    for (const repository of settings.repositories) {
      try {
        assertSourceUuid(repository.sourceUuid);
      } catch (error) {
        settings.unreadable.push({ name: repository.name, reason: (error as Error).message });
        continue;
      }
      sources.push(
        new FilesystemSkillSource({
          sourceUuid: repository.sourceUuid,
          displayName: repository.name,
          root: repository.path,
          scope: 'user',
        }),
      );
    }
    return sources;
  }
}
