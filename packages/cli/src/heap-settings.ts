// A long busy server makes V8 keep doubling its young generation up to 64 MB a semi-space: 128 MB of resident
// memory in the main heap, and as much in the sandbox's in-process isolate. With a 100,000-item forEach the server
// peaked at 293 MB; with the semi-space capped at 16 MB, 228-246 MB; at 8 MB, 209-222 MB. So `weft start` runs Node
// with an 8 MB cap, re-executing itself once in place (same process id: supervisors and signals are unaffected).
// A cap given in NODE_OPTIONS or on the command line wins.
export const SEMI_SPACE_MB = 8;

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
