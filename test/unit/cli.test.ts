import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LineIndex } from '../../src/core/sidecar/jsonLocation';
import type { Claim, Sidecar } from '../../src/core/sidecar/schema';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar/sidecar';
import { runCli } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';
import { buildCli, REPO_ROOT } from './cliBuild';
import { anchoredClaim } from './support/builders';
import { CLAIM_TYPES, DEFAULT_SPOT_SHARE } from '../../src/core/spotting/spotter';
import { readArticle } from './spottingFixtures';

const SAMPLES = path.resolve(REPO_ROOT, 'test/fixtures/articles');
const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(cwd: string, argv: string[], stdin = ''): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    readStdin: async () => stdin,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

function spawnCli(cli: string, cwd: string, argv: string[], stdin = ''): Run {
  const result = spawnSync(process.execPath, [cli, ...argv], { cwd, input: stdin, encoding: 'utf8', timeout: 30_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const STORY = [
  '# Amazon and Anthropic',
  '',
  '🎉 Amazon made its initial $1.25 billion investment in Anthropic in September 2023.',
  'It then upped the investment to $4 billion in March.',
  '',
].join('\n');

function writeSidecar(articlePath: string, claims: Claim[]): void {
  const sidecar: Sidecar = { version: 1, article: path.basename(articlePath), claims };
  fs.writeFileSync(articlePath + '.claims.json', serializeSidecar(sidecar));
}

const cited = { citations: [{ id: 'k1', url: 'https://example.org/filing', title: 'Filing' }] };

describe('claims CLI', function () {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claims-cli-'));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function story(claims: Claim[]): string {
    const article = path.join(dir, 'story.md');
    fs.writeFileSync(article, STORY);
    writeSidecar(article, claims);
    return article;
  }

  describe('usage', () => {
    it('prints help and the version, and exits 2 on unknown commands, options and missing paths', async () => {
      const help = await run(dir, ['--help']);
      assert.equal(help.code, 0);
      assert.match(help.stdout, /Usage: claims <command>/);
      for (const command of ['check', 'spot', 'conflicts', 'export', 'import', 'merge']) {
        const commandHelp = await run(dir, [command, '--help']);
        assert.equal(commandHelp.code, 0, command);
        assert.match(commandHelp.stdout, new RegExp(`Usage: claims ${command}`));
      }
      assert.equal((await run(dir, ['--version'])).stdout, `${VERSION}\n`);
      const none = await run(dir, []);
      assert.equal(none.code, 2);
      const unknown = await run(dir, ['frobnicate']);
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /unknown command "frobnicate"/);
      const badFlag = await run(dir, ['check', '--bogus']);
      assert.equal(badFlag.code, 2);
      assert.match(badFlag.stderr, /^claims check: unknown option --bogus \(see claims check --help\)\n$/);
      const badValue = await run(dir, ['check', '--fail-on', 'sometimes']);
      assert.equal(badValue.code, 2);
      assert.match(badValue.stderr, /--fail-on must be one of error, warning, info/);
      const missing = await run(dir, ['check', 'no/such/file.md']);
      assert.equal(missing.code, 2);
      assert.equal(missing.stderr, 'claims check: no/such/file.md: no such file or folder\n');
    });
  });

  describe('check', () => {
    it('exits 0 with no output for a clean folder, and reports uncited claims as info', async () => {
      story([anchoredClaim(STORY, 'c1', 'initial $1.25 billion investment', cited), anchoredClaim(STORY, 'c2', 'upped the investment to $4 billion')]);
      const result = await run(dir, ['check']);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.equal(result.stdout, `story.md:4:9: info: claim c2 has no citations: "upped the investment to $4 billion"\n`);
      assert.equal(result.stderr, 'claims check: 1 sidecar, 0 errors, 0 warnings, 1 info\n', 'singular and plural forms, never "(s)"');
      assert.equal((await run(dir, ['check', '--fail-on', 'info'])).code, 1);
      assert.equal((await run(dir, ['check', '--fail-on', 'error'])).code, 0);
    });

    it('puts claim findings at the claim in the article (UTF-16 columns, after an emoji)', async () => {
      story([
        anchoredClaim(STORY, 'c1', 'initial $1.25 billion investment', {
          conflicts: [
            {
              id: 'n1',
              other: { article: 'story.md', claim: 'c2' },
              kind: 'date',
              thisValue: 'September 2023',
              otherValue: 'March',
              note: '',
              state: 'open',
              resolution: '',
            },
          ],
          ...cited,
        }),
        anchoredClaim(STORY, 'c2', 'upped the investment', cited),
      ]);
      const result = await run(dir, ['check', '--json']);
      assert.equal(result.code, 1);
      const findings = JSON.parse(result.stdout) as { file: string; line: number; column: number; code: string; severity: string }[];
      assert.equal(findings.length, 1);
      const start = STORY.indexOf('initial $1.25');
      assert.deepEqual(
        { file: findings[0]!.file, code: findings[0]!.code, severity: findings[0]!.severity },
        { file: 'story.md', code: 'open-conflict', severity: 'warning' },
      );
      assert.deepEqual({ line: findings[0]!.line, column: findings[0]!.column }, new LineIndex(STORY).at(start));
      assert.equal(findings[0]!.column, 3 + 'Amazon made its '.length + 1, 'the emoji counts as two UTF-16 columns');
    });

    it('reports orphaned claims at their place in the sidecar, and keeps following moved text', async () => {
      const moved = anchoredClaim(STORY, 'c1', 'upped the investment to $4 billion', cited);
      const orphan = {
        ...anchoredClaim(STORY, 'c2', 'initial $1.25 billion investment', cited),
        quote: { exact: 'Amazon sold its stake in 2022', prefix: '', suffix: '' },
      };
      const article = story([moved, orphan]);
      fs.writeFileSync(article, 'A new first paragraph pushes everything down.\n\n' + STORY);
      const result = await run(dir, ['check', '--json']);
      assert.equal(result.code, 1);
      const findings = JSON.parse(result.stdout) as { file: string; line: number; column: number; code: string; claim: string; message: string }[];
      assert.deepEqual(
        findings.map((f) => f.code),
        ['orphaned-claim'],
      );
      assert.equal(findings[0]!.file, 'story.md.claims.json');
      assert.equal(findings[0]!.claim, 'c2');
      const sidecarText = fs.readFileSync(article + '.claims.json', 'utf8');
      const line = sidecarText.split('\n')[findings[0]!.line - 1]!;
      assert.ok(
        sidecarText
          .split('\n')
          .slice(findings[0]!.line - 1, findings[0]!.line + 2)
          .join('\n')
          .includes('"id": "c2"'),
        line,
      );
      assert.match(findings[0]!.message, /no longer in story\.md/);
    });

    it('reports an invalid sidecar as an error at its line and column', async () => {
      const article = path.join(dir, 'story.md');
      fs.writeFileSync(article, STORY);
      fs.writeFileSync(article + '.claims.json', '{\n  "version": 1,\n  "article": "story.md",\n  "claims": [\n    { "id": "c1", }\n  ]\n}\n');
      const text = await run(dir, ['check', 'story.md']);
      assert.equal(text.code, 1);
      assert.match(text.stdout, /^story\.md\.claims\.json:5:17: error: /);
      const json = JSON.parse((await run(dir, ['check', '--json', '--fail-on', 'error'])).stdout) as { severity: string; code: string }[];
      assert.deepEqual(
        json.map((f) => [f.severity, f.code]),
        [['error', 'invalid-sidecar']],
      );
    });

    it('reports missing articles, dangling conflict notes and unresolved merge markers', async () => {
      const notes = path.join(dir, 'notes');
      fs.mkdirSync(notes);
      writeSidecar(path.join(notes, 'gone.md'), [anchoredClaim(STORY, 'g1', 'upped the investment', cited)]);
      story([
        anchoredClaim(STORY, 'c1', 'initial $1.25 billion investment', {
          ...cited,
          note: '<<<<<<< ours\nchecked\n=======\nnot checked\n>>>>>>> theirs',
          conflicts: [
            {
              id: 'n1',
              other: { article: 'notes/gone.md', claim: 'zz' },
              kind: 'amount',
              thisValue: '',
              otherValue: '',
              note: '',
              state: 'resolved',
              resolution: 'fine',
            },
          ],
        }),
      ]);
      const result = await run(dir, ['check', '--json']);
      assert.equal(result.code, 1);
      const codes = (JSON.parse(result.stdout) as { code: string; file: string }[]).map((f) => `${f.file} ${f.code}`).sort();
      assert.deepEqual(codes, [`notes${path.sep}gone.md.claims.json missing-article`, 'story.md dangling-conflict', 'story.md merge-conflict']);
    });

    it('walks folders for sidecars but skips node_modules and .git', async () => {
      for (const skipped of ['node_modules', '.git']) {
        fs.mkdirSync(path.join(dir, skipped));
        fs.writeFileSync(path.join(dir, skipped, 'x.md.claims.json'), 'not json');
      }
      story([anchoredClaim(STORY, 'c1', 'initial $1.25 billion investment', cited)]);
      const result = await run(dir, ['check', '.']);
      assert.equal(result.code, 0, result.stdout);
      assert.match(result.stderr, /1 sidecar, 0 errors, 0 warnings, 0 info/);
    });
  });

  describe('spot', () => {
    it('scores stdin lines with --lines, one JSON object per input line', async () => {
      const input = 'Amazon made its initial $1.25 billion investment in Anthropic in September 2023.\nWhat a lovely day.\n\n';
      const result = await run(dir, ['spot', '--lines'], input);
      assert.equal(result.code, 0);
      const lines = result.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as { text: string; score: number; type: string; checkWorthy: boolean });
      assert.equal(lines.length, 3);
      assert.deepEqual(Object.keys(lines[0]!), ['text', 'score', 'type', 'checkWorthy']);
      assert.deepEqual(
        lines.map((l) => l.type),
        ['statistic', 'other', 'other'],
      );
      assert.equal(lines[0]!.checkWorthy, true);
      assert.equal(lines[1]!.checkWorthy, false);
      assert.ok(lines[0]!.score > lines[1]!.score);
      assert.equal((await run(dir, ['spot', '--lines', 'file.md'])).code, 2);
    });

    it('lists candidates in files, leaving out sentences that are already claims', async () => {
      const article = path.join(dir, 'story.md');
      fs.writeFileSync(article, STORY);
      const before = JSON.parse((await run(dir, ['spot', 'story.md', '--json'])).stdout) as { text: string; line: number; checkWorthy: boolean }[];
      assert.ok(
        before.some((c) => c.text.startsWith('🎉 Amazon made') || c.text.startsWith('Amazon made')),
        JSON.stringify(before),
      );
      writeSidecar(article, [anchoredClaim(STORY, 'c1', 'initial $1.25 billion investment')]);
      const after = JSON.parse((await run(dir, ['spot', 'story.md', '--json'])).stdout) as { text: string }[];
      assert.ok(!after.some((c) => c.text.includes('initial $1.25 billion')));
      assert.equal((await run(dir, ['spot'])).code, 2);
      assert.equal((await run(dir, ['spot', 'missing.md'])).code, 2);
      assert.equal((await run(dir, ['spot', 'story.md', '--threshold', '2'])).code, 2);
      assert.equal((await run(dir, ['spot', 'story.md', '--share', '1.5'])).code, 2);
      assert.equal((await run(dir, ['spot', '--lines', '--share', '0.5'], 'x\n')).code, 2);
    });

    it('--json lists only what the editor shows: within the budget, highest score first, with score, type and reason', async () => {
      const article = path.join(dir, 'budget.txt');
      const text = readArticle('amazon-anthropic-pymnts.txt');
      fs.writeFileSync(article, text);
      type Row = { text: string; score: number; type: string; reason: string; checkWorthy: boolean };
      const listed = JSON.parse((await run(dir, ['spot', 'budget.txt', '--json'])).stdout) as Row[];
      const every = JSON.parse((await run(dir, ['spot', 'budget.txt', '--json', '--all'])).stdout) as Row[];
      assert.ok(listed.length > 0);
      assert.ok(listed.length <= Math.floor(every.length * DEFAULT_SPOT_SHARE), `${listed.length} of ${every.length}`);
      assert.ok(listed.length < every.filter((r) => r.checkWorthy).length, 'the budget leaves out some check-worthy sentences');
      for (let i = 1; i < listed.length; i++) assert.ok(listed[i - 1]!.score >= listed[i]!.score, 'highest score first');
      for (const row of listed) {
        assert.ok(row.checkWorthy);
        assert.ok(CLAIM_TYPES.includes(row.type as never) || row.type === 'other', row.type);
        assert.ok(row.reason.length > 0);
      }
      assert.ok(
        listed.some((r) => r.type === 'statistic' && /^a statistic: .*\d/.test(r.reason)),
        JSON.stringify(listed.map((r) => r.reason)),
      );
      const half = JSON.parse((await run(dir, ['spot', 'budget.txt', '--json', '--share', '0.1'])).stdout) as Row[];
      assert.ok(half.length < listed.length, `--share 0.1 lists fewer (${half.length} vs ${listed.length})`);
      assert.deepEqual(
        half.map((r) => r.text),
        listed.slice(0, half.length).map((r) => r.text),
        'a smaller share keeps the top of the same ranking',
      );
    });
  });

  describe('conflicts', () => {
    it('suggests the initial-deal conflict between the two sample articles and exits 1', async () => {
      for (const name of fs.readdirSync(SAMPLES)) fs.copyFileSync(path.join(SAMPLES, name), path.join(dir, name));
      const result = await run(dir, ['conflicts', '--json']);
      assert.equal(result.code, 1, result.stderr);
      const reports = JSON.parse(result.stdout) as { kind: string; a: { file: string; value: string }; b: { file: string; value: string } }[];
      const values = reports.flatMap((r) => [r.a.value, r.b.value]).join(' | ');
      assert.ok(reports.length >= 1);
      assert.match(values, /\$1\.25 billion/);
      assert.match(values, /\$4 billion/);
    });

    it('exits 0 when nothing disagrees', async () => {
      fs.writeFileSync(path.join(dir, 'calm.md'), 'The weather was pleasant. People walked in the park.\n');
      const result = await run(dir, ['conflicts']);
      assert.equal(result.code, 0, result.stdout);
      assert.equal(result.stdout, '');
    });
  });

  describe('export and import', () => {
    it('exports markdown, csv and w3c to stdout or a file, and needs a valid --format', async () => {
      story([anchoredClaim(STORY, 'c1', 'initial $1.25 billion investment', cited)]);
      const md = await run(dir, ['export', '--format', 'markdown']);
      assert.equal(md.code, 0);
      assert.match(md.stdout, /^# Fact-check report/);
      const csv = await run(dir, ['export', '--format=csv']);
      assert.match(csv.stdout, /^"article","line","column","claim_id"/);
      const out = await run(dir, ['export', '.', '--format', 'w3c', '--out', 'out/annotations.jsonld', '--base', 'https://news.example/articles/']);
      assert.equal(out.code, 0, out.stderr);
      assert.equal(out.stdout, '');
      const annotations = JSON.parse(fs.readFileSync(path.join(dir, 'out/annotations.jsonld'), 'utf8')) as { target: { source: string } }[];
      assert.equal(annotations[0]!.target.source, 'https://news.example/articles/story.md');
      assert.equal((await run(dir, ['export'])).code, 2);
      assert.equal((await run(dir, ['export', '--format', 'pdf'])).code, 2);
      assert.equal((await run(dir, ['export', '--format', 'csv', '--base', 'https://x.example/'])).code, 2);
    });

    it('leaves invalid sidecars out of an export and exits 1', async () => {
      story([anchoredClaim(STORY, 'c1', 'initial $1.25 billion investment', cited)]);
      fs.writeFileSync(path.join(dir, 'broken.md.claims.json'), '{');
      const result = await run(dir, ['export', '--format', 'csv']);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /broken\.md\.claims\.json: left out of the export because it is invalid/);
      assert.equal(result.stdout.trim().split('\r\n').length, 2);
    });

    it('imports its own w3c export into a fresh copy of the article: same claims, then nothing new', async () => {
      const claims = [
        anchoredClaim(STORY, 'c1', 'initial $1.25 billion investment', { ...cited, status: 'supported', note: 'ok' }),
        anchoredClaim(STORY, 'c2', 'upped the investment to $4 billion', { origin: 'spotted' }),
      ];
      story(claims);
      assert.equal((await run(dir, ['export', '--format', 'w3c', '--out', 'export.jsonld'])).code, 0);
      const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'claims-cli-import-'));
      try {
        fs.copyFileSync(path.join(dir, 'story.md'), path.join(copy, 'story.md'));
        const imported = await run(copy, ['import', '--format', 'w3c', path.join(dir, 'export.jsonld'), '--json']);
        assert.equal(imported.code, 0, imported.stdout + imported.stderr);
        const report = JSON.parse(imported.stdout) as { imported: { added: string[] }[]; skipped: unknown[] };
        assert.deepEqual(report.imported[0]!.added, ['c1', 'c2']);
        const parsed = parseSidecar(fs.readFileSync(path.join(copy, 'story.md.claims.json'), 'utf8'));
        assert.ok(parsed.ok);
        assert.deepEqual(parsed.sidecar.claims, claims);
        const again = await run(copy, ['import', '--format', 'w3c', path.join(dir, 'export.jsonld')]);
        assert.equal(again.code, 0);
        assert.match(again.stdout, /added 0 claims, 2 already there/);
      } finally {
        fs.rmSync(copy, { recursive: true, force: true });
      }
    });

    it('reports annotations it cannot anchor (exit 1) and rejects unreadable input (exit 2)', async () => {
      fs.writeFileSync(path.join(dir, 'story.md'), STORY);
      const annotations = [
        { id: 'ok', target: { source: 'https://x.example/story', selector: { type: 'TextQuoteSelector', exact: 'upped the investment' } } },
        { id: 'gone', target: { source: 'https://x.example/story', selector: { type: 'TextQuoteSelector', exact: 'a sentence nobody wrote' } } },
      ];
      fs.writeFileSync(path.join(dir, 'h.json'), JSON.stringify(annotations));
      const dry = await run(dir, ['import', '--format', 'w3c', 'h.json', '--dry-run']);
      assert.equal(dry.code, 1);
      assert.ok(!fs.existsSync(path.join(dir, 'story.md.claims.json')), 'a dry run writes nothing');
      const result = await run(dir, ['import', '--format', 'w3c', 'h.json']);
      assert.equal(result.code, 1);
      assert.match(result.stdout, /story\.md\.claims\.json: added 1 claim\n/);
      assert.match(result.stdout, /h\.json: not imported: annotation gone \("a sentence nobody wrote"\): /);
      fs.writeFileSync(path.join(dir, 'bad.json'), '{not json');
      const bad = await run(dir, ['import', '--format', 'w3c', 'bad.json']);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /^claims import: bad\.json: not JSON/);
      assert.equal((await run(dir, ['import', 'h.json'])).code, 2);
      assert.equal((await run(dir, ['import', '--format', 'w3c', 'nope.json'])).code, 2);
    });
  });

  describe('merge', () => {
    function files(base: Sidecar | undefined, ours: Sidecar, theirs: Sidecar): string[] {
      const names = ['base.json', 'ours.json', 'theirs.json'];
      fs.writeFileSync(path.join(dir, names[0]!), base ? serializeSidecar(base) : '');
      fs.writeFileSync(path.join(dir, names[1]!), serializeSidecar(ours));
      fs.writeFileSync(path.join(dir, names[2]!), serializeSidecar(theirs));
      return names;
    }
    const base: Sidecar = { version: 1, article: 'story.md', claims: [anchoredClaim(STORY, 'c1', 'initial $1.25 billion investment')] };

    it('merges cleanly (exit 0) into OURS, canonically, also without a base', async () => {
      const ours = structuredClone(base);
      ours.claims[0]!.status = 'supported';
      const theirs = structuredClone(base);
      theirs.claims.push(anchoredClaim(STORY, 'c2', 'upped the investment'));
      const result = await run(dir, ['merge', ...files(base, ours, theirs)]);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      const merged = fs.readFileSync(path.join(dir, 'ours.json'), 'utf8');
      const parsed = parseSidecar(merged);
      assert.ok(parsed.ok);
      assert.equal(serializeSidecar(parsed.sidecar), merged);
      assert.deepEqual(
        parsed.sidecar.claims.map((c) => [c.id, c.status]),
        [
          ['c1', 'supported'],
          ['c2', 'unverified'],
        ],
      );
      // Without a common ancestor, everything from both sides is kept.
      fs.rmSync(path.join(dir, 'base.json'));
      fs.writeFileSync(path.join(dir, 'ours.json'), serializeSidecar(ours));
      const onlyTheirs = { ...structuredClone(ours), claims: [...structuredClone(ours).claims, anchoredClaim(STORY, 'c3', 'in March')] };
      fs.writeFileSync(path.join(dir, 'theirs.json'), serializeSidecar(onlyTheirs));
      assert.equal((await run(dir, ['merge', 'base.json', 'ours.json', 'theirs.json'])).code, 0);
      const withoutBase = parseSidecar(fs.readFileSync(path.join(dir, 'ours.json'), 'utf8'));
      assert.ok(withoutBase.ok);
      assert.deepEqual(
        withoutBase.sidecar.claims.map((c) => c.id),
        ['c1', 'c3'],
      );
    });

    it('exits 1 and lists conflicts when the same field changed on both sides', async () => {
      const ours = structuredClone(base);
      ours.claims[0]!.status = 'supported';
      const theirs = structuredClone(base);
      theirs.claims[0]!.status = 'refuted';
      const result = await run(dir, ['merge', ...files(base, ours, theirs), 'notes/story.md.claims.json']);
      assert.equal(result.code, 1);
      assert.match(
        result.stdout,
        /^notes\/story\.md\.claims\.json: merge conflict: claim c1: status changed on both sides \(ours "supported", theirs "refuted"\)/,
      );
      const merged = fs.readFileSync(path.join(dir, 'ours.json'), 'utf8');
      assert.match(merged, /"status": "supported"/);
      assert.match(merged, /refuted/);
    });

    it('exits 2 and leaves OURS untouched when an input is not a valid sidecar', async () => {
      const names = files(base, base, base);
      fs.writeFileSync(path.join(dir, 'theirs.json'), '{"version": 1, "claims": 3}');
      const before = fs.readFileSync(path.join(dir, 'ours.json'), 'utf8');
      const result = await run(dir, ['merge', ...names]);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /^claims merge: THEIRS \(theirs\.json\): not a valid sidecar: 1:/);
      assert.equal(fs.readFileSync(path.join(dir, 'ours.json'), 'utf8'), before);
      assert.equal((await run(dir, ['merge', 'base.json', 'ours.json'])).code, 2);
    });
  });

  describe('the built executable (dist/cli.js)', function () {
    this.timeout(60_000);
    let cli: string;
    before(async () => {
      cli = await buildCli();
    });

    it('runs with a node shebang and prints its version', () => {
      assert.ok(fs.readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node\n'));
      const result = spawnCli(cli, dir, ['--version']);
      assert.deepEqual(result, { code: 0, stdout: `${VERSION}\n`, stderr: '' });
    });

    it('exits 0, 1 and 2 from check, with --json output', () => {
      story([anchoredClaim(STORY, 'c1', 'initial $1.25 billion investment', cited)]);
      const clean = spawnCli(cli, dir, ['check', '--json']);
      assert.equal(clean.code, 0, clean.stderr);
      assert.deepEqual(JSON.parse(clean.stdout), []);
      fs.writeFileSync(path.join(dir, 'story.md'), 'Everything was rewritten.\n');
      const orphaned = spawnCli(cli, dir, ['check', '--json']);
      assert.equal(orphaned.code, 1);
      assert.deepEqual(
        (JSON.parse(orphaned.stdout) as { code: string }[]).map((f) => f.code),
        ['orphaned-claim'],
      );
      const usage = spawnCli(cli, dir, ['check', 'missing-folder']);
      assert.equal(usage.code, 2);
      assert.equal(usage.stderr, 'claims check: missing-folder: no such file or folder\n');
    });

    it('scores sentences from stdin with spot --lines', () => {
      const result = spawnCli(cli, dir, ['spot', '--lines'], 'Amazon invested $4 billion in Anthropic in March 2024.\nHello there.\n');
      assert.equal(result.code, 0, result.stderr);
      const lines = result.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { checkWorthy: boolean });
      assert.deepEqual(
        lines.map((l) => l.checkWorthy),
        [true, false],
      );
    });
  });
});
