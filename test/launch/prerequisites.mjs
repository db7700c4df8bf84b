// What a fresh Debian machine must have before the launchers can provision and drive a real VS Code, checked up
// front so that a missing package is named in one line with the command that installs it, instead of failing
// minutes later inside a nested npm install (or as "0 passed, 0 failed").
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cacheRoot, chromiumCandidate, codeServerIsProvisioned, provisionCodeServer } from './codeServer.mjs';

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/**
 * The Debian packages that are missing. code-server's install builds native addons with node-gyp (make, g++,
 * python3), one of them against Kerberos (libkrb5-dev); those matter only while the cache is cold. The browser
 * suites and `npm start --check` also drive Debian's Chromium.
 */
export function missingPackages({ browser }) {
  const missing = [];
  if (!codeServerIsProvisioned()) {
    if (!onPath('make')) missing.push('make');
    if (!onPath('g++')) missing.push('g++');
    if (!onPath('python3')) missing.push('python3');
    if (!fs.existsSync('/usr/include/gssapi/gssapi.h') && !onPath('krb5-config')) missing.push('libkrb5-dev');
  }
  if (browser && !fs.existsSync(chromiumCandidate())) missing.push('chromium');
  return missing;
}

/**
 * Checks the prerequisites, then provisions Node 24 and code-server into the cache (a few minutes when cold).
 * Returns true when the host is ready; otherwise prints why, with what to install, and returns false.
 */
export function prepareHost(tag, { browser }) {
  const missing = missingPackages({ browser });
  if (missing.length > 0) {
    console.error(
      `[${tag}] missing Debian packages: ${missing.join(', ')}; install them with: ` +
        `sudo apt-get install -y ${missing.join(' ')}`,
    );
    return false;
  }
  try {
    provisionCodeServer();
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(
      `[${tag}] could not set up VS Code (code-server) in ${path.join(cacheRoot())}: ${reason}. ` +
        'Its install needs network access to the npm registry and the Debian packages make, g++, python3 and ' +
        'libkrb5-dev (sudo apt-get install -y make g++ python3 libkrb5-dev); the npm output above says which step failed.',
    );
    return false;
  }
}
