import type { FakeError, FakeStep, FakeToolCall, FakeUsage } from './fake-step.js';

export type StepsParseResult = { ok: true; steps: FakeStep[] } | { ok: false; error: string };

const STEP_KEYS = new Set([
  'text',
  'json',
  'reasoning',
  'tools',
  'usage',
  'stop',
  'chunk',
  'delay_ms',
  'error',
  'cut_after',
  'stall_after',
  'error_event_after',
  'cut_after_bytes',
  'done_after',
  'keepalive_ms',
  'reasoning_with_text',
  'fault_times',
]);
const STOP_REASONS = new Set(['end_turn', 'tool_use', 'max_tokens', 'stop_sequence', 'content_filter']);

class StepError extends Error {}

function fail(path: string, problem: string): never {
  throw new StepError(`${path}: ${problem}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function record(value: unknown, path: string): Record<string, unknown> {
  if (!isRecord(value)) fail(path, 'must be an object');
  return value;
}

function optionalString(value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') fail(path, 'must be a string');
  return value;
}

function optionalCount(value: unknown, path: string, minimum = 0): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) {
    fail(path, `must be an integer >= ${minimum}`);
  }
  return value;
}

function parseTool(value: unknown, path: string): FakeToolCall {
  const tool = record(value, path);
  const name = optionalString(tool['name'], `${path}.name`);
  if (name === undefined || name === '') fail(`${path}.name`, 'is required');
  const args = tool['args'] === undefined ? {} : record(tool['args'], `${path}.args`);
  const id = optionalString(tool['id'], `${path}.id`);
  return id === undefined ? { name, args } : { name, args, id };
}

function parseUsage(value: unknown, path: string): FakeUsage {
  const usage = record(value, path);
  const input = optionalCount(usage['input'], `${path}.input`);
  const output = optionalCount(usage['output'], `${path}.output`);
  if (input === undefined || output === undefined) fail(path, 'needs input and output');
  const parsed: FakeUsage = { input, output };
  const cacheRead = optionalCount(usage['cache_read'], `${path}.cache_read`);
  const cacheCreation = optionalCount(usage['cache_creation'], `${path}.cache_creation`);
  if (cacheRead !== undefined) parsed.cache_read = cacheRead;
  if (cacheCreation !== undefined) parsed.cache_creation = cacheCreation;
  return parsed;
}

function parseError(value: unknown, path: string): FakeError {
  const error = record(value, path);
  const kind = error['kind'];
  if (kind !== undefined && kind !== 'context_exceeded') fail(`${path}.kind`, 'must be "context_exceeded"');
  const status = optionalCount(error['status'], `${path}.status`, 400);
  if (status !== undefined && status > 599) fail(`${path}.status`, 'must be a 4xx or 5xx status');
  if (status === undefined && kind === undefined) fail(`${path}.status`, 'is required');
  const parsed: FakeError = { status: status ?? 400 };
  if (kind !== undefined) parsed.kind = kind;
  const retryAfter = optionalCount(error['retry_after'], `${path}.retry_after`);
  const times = optionalCount(error['times'], `${path}.times`, 1);
  const message = optionalString(error['message'], `${path}.message`);
  if (retryAfter !== undefined) parsed.retry_after = retryAfter;
  if (times !== undefined) parsed.times = times;
  if (message !== undefined) parsed.message = message;
  return parsed;
}

function parseStep(value: unknown, path: string): FakeStep {
  const raw = record(value, path);
  for (const key of Object.keys(raw)) {
    if (!STEP_KEYS.has(key)) fail(`${path}.${key}`, 'is not a step field');
  }
  if (raw['text'] !== undefined && raw['json'] !== undefined) fail(path, 'has both text and json');
  const step: FakeStep = {};
  const text = optionalString(raw['text'], `${path}.text`);
  const reasoning = optionalString(raw['reasoning'], `${path}.reasoning`);
  if (text !== undefined) step.text = text;
  if ('json' in raw) step.json = raw['json'];
  if (reasoning !== undefined) step.reasoning = reasoning;
  if (raw['tools'] !== undefined) {
    if (!Array.isArray(raw['tools'])) fail(`${path}.tools`, 'must be an array');
    step.tools = raw['tools'].map((tool, index) => parseTool(tool, `${path}.tools[${index}]`));
  }
  if (raw['usage'] !== undefined) step.usage = parseUsage(raw['usage'], `${path}.usage`);
  const stop = raw['stop'];
  if (stop !== undefined) {
    if (typeof stop !== 'string' || !STOP_REASONS.has(stop)) {
      fail(`${path}.stop`, `must be one of ${[...STOP_REASONS].join(', ')}`);
    }
    step.stop = stop as FakeStep['stop'];
  }
  if (raw['error'] !== undefined) step.error = parseError(raw['error'], `${path}.error`);
  const counts = [
    'chunk',
    'delay_ms',
    'cut_after',
    'stall_after',
    'error_event_after',
    'cut_after_bytes',
    'done_after',
    'keepalive_ms',
    'fault_times',
  ] as const;
  const positive: ReadonlySet<string> = new Set(['chunk', 'keepalive_ms', 'fault_times']);
  for (const key of counts) {
    const count = optionalCount(raw[key], `${path}.${key}`, positive.has(key) ? 1 : 0);
    if (count !== undefined) step[key] = count;
  }
  if (step.keepalive_ms !== undefined && step.stall_after === undefined) {
    fail(`${path}.keepalive_ms`, 'needs stall_after (keepalives are sent while the stream stalls)');
  }
  const mixed = raw['reasoning_with_text'];
  if (mixed !== undefined) {
    if (typeof mixed !== 'boolean') fail(`${path}.reasoning_with_text`, 'must be a boolean');
    step.reasoning_with_text = mixed;
  }
  return step;
}

/** Checks a parsed `<fake>` payload: an array of step objects with only the known fields. Never throws. */
export function parseSteps(value: unknown): StepsParseResult {
  if (!Array.isArray(value)) return { ok: false, error: 'the <fake> script must be a JSON array of steps' };
  try {
    return { ok: true, steps: value.map((step, index) => parseStep(step, `steps[${index}]`)) };
  } catch (error) {
    if (error instanceof StepError) return { ok: false, error: error.message };
    throw error;
  }
}
