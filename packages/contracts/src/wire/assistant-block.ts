import { Type, type Static } from '@sinclair/typebox';
import { BlobId } from './content.js';

/** Provider-specific replay data attached to an assistant block (tag `provider`). */
export const BlockMeta = Type.Union([
  Type.Object({ provider: Type.Literal('anthropic'), signature: Type.String() }),
  Type.Object({ provider: Type.Literal('anthropic_redacted'), data: Type.String() }),
  Type.Object({ provider: Type.Literal('anthropic_compaction'), content: Type.String() }),
  Type.Object({ provider: Type.Literal('gemini'), thoughtSignature: Type.String() }),
  Type.Object({
    provider: Type.Literal('open_ai'),
    id: Type.String(),
    encrypted_content: Type.Optional(Type.String()),
    phase: Type.Optional(Type.String()),
  }),
  Type.Object({ provider: Type.Literal('unknown') }),
]);
export type BlockMeta = Static<typeof BlockMeta>;

/** A stored blob: `blob_id` is canonical `sha256:<64 hex>` (00-decisions.md §18). */
export const BlobRef = Type.Object({ blob_id: BlobId, media_type: Type.String() });
export type BlobRef = Static<typeof BlobRef>;

/**
 * What became of an image prompt (tag `disposition`: `not_requested`, `unsupported_by_backend`,
 * `unchanged`, `revised{text, source}`). 01 gives only the tag, so the variant fields stay open.
 */
export const RevisedPromptDisposition = Type.Object(
  { disposition: Type.String({ minLength: 1 }) },
  { additionalProperties: true },
);
export type RevisedPromptDisposition = Static<typeof RevisedPromptDisposition> & Record<string, unknown>;

/** Provider replay data of a generated image (tag `provider`); its fields are provider-defined. */
export const ImageMeta = Type.Object(
  { provider: Type.String({ minLength: 1 }) },
  { additionalProperties: true },
);
export type ImageMeta = Static<typeof ImageMeta> & Record<string, unknown>;

/** A generated image appended to the transcript (`assistant_image_appended`, `image` assistant block). */
export const AssistantImage = Type.Object({
  image_id: Type.String(),
  blob_ref: BlobRef,
  media_type: Type.String(),
  width: Type.Integer({ minimum: 0 }),
  height: Type.Integer({ minimum: 0 }),
  revised_prompt: RevisedPromptDisposition,
  meta: ImageMeta,
});
export type AssistantImage = Static<typeof AssistantImage>;

const meta = Type.Optional(BlockMeta);

/** One block of an assistant reply as stored and as returned by `session/history` (01 §6.4). */
export const AssistantBlock = Type.Union([
  Type.Object({ block_type: Type.Literal('text'), data: Type.Object({ text: Type.String(), meta }) }),
  Type.Object({
    block_type: Type.Literal('transcript'),
    data: Type.Object({ text: Type.String(), source: Type.Object({ kind: Type.Literal('spoken') }), meta }),
  }),
  Type.Object({ block_type: Type.Literal('reasoning'), data: Type.Object({ text: Type.String(), meta }) }),
  Type.Object({
    block_type: Type.Literal('tool_use'),
    data: Type.Object({
      id: Type.String(),
      name: Type.String(),
      args: Type.Record(Type.String(), Type.Unknown()),
      meta,
    }),
  }),
  Type.Object({
    block_type: Type.Literal('server_tool_content'),
    data: Type.Object({
      id: Type.Optional(Type.String()),
      name: Type.String(),
      content: Type.Unknown(),
      meta,
    }),
  }),
  Type.Object({ block_type: Type.Literal('image'), data: AssistantImage }),
]);
export type AssistantBlock = Static<typeof AssistantBlock>;

/** The `session/history` name of AssistantBlock (01 §6.4); the same schema. */
export const WireAssistantBlock = AssistantBlock;
export type WireAssistantBlock = AssistantBlock;
