import { parseJson } from '@rkat/contracts';
import { isRequestId, type RequestId } from './request-id.js';

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/;
const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/**
 * Reads the top-level `"id"` of a JSON object from the start of its text, without parsing the rest: used
 * for lines too large to parse (00-decisions.md §3, §5). Returns the id when it is a number or a string that
 * ends inside `text`; `undefined` when the text is not an object, the id is absent, of another type, or cut
 * off. Nested `"id"` keys are skipped. Linear in `text`, never throws.
 */
export function scanRequestId(text: string): RequestId | undefined {
  let index = skipWhitespace(text, 0);
  if (text[index] !== '{') return undefined;
  index += 1;
  for (;;) {
    index = skipWhitespace(text, index);
    const keyEnd = stringEnd(text, index);
    if (keyEnd === undefined) return undefined;
    const key = text.slice(index, keyEnd);
    index = skipWhitespace(text, keyEnd);
    if (text[index] !== ':') return undefined;
    index = skipWhitespace(text, index + 1);
    if (key === '"id"') return readId(text, index);
    const valueEnd = skipValue(text, index);
    if (valueEnd === undefined) return undefined;
    index = skipWhitespace(text, valueEnd);
    if (text[index] !== ',') return undefined;
    index += 1;
  }
}

function skipWhitespace(text: string, from: number): number {
  let index = from;
  while (index < text.length && WHITESPACE.has(text[index] as string)) index += 1;
  return index;
}

/** The index after the string literal starting at `from`, or undefined if there is none or it is cut off. */
function stringEnd(text: string, from: number): number | undefined {
  if (text[from] !== '"') return undefined;
  for (let index = from + 1; index < text.length; index += 1) {
    const char = text[index];
    if (char === '\\') index += 1;
    else if (char === '"') return index + 1;
  }
  return undefined;
}

/** The index after the JSON value starting at `from`, or undefined when it is cut off. */
function skipValue(text: string, from: number): number | undefined {
  const first = text[from];
  if (first === '"') return stringEnd(text, from);
  if (first === '{' || first === '[') {
    let depth = 0;
    for (let index = from; index < text.length; index += 1) {
      const char = text[index];
      if (char === '"') {
        const end = stringEnd(text, index);
        if (end === undefined) return undefined;
        index = end - 1;
      } else if (char === '{' || char === '[') depth += 1;
      else if (char === '}' || char === ']') {
        depth -= 1;
        if (depth === 0) return index + 1;
      }
    }
    return undefined;
  }
  let index = from;
  while (index < text.length && !isDelimiter(text[index] as string)) index += 1;
  return index < text.length && index > from ? index : undefined;
}

function isDelimiter(char: string): boolean {
  return char === ',' || char === '}' || char === ']' || WHITESPACE.has(char);
}

function readId(text: string, from: number): RequestId | undefined {
  if (text[from] === '"') {
    const end = stringEnd(text, from);
    if (end === undefined) return undefined;
    const parsed = parseJson(text.slice(from, end));
    return parsed.ok && isRequestId(parsed.value) ? parsed.value : undefined;
  }
  const match = NUMBER.exec(text.slice(from, from + 64));
  if (!match) return undefined;
  const after = text[from + match[0].length];
  // A number that reaches the end of the prefix may have been cut off.
  if (after === undefined || !isDelimiter(after)) return undefined;
  const value = Number(match[0]);
  return Number.isFinite(value) ? value : undefined;
}
