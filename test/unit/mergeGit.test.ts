// The merge driver in real git repositories: two branches annotate the same article and `git merge` runs
// `claims merge %O %A %B %P` on the sidecar.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Citation, Claim, Sidecar } from '../../src/core/sidecar/schema';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar/sidecar';
import { buildCli } from './cliBuild';
import { anchoredClaim } from './support/builders';

const ARTICLE = [
  '# Amazon doubles down on Anthropic',
  '',
  'Amazon made its initial $1.25 billion investment in Anthropic in September 2023.',
  'It then upped the investment to $4 billion in March.',
  'As reported Thursday (Nov. 7), a second deal could follow.',
  'Anthropic prefers servers with Nvidia chips.',
  '',
].join('\n');

// Git must not read the user's or the system's configuration (hooks, signing, another merge driver).
const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: os.devNull,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.org',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.org',
  GIT_TERMINAL_PROMPT: '0',
};

const web = (id: string, url: string): Citation => ({ id, url });

describe('git merge with the claims merge driver', function () {
  this.timeout(60_000);
  let cli: string;
  let repo: string;

  before(async () => {
    cli = await buildCli();
  });

  beforeEach(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'claims-git-'));
    git('init', '-q', '-b', 'main');
    git('config', 'merge.claims.driver', `"${process.execPath}" "${cli}" merge %O %A %B %P`);
    git('config', 'merge.claims.name', 'Claim Annotator sidecar merge');
    fs.writeFileSync(path.join(repo, '.gitattributes'), '*.claims.json merge=claims\n');
  });

  afterEach(() => {
    fs.rmSync(repo, { recursive: true, force: true });
  });

  function git(...args: string[]): { code: number; stdout: string; stderr: string } {
    const result = spawnSync('git', args, { cwd: repo, env: GIT_ENV, encoding: 'utf8', timeout: 30_000 });
    return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
  }

  function commitAll(message: string): void {
    assert.equal(git('add', '-A').code, 0);
    const result = git('commit', '-q', '-m', message);
    assert.equal(result.code, 0, result.stderr);
  }

  function writeArticle(text: string, claims: Claim[]): void {
    fs.mkdirSync(path.join(repo, 'news'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'news', 'story.md'), text);
    const sidecar: Sidecar = { version: 1, article: 'story.md', claims };
    fs.writeFileSync(path.join(repo, 'news', 'story.md.claims.json'), serializeSidecar(sidecar));
  }

  function readSidecar(): { text: string; sidecar: Sidecar } {
    const text = fs.readFileSync(path.join(repo, 'news', 'story.md.claims.json'), 'utf8');
    const parsed = parseSidecar(text);
    assert.ok(parsed.ok, text);
    return { text, sidecar: parsed.sidecar };
  }

  const baseClaims = () => [
    anchoredClaim(ARTICLE, 'initial', 'initial $1.25 billion investment in Anthropic in September 2023', {
      citations: [web('k0', 'https://example.org/press-release')],
    }),
    anchoredClaim(ARTICLE, 'upped', 'upped the investment to $4 billion in March'),
    anchoredClaim(ARTICLE, 'thursday', 'reported Thursday (Nov. 7)'),
  ];

  it('keeps both branches’ new claims, citations and field changes, and drops a claim deleted on one side', () => {
    writeArticle(ARTICLE, baseClaims());
    commitAll('base');

    git('checkout', '-q', '-b', 'ben');
    // Ben adds a paragraph at the top, so his editor re-anchored every claim further down, then he works.
    const bensArticle = 'Updated on Friday with comment from Amazon.\n\n' + ARTICLE;
    const bens = baseClaims().map((c) => anchoredClaim(bensArticle, c.id, c.quote.exact, { citations: c.citations }));
    bens[0]!.citations.push(web('ben-k1', 'https://example.org/sec-filing'));
    bens[1]!.note = 'Ben: the March date is in the filing.';
    bens.push(anchoredClaim(bensArticle, 'ben-new', 'Anthropic prefers servers with Nvidia chips', { note: 'Source?' }));
    writeArticle(bensArticle, bens);
    commitAll('ben annotates');

    git('checkout', '-q', 'main');
    git('checkout', '-q', '-b', 'ana');
    const anas = baseClaims().filter((c) => c.id !== 'thursday');
    anas[0]!.citations.push(web('ana-k1', 'https://example.org/earnings-call'));
    anas[0]!.status = 'supported';
    anas[1]!.status = 'disputed';
    anas.push(anchoredClaim(ARTICLE, 'ana-new', 'a second deal could follow', { status: 'unverified', origin: 'spotted' }));
    writeArticle(ARTICLE, anas);
    commitAll('ana annotates');

    // A line-based merge of these sidecars conflicts, so a clean result below is the driver's work.
    for (const [name, rev] of [
      ['base', 'main'],
      ['ours', 'ana'],
      ['theirs', 'ben'],
    ]) {
      fs.writeFileSync(path.join(repo, `${name}.tmp`), git('show', `${rev}:news/story.md.claims.json`).stdout);
    }
    assert.ok(git('merge-file', '-p', 'ours.tmp', 'base.tmp', 'theirs.tmp').code > 0);
    for (const name of ['base', 'ours', 'theirs']) fs.rmSync(path.join(repo, `${name}.tmp`));

    const merge = git('merge', '--no-edit', 'ben');
    assert.equal(merge.code, 0, merge.stdout + merge.stderr);
    const { text, sidecar } = readSidecar();
    assert.equal(serializeSidecar(sidecar), text, 'the merged sidecar is written canonically');
    const byId = new Map(sidecar.claims.map((c) => [c.id, c]));
    assert.deepEqual([...byId.keys()].sort(), ['ana-new', 'ben-new', 'initial', 'upped']);
    assert.deepEqual(
      byId.get('initial')!.citations.map((c) => c.id),
      ['k0', 'ana-k1', 'ben-k1'],
    );
    assert.equal(byId.get('initial')!.status, 'supported');
    assert.equal(byId.get('upped')!.status, 'disputed');
    assert.equal(byId.get('upped')!.note, 'Ben: the March date is in the filing.');
    assert.equal(byId.get('ben-new')!.note, 'Source?');
    assert.equal(byId.get('ana-new')!.origin, 'spotted');
    assert.ok(!text.includes('<<<<<<<'));
    // The merged article has Ben's new first paragraph, and the claims all still anchor in it.
    const merged = fs.readFileSync(path.join(repo, 'news', 'story.md'), 'utf8');
    assert.ok(merged.startsWith('Updated on Friday'));
    const check = spawnSync(process.execPath, [cli, 'check', '--json', '--fail-on', 'warning'], { cwd: repo, encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
  });

  it('keeps a claim one branch deleted while the other changed it, and says so', () => {
    writeArticle(ARTICLE, baseClaims());
    commitAll('base');
    git('checkout', '-q', '-b', 'ben');
    const bens = baseClaims();
    bens[2]!.citations.push(web('ben-k2', 'https://example.org/the-information'));
    writeArticle(ARTICLE, bens);
    commitAll('ben cites the Thursday claim');
    git('checkout', '-q', 'main');
    writeArticle(
      ARTICLE,
      baseClaims().filter((c) => c.id !== 'thursday'),
    );
    commitAll('main deletes the Thursday claim');

    const merge = git('merge', '--no-edit', 'ben');
    assert.notEqual(merge.code, 0);
    assert.match(merge.stdout + merge.stderr, /claim thursday: deleted by ours but changed by theirs; kept/);
    const { sidecar } = readSidecar();
    const thursday = sidecar.claims.find((c) => c.id === 'thursday');
    assert.ok(thursday, 'the claim with new work is never dropped');
    assert.deepEqual(
      thursday.citations.map((c) => c.id),
      ['ben-k2'],
    );
  });

  it('stops on a same-field clash (driver exit 1) with both values in the file', () => {
    writeArticle(ARTICLE, baseClaims());
    commitAll('base');
    git('checkout', '-q', '-b', 'ben');
    const bens = baseClaims();
    bens[1]!.status = 'refuted';
    bens[1]!.note = 'Ben: the filing says February.';
    writeArticle(ARTICLE, bens);
    commitAll('ben refutes');
    git('checkout', '-q', 'main');
    const anas = baseClaims();
    anas[1]!.status = 'supported';
    anas[1]!.note = 'Ana: confirmed by the press office.';
    writeArticle(ARTICLE, anas);
    commitAll('ana supports');

    const merge = git('merge', '--no-edit', 'ben');
    assert.equal(merge.code, 1, merge.stdout + merge.stderr);
    const output = merge.stdout + merge.stderr;
    assert.match(output, /news\/story\.md\.claims\.json: merge conflict: claim upped: status changed on both sides/);
    assert.match(output, /CONFLICT \(content\): Merge conflict in news\/story\.md\.claims\.json/);
    assert.match(git('status', '--porcelain').stdout, /^UU news\/story\.md\.claims\.json$/m);

    const { sidecar } = readSidecar();
    const upped = sidecar.claims.find((c) => c.id === 'upped')!;
    assert.equal(upped.status, 'supported');
    assert.ok(upped.note.includes('Ana: confirmed by the press office.'));
    assert.ok(upped.note.includes('Ben: the filing says February.'));
    assert.match(upped.note, /<<<<<<< ours status\nsupported\n=======\nrefuted\n>>>>>>> theirs status/);
    const check = spawnSync(process.execPath, [cli, 'check', '--json'], { cwd: repo, encoding: 'utf8' });
    assert.equal(check.status, 1);
    assert.ok((JSON.parse(check.stdout) as { code: string }[]).some((f) => f.code === 'merge-conflict'));
  });
});
