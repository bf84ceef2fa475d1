import type { FakeStep, FakeStopReason } from './fake-step.js';

/** A resolved tool call: id filled in, arguments serialized once so every format streams the same JSON. */
export interface PlannedToolCall {
  id: string;
  /** True when the script named the id (Gemini only sends ids the script chose). */
  scriptedId: boolean;
  name: string;
  args: Record<string, unknown>;
  argumentsJson: string;
}

export interface PlannedUsage {
  input: number;
  output: number;
  cacheRead: number;
  cacheCreation: number;
}

/** Everything a wire module needs to write one streamed answer. */
export interface PlannedAnswer {
  step: number;
  text: string;
  reasoning: string;
  tools: PlannedToolCall[];
  usage: PlannedUsage;
  stop: FakeStopReason;
  chunkSize: number;
  /** Reasoning and text share chunks (`reasoning_with_text`), where the format allows it. */
  reasoningWithText: boolean;
}

const DEFAULT_CHUNK = 4;

/** Resolves a step into a concrete answer; the echo and `done` fallbacks arrive as `{ text }` steps. */
export function planAnswer(step: FakeStep, stepIndex: number, requestChars: number): PlannedAnswer {
  const text = step.json !== undefined ? JSON.stringify(step.json) : (step.text ?? '');
  const reasoning = step.reasoning ?? '';
  const tools = (step.tools ?? []).map((tool, index): PlannedToolCall => {
    const args = tool.args ?? {};
    return {
      id: tool.id ?? `call_${stepIndex}_${index}`,
      scriptedId: tool.id !== undefined,
      name: tool.name,
      args,
      argumentsJson: JSON.stringify(args),
    };
  });
  const outputChars =
    text.length + reasoning.length + tools.reduce((sum, tool) => sum + tool.argumentsJson.length, 0);
  const usage: PlannedUsage = step.usage
    ? {
        input: step.usage.input,
        output: step.usage.output,
        cacheRead: step.usage.cache_read ?? 0,
        cacheCreation: step.usage.cache_creation ?? 0,
      }
    : {
        input: Math.ceil(requestChars / 4),
        output: Math.max(1, Math.ceil(outputChars / 4)),
        cacheRead: 0,
        cacheCreation: 0,
      };
  return {
    step: stepIndex,
    text,
    reasoning,
    tools,
    usage,
    stop: step.stop ?? (tools.length > 0 ? 'tool_use' : 'end_turn'),
    chunkSize: step.chunk ?? DEFAULT_CHUNK,
    reasoningWithText: step.reasoning_with_text === true,
  };
}

/** Splits `text` into pieces of `size` characters (code points, so surrogate pairs stay whole). */
export function chunkText(text: string, size: number): string[] {
  const characters = Array.from(text);
  const chunks: string[] = [];
  for (let start = 0; start < characters.length; start += size) {
    chunks.push(characters.slice(start, start + size).join(''));
  }
  return chunks;
}

/** Pairs the i-th pieces of two texts split by `size` (an empty string where one text ran out). */
export function zipChunks(first: string, second: string, size: number): [string, string][] {
  const left = chunkText(first, size);
  const right = chunkText(second, size);
  return Array.from({ length: Math.max(left.length, right.length) }, (_, index) => [
    left[index] ?? '',
    right[index] ?? '',
  ]);
}
