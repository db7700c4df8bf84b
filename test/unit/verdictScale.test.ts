import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { exportCsv, exportMarkdown } from '../../src/core/interchange/exporters';
import { mergeSidecars } from '../../src/core/sidecar/merge';
import type { Claim, Sidecar } from '../../src/core/sidecar/schema';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar/sidecar';
import {
  displayedVerdict,
  formatScaleIssue,
  parseVerdictScale,
  PRESET_IDS,
  SCALE_PRESETS,
  scaleChoice,
  verdictFor,
  verdictFromStatus,
  type VerdictScale,
} from '../../src/core/sidecar/verdictScale';

const FIXTURES = path.join(__dirname, '../fixtures/verdict-scales');

function scaleFile(text: string) {
  return parseVerdictScale(text, 'verdict-scale.json');
}

function claim(extra: Partial<Claim> = {}): Claim {
  return {
    id: 'c1',
    quote: { exact: 'Amazon invested $4 billion', prefix: '', suffix: '' },
    position: { start: 0, end: 26 },
    status: 'unverified',
    note: '',
    origin: 'manual',
    citations: [],
    conflicts: [],
    created: '2024-11-07T09:30:00Z',
    updated: '2024-11-07T09:30:00Z',
    ...extra,
  };
}

describe('verdict scales', () => {
  it('every preset reads back through the scale file parser unchanged', () => {
    for (const id of PRESET_IDS) {
      const preset = SCALE_PRESETS[id]!;
      const text = JSON.stringify({ name: preset.name, labels: preset.labels });
      const parsed = scaleFile(text);
      assert.ok(parsed.ok, id);
      assert.deepEqual({ ...parsed.scale, source: id }, preset);
    }
    assert.deepEqual(
      SCALE_PRESETS['six-level']!.labels.map((l) => l.value),
      [6, 5, 4, 3, 2, 1],
    );
    assert.deepEqual(
      SCALE_PRESETS['true-misleading-false']!.labels.map((l) => l.label),
      ['True', 'Misleading', 'False'],
    );
  });

  it('reads a newsroom scale file: labels best first, best and worst from the ends', () => {
    const parsed = scaleFile(readFileSync(path.join(FIXTURES, 'newsroom.json'), 'utf8'));
    assert.ok(parsed.ok);
    assert.equal(parsed.scale.best, 5);
    assert.equal(parsed.scale.worst, 1);
    assert.equal(parsed.scale.labels[3]!.description, 'true facts, false impression');
  });

  it('accepts a scale whose numbers rise from best to worst (1 best, 5 worst)', () => {
    const parsed = scaleFile('{"name":"Inverted","labels":[{"label":"Fine","value":1,"status":"supported"},{"label":"Bad","value":5,"status":"refuted"}]}');
    assert.ok(parsed.ok);
    assert.equal(parsed.scale.best, 1);
    assert.equal(parsed.scale.worst, 5);
  });

  it('reports bad files with line, column and the field, and never uses them in part', () => {
    const text = [
      '{',
      '  "name": "Broken",',
      '  "labels": [',
      '    { "label": "Yes", "value": 2, "status": "supported" },',
      '    { "label": "No", "value": 3, "status": "wrong" }',
      '  ]',
      '}',
    ].join('\n');
    const parsed = scaleFile(text);
    assert.ok(!parsed.ok);
    assert.equal(parsed.errors.length, 1);
    assert.equal(parsed.errors[0]!.line, 5);
    assert.match(
      formatScaleIssue('verdict-scale.json', parsed.errors[0]!),
      /^verdict-scale\.json:5:\d+: labels\[1\]\.status: expected one of supported, disputed, refuted/,
    );

    const order = scaleFile(
      '{"name":"x","labels":[{"label":"A","value":3,"status":"supported"},{"label":"B","value":4,"status":"disputed"},{"label":"C","value":1,"status":"refuted"}]}',
    );
    assert.ok(!order.ok);
    assert.match(order.errors[0]!.message, /labels\[1\]\.value: 4 does not follow 3/);

    const duplicate = scaleFile('{"name":"x","labels":[{"label":"True","value":2,"status":"supported"},{"label":"true","value":1,"status":"refuted"}]}');
    assert.ok(!duplicate.ok);
    assert.match(duplicate.errors[0]!.message, /labels\[1\]\.label: "true" is already labels\[0\]/);

    const unknown = scaleFile('{"name":"x","colour":"red","labels":[{"label":"T","value":2,"status":"supported"},{"label":"F","value":1,"status":"refuted"}]}');
    assert.ok(!unknown.ok);
    assert.match(unknown.errors[0]!.message, /unknown field "colour"/);
    assert.equal(unknown.errors[0]!.column, 13);

    const syntax = scaleFile('{"name": "x",\n  "labels": [}');
    assert.ok(!syntax.ok);
    assert.equal(syntax.errors[0]!.line, 2);
    assert.match(syntax.errors[0]!.message, /^invalid JSON/);

    const outside = scaleFile(
      '{"name":"x","best":3,"worst":1,"labels":[{"label":"T","value":5,"status":"supported"},{"label":"F","value":1,"status":"refuted"}]}',
    );
    assert.ok(!outside.ok);
    assert.match(outside.errors[0]!.message, /5 lies outside the scale/);

    assert.ok(!scaleFile('{"name":"x","labels":[{"label":"T","value":1,"status":"supported","color":"green"},{"label":"F","value":0,"status":"refuted"}]}').ok);
  });

  it('maps the four statuses onto any scale, and shows a recorded verdict as recorded', () => {
    const six = SCALE_PRESETS['six-level']!;
    assert.equal(displayedVerdict(claim(), six), undefined);
    assert.deepEqual(displayedVerdict(claim({ status: 'refuted' }), six), { label: 'False', value: 2, color: '#e74c3c', recorded: false });
    assert.equal(displayedVerdict(claim({ status: 'supported' }), SCALE_PRESETS.statuses!)!.label, 'Supported');
    const verdict = verdictFor(six, six.labels[1]!);
    assert.deepEqual(verdict, { label: 'Mostly True', value: 5, best: 6, worst: 1, scale: 'Six levels' });
    // A verdict from another scale keeps its own label and number wherever it is opened.
    assert.deepEqual(displayedVerdict(claim({ status: 'supported', verdict }), SCALE_PRESETS.statuses!), {
      label: 'Mostly True',
      value: 5,
      color: undefined,
      recorded: true,
    });
    assert.deepEqual(verdictFromStatus(claim({ status: 'disputed' }), SCALE_PRESETS['true-misleading-false']!), {
      label: 'Misleading',
      value: 2,
      best: 3,
      worst: 1,
      scale: 'True / Misleading / False',
    });
  });

  it('chooses the shared file when the setting is empty and one exists, else the preset or path named', () => {
    assert.deepEqual(scaleChoice('', true), { kind: 'file', path: '.claims/verdict-scale.json' });
    assert.deepEqual(scaleChoice(undefined, false), { kind: 'preset', id: 'statuses' });
    assert.deepEqual(scaleChoice('six-level', true), { kind: 'preset', id: 'six-level' });
    assert.deepEqual(scaleChoice('scales/ours.json', false), { kind: 'file', path: 'scales/ours.json' });
  });
});

describe('sidecar verdict and review fields', () => {
  const scale: VerdictScale = SCALE_PRESETS['six-level']!;
  const reviewed = claim({
    status: 'refuted',
    verdict: verdictFor(scale, scale.labels[5]!),
    review: {
      claimReviewed: 'Amazon invested $4 billion in March',
      claimant: 'Example Daily',
      claimDate: '2024-11-07',
      appearances: ['https://example.com/story'],
      reviewer: 'Desk',
      reviewDate: '2024-11-08',
      explanation: 'The first tranche was $1.25 billion.',
      url: 'https://factcheck.example/amazon',
    },
  });

  it('round-trip through the canonical text with verdict and review after the other fields', () => {
    const sidecar: Sidecar = { version: 1, article: 'story.md', claims: [reviewed] };
    const text = serializeSidecar(sidecar);
    const keys = Object.keys(JSON.parse(text).claims[0]);
    assert.deepEqual(keys.slice(-4), ['created', 'updated', 'verdict', 'review']);
    const parsed = parseSidecar(text);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.sidecar, sidecar);
    assert.equal(serializeSidecar(parsed.sidecar), text);
  });

  it('a claim without them serialises as before (no empty verdict or review appears)', () => {
    const text = serializeSidecar({ version: 1, article: 'story.md', claims: [claim()] });
    assert.doesNotMatch(text, /verdict|review/);
  });

  it('rejects a verdict outside its scale, with the path', () => {
    const bad = JSON.parse(serializeSidecar({ version: 1, article: 'story.md', claims: [reviewed] }));
    bad.claims[0].verdict.value = 9;
    const parsed = parseSidecar(JSON.stringify(bad, null, 2));
    assert.ok(!parsed.ok);
    assert.match(parsed.errors[0]!.message, /claims\[0\]\.verdict\.value: the verdict value must lie between best and worst/);
  });

  it('version 0 sidecars still load, with no verdict', () => {
    const parsed = parseSidecar(
      JSON.stringify({ version: 0, article: 'story.md', claims: [{ id: 'c1', text: 'Amazon', start: 0, end: 6, status: 'refuted' }] }),
    );
    assert.ok(parsed.ok);
    assert.equal(parsed.migratedFrom, 0);
    assert.equal(parsed.sidecar.claims[0]!.verdict, undefined);
    assert.equal(displayedVerdict(parsed.sidecar.claims[0]!, scale)!.label, 'False');
  });

  it('merges review fields one by one; a clashing date is kept ours and theirs noted in the explanation', () => {
    const base: Sidecar = { version: 1, article: 'story.md', claims: [claim({ review: { claimReviewed: 'x' } })] };
    const ours: Sidecar = { version: 1, article: 'story.md', claims: [claim({ review: { claimReviewed: 'x', reviewer: 'Ann', reviewDate: '2024-11-08' } })] };
    const theirs: Sidecar = {
      version: 1,
      article: 'story.md',
      claims: [claim({ review: { claimReviewed: 'x', url: 'https://f.example/a', reviewDate: '2024-11-09' } })],
    };
    const { merged, conflicts } = mergeSidecars(base, ours, theirs);
    const review = merged.claims[0]!.review!;
    assert.equal(review.reviewer, 'Ann');
    assert.equal(review.url, 'https://f.example/a');
    assert.equal(review.reviewDate, '2024-11-08');
    assert.match(review.explanation ?? '', /2024-11-09/);
    assert.equal(conflicts.length, 1);
    assert.equal(conflicts[0]!.field, 'reviewDate');
  });

  it('a verdict changed differently on both sides keeps ours and records theirs in the note, like the status', () => {
    const base: Sidecar = { version: 1, article: 'story.md', claims: [claim()] };
    const ours: Sidecar = { version: 1, article: 'story.md', claims: [claim({ status: 'refuted', verdict: verdictFor(scale, scale.labels[4]!) })] };
    const theirs: Sidecar = { version: 1, article: 'story.md', claims: [claim({ status: 'refuted', verdict: verdictFor(scale, scale.labels[5]!) })] };
    const { merged, conflicts } = mergeSidecars(base, ours, theirs);
    assert.equal(merged.claims[0]!.verdict!.label, 'False');
    assert.match(merged.claims[0]!.note, /Pants on Fire/);
    assert.deepEqual(
      conflicts.map((c) => c.field),
      ['verdict'],
    );
  });

  it('reports show the verdict: the Markdown heading and a Verdict line, and CSV columns', () => {
    const entries = [
      { article: 'story.md', sidecar: { version: 1 as const, article: 'story.md', claims: [reviewed, claim({ id: 'c2', position: { start: 30, end: 40 } })] } },
    ];
    const markdown = exportMarkdown(entries);
    // Issue 17: the report escapes only what would change the rendering ("$4", "(1 on 1–6)" and "1.25." stay).
    assert.ok(markdown.includes('### 1\\. Pants on Fire: “Amazon invested $4 billion”'), markdown);
    assert.ok(markdown.includes('- Verdict: Pants on Fire (1 on 1–6)'));
    assert.ok(markdown.includes('- Why: The first tranche was $1.25 billion.'));
    assert.ok(markdown.includes('### 2\\. Unverified:'));
    const rows = exportCsv(entries).trim().split('\r\n');
    assert.match(rows[0]!, /"verdict","verdict_value"$/);
    assert.match(rows[1]!, /"Pants on Fire","1"$/);
    assert.match(rows[2]!, /"",""$/);
  });
});
