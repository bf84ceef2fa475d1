import { ExternalToolRegistry, openRuntime, type OpenRuntimeOptions, type Runtime } from '@rkat/runtime';
import { createBuiltinToolSource } from '@rkat/tools';
import { CallbackScope } from '../callbacks/callback-scope.js';
import { sessionToolsFactory } from '../callbacks/session-tools.js';
import type { ServerFlags } from '../process/server-flags.js';
import { testFaultHookOf } from './test-fault-hook.js';

/** A runtime opened for `rkat-rpc`, with the callback-tool state its methods share. */
export interface ServerRuntime {
  readonly runtime: Runtime;
  readonly tools: ExternalToolRegistry;
  readonly callbacks: CallbackScope;
}

/** The `openRuntime` options of the realm flags (01 §1): without `--realm`, a new isolated realm. */
export function runtimeOptionsOf(
  flags: ServerFlags,
  env: Readonly<Record<string, string | undefined>>,
): OpenRuntimeOptions {
  return {
    env,
    ...(flags.realm !== undefined ? { realmId: flags.realm } : { isolated: true }),
    ...(flags.instance !== undefined ? { instanceId: flags.instance } : {}),
    ...(flags.realmBackend !== undefined ? { backend: flags.realmBackend } : {}),
    ...(flags.stateRoot !== undefined ? { stateRoot: flags.stateRoot } : {}),
    ...(flags.contextRoot !== undefined ? { contextRoot: flags.contextRoot } : {}),
    ...(flags.userConfigRoot !== undefined ? { userConfigRoot: flags.userConfigRoot } : {}),
    lease: { surface: 'rkat-rpc' },
  };
}

/**
 * Opens the realm the flags select, with session tools made of the built-ins, the process-global
 * `tools/register` tools and each session's `external_tools`. Throws what `openRuntime` throws
 * (`RealmOpenError`, `RuntimeError` `INVALID_REALM` / `INVALID_CONFIG`, store errors).
 */
export async function openServerRuntime(
  flags: ServerFlags,
  env: Readonly<Record<string, string | undefined>>,
): Promise<ServerRuntime> {
  const tools = new ExternalToolRegistry();
  const callbacks = new CallbackScope();
  const toolsFor = sessionToolsFactory({
    builtins: createBuiltinToolSource(),
    registry: tools,
    scope: callbacks,
  });
  const storeFaultPoints = testFaultHookOf(env);
  const runtime = await openRuntime({
    ...runtimeOptionsOf(flags, env),
    toolsFor,
    ...(storeFaultPoints ? { storeFaultPoints } : {}),
  });
  return { runtime, tools, callbacks };
}
