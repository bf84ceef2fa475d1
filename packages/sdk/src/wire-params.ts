import type { ContentInput, SessionOptions, SkillKey, TurnOptions } from './types.js';

/** camelCase → snake_case. */
export function camelToSnake(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

const CREATE_FALSY_DROPPED = new Set(['model', 'provider', 'systemPrompt', 'maxTokens', 'commsName']);
const TURN_FALSY_DROPPED = new Set([
  'model',
  'provider',
  'maxTokens',
  'systemPrompt',
  'outputSchema',
  'providerParams',
]);

/** The structured wire `SkillRef` (01: `{kind: "structured", source_uuid, skill_name}`, the only accepted form). */
function skillRefs(refs: readonly SkillKey[]): Record<string, string>[] {
  return refs.map((ref) => ({ kind: 'structured', source_uuid: ref.sourceUuid, skill_name: ref.skillName }));
}

/** Options in snake_case: `undefined` (and `null` unless kept) left out, `falsyDropped` keys dropped when falsy. */
export function toWire(
  options: object,
  falsyDropped: ReadonlySet<string>,
  keepNull: ReadonlySet<string>,
): Record<string, unknown> {
  const wire: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || (value === null && !keepNull.has(key))) continue;
    if (falsyDropped.has(key) && !value) continue;
    wire[camelToSnake(key)] = key === 'skillRefs' ? skillRefs(value as SkillKey[]) : value;
  }
  return wire;
}

/** `session/create` params: the prompt and the options in snake_case (unset keys left out). */
export function createParams(prompt: ContentInput, options: SessionOptions): Record<string, unknown> {
  return { prompt, ...toWire(options, CREATE_FALSY_DROPPED, new Set(['appContext'])) };
}

/** `turn/start` params. */
export function turnParams(
  sessionId: string,
  prompt: ContentInput,
  options: TurnOptions,
): Record<string, unknown> {
  const { flowToolOverlay, ...rest } = options;
  const wire: Record<string, unknown> = {
    session_id: sessionId,
    prompt,
    ...toWire(rest, TURN_FALSY_DROPPED, new Set()),
  };
  if (flowToolOverlay) {
    wire.flow_tool_overlay = toWire(flowToolOverlay, new Set(), new Set());
  }
  return wire;
}
