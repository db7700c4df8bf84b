// The manifest against what it promises: commands registered in code, strings in package.nls.json, the README's
// tables, the files it points at, and the runtime l10n bundle. These drift silently otherwise: VS Code shows a
// raw "%key%" or a missing command only when a user gets there.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';

const root = path.resolve(import.meta.dirname, '..', '..');
const read = (relative: string) => fs.readFileSync(path.join(root, relative), 'utf8');

interface CommandContribution {
  command: string;
  title: string;
  category?: string;
}
interface SettingContribution {
  default?: unknown;
  description?: string;
  markdownDescription?: string;
}
interface WalkthroughStep {
  id: string;
  title: string;
  description: string;
  media: { image?: string; markdown?: string; altText?: string };
}
interface Manifest {
  icon?: string;
  l10n?: string;
  repository?: { url?: string };
  contributes: {
    commands: CommandContribution[];
    configuration: { properties: Record<string, SettingContribution> };
    menus: Record<string, { command: string }[]>;
    viewsWelcome?: { contents: string }[];
    walkthroughs?: { id: string; title: string; steps: WalkthroughStep[] }[];
  };
}

const manifest = JSON.parse(read('package.json')) as Manifest;
const nls = JSON.parse(read('package.nls.json')) as Record<string, string>;

/** A manifest string as VS Code shows it: "%key%" replaced from package.nls.json. */
function shown(value: string): string {
  const key = /^%(.+)%$/.exec(value)?.[1];
  if (key === undefined) return value;
  assert.ok(key in nls, `package.nls.json has no "${key}"`);
  return nls[key];
}

/** Every string anywhere in the manifest, with its JSON path. */
function* strings(value: unknown, where = ''): Generator<[string, string]> {
  if (typeof value === 'string') yield [where, value];
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* strings(item, `${where}[${i}]`);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, `${where}.${k}`);
}

/** The rows of the first Markdown table under `## heading` in README.md, as trimmed cells. */
function readmeTable(heading: string): string[][] {
  const readme = read('README.md');
  const start = readme.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `README.md has no "## ${heading}" section`);
  const end = readme.indexOf('\n## ', start + heading.length + 4);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const rows = section
    .split('\n')
    .filter((line) => line.trim().startsWith('|'))
    .map((line) =>
      line
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((cell) => cell.trim()),
    );
  assert.ok(rows.length > 2, `README.md's "## ${heading}" section has no table`);
  return rows.slice(2); // header and separator
}

const codeSpan = (cell: string) => /^`([^`]+)`$/.exec(cell)?.[1];

/** The command IDs of the COMMANDS table in src/editor/commands/index.ts (read as text: it imports vscode). */
function registeredCommands(): string[] {
  const source = read('src/editor/commands/index.ts');
  const table = /export const COMMANDS[^=]*=\s*\{([\s\S]*?)\n\};/.exec(source);
  assert.ok(table, 'src/editor/commands/index.ts has no `export const COMMANDS = { ... };`');
  return [...table[1].matchAll(/^\s*'([\w.]+)'\s*:/gm)].map((m) => m[1]);
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(dir, file));
}

function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(path.join(root, file));
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', `${file} is not a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const contributed = manifest.contributes.commands;
const settings = manifest.contributes.configuration.properties;

describe('manifest', () => {
  describe('commands', () => {
    it('contributes exactly the commands registered in src/editor/commands/index.ts', () => {
      const registered = registeredCommands();
      assert.ok(registered.includes('claims.markClaim'), `the COMMANDS table was not read: ${registered.join(', ')}`);
      const ids = contributed.map((c) => c.command);
      assert.deepEqual(
        registered.filter((id) => !ids.includes(id)),
        [],
        'registered but not contributed',
      );
      assert.deepEqual(
        ids.filter((id) => !registered.includes(id)),
        [],
        'contributed but not registered',
      );
      assert.equal(new Set(ids).size, ids.length, 'a command is contributed twice');
    });

    it('gives every command a title in the category "Claims"', () => {
      for (const command of contributed) {
        assert.ok(command.category, `${command.command} has no category`);
        assert.equal(shown(command.category), 'Claims', `${command.command}'s category`);
        assert.match(shown(command.title), /^[A-Z]\S.*\S$/, `${command.command}'s title`);
      }
      const titles = contributed.map((c) => shown(c.title));
      assert.equal(new Set(titles).size, titles.length, 'two commands share a title');
    });

    it('names in menus, welcome text and walkthroughs only commands that exist', () => {
      const ids = new Set(contributed.map((c) => c.command));
      for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
        for (const item of items) assert.ok(ids.has(item.command), `menu ${menu} names unknown ${item.command}`);
      }
      const texts = [
        ...(manifest.contributes.viewsWelcome ?? []).map((w) => shown(w.contents)),
        ...(manifest.contributes.walkthroughs ?? []).flatMap((w) => w.steps.map((s) => shown(s.description))),
      ];
      for (const text of texts) {
        for (const [, command] of text.matchAll(/\(command:([\w.]+)/g)) {
          // The workbench's own commands (Quick Open and the like) are not ours to contribute.
          if (command.startsWith('workbench.')) continue;
          assert.ok(ids.has(command), `a link runs unknown command ${command}`);
        }
      }
    });
  });

  describe('README tables', () => {
    it('lists every command with its palette title, and no command that is gone', () => {
      const rows = readmeTable('Commands');
      const listed = new Map(rows.map(([title, id]) => [codeSpan(id ?? ''), title]));
      for (const command of contributed) {
        assert.ok(listed.has(command.command), `README.md's Commands table has no row for ${command.command}`);
        assert.equal(listed.get(command.command), `${shown(command.category ?? '')}: ${shown(command.title)}`, `README.md's title for ${command.command}`);
      }
      const ids = new Set(contributed.map((c) => c.command));
      assert.deepEqual(
        [...listed.keys()].filter((id) => !id || !ids.has(id)),
        [],
        'README rows for unknown commands',
      );
      for (const row of rows) assert.ok((row[2] ?? '').length > 10, `README.md says nothing about ${row[1]}`);
    });

    it('lists every setting with its default, and no setting that is gone', () => {
      const rows = readmeTable('Settings');
      const listed = new Map(rows.map(([id, value, what]) => [codeSpan(id ?? ''), { value, what }]));
      for (const [id, setting] of Object.entries(settings)) {
        const row = listed.get(id);
        assert.ok(row, `README.md's Settings table has no row for ${id}`);
        const value = codeSpan(row.value ?? '');
        assert.ok(value !== undefined, `README.md's default for ${id} is not a code span: ${row.value}`);
        assert.deepEqual(JSON.parse(value), setting.default ?? null, `README.md's default for ${id}`);
        assert.ok((row.what ?? '').length > 10, `README.md says nothing about ${id}`);
      }
      assert.deepEqual(
        [...listed.keys()].filter((id) => !id || !(id in settings)),
        [],
        'README rows for unknown settings',
      );
    });
  });

  describe('localisation', () => {
    it('resolves every %key% in package.json, and package.nls.json holds no unused key', () => {
      const used = new Set<string>();
      for (const [where, value] of strings(manifest)) {
        const key = /^%(.+)%$/.exec(value)?.[1];
        if (key === undefined) continue;
        assert.ok(key in nls, `${where} uses "%${key}%", which package.nls.json lacks`);
        assert.ok(nls[key].trim().length > 0, `package.nls.json has an empty "${key}"`);
        used.add(key);
      }
      assert.deepEqual(
        Object.keys(nls).filter((key) => !used.has(key)),
        [],
        'unused keys in package.nls.json',
      );
    });

    it('keeps user-visible manifest text in package.nls.json', () => {
      const text = [...strings(manifest.contributes)].filter(([where]) =>
        /\.(title|name|contents|description|markdownDescription|enumDescriptions\[\d+\]|category|contextualTitle|altText)$/.test(where),
      );
      assert.ok(text.length > 50, `only ${text.length} user-visible strings found; the walk is broken`);
      const literal = text.filter(([, value]) => !/^%.+%$/.test(value));
      assert.deepEqual(literal, [], 'literal strings in contributes; move them to package.nls.json');
    });

    it('calls vscode.l10n.t only with literal messages, so the bundle can be extracted', () => {
      for (const file of sourceFiles('src')) {
        const source = read(file);
        for (const match of source.matchAll(/l10n\.t\(\s*(.)/g)) {
          const line = source.slice(0, match.index).split('\n').length;
          assert.match(match[1], /['"`]/, `${file}:${line} passes a non-literal message to vscode.l10n.t`);
        }
        for (const match of source.matchAll(/l10n\.t\(\s*`[^`]*\$\{/g)) {
          const line = source.slice(0, match.index).split('\n').length;
          assert.fail(`${file}:${line} interpolates into a vscode.l10n.t template; use {0} placeholders`);
        }
      }
    });

    it('ships an l10n bundle that matches the messages in src (regenerate with `npm run l10n`)', async function () {
      // The extractor parses all of src (about 5 s of CPU); on a loaded machine that exceeds mocha's 20 s default.
      this.timeout(120_000);
      assert.equal(manifest.l10n, './l10n');
      const files = sourceFiles('src').map((file) => ({ extension: '.ts', contents: read(file) }));
      const extracted = await getL10nJson(files);
      const bundle = JSON.parse(read('l10n/bundle.l10n.json')) as Record<string, unknown>;
      const missing = Object.keys(extracted).filter((key) => !(key in bundle));
      const stale = Object.keys(bundle).filter((key) => !(key in extracted));
      assert.deepEqual({ missing, stale }, { missing: [], stale: [] }, 'l10n/bundle.l10n.json is out of date: run `npm run l10n`');
    });
  });

  describe('packaging', () => {
    it('has a 128x128 PNG icon and a repository', () => {
      assert.equal(manifest.icon, 'media/icon.png');
      assert.deepEqual(pngSize(manifest.icon), { width: 128, height: 128 });
      assert.match(manifest.repository?.url ?? '', /^https:\/\//);
    });

    it('has a walkthrough whose steps each have a title, a command link and an image that exists', () => {
      const [walkthrough] = manifest.contributes.walkthroughs ?? [];
      assert.ok(walkthrough, 'no walkthrough');
      assert.equal(shown(walkthrough.title), 'Get started with Claim Annotator');
      assert.deepEqual(
        walkthrough.steps.map((s) => s.id),
        ['openArticle', 'markClaim', 'addCitation', 'findConflicts'],
      );
      for (const step of walkthrough.steps) {
        assert.ok(shown(step.title).length > 0);
        assert.match(shown(step.description), /\n\[[^\]]+\]\(command:[\w.]+\)/, `step ${step.id} has no command button`);
        assert.ok(step.media.image, `step ${step.id} has no image`);
        assert.ok(fs.existsSync(path.join(root, step.media.image)), `${step.media.image} is missing`);
        assert.ok(shown(step.media.altText ?? '').length > 0, `step ${step.id}'s image has no alt text`);
      }
    });

    it('ships every file the manifest and the bundles point at, and no source map (.vscodeignore)', async () => {
      const ignore = read('.vscodeignore')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith('#'));
      // vsce's rule: a file is left out when a plain pattern matches it and no "!" pattern does.
      const toRegExp = (glob: string) =>
        new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\/?|\*/g, (star) => (star === '*' ? '[^/]*' : '.*'))}$`);
      const excluded = ignore.filter((line) => !line.startsWith('!')).map(toRegExp);
      const kept = ignore.filter((line) => line.startsWith('!')).map((line) => toRegExp(line.slice(1)));
      const ships = (file: string) => !excluded.some((re) => re.test(file)) || kept.some((re) => re.test(file));
      const raw = JSON.parse(read('package.json')) as {
        main: string;
        icon: string;
        contributes: { jsonValidation: { url: string }[]; viewsContainers: { activitybar: { icon: string }[] } };
      };
      const build = (await import(path.join(root, 'esbuild.mjs'))) as {
        ENTRIES: Record<string, { outfile: string }>;
        RUNTIME_ASSETS: [string, string][];
      };
      const shipped = [
        raw.main,
        raw.icon,
        ...raw.contributes.jsonValidation.map((j) => j.url),
        ...raw.contributes.viewsContainers.activitybar.map((c) => c.icon),
        ...(manifest.contributes.walkthroughs ?? []).flatMap((w) => w.steps.map((s) => s.media.image ?? '')),
        ...Object.entries(build.ENTRIES)
          .filter(([name]) => name !== 'hostTests')
          .map(([, entry]) => entry.outfile),
        ...build.RUNTIME_ASSETS.map(([, to]) => to),
        'l10n/bundle.l10n.json',
        'package.nls.json',
        'README.md',
        'CHANGELOG.md',
        'LICENSE',
      ].map((file) => path.posix.normalize(file));
      assert.ok(shipped.includes('dist/cli.js'), `esbuild.mjs's ENTRIES were not read: ${shipped.join(', ')}`);
      assert.deepEqual(
        shipped.filter((file) => !ships(file)),
        [],
        '.vscodeignore leaves these out of the package',
      );
      const leftOut = [
        'dist/extension.js.map',
        'src/extension.ts',
        'node_modules/zod/package.json',
        'test/unit/manifest.test.ts',
        'media/screenshots/hover.png',
        'out/test/host/index.js',
      ];
      assert.deepEqual(leftOut.filter(ships), [], '.vscodeignore lets these into the package');
    });
  });
});
