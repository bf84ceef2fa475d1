export const HOOK_AUTHORING = `---
name: hook-authoring
description: Write run hooks - hook points, modes, capabilities, failure policy, and the deny response.
---

# Hook authoring

Hooks let the host observe or guard a run at fixed points. They are configured in the realm config
(\`[[hooks.entries]]\`) or per run with \`hooks_override {entries, disable}\`.

## An entry
\`\`\`toml
[[hooks.entries]]
id = "block-rm"
point = "pre_tool_execution"      # run_started, run_completed, run_failed, pre_llm_request,
                                  # post_llm_response, pre_tool_execution, post_tool_execution, turn_boundary
mode = "foreground"               # foreground hooks run in order and can deny; background only observe
capability = "guardrail"          # observe | guardrail | rewrite
priority = 100                    # lower runs first; ties keep registration order
failure_policy = "fail_closed"    # what a crash or timeout means: fail_open or fail_closed
timeout_ms = 2000
runtime = { kind = "command", config = { command = "./hooks/block-rm.sh" } }
\`\`\`

## The protocol
A command hook reads one JSON object on stdin: the point, the session id and the part of the run it
concerns (\`tool_call {tool_use_id, name, args}\`, \`llm_response {...}\`, \`tool_result {...}\`). It writes
one JSON object on stdout:
- \`{}\` or \`{"decision": {"decision": "allow"}}\` to let the run continue;
- \`{"decision": {"decision": "deny", "hook_id": "block-rm", "reason_code": "policy_violation",
  "message": "rm -rf is not allowed"}}\` to stop it. Reason codes: \`policy_violation\`,
  \`safety_violation\`, \`schema_violation\`, \`timeout\`, \`runtime_error\`.

## Guidance
- Keep hooks fast and deterministic; the default timeout is 5 s and payloads are capped at 128 KiB.
- Use \`observe\` + \`background\` for logging and metrics; only guardrails should block.
- Choose \`fail_closed\` for safety checks (a broken guard must not silently allow) and \`fail_open\`
  for convenience hooks.
- The first foreground deny wins and skips the remaining hooks; the run then ends with a
  \`hook_denied\` event and the HOOK_DENIED error.
- Test a hook by piping a recorded payload into it before enabling it.
`;
