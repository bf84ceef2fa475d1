import type { McpServerConfig } from './server-config.js';

/** A change as staged; a reload without a name means every server registered when it applies. */
export type StagedMcpOp =
  | { kind: 'add'; config: McpServerConfig; order: number }
  | { kind: 'remove'; name: string }
  | { kind: 'reload'; name?: string };

export type McpServerStep =
  { kind: 'add'; config: McpServerConfig; order: number } | { kind: 'remove' } | { kind: 'reload' };

/** The server names registered once `ops` have applied, in order, on top of `registered`. */
export function projectServerNames(registered: Iterable<string>, ops: readonly StagedMcpOp[]): Set<string> {
  const names = new Set(registered);
  for (const op of ops) {
    if (op.kind === 'add') names.add(op.config.name);
    else if (op.kind === 'remove') names.delete(op.name);
  }
  return names;
}

/**
 * Splits the staged queue into one ordered step list per server, so servers apply concurrently (one slow
 * server does not hold up the others) while each server's own changes keep their staging order.
 */
export function planServerSteps(
  registered: Iterable<string>,
  ops: readonly StagedMcpOp[],
): Map<string, McpServerStep[]> {
  const names = new Set(registered);
  const plan = new Map<string, McpServerStep[]>();
  const push = (name: string, step: McpServerStep) => {
    const steps = plan.get(name);
    if (steps) steps.push(step);
    else plan.set(name, [step]);
  };
  for (const op of ops) {
    if (op.kind === 'add') {
      names.add(op.config.name);
      push(op.config.name, { kind: 'add', config: op.config, order: op.order });
    } else if (op.kind === 'remove') {
      names.delete(op.name);
      push(op.name, { kind: 'remove' });
    } else {
      for (const name of op.name === undefined ? [...names] : [op.name]) push(name, { kind: 'reload' });
    }
  }
  return plan;
}
