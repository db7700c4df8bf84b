// Debian's Chromium driven by playwright-core, pointed at a running code-server. Playwright never downloads
// a browser here; the facts behind the flags are in the design brief's notes on running a real VS Code host (not part of this repository).
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from './codeServer.mjs';

/** Launches headless Chromium with its caches under `scratchDir`, never under $HOME. */
export async function launchChromium(scratchDir) {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
    env: {
      ...process.env,
      XDG_CONFIG_HOME: path.join(scratchDir, 'chromium-config'),
      XDG_CACHE_HOME: path.join(scratchDir, 'chromium-cache'),
      XDG_DATA_HOME: path.join(scratchDir, 'chromium-data'),
    },
  });
}

/** The remote URI under which the workbench reaches a path on the server's disk. */
export function remoteUri(server, absolutePath) {
  return `vscode-remote://127.0.0.1:${server.port}${path.resolve(absolutePath)}`;
}

/**
 * The workbench URL that opens `folder` and, through the smoke-test driver's payload, loads the extension
 * from `extensionDevelopmentPath` and (optionally) runs the test index at `extensionTestsPath`.
 */
export function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remoteUri(server, extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(server, extensionTestsPath)]);
  payload.push(['skipWelcome', 'true']);
  const query = new URLSearchParams({ folder: path.resolve(folder), payload: JSON.stringify(payload) });
  return `${server.url}/?${query.toString()}`;
}

/**
 * Opens a page with the automation hooks in place BEFORE navigation, as the workbench looks them up once:
 * `codeAutomationLog(type, args)` carries the extension host's console, `codeAutomationExit(code)` the
 * result of the test index's run(). The browser's own console goes to `browserLogFile`.
 */
export async function openPage(browser, { onLog, onExit, browserLogFile, viewport = { width: 1400, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  if (onLog) await page.exposeFunction('codeAutomationLog', (type, args) => onLog(String(type), Array.isArray(args) ? args : [args]));
  if (onExit) await page.exposeFunction('codeAutomationExit', (code) => onExit(Number(code)));
  if (browserLogFile) {
    fs.mkdirSync(path.dirname(browserLogFile), { recursive: true });
    const append = (line) => fs.appendFileSync(browserLogFile, `${new Date().toISOString()} ${line}\n`);
    page.on('console', (message) => append(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => append(`[pageerror] ${error.stack ?? error.message}`));
  }
  return page;
}
