import type { UpdateChunk } from './patch-parser.js';

/** The lines of an update chunk could not be found in the file; the message quotes what was expected. */
export class PatchMismatchError extends Error {
  override readonly name = 'PatchMismatchError';
}

interface Replacement {
  start: number;
  oldLength: number;
  newLines: string[];
}

/**
 * Applies the chunks of one `*** Update File` to `original` and returns the new text. Lines are matched
 * exactly first, then ignoring trailing whitespace, then ignoring surrounding whitespace and typographic
 * punctuation (as the original does). The result ends with a newline unless a chunk is anchored with
 * `*** End of File`. Throws `PatchMismatchError` naming `displayPath`.
 */
export function applyUpdateChunks(
  original: string,
  chunks: readonly UpdateChunk[],
  displayPath: string,
): string {
  const lines = original.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const replacements = computeReplacements(lines, chunks, displayPath);
  const updated = applyReplacements(lines, replacements);
  const keepTrailingNewline = !chunks.some((chunk) => chunk.isEndOfFile);
  if (keepTrailingNewline && updated[updated.length - 1] !== '') updated.push('');
  else if (!keepTrailingNewline && updated[updated.length - 1] === '') updated.pop();
  return updated.join('\n');
}

function computeReplacements(
  lines: string[],
  chunks: readonly UpdateChunk[],
  displayPath: string,
): Replacement[] {
  const replacements: Replacement[] = [];
  let lineIndex = 0;
  for (const chunk of chunks) {
    if (chunk.changeContext !== undefined) {
      const found = seekSequence(lines, [chunk.changeContext], lineIndex, false);
      if (found === undefined) {
        throw new PatchMismatchError(`Failed to find context '${chunk.changeContext}' in ${displayPath}`);
      }
      lineIndex = found + 1;
    }
    if (chunk.oldLines.length === 0) {
      const insertAt =
        chunk.changeContext !== undefined
          ? lineIndex
          : lines[lines.length - 1] === ''
            ? lines.length - 1
            : lines.length;
      replacements.push({ start: insertAt, oldLength: 0, newLines: [...chunk.newLines] });
      continue;
    }
    let pattern = chunk.oldLines;
    let newLines = chunk.newLines;
    let found = seekSequence(lines, pattern, lineIndex, chunk.isEndOfFile);
    if (found === undefined && pattern[pattern.length - 1] === '') {
      // A trailing empty line in the patch often stands for the file's final newline.
      pattern = pattern.slice(0, -1);
      if (newLines[newLines.length - 1] === '') newLines = newLines.slice(0, -1);
      found = seekSequence(lines, pattern, lineIndex, chunk.isEndOfFile);
    }
    if (found === undefined) {
      throw new PatchMismatchError(
        `Failed to find expected lines in ${displayPath}:\n${chunk.oldLines.join('\n')}`,
      );
    }
    replacements.push({ start: found, oldLength: pattern.length, newLines: [...newLines] });
    lineIndex = found + pattern.length;
  }
  return replacements.sort((left, right) => left.start - right.start);
}

function applyReplacements(lines: string[], replacements: readonly Replacement[]): string[] {
  const result = [...lines];
  for (const { start, oldLength, newLines } of [...replacements].reverse()) {
    result.splice(start, Math.min(oldLength, Math.max(0, result.length - start)), ...newLines);
  }
  return result;
}

const TYPOGRAPHIC: Record<string, string> = {
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u00A0': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2004': ' ',
  '\u2005': ' ',
  '\u2006': ' ',
  '\u2007': ' ',
  '\u2008': ' ',
  '\u2009': ' ',
  '\u200A': ' ',
  '\u202F': ' ',
  '\u205F': ' ',
  '\u3000': ' ',
};

function normalizeLine(line: string): string {
  return Array.from(line.trim(), (char) => TYPOGRAPHIC[char] ?? char).join('');
}

function seekSequence(
  lines: string[],
  pattern: readonly string[],
  start: number,
  endOfFile: boolean,
): number | undefined {
  if (pattern.length === 0) return start;
  if (pattern.length > lines.length) return undefined;
  const from = endOfFile ? lines.length - pattern.length : start;
  const last = lines.length - pattern.length;
  const comparisons: ((line: string, expected: string) => boolean)[] = [
    (line, expected) => line === expected,
    (line, expected) => line.trimEnd() === expected.trimEnd(),
    (line, expected) => normalizeLine(line) === normalizeLine(expected),
  ];
  for (const matches of comparisons) {
    for (let index = from; index <= last; index += 1) {
      if (pattern.every((expected, offset) => matches(lines[index + offset] ?? '', expected))) return index;
    }
  }
  return undefined;
}
