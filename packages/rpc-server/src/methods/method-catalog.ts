/**
 * The method catalog of contract 0.6.6 in its published order (01 §4.1), for the families this package
 * may serve. Families specified elsewhere (schedule, live, mob) are placed by their prefix. `tools/register`
 * is not in the original catalog; served methods the catalog does not name go last.
 */
const CATALOG_ORDER: readonly string[] = [
  'initialize',
  'session/create',
  'session/list',
  'session/read',
  'session/history',
  'session/fork_at',
  'session/fork_replace',
  'session/archive',
  'turn/start',
  'turn/interrupt',
  'config/get',
  'config/set',
  'config/patch',
  'capabilities/get',
  'runtime/host_info',
  'runtime/capabilities',
  'runtime/health',
  'approval/request',
  'approval/list',
  'approval/get',
  'approval/decide',
  'models/catalog',
  'auth/profile/list',
  'auth/profile/get',
  'auth/profile/create',
  'auth/profile/delete',
  'auth/login/start',
  'auth/login/complete',
  'auth/login/device_start',
  'auth/login/device_complete',
  'auth/login/provision_api_key',
  'auth/status/get',
  'auth/logout',
  'realm/list',
  'realm/get',
  'help/ask',
  'blob/get',
  'artifact/list',
  'artifact/get',
  'artifact/download',
  'session/external_event',
  'session/peer_response_terminal',
  'session/inject_context',
  'events/latest_cursor',
  'events/list_since',
  'events/snapshot',
  'session/stream_open',
  'session/stream_close',
  'schedule/',
  'skills/list',
  'live/',
  'mob/',
  'mcp/add',
  'mcp/remove',
  'mcp/reload',
  'comms/send',
  'comms/peers',
];

function rank(method: string): number {
  const exact = CATALOG_ORDER.indexOf(method);
  if (exact !== -1) return exact;
  const family = CATALOG_ORDER.findIndex((entry) => entry.endsWith('/') && method.startsWith(entry));
  return family === -1 ? CATALOG_ORDER.length : family;
}

/**
 * The `methods` of `initialize` (01 §4.1, 00-decisions.md §6): `initialized` first, then exactly the served
 * methods in catalog order (a stable sort, so names of one family keep the order they were served in).
 */
export function advertisedMethods(served: Iterable<string>): string[] {
  const names = [...served].filter((name) => name !== 'initialized');
  const ordered = names
    .map((name, index) => ({ name, index, rank: rank(name) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.name);
  return ['initialized', ...ordered];
}
