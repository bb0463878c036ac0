// Starts a real Weft server (the built CLI) as a child process on a free port (or the given one) with a throwaway
// data dir (SQLite, the default store).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function startWeft({ root, env, port = 0, timeoutMs = 45_000 }) {
  // WEFT_E2E_CLI points at another build of the CLI (same arguments and start-up line), e.g. a bisect build.
  const bin = process.env.WEFT_E2E_CLI ?? join(root, 'packages', 'cli', 'dist', 'bin.js');
  if (!existsSync(bin))
    throw new Error(
      `the Weft CLI is not built (${bin} is missing); run "npm test" or "npm start" once so the bootstrap builds it`,
    );
  const dataDir = await mkdtemp(join(tmpdir(), 'weft-e2e-'));
  const child = spawn(
    process.execPath,
    [bin, 'start', '--port', String(port), '--data-dir', dataDir, '--examples', join(root, 'examples')],
    {
      cwd: root,
      env: { ...process.env, WEFT_LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the server printed no "Weft is running at" line within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    const onData = (chunk) => {
      output += chunk.toString();
      const match = /Weft is running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ''));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited during start-up (${signal ?? `exit ${code}`})`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  }).catch((error) => {
    child.kill('SIGKILL');
    throw Object.assign(error, { output });
  });
  child.stdout.removeAllListeners('data');
  child.stderr.removeAllListeners('data');
  const logs = [];
  const keep = (chunk) => {
    logs.push(chunk.toString());
    if (logs.length > 400) logs.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return {
    url,
    logs,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
