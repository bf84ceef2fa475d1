/**
 * Named points inside `commitBoundary`, in the order they are reached, all inside the boundary's
 * transaction: before anything is written, after the messages, after the session row, after the
 * input's state (reached even without an input), and just before COMMIT. A throw at any of them
 * rolls the whole boundary back.
 */
export const COMMIT_FAULT_POINTS = [
  'commit:before',
  'commit:after-messages',
  'commit:after-session',
  'commit:after-input',
  'commit:before-commit',
] as const;

/** One of `COMMIT_FAULT_POINTS`. */
export type CommitFaultPoint = (typeof COMMIT_FAULT_POINTS)[number];
