/**
 * Process groups of the shell commands this process started. Every command runs as the leader of its own
 * group, so one signal reaches the whole tree. Groups still alive when this process exits are killed from
 * an `exit` hook (synchronously: nothing asynchronous runs at that point).
 */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function killAllGroups(): void {
  for (const pgid of liveGroups) signalGroup(pgid, 'SIGKILL');
  liveGroups.clear();
}

export function trackGroup(pgid: number): void {
  if (!exitHookInstalled) {
    process.on('exit', killAllGroups);
    exitHookInstalled = true;
  }
  liveGroups.add(pgid);
}

export function untrackGroup(pgid: number): void {
  liveGroups.delete(pgid);
}

/**
 * Sends `signal` (or 0 to probe) to every process of the group `pgid`. Returns false when the group has no
 * process left (ESRCH) or cannot be signalled.
 */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}
