/**
 * JSON Schemas of the results the contract package has no schema for (01 §4, §6, §7, §10, §14–§16), as
 * documented, for `assertShape`.
 */
const string = { type: 'string' } as const;
const integer = { type: 'integer', minimum: 0 } as const;
const boolean = { type: 'boolean' } as const;
const object = (properties: Record<string, unknown>, required: string[] = Object.keys(properties)) => ({
  type: 'object',
  properties,
  required,
});
const contractVersion = object({ major: integer, minor: integer, patch: integer });

export const InitializeResult = object({
  server_info: object({ name: string, version: string }),
  contract_version: { const: '0.6.6' },
  methods: { type: 'array', items: string },
});

const status = {
  anyOf: [
    { const: 'Available' },
    object({ DisabledByPolicy: object({ description: string }) }),
    object({ NotCompiled: object({ feature: string }) }),
    object({ NotSupportedByProtocol: object({ reason: string }) }),
  ],
};
export const CapabilitiesResult = object({
  contract_version: contractVersion,
  capabilities: { type: 'array', items: object({ id: string, description: string, status }) },
});

const nullableString = { type: ['string', 'null'] } as const;
export const ConfigEnvelope = object(
  {
    config: { type: 'object' },
    generation: integer,
    realm_id: nullableString,
    instance_id: nullableString,
    backend: nullableString,
    resolved_paths: object(
      {
        root: string,
        manifest_path: string,
        config_path: string,
        sessions_sqlite_path: string,
        sessions_jsonl_dir: string,
      },
      ['root', 'manifest_path', 'config_path', 'sessions_jsonl_dir'],
    ),
  },
  ['config', 'generation', 'realm_id', 'instance_id', 'backend'],
);

export const DeferredCreateResult = object({ session_id: string, session_ref: string });
export const ArchiveResult = object({ archived: { const: true } });
export const InterruptResult = object({ interrupted: { const: true } });
export const ForkResult = object(
  { source_session_id: string, session_id: string, message_count: integer, session_ref: string },
  ['source_session_id', 'session_id', 'message_count'],
);
export const StreamOpenResult = object({ stream_id: string, session_id: string, opened: { const: true } });
export const StreamCloseResult = object({
  stream_id: string,
  closed: { const: true },
  already_closed: boolean,
});
export const RegisterResult = object({ registered: integer });
export const BlobResult = object({ blob_id: string, media_type: string, data: string });

export const RealmListResult = object({
  realms: {
    type: 'array',
    items: object({
      realm_id: string,
      default_binding: nullableString,
      backend_count: integer,
      auth_profile_count: integer,
      binding_count: integer,
    }),
  },
});
export const RealmGetResult = object(
  {
    realm_id: string,
    backends: { type: 'object' },
    auth_profiles: { type: 'object' },
    bindings: { type: 'object' },
    default_binding: string,
  },
  ['realm_id', 'backends', 'auth_profiles', 'bindings'],
);
