import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serializeSidecar } from '../../src/core/sidecar/sidecar';
import { runCli } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';
import { buildCli, REPO_ROOT } from './cliBuild';
import { claimInText } from './support/builders';

const ARCHIVE = path.join(REPO_ROOT, 'test/fixtures/fact-checks/politifact-sample.jsonl');
const AUTO_BAILOUT = 'You were very clear that you would not provide government assistance to the U.S. auto companies even if they went through bankruptcy.';
const UNRELATED = 'The weather in the valley was mild and the orchards bloomed early this spring.';

async function run(cwd: string, argv: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { cwd, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: async () => stdin };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

describe('claims match', function () {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claims-match-'));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('--lines prints one JSON line per input line, best match first, and exits 1 when a line was checked before', async () => {
    const result = await run(dir, ['match', '--archive', ARCHIVE, '--top', '3', '--lines'], `${AUTO_BAILOUT}\n${UNRELATED}\n\n`);
    assert.equal(result.stderr, '');
    assert.equal(result.code, 1);
    const lines = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { text: string; matches: Array<{ id: string; score: number; claim: string; verdict: string; url: string }> });
    assert.equal(lines.length, 3);
    assert.equal(lines[0]!.text, AUTO_BAILOUT);
    assert.ok(lines[0]!.matches.length <= 3);
    const best = lines[0]!.matches[0]!;
    assert.deepEqual(Object.keys(best), ['id', 'score', 'claim', 'verdict', 'url']);
    assert.equal(best.id, 'vclaim-pol-10105');
    assert.equal(best.verdict, 'barely true');
    assert.match(best.url, /^https:\/\/www\.politifact\.com\/factchecks\/2012\/oct\/23\//);
    const scores = lines[0]!.matches.map((m) => m.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    );
    assert.equal(lines[2]!.text, '');
    assert.deepEqual(lines[2]!.matches, []);
  });

  it('exits 0 when no line reaches the threshold, and --min-score drops weaker matches', async () => {
    const clean = await run(dir, ['match', '--archive', ARCHIVE, '--lines'], `${UNRELATED}\n`);
    assert.equal(clean.code, 0);
    const strict = await run(dir, ['match', '--archive', ARCHIVE, '--lines', '--min-score', '50'], `${AUTO_BAILOUT}\n`);
    assert.equal(strict.code, 0);
    assert.deepEqual(JSON.parse(strict.stdout).matches, []);
  });

  it('matches the claims of sidecars: findings with file and line, or JSON', async () => {
    const article = path.join(dir, 'debate.md');
    const text = `# Debate notes\n\nObama said: ${AUTO_BAILOUT}\n\n${UNRELATED}\n`;
    fs.writeFileSync(article, text);
    const claims = [claimInText(text, 'c1', AUTO_BAILOUT), claimInText(text, 'c2', UNRELATED)];
    fs.writeFileSync(`${article}.claims.json`, serializeSidecar({ version: 1, article: 'debate.md', claims }));
    const human = await run(dir, ['match', '--archive', ARCHIVE, '.', '--top', '1']);
    assert.equal(human.code, 1, human.stderr);
    assert.match(
      human.stdout,
      /^debate\.md:3:\d+: info: checked before \(score [\d.]+\): PolitiFact, 2012: "Says Mitt Romney was clear.*" — barely true https:\/\/www\.politifact\.com\//,
    );
    assert.equal(human.stdout.trimEnd().split('\n').length, 1);
    const json = await run(dir, ['match', '--archive', ARCHIVE, '--json']);
    assert.equal(json.code, 1);
    const results = JSON.parse(json.stdout) as Array<{ file: string; line: number; claim: string; matches: Array<{ id: string }> }>;
    assert.deepEqual(
      results.map((r) => [r.file, r.line, r.claim]),
      [
        ['debate.md', 3, 'c1'],
        ['debate.md', 5, 'c2'],
      ],
    );
    assert.equal(results[0]!.matches[0]!.id, 'vclaim-pol-10105');
    assert.deepEqual(results[1]!.matches, []);
  });

  it('reports bad archive lines by number and still matches; exits 2 on usage errors and unusable archives', async () => {
    const archive = path.join(dir, 'archive.jsonl');
    fs.writeFileSync(archive, `{"id":"f1","claim":"Says the auto bailout saved a million jobs.","verdict":"half true","url":"javascript:alert(1)"}\n{broken\n`);
    const partly = await run(dir, ['match', '--archive', 'archive.jsonl', '--lines'], 'the auto bailout saved a million jobs\n');
    assert.match(partly.stderr, /^archive\.jsonl:2: not valid JSON \(.+\)\n$/);
    assert.equal(JSON.parse(partly.stdout).matches[0].id, 'f1');
    fs.writeFileSync(archive, 'nothing useful\n');
    const unusable = await run(dir, ['match', '--archive', 'archive.jsonl', '--lines'], 'x\n');
    assert.equal(unusable.code, 2);
    assert.match(unusable.stderr, /archive\.jsonl:1: not valid JSON[\s\S]*no fact-check could be read/);
    const missing = await run(dir, ['match', '--archive', 'nope.jsonl', '--lines'], 'x\n');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.jsonl: no such archive/);
    for (const argv of [
      ['match', '--lines'],
      ['match', '--archive', ARCHIVE, '--top', '0', '--lines'],
      ['match', '--archive', ARCHIVE, '--top', '2.5', '--lines'],
      ['match', '--archive', ARCHIVE, '--lines', 'x.md'],
      ['match', '--archive', ARCHIVE, '--date', 'yesterday', '--lines'],
    ]) {
      const result = await run(dir, argv);
      assert.equal(result.code, 2, argv.join(' '));
      assert.match(result.stderr, /see claims match --help/);
    }
    const help = await run(dir, ['match', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /1 findings: at least one has/);
  });

  it('runs from the built executable (the stemmer is bundled)', async function () {
    this.timeout(120_000);
    const cli = await buildCli();
    const result = spawnSync(process.execPath, [cli, 'match', '--archive', ARCHIVE, '--top', '1', '--lines'], {
      cwd: dir,
      input: `${AUTO_BAILOUT}\n`,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    assert.equal(result.status, 1, result.stderr);
    assert.equal(JSON.parse(result.stdout).matches[0].id, 'vclaim-pol-10105');
  });
});
