import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { runCommandHook } from '../../src/hooks/command-hook.js';
import type { HookCall } from '../../src/hooks/hook-call.js';
import { runHttpHook } from '../../src/hooks/http-hook.js';

function call(signal = new AbortController().signal, maxResponseBytes = 1024): HookCall {
  const invocation = { point: 'run_started' as const, session_id: 's', prompt: 'hi' };
  return {
    hookId: 'h',
    invocation,
    payload: Buffer.from(JSON.stringify(invocation)),
    maxResponseBytes,
    signal,
    cwd: process.cwd(),
  };
}

const node = (script: string) => ({ command: process.execPath, args: ['-e', script], env: {} });

void test(
  'a command hook reads stdin, answers on stdout, and gets its env without a shell',
  { timeout: 20_000 },
  async () => {
    const echo = node(
      "let s='';process.stdin.on('data',c=>s+=c).on('end',()=>{const i=JSON.parse(s);" +
        "process.stdout.write(JSON.stringify({decision:{decision:'deny',reason_code:'policy_violation'," +
        "message:i.prompt+':'+process.env.HOOK_FLAG+':'+process.argv.slice(1).join(',')}}))})",
    );
    const decision = await runCommandHook(
      { ...echo, args: [...echo.args, '$HOME', '; echo no'], env: { HOOK_FLAG: 'on' } },
      call(),
    );
    assert.deepEqual(decision, {
      decision: 'deny',
      reasonCode: 'policy_violation',
      message: 'hi:on:$HOME,; echo no',
    });
  },
);

void test(
  'command hook failures: too much output, a bad exit, a missing binary, an abort',
  { timeout: 20_000 },
  async () => {
    await assert.rejects(runCommandHook(node("process.stdout.write('x'.repeat(100))"), call(undefined, 10)), {
      message: /^command stdout exceeds max size: \d+ > 10$/,
    });
    await assert.rejects(runCommandHook(node('process.exit(2)'), call()), {
      message: 'command hook exited with code 2',
    });
    await assert.rejects(runCommandHook(node("process.stdout.write('nope')"), call()), {
      message: 'invalid command hook response: not JSON',
    });
    await assert.rejects(runCommandHook({ command: '/nonexistent/rkat-hook', args: [], env: {} }, call()), {
      message: 'failed to spawn command hook: ENOENT',
    });
    const controller = new AbortController();
    const hanging = runCommandHook(node('setInterval(() => {}, 1000)'), call(controller.signal));
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(hanging, { message: 'command hook aborted' });
  },
);

void test(
  'an http hook is bounded, follows no redirect, and never names its URL in errors',
  { timeout: 20_000 },
  async () => {
    const server = createServer((request, response) => {
      if (request.url === '/big') {
        response.end(JSON.stringify({ decision: { decision: 'allow' }, padding: 'x'.repeat(4096) }));
      } else if (request.url === '/redirect') {
        response.writeHead(302, { location: '/elsewhere' }).end();
      } else {
        response.end(JSON.stringify({}));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const http = (path: string) => ({
      url: `${base}${path}`,
      method: 'POST',
      headers: { 'x-token': 'secret' },
    });
    try {
      assert.equal(await runHttpHook(http('/observe'), call()), undefined);
      await assert.rejects(runHttpHook(http('/big'), call(undefined, 100)), {
        message: /^HTTP hook response exceeds max size: \d+ > 100$/,
      });
      await assert.rejects(runHttpHook(http('/redirect'), call()), { message: 'HTTP hook returned 302' });
      const withCredentials = { ...http('/x'), url: `http://user:secret@127.0.0.1:1/x` };
      await assert.rejects(runHttpHook(withCredentials, call()), (error: Error) => {
        assert.equal(error.message.includes('secret'), false);
        assert.match(error.message, /^HTTP hook request failed/);
        return true;
      });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  },
);
