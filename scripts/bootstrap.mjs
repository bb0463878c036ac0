#!/usr/bin/env node
// Bootstrap behind `npm start`, `npm test` and `npm run weft`: runs on any Node >= 18 with nothing installed.
// 1. When the running Node is older than 24, provision Node 24 and pnpm under .weft/toolchain/ from the npm
//    registry (pinned in package.json "weft.toolchain") and re-run this script under them.
// 2. `pnpm install` when the lockfile or a package.json changed since the last install.
// 3. Incremental build (`tsc -b`, editor bundle when its sources changed).
// 4. Run the command.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const stateDir = join(root, '.weft');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pins = pkg.weft.toolchain;
const toolDir = join(stateDir, 'toolchain', `node-${pins.node}-pnpm-${pins.pnpm}`);
const [command = 'start', ...rest] = process.argv.slice(2);

function log(message) {
  process.stderr.write(`[weft] ${message}\n`);
}

function fail(message) {
  log(message);
  process.exit(1);
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) fail(`${cmd} ${args.join(' ')} could not start: ${result.error.message}`);
  if (result.status !== 0) fail(`${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

/** Runs a long-lived child, forwards termination signals, and exits with its status. */
function handOver(cmd, args, env = process.env) {
  const child = spawn(cmd, args, { stdio: 'inherit', cwd: root, env });
  const forward = (signal) => {
    if (child.exitCode === null) child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => forward(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 1)));
}

const nodePlatform = `${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
const nodePackageDir = join(toolDir, 'node_modules', `node-${nodePlatform}`);
const toolNode = join(nodePackageDir, 'bin', 'node');
const toolPnpm = join(toolDir, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');

function ensureToolchain({ needNode }) {
  const wanted = [];
  if (needNode && !existsSync(toolNode)) wanted.push(`node-${nodePlatform}@${pins.node}`);
  if (!existsSync(toolPnpm)) wanted.push(`pnpm@${pins.pnpm}`);
  if (!wanted.length) return;
  mkdirSync(toolDir, { recursive: true });
  if (!existsSync(join(toolDir, 'package.json'))) writeFileSync(join(toolDir, 'package.json'), '{"private":true}\n');
  log(`provisioning ${wanted.join(', ')} under .weft/toolchain (one time)`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  run(npm, ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', toolDir, ...wanted]);
}

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  ensureToolchain({ needNode: true });
  const env = { ...process.env, PATH: `${dirname(toolNode)}:${process.env.PATH}`, npm_config_nodedir: nodePackageDir };
  handOver(toolNode, [fileURLToPath(import.meta.url), command, ...rest], env);
} else {
  main();
}

function hashOf(files) {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file);
    hash.update(existsSync(file) ? readFileSync(file) : '');
  }
  return hash.digest('hex');
}

function workspacePackageJsons() {
  const found = [join(root, 'package.json')];
  for (const group of ['packages', 'connectors']) {
    const dir = join(root, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const file = join(dir, name, 'package.json');
      if (existsSync(file)) found.push(file);
    }
  }
  found.push(join(root, 'e2e', 'package.json'));
  return found;
}

function pnpm(args, options) {
  run(process.execPath, [toolPnpm, ...args], options);
}

function ensureInstalled() {
  ensureToolchain({ needNode: false });
  const stamp = join(stateDir, 'install.stamp');
  const lock = join(root, 'pnpm-lock.yaml');
  const want = hashOf([lock, ...workspacePackageJsons(), join(root, 'pnpm-workspace.yaml')]);
  const have = existsSync(stamp) ? readFileSync(stamp, 'utf8') : '';
  if (have === want && existsSync(join(root, 'node_modules'))) return;
  log('installing dependencies (pnpm install)');
  const frozen = process.env.CI && existsSync(lock) ? ['--frozen-lockfile'] : [];
  const env = { ...process.env };
  if (existsSync(join(nodePackageDir, 'include', 'node'))) env.npm_config_nodedir = nodePackageDir;
  pnpm(['install', ...frozen, '--reporter=append-only'], { env });
  writeFileSync(stamp, hashOf([lock, ...workspacePackageJsons(), join(root, 'pnpm-workspace.yaml')]));
}

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function build() {
  // The workspace's packages plus every connector package that has a tsconfig (each builds to its dist/).
  const connectorsDir = join(root, 'connectors');
  const connectorProjects = existsSync(connectorsDir)
    ? readdirSync(connectorsDir)
        .filter((name) => existsSync(join(connectorsDir, name, 'tsconfig.json')))
        .map((name) => join('connectors', name))
    : [];
  pnpm(['exec', 'tsc', '-b', 'tsconfig.json', ...connectorProjects]);
  const editor = join(root, 'packages', 'editor');
  if (existsSync(join(editor, 'package.json'))) {
    const bundle = join(editor, 'dist', 'index.html');
    const stale = !existsSync(bundle) || newestMtime(editor) > statSync(bundle).mtimeMs;
    if (stale) pnpm(['--filter', '@weft/editor', 'run', 'build']);
  }
}

function main() {
  mkdirSync(stateDir, { recursive: true });
  ensureInstalled();
  build();
  const cli = join(root, 'packages', 'cli', 'dist', 'bin.js');
  switch (command) {
    case 'start':
      return handOver(process.execPath, [cli, 'start', '--examples', join(root, 'examples'), ...rest]);
    case 'weft':
      return handOver(process.execPath, [cli, ...rest]);
    case 'test':
      return handOver(process.execPath, [join(root, 'scripts', 'test.mjs'), ...rest]);
    case 'bench':
      return handOver(process.execPath, [join(root, 'bench', 'run.mjs'), ...rest]);
    default:
      fail(`unknown command "${command}" (expected start, test, weft or bench)`);
  }
}
