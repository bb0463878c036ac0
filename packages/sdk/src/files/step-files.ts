// `ctx.files` for one step: the runtime's file storage bound to the step's run, with a missing file reported as
// a connector error the flow author can act on (not a crash).
import type { FileRef } from '@weft/core';
import { ConnectorError } from '../errors.js';
import type { FileStorage, StepFiles } from './file-port.js';

export function stepFiles(storage: FileStorage | undefined, runId: string): StepFiles {
  const unavailable = () =>
    new ConnectorError({
      kind: 'validation',
      code: 'connector_file_not_found',
      message: 'This runtime keeps no files (no file storage is configured)',
    });
  return {
    async create(input) {
      if (!storage) throw unavailable();
      return storage.create(runId, input);
    },
    async open(ref: FileRef) {
      if (!storage) throw unavailable();
      const opened = await storage.open(ref);
      if (!opened) {
        throw new ConnectorError({
          kind: 'validation',
          code: 'connector_file_not_found',
          message: `The file "${ref.$file.name}" (${ref.$file.id}) is gone: its run may have been deleted by retention`,
        });
      }
      return opened;
    },
  };
}
