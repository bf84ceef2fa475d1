import { Type, type Static } from '@sinclair/typebox';
import { optionalNullable } from './nullable.js';

/** Names a realm connection binding (and optionally an auth profile) to run a session with (01 §19). */
export const AuthBindingRef = Type.Object({
  realm: Type.String({ minLength: 1 }),
  binding: Type.String({ minLength: 1 }),
  profile: optionalNullable(Type.String({ minLength: 1 })),
});
export type AuthBindingRef = Static<typeof AuthBindingRef>;

/** Which tools a session sees: `"All"`, `{"Allow":[names]}` or `{"Deny":[names]}`. */
export const ToolFilter = Type.Union([
  Type.Literal('All'),
  Type.Object({ Allow: Type.Array(Type.String()) }, { additionalProperties: false }),
  Type.Object({ Deny: Type.Array(Type.String()) }, { additionalProperties: false }),
]);
export type ToolFilter = Static<typeof ToolFilter>;

/** How a comms peer describes itself. Reserved label keys are rejected by the session service. */
export const PeerMeta = Type.Object({
  description: optionalNullable(Type.String()),
  labels: optionalNullable(Type.Record(Type.String(), Type.String())),
});
export type PeerMeta = Static<typeof PeerMeta>;
