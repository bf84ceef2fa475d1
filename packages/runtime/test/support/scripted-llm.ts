import type { AssistantBlock, ProviderName, SessionMessage, Usage } from '@rkat/contracts';
import { LlmError, type LlmClient, type LlmRequest, type LlmStreamEvent } from '@rkat/core';
import type { ProviderBindings } from '../../src/index.js';

/** One scripted model reply: text, tool calls, a thrown error, or a reply that waits until aborted. */
export interface ScriptedStep {
  text?: string;
  tools?: { id: string; name: string; args?: Record<string, unknown> }[];
  usage?: { input: number; output: number };
  error?: LlmError;
  /** Never answers; the call fails with `cancelled` when its signal aborts. */
  hang?: boolean;
}

/** A recorded request: the messages as the model saw them (copied). */
export interface RecordedCall {
  model: string;
  systemPrompt: string | undefined;
  maxTokens: number;
  messages: SessionMessage[];
  toolNames: string[];
}

/** An `LlmClient` that answers from a script; a missing step answers `done`. */
export class ScriptedLlm implements LlmClient {
  readonly calls: RecordedCall[] = [];
  /** Resolves the first time a hanging step starts. */
  readonly hanging: Promise<void>;
  private markHanging: () => void = () => undefined;

  constructor(
    private readonly steps: ScriptedStep[],
    readonly provider: ProviderName = 'anthropic',
  ) {
    this.hanging = new Promise((resolve) => {
      this.markHanging = resolve;
    });
  }

  async *stream(request: LlmRequest): AsyncIterable<LlmStreamEvent> {
    this.calls.push({
      model: request.model,
      systemPrompt: request.systemPrompt,
      maxTokens: request.maxTokens,
      messages: structuredClone([...request.messages]),
      toolNames: request.tools.map((tool) => tool.name),
    });
    const step = this.steps.shift() ?? { text: 'done' };
    if (step.error) throw step.error;
    if (step.hang) {
      this.markHanging();
      await new Promise<never>((_, reject) => {
        const fail = (): void =>
          reject(new LlmError('cancelled', { kind: 'cancelled', provider: this.provider }));
        if (request.signal.aborted) fail();
        request.signal.addEventListener('abort', fail, { once: true });
      });
    }
    const blocks: AssistantBlock[] = [];
    if (step.text !== undefined) {
      yield { type: 'text_delta', delta: step.text };
      blocks.push({ block_type: 'text', data: { text: step.text } });
    }
    for (const call of step.tools ?? []) {
      blocks.push({ block_type: 'tool_use', data: { id: call.id, name: call.name, args: call.args ?? {} } });
    }
    const usage: Usage = {
      input_tokens: step.usage?.input ?? 1,
      output_tokens: step.usage?.output ?? 1,
      cache_creation_tokens: null,
      cache_read_tokens: null,
    };
    yield {
      type: 'response',
      response: { blocks, stopReason: step.tools?.length ? 'tool_use' : 'end_turn', usage },
    };
  }
}

const CATALOG: Readonly<Record<string, ProviderName>> = {
  'claude-opus-4-7': 'anthropic',
  'claude-sonnet-4-6': 'anthropic',
  'gpt-5.5': 'openai',
  'gemini-3-flash-preview': 'gemini',
};

/** Provider bindings over a tiny fixed catalog whose every client is `llm`. */
export function scriptedBindings(llm: LlmClient): ProviderBindings {
  return {
    inferProvider: (model) => CATALOG[model],
    parseProviderName: (raw) =>
      raw === 'open_a_i'
        ? 'openai'
        : (['anthropic', 'openai', 'gemini', 'self_hosted'] as const).find((name) => name === raw),
    defaultModel: (provider) => Object.entries(CATALOG).find(([, owner]) => owner === provider)?.[0],
    createClient: () => llm,
  };
}
