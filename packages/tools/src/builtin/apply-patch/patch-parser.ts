/**
 * Parser for the apply_patch format of the original (the Codex grammar):
 *
 *   *** Begin Patch
 *   *** Add File: <path>        followed by `+` lines
 *   *** Delete File: <path>
 *   *** Update File: <path>     optionally `*** Move to: <path>`, then chunks:
 *   @@ [context line]           then ` ` context, `-` removed, `+` added lines, optionally `*** End of File`
 *   *** End Patch
 */

export interface UpdateChunk {
  /** A line to find before the chunk (`@@ <line>`), narrowing where it applies. */
  changeContext?: string;
  oldLines: string[];
  newLines: string[];
  /** The chunk is anchored at the end of the file (`*** End of File`). */
  isEndOfFile: boolean;
}

export type PatchHunk =
  | { kind: 'add'; path: string; contents: string }
  | { kind: 'delete'; path: string }
  | { kind: 'update'; path: string; movePath?: string; chunks: UpdateChunk[] };

/** The patch text does not follow the grammar; the message names the line and what was expected. */
export class PatchParseError extends Error {
  override readonly name = 'PatchParseError';
}

const BEGIN_PATCH = '*** Begin Patch';
const END_PATCH = '*** End Patch';
const ADD_FILE = '*** Add File: ';
const DELETE_FILE = '*** Delete File: ';
const UPDATE_FILE = '*** Update File: ';
const MOVE_TO = '*** Move to: ';
const END_OF_FILE = '*** End of File';
const CHANGE_CONTEXT = '@@ ';
const EMPTY_CHANGE_CONTEXT = '@@';

function invalidHunk(message: string, lineNumber: number): PatchParseError {
  return new PatchParseError(`invalid hunk at line ${lineNumber}, ${message}`);
}

/** Parses a whole patch. Throws `PatchParseError`. */
export function parsePatch(patch: string): PatchHunk[] {
  const lines = patch
    .trim()
    .split('\n')
    .map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  const first = lines[0]?.trim();
  const last = lines[lines.length - 1]?.trim();
  if (first !== BEGIN_PATCH) {
    throw new PatchParseError("invalid patch: The first line of the patch must be '*** Begin Patch'");
  }
  if (lines.length < 2 || last !== END_PATCH) {
    throw new PatchParseError("invalid patch: The last line of the patch must be '*** End Patch'");
  }
  let remaining = lines.slice(1, -1);
  let lineNumber = 2;
  const hunks: PatchHunk[] = [];
  while (remaining.length > 0) {
    const { hunk, consumed } = parseOneHunk(remaining, lineNumber);
    hunks.push(hunk);
    lineNumber += consumed;
    remaining = remaining.slice(consumed);
  }
  return hunks;
}

function parseOneHunk(lines: string[], lineNumber: number): { hunk: PatchHunk; consumed: number } {
  const firstLine = (lines[0] ?? '').trim();
  if (firstLine.startsWith(ADD_FILE)) {
    let contents = '';
    let consumed = 1;
    for (const line of lines.slice(1)) {
      if (!line.startsWith('+')) break;
      contents += `${line.slice(1)}\n`;
      consumed += 1;
    }
    return { hunk: { kind: 'add', path: firstLine.slice(ADD_FILE.length), contents }, consumed };
  }
  if (firstLine.startsWith(DELETE_FILE)) {
    return { hunk: { kind: 'delete', path: firstLine.slice(DELETE_FILE.length) }, consumed: 1 };
  }
  if (firstLine.startsWith(UPDATE_FILE)) {
    const path = firstLine.slice(UPDATE_FILE.length);
    let remaining = lines.slice(1);
    let consumed = 1;
    let movePath: string | undefined;
    if (remaining[0]?.startsWith(MOVE_TO) === true) {
      movePath = remaining[0].slice(MOVE_TO.length);
      remaining = remaining.slice(1);
      consumed += 1;
    }
    const chunks: UpdateChunk[] = [];
    while (remaining.length > 0) {
      const line = remaining[0] ?? '';
      if (line.trim() === '') {
        consumed += 1;
        remaining = remaining.slice(1);
        continue;
      }
      if (line.startsWith('***')) break;
      const { chunk, chunkLines } = parseUpdateChunk(remaining, lineNumber + consumed, chunks.length === 0);
      chunks.push(chunk);
      consumed += chunkLines;
      remaining = remaining.slice(chunkLines);
    }
    if (chunks.length === 0) throw invalidHunk(`Update file hunk for path '${path}' is empty`, lineNumber);
    const hunk: PatchHunk =
      movePath === undefined ? { kind: 'update', path, chunks } : { kind: 'update', path, movePath, chunks };
    return { hunk, consumed };
  }
  throw invalidHunk(
    `'${firstLine}' is not a valid hunk header. Valid hunk headers: '*** Add File: {path}', '*** Delete File: {path}', '*** Update File: {path}'`,
    lineNumber,
  );
}

function parseUpdateChunk(
  lines: string[],
  lineNumber: number,
  allowMissingContext: boolean,
): { chunk: UpdateChunk; chunkLines: number } {
  const head = lines[0] ?? '';
  let changeContext: string | undefined;
  let start: number;
  if (head === EMPTY_CHANGE_CONTEXT) {
    start = 1;
  } else if (head.startsWith(CHANGE_CONTEXT)) {
    changeContext = head.slice(CHANGE_CONTEXT.length);
    start = 1;
  } else if (allowMissingContext) {
    start = 0;
  } else {
    throw invalidHunk(`Expected update hunk to start with a @@ context marker, got: '${head}'`, lineNumber);
  }
  if (start >= lines.length) throw invalidHunk('Update hunk does not contain any lines', lineNumber + 1);
  const chunk: UpdateChunk = { oldLines: [], newLines: [], isEndOfFile: false };
  if (changeContext !== undefined) chunk.changeContext = changeContext;
  let parsed = 0;
  for (const line of lines.slice(start)) {
    if (line === END_OF_FILE) {
      if (parsed === 0) throw invalidHunk('Update hunk does not contain any lines', lineNumber + 1);
      chunk.isEndOfFile = true;
      parsed += 1;
      break;
    }
    if (line === '') {
      chunk.oldLines.push('');
      chunk.newLines.push('');
    } else if (line.startsWith(' ')) {
      chunk.oldLines.push(line.slice(1));
      chunk.newLines.push(line.slice(1));
    } else if (line.startsWith('+')) {
      chunk.newLines.push(line.slice(1));
    } else if (line.startsWith('-')) {
      chunk.oldLines.push(line.slice(1));
    } else if (parsed > 0) {
      break;
    } else {
      throw invalidHunk(
        `Unexpected line found in update hunk: '${line}'. Every line should start with ' ' (context line), '+' (added line), or '-' (removed line)`,
        lineNumber + 1,
      );
    }
    parsed += 1;
  }
  return { chunk, chunkLines: parsed + start };
}
