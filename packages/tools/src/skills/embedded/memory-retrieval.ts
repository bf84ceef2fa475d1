export const MEMORY_RETRIEVAL = `---
name: memory-retrieval
description: Recall earlier context with memory_search after compaction - query style, limits, and trust.
requires_capabilities: [memory_store]
---

# Memory retrieval

Long sessions are compacted: older messages are replaced by a summary marked \`[Context compacted]\`.
The discarded messages are indexed, and \`memory_search\` finds them again.

## The tool
\`memory_search {query, limit?}\` - \`limit\` defaults to 5 (at most 20). It answers
\`[{content, score, session_id, turn}]\`, best match first, with \`score\` between 0 and 1.

## When to search
- The user refers to something "from before" that is not in your visible context.
- The compaction summary mentions a decision, file or value without its details.
- Before redoing work that the summary says was already done.

## How to query
- Search for the distinctive nouns: file names, function names, error text, ticket ids - not for
  whole questions.
- Run two or three narrow queries rather than one broad one.
- Raise \`limit\` only when the first results are relevant but incomplete.

## Trusting results
- Results are past messages, not current state: re-read a file or rerun a command before relying on
  a remembered value that may have changed.
- Prefer higher scores and later turns when two results disagree.
- Say so when nothing relevant is found instead of guessing.
`;
