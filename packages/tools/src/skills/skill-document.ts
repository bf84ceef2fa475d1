import { assertSkillName, InvalidSkillIdError } from './skill-id.js';
import { FrontMatterError, parseSkillFile, type FrontMatterValue } from './front-matter.js';
import type { SkillDocument, SkillProvenance, SkillScope } from './skill-types.js';

/** Longest description kept (the inventory shows it on one line). */
export const MAX_DESCRIPTION_LENGTH = 1024;
const CAPABILITY_ID = /^[a-z][a-z0-9_]*$/;

function stringField(value: FrontMatterValue | undefined, key: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new FrontMatterError(`front matter '${key}' must be a non-empty string`);
  }
  return value.trim();
}

function capabilities(value: FrontMatterValue | undefined): string[] {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? (value === '' ? [] : [value]) : value;
  if (!Array.isArray(list)) throw new FrontMatterError(`front matter 'requires_capabilities' must be a list`);
  for (const id of list) {
    if (!CAPABILITY_ID.test(id)) {
      throw new FrontMatterError(`front matter 'requires_capabilities' has an invalid capability id '${id}'`);
    }
  }
  return [...new Set(list)];
}

export interface SkillDocumentInput {
  /** The directory name (or the embedded name) the skill is found under. */
  expectedName: string;
  text: string;
  scope: SkillScope;
  source: SkillProvenance;
  directory?: string;
  embeddedResources?: Readonly<Record<string, string>>;
}

/**
 * Parses and validates one SKILL.md (01 §12): `name` must be a slug equal to the directory name,
 * `description` a non-empty string (at most 1024 characters), `requires_capabilities` a list of capability
 * ids. Throws `FrontMatterError` or `InvalidSkillIdError`.
 */
export function buildSkillDocument(input: SkillDocumentInput): SkillDocument {
  const { fields, body } = parseSkillFile(input.text);
  const name = stringField(fields.get('name'), 'name');
  assertSkillName(name);
  if (name !== input.expectedName) {
    throw new InvalidSkillIdError(
      `front matter name '${name}' does not match its directory '${input.expectedName}'`,
    );
  }
  const description = stringField(fields.get('description'), 'description');
  if (description.length > MAX_DESCRIPTION_LENGTH) {
    throw new FrontMatterError(
      `front matter 'description' is longer than ${MAX_DESCRIPTION_LENGTH} characters`,
    );
  }
  const document: SkillDocument = {
    key: { source_uuid: input.source.source_uuid, skill_name: name },
    description,
    requiresCapabilities: capabilities(fields.get('requires_capabilities')),
    body,
    scope: input.scope,
    source: input.source,
  };
  if (input.directory !== undefined) document.directory = input.directory;
  if (input.embeddedResources !== undefined) document.embeddedResources = input.embeddedResources;
  return document;
}
