import { RPC_ERROR_CODES } from '@rkat/contracts';
import type { Message, RpcClient } from '../system/rpc-client.js';
import { SystemFixture } from '../system/support.js';
import { expectedLines, type ExpectedLine } from './frame-oracle.js';
import { hostileFrame, type FrameContext } from './hostile-frames.js';
import { Prng, batchSeed } from './prng.js';

/** Options of one fuzz run against a fresh `rkat-rpc`. */
export interface FuzzOptions {
  readonly seed: number;
  /** Batches of frames; each batch is written at once and fully answered before the next. */
  readonly iterations: number;
  readonly framesPerBatch: number;
  readonly maxFrameBytes: number;
  /** How long one batch may take to be answered before the run counts as hung. */
  readonly batchTimeoutMs: number;
  /** Replays this one batch of the seed (a finding names its batch). */
  readonly onlyBatch?: number;
  /** Progress lines (the CLI prints them). */
  readonly log?: (line: string) => void;
}

/** What a run found: empty `findings` means every invariant held. */
export interface FuzzReport {
  readonly frames: number;
  readonly lines: number;
  readonly responses: number;
  readonly codes: Readonly<Record<string, number>>;
  readonly findings: readonly string[];
}

export const DEFAULT_FUZZ_OPTIONS: Omit<FuzzOptions, 'seed' | 'iterations'> = {
  framesPerBatch: 40,
  maxFrameBytes: 128 * 1024,
  batchTimeoutMs: 30_000,
};

/** Frame serials (and so ids) depend only on the batch, so a replayed batch sends the same frames. */
const FRAMES_PER_SERIAL_BLOCK = 100_000;

const CONTRACT_CODES = new Set<number>(Object.values(RPC_ERROR_CODES).map((entry) => entry.code));

/** A response line (no `method`): the answer to one of our requests. */
const isResponse = (message: Message): boolean => message.method === undefined;

/** Problems with the shape of one output line; [] when it is a well-formed JSON-RPC message. */
function shapeProblems(message: Message): string[] {
  if ('notJson' in message) return ['an output line is not JSON'];
  if (message.jsonrpc !== '2.0') return ['an output line lacks jsonrpc "2.0"'];
  if (!isResponse(message)) {
    return typeof message.params === 'object' && message.params !== null
      ? []
      : ['a notification without params'];
  }
  const hasResult = Object.hasOwn(message, 'result');
  const hasError = Object.hasOwn(message, 'error');
  if (hasResult === hasError) return ['a response must carry exactly one of result and error'];
  if (!hasError) return [];
  const error = message.error as { code?: unknown; message?: unknown };
  const problems: string[] = [];
  if (typeof error.code !== 'number' || !CONTRACT_CODES.has(error.code))
    problems.push(`error code ${String(error.code)} is not a contract code`);
  if (typeof error.message !== 'string') problems.push('an error without a message');
  // A fuzzed frame is bad input, never a reason for an internal fault.
  if (error.code === RPC_ERROR_CODES.INTERNAL_ERROR.code)
    problems.push(`internal error: ${String(error.message)}`);
  return problems;
}

const isFrameTooLarge = (message: Message): boolean =>
  message.error?.code === -32600 &&
  (message.error.data as { code?: unknown } | undefined)?.code === 'FRAME_TOO_LARGE';

/**
 * Matches the responses of one batch to its lines: each line that must be answered gets exactly one
 * response with its id (or `null`), nothing else is answered. Returns the problems found.
 */
export function matchResponses(lines: readonly ExpectedLine[], responses: readonly Message[]): string[] {
  const left = [...responses];
  const problems: string[] = [];
  const take = (predicate: (message: Message) => boolean): Message | undefined => {
    const index = left.findIndex(predicate);
    return index === -1 ? undefined : left.splice(index, 1)[0];
  };
  const answerLines = lines.filter((line) => line.expectation.kind === 'answer');
  const claimed = new Set(answerLines.map(idOf));
  // Lines with ids first, so that an id-null answer is never taken by the wrong line.
  for (const line of [...answerLines].sort((a, b) => Number(idOf(a) === null) - Number(idOf(b) === null))) {
    const id = idOf(line);
    // A line within the limit is never answered FRAME_TOO_LARGE.
    const answer = take(
      (message) =>
        message.id === id && !isFrameTooLarge(message) && (id !== null || Object.hasOwn(message, 'error')),
    );
    if (!answer) problems.push(`no answer for id ${JSON.stringify(id)}: ${line.text}`);
    else if (id !== null && take((message) => message.id === id)) {
      problems.push(`two answers for id ${JSON.stringify(id)}: ${line.text}`);
    }
  }
  // The server reads an oversized line's id from its prefix, which need not be JSON: any unclaimed id.
  for (const line of lines.filter((candidate) => candidate.expectation.kind === 'oversized')) {
    const answer = take(
      (message) =>
        isFrameTooLarge(message) && (message.id === null || !claimed.has(message.id as string | number)),
    );
    if (!answer) problems.push(`an oversized line was not answered FRAME_TOO_LARGE: ${line.text}`);
  }
  for (const message of left)
    problems.push(`an unexpected response: ${JSON.stringify(message).slice(0, 300)}`);
  return problems;
}

const idOf = (line: ExpectedLine): string | number | null =>
  line.expectation.kind === 'none' ? null : line.expectation.id;

/** Writes a batch in chunks of random sizes, so the server also sees frames split across reads. */
async function writeSplit(rpc: RpcClient, stream: Buffer, rng: Prng): Promise<void> {
  for (let start = 0; start < stream.length;) {
    const end = Math.min(stream.length, start + rng.int(1, 64 * 1024));
    if (!rpc.child.stdin.write(stream.subarray(start, end))) {
      await new Promise((resolve) => rpc.child.stdin.once('drain', resolve));
    } else if (rng.chance(0.3)) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    start = end;
  }
}

/**
 * Feeds hostile frames to a real `rkat-rpc` (fake provider, temp state root) and checks the framing
 * invariants: every well-formed output line, exactly one answer per request-shaped frame with a contract
 * code and no internal error, no answer to anything else, no crash, no hang (each batch is answered in
 * time), and a valid request still succeeds at the end. Never throws for a finding: it is reported.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const log = options.log ?? (() => {});
  const fixture = await SystemFixture.start();
  const findings: string[] = [];
  const codes: Record<string, number> = {};
  let frames = 0;
  let lineCount = 0;
  let responses = 0;
  try {
    // Roots inside the fixture's temp home: a mutated `persisted` flag must never write into the cwd.
    const roots = ['--context-root', fixture.home, '--user-config-root', fixture.home];
    const args = ['--realm', 'fuzz', '--max-frame-bytes', String(options.maxFrameBytes), ...roots];
    const rpc = fixture.spawn(args, {
      timeoutMs: options.batchTimeoutMs,
    });
    const { methods } = await rpc.call<{ methods: string[] }>('initialize');
    const { session_id: sessionId } = await rpc.call<{ session_id: string }>('session/create', {
      prompt: 'the session fuzzed requests aim at',
    });
    const context: FrameContext = { methods, sessionId, maxFrameBytes: options.maxFrameBytes };
    const first = options.onlyBatch ?? 0;
    const end = options.onlyBatch === undefined ? options.iterations : options.onlyBatch + 1;
    for (let batch = first; batch < end && findings.length === 0; batch += 1) {
      const rng = new Prng(batchSeed(options.seed, batch));
      const batchFrames = Array.from({ length: options.framesPerBatch }, (_, index) =>
        hostileFrame(rng, context, FRAMES_PER_SERIAL_BLOCK * batch + index),
      );
      frames += batchFrames.length;
      // The batch always ends a line, so a joined last frame is still framed.
      const stream = Buffer.concat([...batchFrames.map((frame) => frame.bytes), Buffer.from('\n')]);
      const lines = expectedLines(stream, options.maxFrameBytes);
      lineCount += lines.length;
      const expected = lines.filter((line) => line.expectation.kind !== 'none').length;
      const from = rpc.messages.length;
      const answered = (): Message[] => rpc.messages.slice(from).filter(isResponse);
      await writeSplit(rpc, stream, rng);
      try {
        await rpc.waitFor(() => answered().length >= expected, `${expected} answers to batch ${batch}`);
      } catch (error) {
        findings.push(
          `seed ${options.seed} batch ${batch}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      // Long enough for a duplicate or stray answer to show up before the batch is judged.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const output = rpc.messages.slice(from);
      const batchResponses = output.filter(isResponse);
      responses += batchResponses.length;
      for (const message of batchResponses) {
        const code = message.error ? String(message.error.code) : 'result';
        codes[code] = (codes[code] ?? 0) + 1;
      }
      const problems = [...new Set(output.flatMap(shapeProblems)), ...matchResponses(lines, batchResponses)];
      for (const problem of problems) findings.push(`seed ${options.seed} batch ${batch}: ${problem}`);
      if (rpc.child.exitCode !== null || rpc.child.signalCode !== null) {
        findings.push(
          `seed ${options.seed} batch ${batch}: rkat-rpc exited (${rpc.child.exitCode ?? rpc.child.signalCode})\n${rpc.stderr}`,
        );
      }
      log(
        `batch ${batch}: ${batchFrames.length} frames, ${lines.length} lines, ${batchResponses.length} answers`,
      );
    }
    if (findings.length === 0) {
      const { message } = await rpc.request('session/read', { session_id: sessionId }, 'after-the-fuzz');
      if (message.error)
        findings.push(`a valid request failed after the run: ${JSON.stringify(message.error)}`);
      const exit = await rpc.close();
      if (exit.code !== 0) findings.push(`rkat-rpc exited with ${JSON.stringify(exit)} on EOF`);
      if (rpc.stderr !== '') findings.push(`rkat-rpc wrote to stderr: ${rpc.stderr.slice(0, 500)}`);
    }
  } finally {
    await fixture.stop();
  }
  return { frames, lines: lineCount, responses, codes, findings };
}
