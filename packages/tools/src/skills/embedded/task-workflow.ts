export const TASK_WORKFLOW = `---
name: task-workflow
description: Plan multi-step work with the task tools - break it down, track status, and record dependencies.
requires_capabilities: [builtins]
---

# Task workflow

Use the task tools when a request needs more than two or three distinct steps, when work will span
several turns, or when another agent may pick up part of it. Tasks live in the project's task store, so
they survive restarts and are visible to every session of the realm.

## Tools
- \`task_create {subject, description, priority?, labels?, blocks?, blocked_by?, owner?, metadata?}\` -
  priority is \`low\`, \`medium\` (default) or \`high\`.
- \`task_list {status?, labels?}\` - status is \`pending\`, \`in_progress\` or \`completed\`.
- \`task_get {id}\` - one task with its dependencies.
- \`task_update {id, status?, subject?, description?, priority?, labels?, owner?, metadata?,
  add_blocks?, remove_blocks?, add_blocked_by?, remove_blocked_by?}\` - \`metadata\` merges; a \`null\`
  value deletes that key.

## Workflow
1. **Check first.** Call \`task_list\` before creating anything; continue an existing task instead of
   duplicating it.
2. **Break the work down.** One task per independently verifiable outcome ("tests for the parser pass"),
   not per action ("open file"). Put the acceptance criterion in the description.
3. **Record order.** Use \`blocked_by\` for real dependencies only; a task whose blockers are not
   completed should not be started.
4. **One task in progress.** Set \`in_progress\` when you start and \`completed\` only once the result is
   verified (build, test, or a read-back). If you stop early, leave it \`in_progress\` and write what
   remains into \`metadata.next_step\`.
5. **Report from the board.** Finish with a short summary built from \`task_list\`: what is completed,
   what is still pending and why.

## Pitfalls
- Do not mark a task completed because you wrote code; mark it completed because you checked it works.
- Keep subjects short and unique; the description carries the detail.
- Use \`owner\` when several agents share the board, so two agents never work the same task.
`;
