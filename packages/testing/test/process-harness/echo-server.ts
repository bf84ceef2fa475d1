// A minimal JSONL server for the process harness's own tests (it stands in for rkat-rpc):
// `whoami` answers argv and the fault env; `ask` sends a `tool/execute` request and answers with the
// client's reply; `stream` sends `count` text_delta events of session `s` and never answers.
// stdin EOF exits 0.
import { createInterface } from 'node:readline';

interface Line {
  id?: number | string;
  method?: string;
  params?: { count?: number };
  result?: unknown;
}

const send = (message: unknown): void => {
  process.stdout.write(`${JSON.stringify(message)}\n`);
};
const pending = new Map<string, (result: unknown) => void>();

createInterface({ input: process.stdin }).on('line', (text) => {
  const line = JSON.parse(text) as Line;
  if (line.method === undefined) {
    pending.get(String(line.id))?.(line.result);
    return;
  }
  if (line.method === 'whoami') {
    send({
      jsonrpc: '2.0',
      id: line.id,
      result: { argv: process.argv.slice(2), fault: process.env.RKAT_TEST_FAULT_POINT ?? null },
    });
  } else if (line.method === 'ask') {
    pending.set('srv-1', (result) => send({ jsonrpc: '2.0', id: line.id, result }));
    send({ jsonrpc: '2.0', id: 'srv-1', method: 'tool/execute', params: { name: 'lookup' } });
  } else if (line.method === 'stream') {
    for (let index = 0; index < (line.params?.count ?? 0); index += 1) {
      send({
        jsonrpc: '2.0',
        method: 'session/event',
        params: { session_id: 's', event: { type: 'text_delta' } },
      });
    }
  } else {
    send({
      jsonrpc: '2.0',
      id: line.id,
      error: { code: -32601, message: `Method not found: ${line.method}` },
    });
  }
});
process.stdin.on('end', () => process.exit(0));
