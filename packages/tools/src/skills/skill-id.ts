/** The source uuid of the embedded skills (01 §12). */
export const EMBEDDED_SOURCE_UUID = '00000000-0000-4b11-8111-000000000001';
/** The source uuid of `<context_root>/.rkat/skills`. */
export const PROJECT_SOURCE_UUID = '00000000-0000-4b11-8111-000000000002';
/** The source uuid of `<user_config_root>/.rkat/skills`. */
export const USER_SOURCE_UUID = '00000000-0000-4b11-8111-000000000003';

/** Longest skill name accepted; a directory name well under every filesystem's limit. */
export const MAX_SKILL_NAME_LENGTH = 64;
/** Longest resource path inside a skill directory. */
export const MAX_RESOURCE_PATH_LENGTH = 512;

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SOURCE_UUID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** A skill id, source uuid or resource path that may not reach the filesystem. */
export class InvalidSkillIdError extends Error {
  override readonly name = 'InvalidSkillIdError';
}

function printable(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

/**
 * Checks a skill name before it is joined to any path (00-decisions.md §18): a slug of `[a-z0-9-]`, at most
 * 64 characters, so `../`, absolute paths, separators and NUL never pass. Throws `InvalidSkillIdError`.
 */
export function assertSkillName(name: string): void {
  if (name.length === 0 || name.length > MAX_SKILL_NAME_LENGTH || !SLUG.test(name)) {
    throw new InvalidSkillIdError(
      `invalid skill name ${printable(name)}: expected a slug of [a-z0-9-] (at most ${MAX_SKILL_NAME_LENGTH} characters, no leading, trailing or double '-')`,
    );
  }
}

/** Checks a source uuid (an identifier, never a path). Throws `InvalidSkillIdError`. */
export function assertSourceUuid(uuid: string): void {
  if (!SOURCE_UUID.test(uuid) || uuid.includes('..')) {
    throw new InvalidSkillIdError(`invalid skill source uuid ${printable(uuid)}`);
  }
}

/**
 * Checks a resource path relative to a skill directory: no NUL, no backslash, not absolute, no `.` or `..`
 * segment, no empty segment, bounded length. Throws `InvalidSkillIdError`.
 */
export function assertResourcePath(path: string): void {
  const segments = path.split('/');
  const bad =
    path.length === 0 ||
    path.length > MAX_RESOURCE_PATH_LENGTH ||
    path.includes('\0') ||
    path.includes('\\') ||
    path.startsWith('/') ||
    /^[A-Za-z]:/.test(path) ||
    segments.some((segment) => segment === '' || segment === '.' || segment === '..');
  if (bad) throw new InvalidSkillIdError(`invalid skill resource path ${printable(path)}`);
}

/** `<source_uuid>/<skill_name>`: the id used in the `<skill id="…">` wrapper and by the skill tools. */
export function skillId(key: { source_uuid: string; skill_name: string }): string {
  return `${key.source_uuid}/${key.skill_name}`;
}

/**
 * Parses a skill id given by the model or a user: `<source_uuid>/<skill_name>` or a bare name (resolved
 * later by precedence). Validates both parts. Throws `InvalidSkillIdError`.
 */
export function parseSkillId(id: string): { source_uuid?: string; skill_name: string } {
  const slash = id.lastIndexOf('/');
  if (slash < 0) {
    assertSkillName(id);
    return { skill_name: id };
  }
  const sourceUuid = id.slice(0, slash);
  const name = id.slice(slash + 1);
  assertSourceUuid(sourceUuid);
  assertSkillName(name);
  return { source_uuid: sourceUuid, skill_name: name };
}
