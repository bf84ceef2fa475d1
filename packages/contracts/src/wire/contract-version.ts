import { Type, type Static } from '@sinclair/typebox';

/** The contract version this build speaks, exactly as `initialize` reports it. */
export const CONTRACT_VERSION = '0.6.6';

/** `{major, minor, patch}` as carried by `capabilities/get` and `models/catalog`. */
export const ContractVersion = Type.Object({
  major: Type.Integer({ minimum: 0 }),
  minor: Type.Integer({ minimum: 0 }),
  patch: Type.Integer({ minimum: 0 }),
});
export type ContractVersion = Static<typeof ContractVersion>;
