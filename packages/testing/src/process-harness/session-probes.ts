import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FakeProvider } from '../fake-provider/index.js';
import type { RpcClient } from './rpc-client.js';

/** `session/read`'s fields the process tests look at. */
export interface SessionInfoView {
  session_id: string;
  message_count: number;
  is_active: boolean;
  last_assistant_text?: string;
  usage: Record<string, unknown>;
}

/** `session/history`'s fields the process tests look at. */
export interface HistoryView {
  message_count: number;
  messages: Record<string, unknown>[];
}

/** `session/read` of a session. */
export function readSession(client: RpcClient, sessionId: string): Promise<SessionInfoView> {
  return client.call<SessionInfoView>('session/read', { session_id: sessionId });
}

/** The whole committed transcript (`session/history` without paging). */
export function readHistory(client: RpcClient, sessionId: string): Promise<HistoryView> {
  return client.call<HistoryView>('session/history', { session_id: sessionId });
}

/** The bodies of every provider request the fake received that contain `marker`. */
export function requestsCarrying(fake: FakeProvider, marker: string): unknown[] {
  return fake.requests.map((request) => request.body).filter((body) => JSON.stringify(body).includes(marker));
}

/** How many times `marker` occurs in `value`'s JSON text. */
export function occurrences(value: unknown, marker: string): number {
  return JSON.stringify(value).split(marker).length - 1;
}

/** The files under `directory` (recursively) whose bytes contain `text` (UTF-8): SQLite files and WAL included. */
export async function filesContaining(directory: string, text: string): Promise<string[]> {
  const needle = Buffer.from(text, 'utf8');
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  const found: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if ((await readFile(path)).includes(needle)) found.push(path);
  }
  return found;
}
