// Types of weft-server.mjs, for the specs that start a Weft server of their own (e.g. with other settings).
export interface StartedWeft {
  url: string;
  logs: string[];
  stop(): Promise<void>;
}

export function startWeft(options: {
  root: string;
  env?: Record<string, string | undefined>;
  port?: number;
  timeoutMs?: number;
}): Promise<StartedWeft>;
