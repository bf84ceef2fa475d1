import { createHash } from 'node:crypto';
import { EMBEDDED_SKILL_FILES } from './embedded/index.js';
import { buildSkillDocument } from './skill-document.js';
import { EMBEDDED_SOURCE_UUID } from './skill-id.js';
import type { SkillProvenance, SkillSource, SkillSourceScan } from './skill-types.js';

const FINGERPRINT = createHash('sha256')
  .update(Object.entries(EMBEDDED_SKILL_FILES).flat().join('\0'))
  .digest('hex');

/** The skills compiled into this build (01 §12), source uuid `…0001`. */
export class EmbeddedSkillSource implements SkillSource {
  readonly provenance: SkillProvenance = {
    source_uuid: EMBEDDED_SOURCE_UUID,
    display_name: 'embedded',
    transport_kind: 'embedded',
    fingerprint: `sha256:${FINGERPRINT}`,
    status: 'active',
  };

  constructor(private readonly files: Readonly<Record<string, string>> = EMBEDDED_SKILL_FILES) {}

  scan(): Promise<SkillSourceScan> {
    const skills = Object.entries(this.files).map(([name, text]) =>
      buildSkillDocument({ expectedName: name, text, scope: 'builtin', source: this.provenance }),
    );
    return Promise.resolve({ source: this.provenance, scope: 'builtin', skills, problems: [] });
  }
}
