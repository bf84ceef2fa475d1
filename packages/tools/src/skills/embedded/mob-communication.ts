export const MOB_COMMUNICATION = `---
name: mob-communication
description: Work inside a mob - roles, wiring, the shared task board, flows, and reporting to the lead.
requires_capabilities: [mob]
---

# Mob communication

A mob is a team of member agents defined by profiles (model, tools, skills, role). Members talk over
comms along the wiring the mob sets up.

## As the lead (orchestrator)
- Spawn members with \`spawn_member\` (or \`spawn_many_members\`) naming a profile and a clear
  \`initial_message\`; wire them to whoever they must talk to with \`wire_members\`.
- Put work on the board: \`mob_task_create {subject, description, blocked_by?}\`; watch it with
  \`mob_task_list\`.
- Check progress with \`list_members\` and \`member_status\`; retire members that are done with
  \`retire_member\` so they stop consuming budget.
- For repeatable pipelines, run a defined flow with \`mob_run_flow\` and follow it with
  \`mob_flow_status\`.

## As a member
- Claim a task before working on it: \`mob_task_update {task_id, status: "in_progress", owner}\`.
- Report the result to the lead with \`send_response\` (for a request) or \`send_message\`, then set
  the task \`completed\` (or \`cancelled\` with the reason).
- Ask the lead - not another member - when the task is ambiguous.

## Etiquette
- One message per result; avoid chatty progress updates unless asked.
- Include the task id in every message about a task.
- Never wire or retire members you did not spawn unless you are the lead.
`;
