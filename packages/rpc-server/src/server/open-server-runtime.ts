import { ExternalToolRegistry, openRuntime, type OpenRuntimeOptions, type Runtime } from '@rkat/runtime';
import { CallbackScope } from '../callbacks/callback-scope.js';
import { sessionToolsFactory } from '../callbacks/session-tools.js';
import type { ServerFlags } from '../process/server-flags.js';
import { testFaultHookOf, testWriteFaultOf } from './test-fault-hook.js';

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
  const opened: { runtime?: Runtime } = {};
  const toolsFor = sessionToolsFactory({
    registry: tools,
    scope: callbacks,
    // Runs start only after the runtime is open; the config is read then, so `config/set` applies.
    toolTimeouts: () => opened.runtime?.config.tools,
    localTools: (session) => {
      if (!opened.runtime) throw new Error('the runtime is not open yet');
      return opened.runtime.sessionTools.localTools(session);
    },
    limit: (source) => opened.runtime?.sessionTools.capped(source) ?? source,
  });
  const storeFaultPoints = testFaultHookOf(env);
  const storeWriteFault = testWriteFaultOf(env);
  const runtime = await openRuntime({
    ...runtimeOptionsOf(flags, env),
    toolsFor,
    ...(storeFaultPoints ? { storeFaultPoints } : {}),
    ...(storeWriteFault !== undefined ? { storeWriteFault } : {}),
  });
  opened.runtime = runtime;
  return { runtime, tools, callbacks };
}
