export const MULTI_AGENT_COMMS = `---
name: multi-agent-comms
description: Talk to peer agents - discover peers, send messages and requests, and answer them correctly.
requires_capabilities: [comms]
---

# Multi-agent comms

Sessions with a \`comms_name\` can exchange messages with their peers. The comms tools are visible only
when at least one peer is reachable.

## Tools
- \`peers {}\` - who you can reach, with their description and labels.
- \`send_message {peer_id, body, handling_mode, display_name?, blocks?}\` - one-way information.
- \`send_request {peer_id, intent, params, handling_mode, display_name?, blocks?}\` - ask for work;
  the peer answers with a response that names your request.
- \`send_response {peer_id, in_reply_to, status, result?, blocks?}\` - answer a request:
  \`accepted\` (working on it), then \`completed\` with a \`result\` or \`failed\` with the reason.

## Rules
1. Call \`peers\` first and address peers by the \`peer_id\` it returns; never invent ids.
2. Answer every request you receive exactly once with \`completed\` or \`failed\`; \`accepted\` is an
   optional early acknowledgement, not an answer.
3. Keep bodies self-contained: the peer does not see your transcript. State the goal, the inputs,
   and what "done" looks like.
4. Do not forward secrets or large files; share a blob id or a path instead.
5. When a peer goes quiet, do not resend in a loop - report the missing answer.
`;
