export const SESSION_MANAGEMENT = `---
name: session-management
description: Manage agent sessions over rkat-rpc - create, continue, interrupt, stream, list, and archive.
---

# Session management

A session is a durable conversation: its transcript, settings and usage live in the realm store and
survive restarts.

## Lifecycle
- \`session/create {prompt, model?, system_prompt?, preload_skills?, skill_refs?, ...}\` creates a
  session and runs its first turn. \`initial_turn: "deferred"\` only creates it.
- \`turn/start {session_id, prompt, skill_refs?, additional_instructions?}\` runs the next turn. One
  turn runs per session at a time: a second one gets SESSION_BUSY.
- \`turn/interrupt {session_id}\` cancels the running turn; the input is abandoned, never replayed.
- \`session/read\`, \`session/history\` and \`session/list\` inspect sessions;
  \`session/archive\` retires one and releases its tools, shell jobs and MCP servers.

## Events
Every turn streams \`session/event\` notifications: \`run_started\`, text deltas, tool calls and results,
\`skills_resolved\`, and \`run_completed\` or \`run_failed\`. Resume a dropped stream from a cursor with
\`events/list_since\` rather than rerunning the turn.

## Good practice
- Reuse one session per task; create a new one when the context is unrelated.
- Put stable guidance in \`system_prompt\` or \`preload_skills\`; put per-turn guidance in
  \`additional_instructions\` or \`skill_refs\`.
- Use \`budget_limits\` for unattended runs so a loop cannot spend without bound.
- Session ids are UUIDs; \`session_ref\` is \`<realm_id>:<session_id>\` and works wherever a
  session id is accepted.
`;
