// Why: processes of one Weft cluster (web and worker roles) tell each other about things that happen in one of
// them — a circuit that opened, a run event for live views. This is the one port they talk through; it has an
// in-process, a Redis and a PostgreSQL implementation that behave the same (bus.test.ts runs one contract
// against all three).
export type BusHandler = (message: string) => void;

export interface ClusterBus {
  /** Delivers `message` to every subscriber of `channel`, in every process, this one included. */
  publish(channel: string, message: string): Promise<void>;
  /**
   * Calls `handler` with every message published on `channel` after this resolves (in publish order for one
   * publisher); resolves with the function that stops it. At most once: a process that was disconnected misses
   * what was published meanwhile.
   */
  subscribe(channel: string, handler: BusHandler): Promise<() => Promise<void>>;
  /** Stops every subscription and closes the connections this bus opened. */
  close(): Promise<void>;
}

/** Reported instead of thrown: a handler that threw, a lost connection, a message that could not be read. */
export type BusErrorHandler = (error: unknown) => void;

export const reportToProcess: BusErrorHandler = (error) => {
  process.emitWarning(error instanceof Error ? error : new Error(String(error)), { code: 'WEFT_CLUSTER_BUS' });
};
