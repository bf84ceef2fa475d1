/**
 * The SKILL.md front matter (01 §12): a small YAML subset between `---` lines. No YAML library is in the
 * lockfile, so this reads exactly the grammar below and refuses anything else with a line number:
 *
 *   document   := "---" NL line* "---" (NL | EOF) body
 *   line       := blank | "#" comment | key ":" [ " " value ] [ block ]
 *   key        := [A-Za-z_][A-Za-z0-9_-]*
 *   value      := "'" text "'" ('' escapes ') | '"' text '"' (\" \\ \n \t escapes)
 *               | "[" [ value ("," value)* ] "]" | "|" | ">" | plain (up to " #")
 *   block      := after an empty value: indented "- " value lines (a list), or any indented lines (a nested
 *                 map, kept opaque); after "|" or ">": indented text lines (literal or folded)
 */

export type FrontMatterValue = string | string[] | { nested: true };

export interface SkillFile {
  fields: Map<string, FrontMatterValue>;
  body: string;
}

export class FrontMatterError extends Error {
  override readonly name = 'FrontMatterError';
}

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?:[ \t]+(.*))?$/;

function fail(line: number, message: string): never {
  throw new FrontMatterError(`front matter line ${line}: ${message}`);
}

function unquoteDouble(text: string, line: number): string {
  return text.replace(/\\(.)/g, (_, ch: string) => {
    const mapped = { n: '\n', t: '\t', '"': '"', '\\': '\\' }[ch];
    if (mapped === undefined) fail(line, `unsupported escape \\${ch}`);
    return mapped;
  });
}

/** One scalar: quoted or plain (a plain scalar ends at ` #`). */
function scalar(raw: string, line: number): string {
  const text = raw.trim();
  if (text.startsWith("'")) {
    if (!/^'(?:[^']|'')*'$/.test(text)) fail(line, 'unterminated single-quoted string');
    return text.slice(1, -1).replaceAll("''", "'");
  }
  if (text.startsWith('"')) {
    if (!/^"(?:[^"\\]|\\.)*"$/.test(text)) fail(line, 'unterminated double-quoted string');
    return unquoteDouble(text.slice(1, -1), line);
  }
  const comment = text.search(/\s#/);
  const plain = (comment >= 0 ? text.slice(0, comment) : text).trim();
  if (/^[[\]{}&*!%@`]/.test(plain)) fail(line, `unsupported value ${JSON.stringify(plain)}`);
  return plain;
}

function flowList(raw: string, line: number): string[] {
  const inner = raw.trim().slice(1, -1).trim();
  if (inner === '') return [];
  const items: string[] = [];
  // Split on commas outside quotes.
  let current = '';
  let quote: string | undefined;
  for (const ch of inner) {
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === ',') {
      items.push(scalar(current, line));
      current = '';
      continue;
    }
    current += ch;
  }
  if (quote !== undefined) fail(line, 'unterminated string in list');
  items.push(scalar(current, line));
  return items;
}

const indented = (text: string): boolean => /^[ \t]+\S/.test(text);

function blockScalar(lines: string[], style: string): string {
  const texts = lines.map((text) => text.trim());
  return style === '|' ? texts.join('\n') : texts.join(' ');
}

function parseFields(lines: string[], firstLine: number): Map<string, FrontMatterValue> {
  const fields = new Map<string, FrontMatterValue>();
  let index = 0;
  while (index < lines.length) {
    const text = lines[index] ?? '';
    const lineNo = firstLine + index;
    index += 1;
    if (text.trim() === '' || text.trimStart().startsWith('#')) continue;
    if (indented(text)) fail(lineNo, 'unexpected indentation');
    const match = KEY_LINE.exec(text.trimEnd());
    if (!match) fail(lineNo, 'expected `key: value`');
    const key = match[1] as string;
    if (fields.has(key)) fail(lineNo, `duplicate key '${key}'`);
    const raw = (match[2] ?? '').trim();
    const block: string[] = [];
    while (index < lines.length && (indented(lines[index] ?? '') || (lines[index] ?? '').trim() === '')) {
      block.push(lines[index] ?? '');
      index += 1;
    }
    const content = block.filter((line) => line.trim() !== '');
    if (raw === '|' || raw === '>') {
      fields.set(key, blockScalar(content, raw));
    } else if (raw === '' && content.length > 0) {
      const items = content.map((line) => /^\s+-(?:\s+(.*))?$/.exec(line));
      if (items.every((item) => item !== null)) {
        fields.set(
          key,
          items.map((item) => scalar(item?.[1] ?? '', lineNo)),
        );
      } else {
        fields.set(key, { nested: true });
      }
    } else {
      if (content.length > 0) fail(lineNo, `value of '${key}' continues on an indented line`);
      fields.set(key, raw.startsWith('[') ? flowListChecked(raw, lineNo) : scalar(raw, lineNo));
    }
  }
  return fields;
}

function flowListChecked(raw: string, line: number): string[] {
  if (!raw.endsWith(']')) fail(line, 'unterminated list');
  return flowList(raw, line);
}

/** Splits a SKILL.md into its front matter fields and body. Throws `FrontMatterError`. */
export function parseSkillFile(text: string): SkillFile {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = source.split(/\r?\n/);
  if ((lines[0] ?? '').trimEnd() !== '---') {
    throw new FrontMatterError('SKILL.md must start with a `---` front matter line');
  }
  const end = lines.findIndex((line, index) => index > 0 && line.trimEnd() === '---');
  if (end < 0) throw new FrontMatterError('front matter is not closed by a `---` line');
  const fields = parseFields(lines.slice(1, end), 2);
  const body = lines
    .slice(end + 1)
    .join('\n')
    .replace(/^\n+/, '')
    .trimEnd();
  return { fields, body };
}
