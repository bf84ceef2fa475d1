/** Default cap of one injected skill, wrapper included (01 §12: 32 KiB). */
export const DEFAULT_SKILL_INJECTION_BYTES = 32 * 1024;
/** Default number of skills above which the inventory switches from a flat list to collections. */
export const DEFAULT_INVENTORY_THRESHOLD = 12;

const TRUNCATED = '\n[skill truncated]';

/**
 * Neutralises every `<skill` / `</skill` inside a skill body, so a body that closes its wrapper (or opens a
 * new one) stays inside the wrapper it was given (reliability row 38).
 */
export function escapeSkillBody(body: string): string {
  return body.replace(/<(\/?)(skill)/gi, '&lt;$1$2');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The longest prefix of `text` whose UTF-8 encoding fits `maxBytes`, never splitting a character. */
const encoder = new TextEncoder();
const byteLength = (text: string): number => encoder.encode(text).length;

function utf8Prefix(text: string, maxBytes: number): string {
  const bytes = encoder.encode(text);
  if (bytes.length <= maxBytes) return text;
  let end = Math.max(0, maxBytes);
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return new TextDecoder().decode(bytes.subarray(0, end));
}

/**
 * `<skill id="<source_uuid>/<skill_name>">body</skill>`, capped at `maxBytes` (wrapper included): a longer
 * body is cut on a character boundary and marked `[skill truncated]`.
 */
export function renderSkillBlock(id: string, body: string, maxBytes = DEFAULT_SKILL_INJECTION_BYTES): string {
  const open = `<skill id="${escapeAttribute(id)}">\n`;
  const close = '\n</skill>';
  const safe = escapeSkillBody(body);
  const room = maxBytes - byteLength(open + close);
  if (byteLength(safe) <= room) return `${open}${safe}${close}`;
  const cut = utf8Prefix(safe, Math.max(0, room - byteLength(TRUNCATED)));
  // Never leave half of an escaped entity at the cut.
  const clean = cut.replace(/&[a-z]*$/i, '');
  return `${open}${clean}${TRUNCATED}${close}`;
}

export interface InventorySkill {
  id: string;
  name: string;
  description: string;
  /** The collection a skill is listed under when the inventory is too long to list flat. */
  collection: string;
}

function oneLine(text: string): string {
  return escapeSkillBody(text.replace(/\s+/g, ' ').trim());
}

/**
 * The system-prompt inventory of the available skills: one line per skill when there are at most
 * `threshold`, else one line per collection (the model browses them with `browse_skills`). Empty when there
 * is no skill.
 */
export function renderSkillInventory(
  skills: readonly InventorySkill[],
  threshold = DEFAULT_INVENTORY_THRESHOLD,
): string {
  if (skills.length === 0) return '';
  const header =
    '<available_skills>\nLoad a skill with the `load_skill` tool (argument `id`) before following it; ' +
    '`browse_skills` lists and searches them.';
  if (skills.length <= threshold) {
    const lines = skills.map((skill) => `- ${skill.id}: ${oneLine(skill.description)}`);
    return `${header}\n${lines.join('\n')}\n</available_skills>`;
  }
  const collections = new Map<string, string[]>();
  for (const skill of skills) {
    const names = collections.get(skill.collection) ?? [];
    names.push(skill.name);
    collections.set(skill.collection, names);
  }
  const lines = [...collections].map(
    ([collection, names]) => `- ${oneLine(collection)} (${names.length} skills): ${names.join(', ')}`,
  );
  return `${header}\n${lines.join('\n')}\n</available_skills>`;
}
