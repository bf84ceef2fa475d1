import type { AgentEvent } from '@rkat/contracts';

/** Receives every event of every run of the service's sessions. Must not throw. */
export type SessionEventListener = (sessionId: string, event: AgentEvent) => void;

/**
 * Delivers run events to listeners in order. A throwing listener is isolated: it neither stops the run nor
 * other listeners (observers never share the durable path, architecture.md "A turn, as data").
 */
export class EventFanout {
  private readonly listeners = new Set<SessionEventListener>();

  subscribe(listener: SessionEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(sessionId: string, event: AgentEvent, first?: (event: AgentEvent) => void): void {
    if (first) deliver(() => first(event));
    for (const listener of this.listeners) deliver(() => listener(sessionId, event));
  }
}

function deliver(call: () => void): void {
  try {
    call();
  } catch {
    // An observer's failure must not affect the run or the other observers.
  }
}
