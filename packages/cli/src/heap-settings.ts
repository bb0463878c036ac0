// A long busy server makes V8 keep doubling its young generation up to 64 MB a semi-space: 128 MB of resident memory
// in the main heap, and as much in the sandbox's in-process isolate (a 100,000-item forEach peaked at 312 MB with it,
// 228 MB without). `weft start` therefore runs Node with the semi-space capped, by re-executing itself once in place
// (same process id, so supervisors and signals are unaffected). A cap given in NODE_OPTIONS or on the command line wins.
export const SEMI_SPACE_MB = 16;

const FLAG = '--max-semi-space-size';

export function relaunchWithHeapSettings(): void {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  if (given.some((arg) => arg.startsWith(FLAG)) || typeof process.execve !== 'function') return;
  process.execve(
    process.execPath,
    [process.execPath, `${FLAG}=${SEMI_SPACE_MB}`, ...process.execArgv, ...process.argv.slice(1)],
    process.env,
  );
}
