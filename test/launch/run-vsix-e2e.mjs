// Tests what users install: the packaged .vsix, installed into a clean code-server with --install-extension,
// then driven in the browser like the development build (test/e2e/vsix/*.vsix.mjs). No extensionDevelopmentPath
// anywhere: the workbench loads the extension from the scratch extensions folder, as it would for a user.
//
//   npm run package && node test/launch/run-vsix-e2e.mjs [--vsix <file>] [--grep <pattern>] [--keep]
//
// Without --vsix it takes <name>-<version>.vsix from the repo root (what `npm run package` writes) and refuses
// one older than package.json or the sources, so a stale package is never what passes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runBrowserSuite } from './browserSuite.mjs';
import { provisionCodeServer } from './codeServer.mjs';
import { prepareHost } from './prerequisites.mjs';
import { repoRoot, testResultsDir } from './scratch.mjs';

const { values: options } = parseArgs({
  options: {
    vsix: { type: 'string' },
    grep: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const extensionId = `${manifest.publisher}.${manifest.name}`.toLowerCase();

/** Newest modification time under `dir` (files only), or 0. */
function newestIn(dir) {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function findVsix() {
  if (options.vsix) {
    const file = path.resolve(options.vsix);
    if (!fs.existsSync(file)) throw new Error(`${file} does not exist`);
    return file;
  }
  const file = path.join(repoRoot, `${manifest.name}-${manifest.version}.vsix`);
  if (!fs.existsSync(file)) throw new Error(`${path.relative(repoRoot, file)} is missing; run \`npm run package\` first`);
  const built = fs.statSync(file).mtimeMs;
  const inputs = ['package.json', 'package.nls.json'].map((f) => fs.statSync(path.join(repoRoot, f)).mtimeMs);
  const shipped = ['src', 'l10n', 'media/walkthrough'].map((dir) => newestIn(path.join(repoRoot, dir)));
  const newest = Math.max(...inputs, ...shipped);
  if (newest > built) {
    throw new Error(`${path.relative(repoRoot, file)} is older than the sources or the manifest; run \`npm run package\` again`);
  }
  return file;
}

/** Installs the .vsix the way a user's `code --install-extension` does, into an empty extensions folder. */
function installVsix(vsix, scratchDir) {
  const { nodeBinary, entry } = provisionCodeServer();
  const extensionsDir = path.join(scratchDir, 'extensions');
  const result = spawnSync(
    nodeBinary,
    [entry, '--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', path.join(scratchDir, 'install-user-data')],
    {
      encoding: 'utf8',
      env: { ...process.env, XDG_CONFIG_HOME: path.join(scratchDir, 'install-xdg-config'), XDG_DATA_HOME: path.join(scratchDir, 'install-xdg-data') },
    },
  );
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`code-server --install-extension failed (exit ${result.status}):\n${output}`);
  }
  const folder = path.join(extensionsDir, `${extensionId}-${manifest.version}`);
  if (!fs.existsSync(path.join(folder, 'package.json'))) {
    throw new Error(`the installed extension is not where expected: ${folder}\n${fs.readdirSync(extensionsDir).join('\n')}`);
  }
  return { extensionsDir, folder };
}

if (!prepareHost('vsix', { browser: true })) process.exit(1);
process.exit(
  await runBrowserSuite({
    tag: 'vsix',
    suiteName: 'vsix e2e',
    specsDir: path.join(repoRoot, 'test', 'e2e', 'vsix'),
    specSuffix: '.vsix.mjs',
    artifactsDir: path.join(testResultsDir, 'vsix'),
    grep: options.grep,
    keep: options.keep,
    async prepare(scratchDir, say) {
      const vsix = findVsix();
      say(`${path.relative(repoRoot, vsix)} (${(fs.statSync(vsix).size / 1024 / 1024).toFixed(2)} MB)`);
      const installed = installVsix(vsix, scratchDir);
      say(`installed into ${path.relative(repoRoot, installed.folder)}`);
      return { extensionsDir: installed.extensionsDir, harness: { installed: { ...installed, vsix, extensionId, version: manifest.version } } };
    },
  }),
);
