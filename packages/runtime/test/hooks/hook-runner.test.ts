import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AgentEvent, HookEntryConfig } from '@rkat/contracts';
import type { HookInvocation } from '@rkat/core';
import { HookRunner } from '../../src/hooks/hook-runner.js';
import { BackgroundHookSlots, DEFAULT_HOOKS_SETTINGS } from '../../src/hooks/hook-settings.js';
import { InProcessHookRegistry } from '../../src/hooks/in-process-hooks.js';

const INVOCATION: HookInvocation = { point: 'pre_tool_execution', session_id: 's-1', turn_number: 0 };

function entry(id: string, name: string, extra: Partial<HookEntryConfig> = {}): HookEntryConfig {
  return {
    id,
    point: 'pre_tool_execution',
    capability: 'guardrail',
    runtime: { kind: 'in_process', config: { name } },
    ...extra,
  };
}

function runner(entries: HookEntryConfig[], registry: InProcessHookRegistry, extra: object = {}) {
  return new HookRunner({
    settings: { ...DEFAULT_HOOKS_SETTINGS, entries, ...extra },
    registry,
    background: new BackgroundHookSlots(),
    cwd: process.cwd(),
  });
}

async function run(gate: HookRunner, invocation: HookInvocation = INVOCATION) {
  const events: AgentEvent[] = [];
  const denial = await gate.run(invocation, { emit: (event) => events.push(event) });
  return {
    denial,
    events: events.map((event) => `${event.type}:${(event as { hook_id?: string }).hook_id ?? ''}`),
  };
}

const ALLOW = { decision: { decision: 'allow' } };
const DENY = { decision: { decision: 'deny', reason_code: 'policy_violation', message: 'no' } };

void test(
  'foreground hooks run by priority then registration; the first deny skips the rest',
  { timeout: 10_000 },
  async () => {
    const registry = new InProcessHookRegistry();
    const order: string[] = [];
    registry.register('allow', (invocation) => {
      order.push(`allow@${invocation.point}`);
      return ALLOW;
    });
    registry.register('deny', () => {
      order.push('deny');
      return DENY;
    });
    registry.register('late', () => {
      order.push('late');
      return ALLOW;
    });
    const gate = runner(
      [
        entry('late', 'late', { priority: 200 }),
        entry('first', 'allow', { priority: 50 }),
        entry('second', 'deny', { priority: 50 }),
        entry('earliest', 'allow', { priority: 1 }),
        entry('other-point', 'allow', { point: 'run_started' }),
        entry('disabled', 'allow', { enabled: false, priority: 0 }),
      ],
      registry,
    );
    const { denial, events } = await run(gate);
    assert.deepEqual(order, ['allow@pre_tool_execution', 'allow@pre_tool_execution', 'deny']);
    assert.deepEqual(events, [
      'hook_started:earliest',
      'hook_completed:earliest',
      'hook_started:first',
      'hook_completed:first',
      'hook_started:second',
      'hook_completed:second',
      'hook_denied:second',
    ]);
    assert.deepEqual(denial, {
      hookId: 'second',
      point: 'pre_tool_execution',
      reasonCode: 'policy_violation',
      message: 'no',
    });
  },
);

void test('only a guardrail may deny; failures follow the failure policy', { timeout: 10_000 }, async () => {
  const registry = new InProcessHookRegistry();
  registry.register('deny', () => DENY);
  registry.register('throw', () => {
    throw new Error('kaput');
  });
  registry.register('patch', () => ({ patches: [{ patch_type: 'tool_args', args: {} }] }));
  const observer = await run(runner([entry('watch', 'deny', { capability: 'observe' })], registry));
  assert.equal(observer.denial, undefined);
  assert.deepEqual(observer.events, ['hook_started:watch', 'hook_failed:watch']);

  const open = await run(runner([entry('lenient', 'throw', { failure_policy: 'fail_open' })], registry));
  assert.equal(open.denial, undefined);

  const closed = await run(runner([entry('strict', 'throw')], registry));
  assert.equal(closed.denial?.reasonCode, 'runtime_error');
  assert.equal(closed.denial?.message, 'in-process hook failed: kaput');
  assert.deepEqual(closed.events, ['hook_started:strict', 'hook_failed:strict', 'hook_denied:strict']);

  const patched = await run(runner([entry('rewriter', 'patch')], registry));
  assert.equal(patched.denial?.message, 'hook patches are not supported (rewrite is retired)');

  const missing = await run(runner([entry('ghost', 'unregistered')], registry));
  assert.equal(missing.denial?.message, "in-process handler 'unregistered' not registered");
});

void test(
  'timeouts abort the hook; the payload bound applies to the invocation',
  { timeout: 10_000 },
  async () => {
    const registry = new InProcessHookRegistry();
    let aborted = false;
    registry.register('hang', (_invocation, { signal }) => {
      signal.addEventListener('abort', () => (aborted = true));
      return new Promise(() => undefined);
    });
    registry.register('allow', () => ALLOW);
    const timed = await run(runner([entry('slow', 'hang', { timeout_ms: 50 })], registry));
    assert.equal(timed.denial?.reasonCode, 'timeout');
    assert.equal(timed.denial?.message, 'hook timed out after 50ms');
    assert.equal(aborted, true);

    const defaulted = await run(runner([entry('slow', 'hang')], registry, { defaultTimeoutMs: 30 }));
    assert.equal(defaulted.denial?.message, 'hook timed out after 30ms');

    const big = await run(runner([entry('big', 'allow')], registry, { payloadMaxBytes: 10 }));
    assert.match(big.denial?.message ?? '', /^hook payload exceeds max size: \d+ > 10$/);
  },
);

void test(
  'background hooks do not block, are bounded, and are skipped after a deny',
  { timeout: 10_000 },
  async () => {
    const registry = new InProcessHookRegistry();
    let release: () => void = () => undefined;
    const gateOpen = new Promise<void>((resolve) => (release = resolve));
    let started = 0;
    registry.register('wait', async () => {
      started += 1;
      await gateOpen;
      return DENY;
    });
    registry.register('deny', () => DENY);
    const background = (id: string): HookEntryConfig =>
      entry(id, 'wait', { mode: 'background', capability: 'observe' });
    const gate = runner([background('bg-1'), background('bg-2')], registry, { backgroundMaxConcurrency: 1 });
    const { denial, events } = await run(gate);
    assert.equal(denial, undefined, 'a background answer never decides');
    assert.deepEqual(events, []);
    assert.equal(started, 1, 'the second background hook found the pool full');
    release();

    let ran = 0;
    registry.register('count', () => {
      ran += 1;
      return ALLOW;
    });
    const denied = runner(
      [entry('guard', 'deny'), entry('bg', 'count', { mode: 'background', capability: 'observe' })],
      registry,
    );
    assert.ok((await run(denied)).denial);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(ran, 0);
  },
);

void test(
  'hooks_override disables configured ids and adds entries; a bad entry fails the run at its first point',
  { timeout: 10_000 },
  async () => {
    const registry = new InProcessHookRegistry();
    registry.register('deny', () => DENY);
    registry.register('allow', () => ALLOW);
    const gate = new HookRunner({
      settings: { ...DEFAULT_HOOKS_SETTINGS, entries: [entry('configured', 'deny')] },
      overrides: { disable: ['configured'], entries: [entry('added', 'allow')] },
      registry,
      background: new BackgroundHookSlots(),
      cwd: process.cwd(),
    });
    const { denial, events } = await run(gate);
    assert.equal(denial, undefined);
    assert.deepEqual(events, ['hook_started:added', 'hook_completed:added']);

    const bad = new HookRunner({
      settings: DEFAULT_HOOKS_SETTINGS,
      overrides: { entries: [entry('bg', 'allow', { mode: 'background' })] },
      registry,
      background: new BackgroundHookSlots(),
      cwd: process.cwd(),
    });
    await assert.rejects(run(bad), {
      name: 'AgentError',
      errorClass: 'hook',
      message: 'Hook configuration invalid: pre_* background hooks must be observe-only: bg',
    });
  },
);
