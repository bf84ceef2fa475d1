import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicWire } from './anthropic-wire.js';
import { chatCompletionsWire } from './chat-completions-wire.js';
import { geminiWire } from './gemini-wire.js';
import { openAiResponsesWire } from './openai-responses-wire.js';
import type { RecordedRequest } from './recorded-request.js';
import { handleProviderRequest, sendJson, type HandlerState } from './request-handler.js';
import { AttemptCounter } from './script.js';
import type { WireFormat } from './wire-format.js';

const WIRES: readonly WireFormat[] = [anthropicWire, openAiResponsesWire, chatCompletionsWire, geminiWire];

/** Options for {@link startFakeProvider}. */
export interface StartFakeProviderOptions {
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
}

/** A running fake provider. */
export interface FakeProvider {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  /**
   * The base-URL variables (`ANTHROPIC_BASE_URL`, `OPENAI_BASE_URL` with `/v1`, `GEMINI_BASE_URL`) and
   * fake keys (`ANTHROPIC_API_KEY`, `OPENAI_API_KEY`, `GEMINI_API_KEY` = `fake-key-<provider>`).
   */
  env(): Record<string, string>;
  /** Every request received so far, in arrival order (a live array). */
  readonly requests: RecordedRequest[];
  /** Clears the recorded requests and the per-(script, step) attempt counters. */
  reset(): void;
  /** Stops listening and destroys every open connection, stalled streams included. Idempotent. */
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

async function route(
  request: IncomingMessage,
  response: ServerResponse,
  state: HandlerState,
  reset: () => void,
) {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (request.method === 'GET' && url.pathname === '/__fake/requests') {
    return sendJson(response, 200, state.requests);
  }
  if (request.method === 'POST' && url.pathname === '/__fake/reset') {
    reset();
    return sendJson(response, 200, { ok: true });
  }
  const wire =
    request.method === 'POST' ? WIRES.find((candidate) => candidate.matches(url.pathname)) : undefined;
  if (wire === undefined) {
    return sendJson(response, 404, {
      error: {
        type: 'not_found_error',
        message: `fake provider: no route for ${request.method} ${url.pathname}`,
      },
    });
  }
  const bodyText = await readBody(request);
  await handleProviderRequest(wire, request, response, url, bodyText, state);
}

/**
 * Starts the scripted fake provider on 127.0.0.1: a real HTTP server speaking the Anthropic Messages,
 * OpenAI Responses, Chat Completions and Gemini streaming formats, driven by the `<fake>` script in the
 * conversation (build it with `fakeScript`). Rejects when the port cannot be bound.
 */
export async function startFakeProvider(options: StartFakeProviderOptions = {}): Promise<FakeProvider> {
  const requests: RecordedRequest[] = [];
  const attempts = new AttemptCounter();
  let requestNumber = 0;
  const state: HandlerState = { requests, attempts, nextRequestNumber: () => ++requestNumber };
  const reset = (): void => {
    requests.length = 0;
    attempts.reset();
  };

  const server = createServer({ noDelay: true }, (request, response) => {
    route(request, response, state, reset).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      sendJson(response, 500, { error: { type: 'fake_provider_error', message } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | undefined;

  return {
    url,
    requests,
    env: () => ({
      ANTHROPIC_BASE_URL: url,
      OPENAI_BASE_URL: `${url}/v1`,
      GEMINI_BASE_URL: url,
      ANTHROPIC_API_KEY: 'fake-key-anthropic',
      OPENAI_API_KEY: 'fake-key-openai',
      GEMINI_API_KEY: 'fake-key-gemini',
    }),
    reset,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
