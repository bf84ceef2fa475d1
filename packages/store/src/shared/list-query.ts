import type { MessagePage, SessionListQuery } from '@rkat/core';

/** A listing query with defaults applied: no label filter, archived excluded, no limit, offset 0. */
export interface NormalizedListQuery {
  labels: Record<string, string>;
  includeArchived: boolean;
  /** `undefined` means no limit. */
  limit: number | undefined;
  offset: number;
}

/** A count or position: non-finite or negative values become 0, fractions are truncated. */
function clampCount(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.trunc(value) : 0;
}

export function normalizeListQuery(query: SessionListQuery = {}): NormalizedListQuery {
  return {
    labels: { ...query.labels },
    includeArchived: query.includeArchived === true,
    limit: query.limit === undefined ? undefined : clampCount(query.limit),
    offset: clampCount(query.offset ?? 0),
  };
}

export function normalizePage(page: MessagePage | undefined): { offset: number; limit: number | undefined } {
  return {
    offset: clampCount(page?.offset ?? 0),
    limit: page?.limit === undefined ? undefined : clampCount(page.limit),
  };
}

/** Byte order of the UTF-8 encodings, the order SQLite's default BINARY collation gives. */
export function compareSessionIds(left: string, right: string): number {
  return Buffer.compare(Buffer.from(left, 'utf8'), Buffer.from(right, 'utf8'));
}
