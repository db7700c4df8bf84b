import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CliIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/main';
import { parseFactCheckArchive } from '../../src/core/factChecks/factCheckArchive';
import type { Claim, Sidecar } from '../../src/core/sidecar/schema';
import { serializeSidecar } from '../../src/core/sidecar/sidecar';
import { claimReviewValidator } from './support/claimReviewSchema';
import { claimInText } from './support/builders';

const FIXTURES = path.resolve(__dirname, '../fixtures/claimreview');

async function run(cwd: string, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: async () => '' };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

const STORY = ['# Budget', '', 'The minister said spending rose by 40% last year.', 'Officials called it a record.', ''].join('\n');

const SCALE = {
  name: 'Desk scale',
  labels: [
    { label: 'Accurate', value: 4, status: 'supported', color: '#1e8449' },
    { label: 'Needs context', value: 3, status: 'disputed' },
    { label: 'Misleading', value: 2, status: 'disputed' },
    { label: 'Wrong', value: 1, status: 'refuted' },
  ],
};

describe('claims export/import --format claimreview', function () {
  this.timeout(30_000);
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claims-cr-'));
    fs.mkdirSync(path.join(dir, '.claims'));
    fs.writeFileSync(path.join(dir, '.claims', 'verdict-scale.json'), JSON.stringify(SCALE, null, 2));
    fs.writeFileSync(path.join(dir, 'story.md'), STORY);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function writeClaims(claims: Claim[]): void {
    const sidecar: Sidecar = { version: 1, article: 'story.md', claims };
    fs.writeFileSync(path.join(dir, 'story.md.claims.json'), serializeSidecar(sidecar));
  }

  const complete = () =>
    claimInText(STORY, 'c1', 'spending rose by 40% last year', {
      status: 'disputed',
      verdict: { label: 'Misleading', value: 2, best: 4, worst: 1, scale: 'Desk scale' },
      review: {
        claimReviewed: 'Spending rose by 40% last year',
        claimant: 'The minister',
        reviewer: 'Budget Desk',
        reviewDate: '2025-02-03',
        url: 'https://desk.example/checks/budget',
      },
    });

  it('reports each claim that lacks a required field with its place, leaves it out, and exits 1', async () => {
    writeClaims([complete(), claimInText(STORY, 'c2', 'Officials called it a record.', { status: 'refuted', review: { reviewer: 'Budget Desk' } })]);
    const result = await run(dir, ['export', '--format', 'claimreview']);
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      result.stderr,
      /^story\.md:4:1: claim c2 cannot be published as a ClaimReview; missing review\.claimReviewed .*review\.url .*review\.reviewDate/m,
    );
    assert.match(result.stderr, /1 reviewed claim was left out for missing fields; 1 exported/);
    const records = JSON.parse(result.stdout) as unknown[];
    assert.equal(records.length, 1);
    const validate = claimReviewValidator();
    for (const record of records) assert.deepEqual(validate(record), []);
    assert.deepEqual((records[0] as { reviewRating: unknown }).reviewRating, {
      '@type': 'Rating',
      ratingValue: 2,
      bestRating: 4,
      worstRating: 1,
      alternateName: 'Misleading',
    });
  });

  it('exits 0 when every reviewed claim is complete; a status maps onto the shared scale', async () => {
    const { verdict: _v, ...statusOnly } = complete();
    writeClaims([{ ...statusOnly, status: 'refuted' }]);
    const result = await run(dir, ['export', '--format', 'claimreview', '--out', 'out/reviews.json']);
    assert.equal(result.code, 0, result.stderr);
    const records = JSON.parse(fs.readFileSync(path.join(dir, 'out/reviews.json'), 'utf8')) as {
      reviewRating: { alternateName: string; ratingValue: number };
    }[];
    assert.deepEqual([records[0]!.reviewRating.alternateName, records[0]!.reviewRating.ratingValue], ['Wrong', 1]);
    const preset = await run(dir, ['export', '--format', 'claimreview', '--scale', 'six-level']);
    assert.equal((JSON.parse(preset.stdout) as { reviewRating: { alternateName: string } }[])[0]!.reviewRating.alternateName, 'False');
  });

  it('refuses a bad scale file with its line and column (exit 2)', async () => {
    writeClaims([complete()]);
    fs.writeFileSync(
      path.join(dir, '.claims', 'verdict-scale.json'),
      '{\n  "name": "Desk",\n  "labels": [\n    {"label": "Yes", "value": 1, "status": "supported"},\n    {"label": "No", "value": 1, "status": "refuted"}\n  ]\n}\n',
    );
    const result = await run(dir, ['export', '--format', 'claimreview']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /verdict-scale\.json:5:\d+: labels\[1\]\.value: 1 does not follow 1/);
    assert.equal(result.stdout, '');
  });

  it('imports real ClaimReview markup into the archive once, and round-trips its own export', async () => {
    const afp = await run(dir, ['import', '--format', 'claimreview', path.join(FIXTURES, 'afp-whipped-cream.html')]);
    assert.equal(afp.code, 0, afp.stderr + afp.stdout);
    assert.match(afp.stdout, /fact-checks\.jsonl: added 1 fact-check/);
    const api = await run(dir, ['import', '--format', 'claimreview', path.join(FIXTURES, 'factcheck-tools-api.json')]);
    assert.match(api.stdout, /added 4 fact-checks/);
    const again = await run(dir, ['import', '--format', 'claimreview', path.join(FIXTURES, 'factcheck-tools-api.json')]);
    assert.match(again.stdout, /added 0 fact-checks, 4 already there/);

    writeClaims([complete()]);
    assert.equal((await run(dir, ['export', '--format', 'claimreview', '--out', 'ours.json'])).code, 0);
    const ours = await run(dir, ['import', '--format', 'claimreview', 'ours.json']);
    assert.equal(ours.code, 0, ours.stdout);
    const archive = parseFactCheckArchive(fs.readFileSync(path.join(dir, 'fact-checks.jsonl'), 'utf8'));
    assert.deepEqual(archive.problems, []);
    assert.equal(archive.entries.length, 6);
    const mine = archive.entries[5]!;
    assert.deepEqual(
      { claim: mine.claim, speaker: mine.speaker, verdict: mine.verdict, url: mine.url, publisher: mine.publisher },
      {
        claim: 'Spending rose by 40% last year',
        speaker: 'The minister',
        verdict: 'Misleading',
        url: 'https://desk.example/checks/budget',
        publisher: 'Budget Desk',
      },
    );
    assert.equal(archive.entries[0]!.verdict, 'FALSE');
  });

  it('names a broken archive line and adds nothing (exit 2)', async () => {
    fs.writeFileSync(path.join(dir, 'fact-checks.jsonl'), '{"id":"a","claim":"x"}\n{"id": "b"\n');
    const result = await run(dir, ['import', '--format', 'claimreview', path.join(FIXTURES, 'afp-whipped-cream.html')]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /fact-checks\.jsonl:2: not valid JSON/);
    assert.equal(fs.readFileSync(path.join(dir, 'fact-checks.jsonl'), 'utf8'), '{"id":"a","claim":"x"}\n{"id": "b"\n');
  });
});
