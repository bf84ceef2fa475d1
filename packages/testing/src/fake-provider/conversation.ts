/**
 * A provider-neutral view of a request's conversation: just enough to find the script and count the
 * assistant turns after it. `tool` covers tool results; system prompts are left out.
 */
export interface NeutralMessage {
  role: 'user' | 'assistant' | 'tool';
  text: string;
}

/** What every wire module extracts from a request body before the script runs. */
export interface NeutralRequest {
  model: string;
  stream: boolean;
  conversation: NeutralMessage[];
  /** The parsed body, for format-specific options (`include`, `stream_options`). */
  body: Record<string, unknown>;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringField(value: Record<string, unknown>, key: string): string | undefined {
  const field = value[key];
  return typeof field === 'string' ? field : undefined;
}

/** Joins the `text` fields of content parts whose `type` is one of `types` (any type when omitted). */
export function partsText(parts: unknown, types?: readonly string[]): string {
  if (typeof parts === 'string') return parts;
  if (!Array.isArray(parts)) return '';
  const texts: string[] = [];
  for (const part of parts) {
    if (!isRecord(part)) continue;
    const type = stringField(part, 'type');
    if (types !== undefined && (type === undefined || !types.includes(type))) continue;
    const text = stringField(part, 'text');
    if (text !== undefined) texts.push(text);
  }
  return texts.join('\n');
}
