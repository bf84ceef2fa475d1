export { EMBEDDED_SKILL_FILES } from './embedded/index.js';
export { EmbeddedSkillSource } from './embedded-source.js';
export {
  FilesystemSkillSource,
  MAX_SKILL_FILE_BYTES,
  type FilesystemSkillSourceOptions,
} from './filesystem-source.js';
export { FrontMatterError, parseSkillFile, type FrontMatterValue, type SkillFile } from './front-matter.js';
export { SkillCatalog, type SkillCatalogEntry } from './skill-catalog.js';
export { buildSkillDocument, MAX_DESCRIPTION_LENGTH, type SkillDocumentInput } from './skill-document.js';
export {
  assertResourcePath,
  assertSkillName,
  assertSourceUuid,
  EMBEDDED_SOURCE_UUID,
  InvalidSkillIdError,
  MAX_SKILL_NAME_LENGTH,
  parseSkillId,
  PROJECT_SOURCE_UUID,
  skillId,
  USER_SOURCE_UUID,
} from './skill-id.js';
export { listSkillResources, readSkillResource, SkillResourceError } from './skill-resources.js';
export { createSkillTools, SkillNotFoundError, type SkillToolsHost } from './skill-tools.js';
export type {
  SkillDocument,
  SkillLoadProblem,
  SkillProvenance,
  SkillScope,
  SkillSource,
  SkillSourceScan,
  SkillTransportKind,
} from './skill-types.js';
