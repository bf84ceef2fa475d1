import type { ExternalToolRegistry, Runtime } from '@rkat/runtime';
import type { CallbackScope } from '../callbacks/callback-scope.js';
import type { Logger } from '../transport/index.js';

/** What the method handlers share: the runtime and the process-wide callback-tool state. */
export interface MethodDeps {
  readonly runtime: Runtime;
  /** The process-global `tools/register` registry. */
  readonly tools: ExternalToolRegistry;
  /** Binds the runs a request starts to that request's client (callback tools). */
  readonly callbacks: CallbackScope;
  readonly logger: Logger;
}
