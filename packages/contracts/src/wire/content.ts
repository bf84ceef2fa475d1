import { Type, type Static } from '@sinclair/typebox';

/** A stored blob's id: canonical `sha256:<64 lowercase hex>` only (00-decisions.md §18, reliability row 35). */
export const BlobId = Type.String({ pattern: '^sha256:[0-9a-f]{64}$' });

/** A text content block. */
export const TextBlock = Type.Object({ type: Type.Literal('text'), text: Type.String() });
export type TextBlock = Static<typeof TextBlock>;

/** An image content block, inline base64 or a stored blob. */
export const ImageBlock = Type.Union([
  Type.Object({
    type: Type.Literal('image'),
    media_type: Type.String(),
    source: Type.Literal('inline'),
    data: Type.String({ contentEncoding: 'base64' }),
  }),
  Type.Object({
    type: Type.Literal('image'),
    media_type: Type.String(),
    source: Type.Literal('blob'),
    blob_id: BlobId,
  }),
]);
export type ImageBlock = Static<typeof ImageBlock>;

/** An inline video block; only for models with `inline_video`. */
export const VideoBlock = Type.Object({
  type: Type.Literal('video'),
  media_type: Type.Union([
    Type.Literal('video/mp4'),
    Type.Literal('video/webm'),
    Type.Literal('video/quicktime'),
  ]),
  duration_ms: Type.Integer({ minimum: 0 }),
  source: Type.Literal('inline'),
  data: Type.String({ contentEncoding: 'base64' }),
});
export type VideoBlock = Static<typeof VideoBlock>;

/** A block of user or tool-result content (tag `type`). */
export const ContentBlock = Type.Union([TextBlock, ImageBlock, VideoBlock]);
export type ContentBlock = Static<typeof ContentBlock>;

/** A prompt: a plain string or an array of content blocks. */
export const ContentInput = Type.Union([Type.String(), Type.Array(ContentBlock)]);
export type ContentInput = Static<typeof ContentInput>;

/** A tool offered to the model. `input_schema` is a JSON Schema object. */
export const ToolDef = Type.Object({
  name: Type.String({ minLength: 1 }),
  description: Type.String(),
  input_schema: Type.Record(Type.String(), Type.Unknown()),
  provenance: Type.Optional(Type.Unknown()),
});
export type ToolDef = Static<typeof ToolDef>;
