// The built `weft` binary as the CLI tests drive it: where it is, running one command to its end, and waiting
// for a started server to say where it listens. One place, so the suites run the binary the same way.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const BIN = join(ROOT, 'packages/cli/dist/bin.js');

export interface WeftResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A suite's scratch folder (`<tmp>/<prefix>…`), made once the binary is known to be built: without it the suite
 * fails early, with the fix. The suite removes the folder when done.
 */
export async function scratchForBuiltBinary(prefix: string): Promise<string> {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build first (npm test does)`);
  return mkdtemp(join(tmpdir(), prefix));
}

/** Runs `weft <args>` to its end; the exit code is 0 or the process's own, never a throw. */
export function runWeft(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<WeftResult> {
  return new Promise((resolve) => {
    const execOptions = { cwd: options.cwd, timeout: 30_000, env: { ...process.env, ...options.env } };
    execFile(process.execPath, [BIN, ...args], execOptions, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** The address a started `weft start` prints on stderr, on loopback; rejects if it exits or stays silent. */
export function listeningUrl(child: ChildProcess): Promise<string> {
  let stderr = '';
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 20_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /running at (http:\/\/localhost:\d+)/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace('localhost', '127.0.0.1'));
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
}

/**
 * Spawns `weft start` on a free loopback port with an owner account and warn-level logs; `args` and `env` add
 * to (or override) those. The caller owns the process and must kill it.
 */
export function spawnServer(
  dataDir: string,
  examples: string,
  options: { token: string; args?: string[]; env?: Record<string, string> },
): ChildProcess {
  const args = ['start', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--examples', examples];
  return spawn(process.execPath, [BIN, ...args, ...(options.args ?? [])], {
    cwd: ROOT,
    env: {
      ...process.env,
      WEFT_API_TOKEN: options.token,
      WEFT_OWNER_EMAIL: 'owner@test.local',
      WEFT_OWNER_PASSWORD: 'correct horse battery',
      WEFT_LOG_LEVEL: 'warn',
      ...options.env,
    },
  });
}
