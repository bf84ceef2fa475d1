import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { parseJson } from '@rkat/contracts';
import { planAnswer } from './answer.js';
import type { FakeStep } from './fake-step.js';
import type { RecordedRequest } from './recorded-request.js';
import { selectScriptStep, type AttemptCounter } from './script.js';
import { writeStream } from './stream-driver.js';
import type { WireError, WireFormat } from './wire-format.js';

/** Server-wide state a provider request reads and updates. */
export interface HandlerState {
  requests: RecordedRequest[];
  attempts: AttemptCounter;
  nextRequestNumber(): number;
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** Answers a JSON body (errors and the control endpoints). */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

function stepError(step: FakeStep, attempt: number): WireError | undefined {
  const error = step.error;
  if (error === undefined || (error.times !== undefined && attempt > error.times)) return undefined;
  return {
    status: error.status ?? 400,
    kind: error.kind === 'context_exceeded' ? 'context_exceeded' : 'scripted',
    message: error.message,
    retryAfter: error.retry_after,
  };
}

/**
 * Handles one provider call: records it, checks auth and the body, runs the script's step, and answers
 * either the provider's HTTP error or the streamed reply. Resolves when the answer is finished.
 */
export async function handleProviderRequest(
  wire: WireFormat,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  bodyText: string,
  state: HandlerState,
): Promise<void> {
  const requestNumber = state.nextRequestNumber();
  const record: RecordedRequest = {
    format: wire.format,
    path: url.pathname + url.search,
    headers: flattenHeaders(request.headers),
    body: bodyText,
    step: -1,
    attempt: 0,
    status: 0,
    receivedAtMs: Date.now(),
  };
  state.requests.push(record);
  const headers = wire.responseHeaders(requestNumber);
  const fail = (error: WireError): void => {
    record.status = error.status;
    const errorHeaders = { ...headers };
    if (error.retryAfter !== undefined) errorHeaders['retry-after'] = String(error.retryAfter);
    sendJson(response, error.status, wire.errorBody(error), errorHeaders);
  };
  const invalid = (message: string): void => fail({ status: 400, kind: 'invalid_request', message });

  const parsed = parseJson(bodyText);
  if (parsed.ok) record.body = parsed.value;
  if (!wire.authorized(request.headers, url)) return fail({ status: 401, kind: 'authentication' });
  if (!parsed.ok) return invalid(`The request body is not valid JSON: ${parsed.error}`);
  const neutral = wire.parseRequest(parsed.value, url);
  if (typeof neutral === 'string') return invalid(neutral);
  if (!neutral.stream) return invalid('The fake provider only answers streaming requests.');

  const selection = selectScriptStep(neutral.conversation);
  if (selection.kind === 'invalid') return invalid(selection.error);
  const scriptKey = selection.kind === 'script' ? selection.scriptKey : '';
  const stepIndex = selection.kind === 'script' ? selection.step : 0;
  const step: FakeStep =
    selection.kind === 'echo'
      ? { text: `echo: ${selection.lastUserText}` }
      : (selection.stepDefinition ?? { text: 'done' });
  record.step = stepIndex;
  record.attempt = state.attempts.next(scriptKey, stepIndex);
  const error = stepError(step, record.attempt);
  if (error !== undefined) return fail(error);

  const plan = wire.planStream(planAnswer(step, stepIndex, bodyText.length), neutral, requestNumber);
  record.status = 200;
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...headers,
  });
  response.flushHeaders();
  const faulty = step.fault_times === undefined || record.attempt <= step.fault_times;
  await writeStream(
    response,
    plan,
    faulty
      ? {
          delayMs: step.delay_ms ?? 0,
          cutAfter: step.cut_after,
          stallAfter: step.stall_after,
          errorEventAfter: step.error_event_after,
          doneAfter: step.done_after,
          cutAfterBytes: step.cut_after_bytes,
          keepaliveMs: step.keepalive_ms,
        }
      : { delayMs: step.delay_ms ?? 0 },
  );
}
