// The peers measured beside Weft, each answering the same POST {name, n} with {greeting, double}: a bare Koa
// handler (the floor), Node-RED and n8n. Node-RED and n8n are installed by the bench from the npm registry at
// pinned versions into a cache under os.tmpdir() (never project dependencies), started as child processes
// on 127.0.0.1 with telemetry off, and stopped afterwards. A peer that cannot be installed or started within
// its timeout is reported with the reason instead of a figure.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Koa from 'koa';
import { checkReply } from './load.mjs';

export const PINNED = {
  'node-red': process.env.BENCH_NODE_RED_VERSION ?? '5.0.7',
  n8n: process.env.BENCH_N8N_VERSION ?? '2.41.1',
};
/**
 * How each peer is installed. n8n's install scripts fetch prebuilt binaries from GitHub (unreachable when only
 * the npm registry is), so its scripts are skipped and the one native module a webhook flow needs, sqlite3
 * (its default database), is compiled from source against this Node's headers. (n8n@2.41.3, the latest,
 * depends on @n8n/agents@0.26.2, which the registry does not have: hence 2.41.1.)
 */
const RECIPES = { 'node-red': {}, n8n: { ignoreScripts: true, buildFromSource: ['sqlite3'] } };
const INSTALL_TIMEOUT_MS = Number(process.env.BENCH_PEER_INSTALL_TIMEOUT_S ?? 1800) * 1000;
const START_TIMEOUT_MS = Number(process.env.BENCH_PEER_START_TIMEOUT_S ?? 180) * 1000;
const cacheRoot = join(tmpdir(), 'weft-bench-peers');

function firstLines(text, n = 3) {
  return String(text ?? '')
    .split('\n')
    .filter((l) => l.trim() && !/^npm (error|ERR!) *$/.test(l.trim()))
    .slice(0, n)
    .join(' / ')
    .slice(0, 300);
}

function npm(args, what, env = process.env) {
  const command = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { timeout: INSTALL_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, env },
      (error, _out, stderr) => {
        if (!error) return resolve();
        const why = error.killed ? `timed out after ${INSTALL_TIMEOUT_MS / 1000} s` : firstLines(stderr);
        reject(new Error(`${what}: ${why || error.message}`));
      },
    );
  });
}

/** `npm install --prefix <cache>/<name>-<version> <name>@<version>` once; later runs reuse the directory. */
export async function installPeer(name, version = PINNED[name]) {
  const dir = join(cacheRoot, `${name}-${version}`);
  if (existsSync(join(dir, '.installed'))) return dir;
  const recipe = RECIPES[name] ?? {};
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), '{"private":true}\n');
  process.stderr.write(`[bench] installing ${name}@${version} into ${dir} (first run only; minutes for n8n)\n`);
  const args = ['install', '--prefix', dir, '--no-audit', '--no-fund', '--omit=dev', '--loglevel=error'];
  if (recipe.ignoreScripts) args.push('--ignore-scripts');
  try {
    await build(dir, name, version, args, recipe);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  await writeFile(join(dir, '.installed'), `${new Date().toISOString()}\n`);
  return dir;
}

async function build(dir, name, version, args, recipe) {
  await npm([...args, `${name}@${version}`], `npm install ${name}@${version}`);
  if (recipe.buildFromSource?.length) {
    // Node's own headers (the toolchain's node package ships them), so node-gyp needs no download either.
    const nodedir = dirname(dirname(process.execPath));
    const env = { ...process.env, npm_config_build_from_source: 'true' };
    if (existsSync(join(nodedir, 'include/node/node.h'))) env.npm_config_nodedir = nodedir;
    const rebuild = ['rebuild', '--prefix', dir, '--loglevel=error', ...recipe.buildFromSource];
    await npm(rebuild, `building ${recipe.buildFromSource.join(', ')} for ${name}`, env);
  }
}

/** A child process stopped with `stop()`; its last output is kept to explain a failed start. */
function child(command, args, options) {
  const proc = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  let tail = '';
  const keep = (chunk) => (tail = (tail + chunk).slice(-4000));
  proc.stdout.on('data', keep);
  proc.stderr.on('data', keep);
  return {
    proc,
    output: () => tail,
    stop: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        const force = setTimeout(() => proc.kill('SIGKILL'), 10_000);
        proc.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        proc.kill('SIGTERM');
      }),
  };
}

/** Polls `url` with the bench body until it answers the expected reply, the process exits, or time is up. */
async function waitForReply(url, running, what) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (running.proc.exitCode !== null) throw new Error(`${what} exited: ${firstLines(running.output(), 4)}`);
    try {
      const check = await checkReply(url);
      if (check.ok) return;
      last = `answered ${check.status} ${JSON.stringify(check.reply).slice(0, 200)}`;
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what} not ready within ${START_TIMEOUT_MS / 1000} s (${last})`);
}

async function freePort() {
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

/** Bare Koa: parse the body, build the reply; the floor every ratio is taken against. */
export async function startKoa() {
  const koa = new Koa();
  koa.use(async (ctx) => {
    let raw = '';
    for await (const chunk of ctx.req) raw += chunk;
    const input = JSON.parse(raw);
    ctx.body = { greeting: `Hello ${input.name}`, double: input.n * 2 };
  });
  const server = createServer(koa.callback());
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    version: `koa ${(await import('koa/package.json', { with: { type: 'json' } })).default.version}`,
    stop: () => new Promise((r) => server.close(r)),
  };
}

/** Node-RED: http in -> function -> http response, in a user dir of its own, editor and diagnostics off. */
export async function startNodeRed() {
  const dir = await installPeer('node-red');
  const userDir = await mkdtemp(join(tmpdir(), 'weft-bench-nodered-'));
  const port = await freePort();
  const flows = [
    { id: 'tab', type: 'tab', label: 'bench' },
    { id: 'in', type: 'http in', z: 'tab', url: '/bench', method: 'post', upload: false, wires: [['map']] },
    {
      id: 'map',
      type: 'function',
      z: 'tab',
      func: "msg.payload = { greeting: 'Hello ' + msg.payload.name, double: msg.payload.n * 2 };\nreturn msg;",
      outputs: 1,
      wires: [['out']],
    },
    { id: 'out', type: 'http response', z: 'tab', statusCode: '', headers: {}, wires: [] },
  ];
  await writeFile(join(userDir, 'flows.json'), JSON.stringify(flows));
  const settings = {
    uiHost: '127.0.0.1',
    uiPort: port,
    flowFile: 'flows.json',
    credentialSecret: false,
    diagnostics: { enabled: false, ui: false },
    telemetry: { enabled: false, updateNotification: false },
    externalModules: { autoInstall: false, palette: { allowInstall: false }, modules: { allowInstall: false } },
    logging: { console: { level: 'warn', metrics: false, audit: false } },
  };
  await writeFile(join(userDir, 'settings.js'), `module.exports = ${JSON.stringify(settings, null, 2)};\n`);
  const running = child(process.execPath, [join(dir, 'node_modules/node-red/red.js'), '--userDir', userDir], {
    cwd: userDir,
    env: { ...process.env, NODE_RED_ENABLE_PROJECTS: 'false' },
  });
  const url = `http://127.0.0.1:${port}/bench`;
  const stop = async () => {
    await running.stop();
    await rm(userDir, { recursive: true, force: true });
  };
  try {
    await waitForReply(url, running, 'node-red');
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, version: `node-red ${PINNED['node-red']}`, stop };
}

/** The n8n workflow: Webhook (answered by a Respond to Webhook node) -> Set -> Respond to Webhook. */
function n8nWorkflow() {
  return {
    id: 'weftBench0000001',
    name: 'weft bench',
    active: true,
    settings: { executionOrder: 'v1' },
    nodes: [
      {
        id: '7d4c8f0e-1b57-4f0c-9d59-1f2f7f2a0001',
        name: 'Webhook',
        type: 'n8n-nodes-base.webhook',
        typeVersion: 2,
        position: [0, 0],
        webhookId: '7d4c8f0e-1b57-4f0c-9d59-1f2f7f2a00ff',
        parameters: { httpMethod: 'POST', path: 'bench', responseMode: 'responseNode', options: {} },
      },
      {
        id: '7d4c8f0e-1b57-4f0c-9d59-1f2f7f2a0002',
        name: 'Map',
        type: 'n8n-nodes-base.set',
        typeVersion: 3.4,
        position: [220, 0],
        parameters: {
          mode: 'manual',
          assignments: {
            assignments: [
              { id: 'a1', name: 'greeting', value: '=Hello {{ $json.body.name }}', type: 'string' },
              { id: 'a2', name: 'double', value: '={{ $json.body.n * 2 }}', type: 'number' },
            ],
          },
          options: {},
        },
      },
      {
        id: '7d4c8f0e-1b57-4f0c-9d59-1f2f7f2a0003',
        name: 'Respond',
        type: 'n8n-nodes-base.respondToWebhook',
        typeVersion: 1.1,
        position: [440, 0],
        parameters: { respondWith: 'firstIncomingItem', options: {} },
      },
    ],
    connections: {
      Webhook: { main: [[{ node: 'Map', type: 'main', index: 0 }]] },
      Map: { main: [[{ node: 'Respond', type: 'main', index: 0 }]] },
    },
  };
}

function runToEnd(command, args, options, what) {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { timeout: START_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, ...options },
      (error, out, err) =>
        error ? reject(new Error(`${what} failed: ${firstLines(`${err}\n${out}`, 4) || error.message}`)) : resolve(out),
    );
  });
}

/**
 * n8n with its own user folder (SQLite, its default), listening on 127.0.0.1, diagnostics, version checks,
 * templates and community packages off; the workflow imported and activated through its CLI before start.
 */
export async function startN8n() {
  const dir = await installPeer('n8n');
  const userFolder = await mkdtemp(join(tmpdir(), 'weft-bench-n8n-'));
  const port = await freePort();
  const bin = join(dir, 'node_modules/n8n/bin/n8n');
  const env = {
    ...process.env,
    N8N_USER_FOLDER: userFolder,
    N8N_PORT: String(port),
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    N8N_HOST: '127.0.0.1',
    N8N_PROTOCOL: 'http',
    WEBHOOK_URL: `http://127.0.0.1:${port}/`,
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
    N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_HIRING_BANNER_ENABLED: 'false',
    N8N_COMMUNITY_PACKAGES_ENABLED: 'false',
    N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
    EXTERNAL_FRONTEND_HOOKS_URLS: '',
    N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
    N8N_SECURE_COOKIE: 'false',
    N8N_LOG_LEVEL: process.env.BENCH_N8N_LOG_LEVEL ?? 'warn',
    N8N_ENCRYPTION_KEY: 'weft-bench-not-a-secret',
  };
  const stopFolder = () => rm(userFolder, { recursive: true, force: true });
  const workflowFile = join(userFolder, 'workflow.json');
  const workflow = n8nWorkflow();
  await writeFile(workflowFile, JSON.stringify(workflow));
  try {
    await runToEnd(process.execPath, [bin, 'import:workflow', `--input=${workflowFile}`], { env }, 'n8n import');
    await activateN8nWorkflow(bin, workflow.id, env);
  } catch (error) {
    await stopFolder();
    throw error;
  }
  const running = child(process.execPath, [bin, 'start'], { cwd: userFolder, env });
  const url = `http://127.0.0.1:${port}/webhook/bench`;
  const stop = async () => {
    await running.stop();
    await stopFolder();
  };
  try {
    await waitForReply(url, running, 'n8n');
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, version: `n8n ${PINNED.n8n}`, stop, output: running.output };
}

/** n8n 2.x activates a workflow by publishing its current version (`publish:workflow`, read at start). */
async function activateN8nWorkflow(bin, id, env) {
  await runToEnd(process.execPath, [bin, 'publish:workflow', `--id=${id}`], { env }, 'n8n publish');
}
