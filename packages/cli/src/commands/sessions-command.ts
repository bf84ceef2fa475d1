import type { Command } from 'commander';
import { openRuntime, type SessionSummary } from '@rkat/runtime';
import type { CliIo } from '../io.js';
import { addRealmOptions, runtimeOptions, type RealmFlags } from '../options/common-options.js';
import { renderTable } from '../output/table.js';

interface SessionsFlags extends RealmFlags {
  json?: boolean;
}

/** A summary in the wire shape of `session/list` (WireSessionSummary, 01 §6.2). */
function toWire(summary: SessionSummary): Record<string, unknown> {
  return {
    session_id: summary.sessionId,
    session_ref: summary.sessionRef,
    created_at: Math.floor(summary.createdAtMs / 1000),
    updated_at: Math.floor(summary.updatedAtMs / 1000),
    message_count: summary.messageCount,
    total_tokens: summary.totalTokens,
    is_active: summary.isActive,
    ...(Object.keys(summary.labels).length > 0 ? { labels: summary.labels } : {}),
  };
}

function formatLabels(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

/** `rkat sessions`: lists the realm's sessions, most recently updated first. */
export function registerSessionsCommand(program: Command, io: CliIo): void {
  addRealmOptions(program.command('sessions').description('list the sessions of the realm'))
    .option('--json', 'print the sessions as JSON')
    .action(async (_options: SessionsFlags, command: Command) => {
      const flags = command.optsWithGlobals<SessionsFlags>();
      const runtime = await openRuntime(runtimeOptions(flags, io));
      try {
        const sessions = await runtime.sessions.listSessions();
        if (flags.json) {
          io.stdout.write(`${JSON.stringify(sessions.map(toWire), null, 2)}\n`);
          return;
        }
        if (sessions.length === 0) {
          io.stderr.write(`no sessions in realm ${runtime.realmId}\n`);
          return;
        }
        const rows = sessions.map((session) => [
          session.sessionId,
          new Date(session.updatedAtMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          String(session.messageCount),
          String(session.totalTokens),
          formatLabels(session.labels),
        ]);
        io.stdout.write(renderTable(['ID', 'UPDATED', 'MESSAGES', 'TOKENS', 'LABELS'], rows));
      } finally {
        await runtime.close();
      }
    });
}
