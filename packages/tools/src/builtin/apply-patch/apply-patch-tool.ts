import type { BuiltinTool } from '../builtin-tool.js';
import { requiredString } from '../tool-args.js';
import { jsonOutcome } from '../tool-outcome.js';
import { applyPatch } from './apply-patch.js';

export interface ApplyPatchToolOptions {
  /** The project root every patched path is confined to. */
  projectRoot: string;
}

const DESCRIPTION = [
  'Apply a structured patch to files inside the project root. The patch string must use the exact apply_patch grammar and supports Add File, Delete File, Update File, Move to, and End of File markers.',
  'Format: "*** Begin Patch", then one or more hunks, then "*** End Patch".',
  '"*** Add File: <path>" is followed by the new lines, each prefixed with "+".',
  '"*** Delete File: <path>" removes a file.',
  '"*** Update File: <path>" (optionally followed by "*** Move to: <new path>") is followed by chunks: "@@" or "@@ <a line to find first>", then lines prefixed with " " (unchanged context), "-" (removed) or "+" (added); "*** End of File" anchors a chunk at the end of the file.',
  'Paths are relative to the project root, without "..". The patch is applied all or nothing.',
].join(' ');

/** The `apply_patch {patch}` built-in (02 §6.3) → `{status, added_files, modified_files, deleted_files}`. */
export function createApplyPatchTool(options: ApplyPatchToolOptions): BuiltinTool {
  return {
    def: {
      name: 'apply_patch',
      description: DESCRIPTION,
      input_schema: {
        type: 'object',
        properties: {
          patch: {
            type: 'string',
            description:
              "Patch text in apply_patch format, beginning with '*** Begin Patch' and ending with '*** End Patch'",
          },
        },
        required: ['patch'],
      },
    },
    execute: async (args) =>
      jsonOutcome(await applyPatch(options.projectRoot, requiredString(args, 'patch'))),
  };
}
