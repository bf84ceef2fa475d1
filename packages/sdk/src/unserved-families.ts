/**
 * The capability named by a `CapabilityUnavailableError` when a method of a family the runtime does not serve
 * is called, by method (exact) or family (the part before the first `/`).
 */
export const UNSERVED_FAMILIES: Readonly<Record<string, string>> = {
  'session/inject_context': 'session_ingress',
  'session/external_event': 'external_events',
  'session/peer_response_terminal': 'comms',
  'session/stream_open': 'event_streams',
  session: 'sessions',
  mob: 'mob',
  live: 'live',
  schedule: 'schedule',
  comms: 'comms',
  skills: 'skills',
  mcp: 'mcp_live',
  help: 'help',
  runtime: 'runtime_host',
  approval: 'approvals',
  artifact: 'artifacts',
  events: 'event_replay',
  auth: 'auth',
};

/** The capability of `method`. */
export function capabilityOf(method: string): string {
  return UNSERVED_FAMILIES[method] ?? UNSERVED_FAMILIES[method.split('/')[0] ?? method] ?? method;
}
