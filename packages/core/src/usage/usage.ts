import type { Usage, WireUsage } from '@rkat/contracts';

/** A usage with every counter at zero and the cache counters unknown (`null`). */
export function emptyUsage(): Usage {
  return { input_tokens: 0, output_tokens: 0, cache_creation_tokens: null, cache_read_tokens: null };
}

function addNullable(left: number | null, right: number | null): number | null {
  if (left === null) return right;
  if (right === null) return left;
  return left + right;
}

/** The sum of two usages. A cache counter stays `null` only when both sides are `null`. */
export function addUsage(left: Usage, right: Usage): Usage {
  return {
    input_tokens: left.input_tokens + right.input_tokens,
    output_tokens: left.output_tokens + right.output_tokens,
    cache_creation_tokens: addNullable(left.cache_creation_tokens, right.cache_creation_tokens),
    cache_read_tokens: addNullable(left.cache_read_tokens, right.cache_read_tokens),
  };
}

/** Input plus output tokens: what the token budget counts. */
export function totalTokens(usage: Usage): number {
  return usage.input_tokens + usage.output_tokens;
}

/** The result form of a usage (01 §5 WireUsage): `total_tokens` added, unknown cache counters omitted. */
export function toWireUsage(usage: Usage): WireUsage {
  const wire: WireUsage = {
    input_tokens: usage.input_tokens,
    output_tokens: usage.output_tokens,
    total_tokens: totalTokens(usage),
  };
  if (usage.cache_creation_tokens !== null) wire.cache_creation_tokens = usage.cache_creation_tokens;
  if (usage.cache_read_tokens !== null) wire.cache_read_tokens = usage.cache_read_tokens;
  return wire;
}
