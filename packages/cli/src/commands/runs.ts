// `weft runs replay <runId> --from <stepId> [--input file.json]`: queues a run that replays a finished run from a
// step (the steps before it keep their recorded outputs), optionally with an edited input for that step, through
// the running server's API (see ../api-client.ts). Prints the new run's id.
import type { JsonValue } from '@weft/core';
import type { Reply } from '@weft/core/contract';
import { apiClient, type ApiOptions } from '../api-client.js';
import { guard, readJsonFile } from './flow-file.js';

export interface ReplayOptions extends ApiOptions {
  from: string;
  input?: string;
  json?: boolean;
}

export function runsReplayCommand(runId: string, options: ReplayOptions): Promise<void> {
  return guard(async () => {
    const input = options.input === undefined ? undefined : ((await readJsonFile(options.input, 'input')) as JsonValue);
    const api = apiClient(options);
    const body = { from: options.from, ...(input === undefined ? {} : { input }) };
    const accepted = await api.call<Reply<'replayRun'>>('POST', `/api/runs/${encodeURIComponent(runId)}/replay`, body);
    process.stdout.write(
      options.json
        ? `${JSON.stringify(accepted)}\n`
        : `queued run ${accepted.runId}: replays run ${runId} from step "${options.from}"${input === undefined ? '' : ' with the edited input'}\n`,
    );
  });
}
