import type { Prng } from './prng.js';

/** What the generator needs to know about the server under test. */
export interface FrameContext {
  /** Methods the server lists in `initialize` (each gets valid base params below, or `{}`). */
  readonly methods: readonly string[];
  /** An existing session, so that mutations of session methods start from a valid request. */
  readonly sessionId: string;
  /** The server's `--max-frame-bytes`. */
  readonly maxFrameBytes: number;
}

/** One generated line and the mutations that made it (for the report of a finding). */
export interface HostileFrame {
  readonly bytes: Buffer;
  readonly mutations: readonly string[];
}

type JsonObject = Record<string, unknown>;

/** Numeric ids of frames start here, clear of the small ids the test client uses for its own requests. */
const FIRST_NUMERIC_ID = 1_000_000;

/**
 * Valid params of every served method. Requests that would start a turn use the fake provider's echo (no
 * script), so they finish at once; `config/*` carry a generation that never matches unless mutated away.
 */
export function baseParams(method: string, sessionId: string): JsonObject | undefined {
  const bases: Record<string, JsonObject> = {
    initialize: {},
    'session/create': { prompt: 'fuzz', initial_turn: 'deferred', labels: { fuzz: 'yes' } },
    'session/list': { labels: { fuzz: 'yes' }, limit: 5, offset: 0 },
    'session/read': { session_id: sessionId },
    'session/history': { session_id: sessionId, offset: 0, limit: 3 },
    'session/fork_at': { session_id: sessionId, message_index: 0 },
    'session/fork_replace': {
      session_id: sessionId,
      message_index: 0,
      replacement: { type: 'user_content_block', block_index: 0, block: { type: 'text', text: 'replaced' } },
    },
    'session/archive': { session_id: '01a22276-75c6-719f-8985-00c9d65a684b' },
    'turn/start': { session_id: sessionId, prompt: 'fuzz turn' },
    'turn/interrupt': { session_id: sessionId },
    'config/get': {},
    'config/set': { config: {}, expected_generation: 1_000_000 },
    'config/patch': { patch: { max_tokens: 1000 }, expected_generation: 1_000_000 },
    'capabilities/get': {},
    'models/catalog': {},
    'realm/list': {},
    'realm/get': { realm_id: 'fuzz' },
    'blob/get': { blob_id: `sha256:${'0'.repeat(64)}` },
    'session/stream_open': { session_id: sessionId },
    'session/stream_close': { stream_id: '01a22276-75c6-719f-8985-00c9d65a684b' },
    // A command that cannot start: the staged server fails to connect at the next turn, nothing runs.
    'mcp/add': {
      session_id: sessionId,
      server_config: { name: 'fuzz', command: '/nonexistent/rkat-fuzz-mcp' },
      persisted: false,
    },
    'mcp/remove': { session_id: sessionId, server_name: 'fuzz', persisted: false },
    'mcp/reload': { session_id: sessionId, server_name: 'fuzz', persisted: false },
    'tools/register': {
      tools: [{ name: 'fuzz_tool', description: 'never called', input_schema: { type: 'object' } }],
    },
  };
  return Object.hasOwn(bases, method) ? structuredClone(bases[method]) : undefined;
}

/** Sets an own property, also for `__proto__` (plain assignment would change the prototype instead). */
function setOwn(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function nested(rng: Prng, depth: number): unknown {
  let value: unknown = rng.pick([1, 'leaf', null]);
  for (let level = 0; level < depth; level += 1) value = rng.chance(0.5) ? [value] : { n: value };
  return value;
}

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u200b\ufeff',
  '🦫'.repeat(40),
  '../../../etc/passwd',
  '/etc/passwd',
  '%2e%2e%2f%2e%2e%2f',
  'C:\\Windows\\system32',
  '${HOME}',
  '<fake>[{"text":"scripted by the fuzzer"}]</fake>',
  'sha256:',
  `sha256:${'A'.repeat(64)}`,
];

/** A value of any JSON type, biased to the edges. */
export function hostileValue(rng: Prng): unknown {
  switch (rng.int(0, 9)) {
    case 0:
      return rng.pick([null, true, false]);
    case 1:
      return rng.pick([0, -1, -0, 0.5, 1e308, -1e308, 2 ** 53 + 1, -(2 ** 63), 4294967296]);
    case 2:
      return rng.pick(ODD_STRINGS);
    case 3:
      return 'x'.repeat(rng.int(1, 20_000));
    case 4:
      return nested(rng, rng.int(10, 3_000));
    case 5:
      return [];
    case 6:
      return {};
    case 7: {
      const hostile: JsonObject = {};
      setOwn(hostile, '__proto__', { polluted: 'yes' });
      setOwn(hostile, 'constructor', { prototype: { polluted: 'yes' } });
      return hostile;
    }
    case 8:
      return Array.from({ length: rng.int(1, 50) }, () => rng.pick(ODD_STRINGS));
    default:
      return rng.int(-1000, 1000);
  }
}

/** Paths to every value in `params` (up to depth 4), for a mutation to aim at. */
function valuePaths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  if (prefix.length >= 4 || typeof value !== 'object' || value === null) return out;
  const entries = Array.isArray(value)
    ? value.map((item, index) => [index, item] as const)
    : Object.entries(value);
  for (const [key, child] of entries) {
    out.push([...prefix, key]);
    valuePaths(child, [...prefix, key], out);
  }
  return out;
}

function parentOf(root: unknown, path: (string | number)[]): Record<string | number, unknown> | undefined {
  let node = root;
  for (const key of path.slice(0, -1)) node = (node as Record<string | number, unknown>)[key];
  return typeof node === 'object' && node !== null ? (node as Record<string | number, unknown>) : undefined;
}

type Mutation = (request: JsonObject, rng: Prng, context: FrameContext, serial: number) => string;

/** Structural mutations of a request object; each returns its name for the report. */
const STRUCTURAL: Mutation[] = [
  (request, rng) => {
    const paths = valuePaths(request.params);
    if (paths.length === 0) return 'none';
    const path = rng.pick(paths);
    const parent = parentOf(request.params, path);
    if (parent) parent[path.at(-1) as string] = hostileValue(rng);
    return `retype ${path.join('.')}`;
  },
  (request, rng) => {
    const paths = valuePaths(request.params);
    if (paths.length === 0) return 'none';
    const path = rng.pick(paths);
    const parent = parentOf(request.params, path);
    if (Array.isArray(parent)) parent.splice(path.at(-1) as number, 1);
    else if (parent) delete parent[path.at(-1) as string];
    return `drop ${path.join('.')}`;
  },
  (request, rng) => {
    if (typeof request.params !== 'object' || request.params === null || Array.isArray(request.params))
      return 'none';
    const key = rng.pick(['__proto__', 'constructor', 'prototype', 'extra', 'ключ', 'k'.repeat(300)]);
    setOwn(request.params as JsonObject, key, hostileValue(rng));
    return `extra ${key.slice(0, 20)}`;
  },
  (request, rng) => {
    const choice = rng.int(0, 2);
    if (choice === 0) delete request.params;
    else request.params = choice === 1 ? null : hostileValue(rng);
    return 'params';
  },
  (request, rng) => {
    const choice = rng.int(0, 3);
    if (choice === 0) delete request.method;
    else if (choice === 1) request.method = hostileValue(rng);
    else if (choice === 2) request.method = String(request.method).toUpperCase();
    else request.method = rng.pick(['no/such', 'skills/list', 'mob/create', 'live/open', 'toString', '']);
    return 'method';
  },
  (request, rng) => {
    const choice = rng.int(0, 2);
    if (choice === 0) delete request.jsonrpc;
    else request.jsonrpc = rng.pick(['1.0', 2, null, '2.0 ', '']);
    return 'jsonrpc';
  },
  (request, rng, _context, serial) => {
    // Every id stays unique in the batch, so each answer can be matched to its frame.
    const choice = rng.int(0, 6);
    if (choice === 0) delete request.id;
    else if (choice === 1) request.id = null;
    else if (choice === 2) request.id = { serial };
    else if (choice === 3) request.id = FIRST_NUMERIC_ID + serial + 0.5;
    else if (choice === 4) request.id = -serial - 1;
    else if (choice === 5) request.id = `${'i'.repeat(rng.int(1, 5000))}-${serial}`;
    else request.id = `ïd-🦫-${serial}`;
    return 'id';
  },
  (request, rng, context) => {
    const params = typeof request.params === 'object' && request.params !== null ? request.params : {};
    setOwn(params as JsonObject, 'pad', 'p'.repeat(context.maxFrameBytes + rng.int(0, 4096)));
    request.params = params;
    return 'oversize';
  },
];

/** Byte-level mutations of the encoded line (without its terminator). */
const TEXTUAL: ((line: Buffer, rng: Prng) => [Buffer, string])[] = [
  (line, rng) => [line.subarray(0, rng.int(0, line.length - 1)), 'truncate'],
  (line, rng) => {
    const at = rng.int(0, line.length);
    return [Buffer.concat([line.subarray(0, at), rng.bytes(rng.int(1, 16)), line.subarray(at)]), 'garbage'];
  },
  (line) => [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), line]), 'bom'],
  (line) => [Buffer.concat([Buffer.from(' \t'), line, Buffer.from('  ')]), 'whitespace'],
  (line, rng) => {
    const at = rng.int(0, line.length);
    return [Buffer.concat([line.subarray(0, at), Buffer.from([0xc3, 0x28]), line.subarray(at)]), 'bad-utf8'];
  },
];

/**
 * One hostile line built from a valid request of a served method: zero to three structural mutations, then
 * sometimes a byte-level one, ended by `\n`, `\r\n`, or nothing (the next frame joins it).
 */
export function hostileFrame(rng: Prng, context: FrameContext, serial: number): HostileFrame {
  const method = rng.pick(context.methods.filter((name) => name !== 'initialized'));
  const params = baseParams(method, context.sessionId) ?? {};
  const request: JsonObject = {
    jsonrpc: '2.0',
    id: rng.chance(0.5) ? `fz-${serial}` : FIRST_NUMERIC_ID + serial,
    method,
    params,
  };
  const mutations: string[] = [method];
  const structural = rng.pick([0, 1, 1, 2, 3]);
  for (let count = 0; count < structural; count += 1) {
    // Oversized frames are costly: keep them rare.
    const mutation = rng.chance(0.03) ? (STRUCTURAL.at(-1) as Mutation) : rng.pick(STRUCTURAL.slice(0, -1));
    mutations.push(mutation(request, rng, context, serial));
  }
  let line: Buffer = Buffer.from(JSON.stringify(request));
  if (rng.chance(0.2)) {
    const [mutated, name] = rng.pick(TEXTUAL)(line, rng);
    line = mutated;
    mutations.push(name);
  }
  const ending = rng.pick(['\n', '\n', '\n', '\n', '\r\n', '', '\n\n  \n']);
  if (ending === '') mutations.push('joined');
  return { bytes: Buffer.concat([line, Buffer.from(ending)]), mutations };
}
