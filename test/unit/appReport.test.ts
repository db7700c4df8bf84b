// The fact-check report built once (core/app/report.ts) for the editor and `claims export --format markdown`.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { claimsInDocumentOrder, markdownReport, reportSubtitle } from '../../src/core/app/report';
import { countConflictNotes } from '../../src/core/conflicts/noteCounts';
import { escapeReportText, type ArticleClaims } from '../../src/core/interchange/exporters';
import type { Conflict } from '../../src/core/sidecar/schema';
import { claimInText } from './support/builders';
import { expectedVisibleText, shownText } from './support/renderedText';

const A = 'Amazon made its initial $1.25 billion investment in September 2023.\nIt later upped the investment to $4 billion.\n';
const B = 'The wire says the first investment was $4 billion, in March 2024.\n';
const note = (other: string, claim: string, fields: Partial<Conflict> = {}): Conflict => ({
  id: 'k1',
  other: { article: other, claim },
  kind: 'amount',
  thisValue: '$1.25 billion',
  otherValue: '$4 billion',
  note: '',
  state: 'open',
  resolution: '',
  ...fields,
});

function workspace(): ArticleClaims[] {
  // Created in reverse: the later sentence was marked first, as the editor's store keeps them.
  const later = claimInText(A, 'c-later', 'upped the investment to $4 billion', { updated: '2024-11-08T10:30:00Z' });
  const first = claimInText(A, 'c-first', 'initial $1.25 billion investment', { conflicts: [note('../wire/b.md', 'w1')] });
  const wire = claimInText(B, 'w1', 'the first investment was $4 billion', {
    conflicts: [note('../news/a.md', 'c-first', { thisValue: '$4 billion', otherValue: '$1.25 billion' })],
  });
  return [
    { article: 'wire/b.md', sidecar: { version: 1, article: 'b.md', claims: [wire] }, text: B },
    { article: 'news/a.md', sidecar: { version: 1, article: 'a.md', claims: [later, first] }, text: A },
    { article: 'news/empty.md', sidecar: { version: 1, article: 'empty.md', claims: [] }, text: 'Nothing.\n' },
  ];
}

describe('app: report', () => {
  it('lists articles by name and claims in document order, whatever order they were created in', () => {
    const report = markdownReport(workspace());
    const headings = [...report.matchAll(/^##+ .*$/gm)].map((m) => m[0]);
    assert.deepEqual(headings, [
      '## news/a\\.md',
      '### 1\\. Unverified: “initial $1.25 billion investment”',
      '### 2\\. Unverified: “upped the investment to $4 billion”',
      '## wire/b\\.md',
      '### 1\\. Unverified: “the first investment was $4 billion”',
    ]);
    assert.deepEqual(
      claimsInDocumentOrder(workspace()[1]!.sidecar.claims).map((c) => c.id),
      ['c-first', 'c-later'],
    );
  });

  it('counts a note kept on both claims once', () => {
    assert.match(markdownReport(workspace()), /^1 open conflict, 3 uncited, 0 orphaned\.$/m);
  });

  it('names a conflict partner by its file and words, or by its id when it is not in the report', () => {
    const report = markdownReport(workspace());
    assert.match(report, /open amount conflict with \.\.\/wire\/b\\\.md, “the first investment was \$4 billion”: "\$1\.25 billion" vs "\$4 billion"/);
    const alone = markdownReport([workspace()[1]!]);
    assert.match(alone, /open amount conflict with \.\.\/wire\/b\\\.md \(claim w1, not in this report\)/);
  });

  it('dates the report by the claims\u2019 last change, not the clock, so the same claims give the same text', () => {
    assert.equal(reportSubtitle(workspace()), '3 articles, last changed 2024-11-08 10:30 UTC');
    assert.match(markdownReport(workspace()), /^# Fact-check report\n\n2 articles, last changed 2024-11-08 10:30 UTC\n/);
    assert.equal(markdownReport(workspace()), markdownReport(workspace().reverse()));
  });
});

describe('conflict note counts', () => {
  it('counts a note kept on both of its claims once, and each note by its state', () => {
    const half = (id: string, state: Conflict['state'] = 'open') => ({ conflicts: [note('x.md', 'c', { id, state })] });
    assert.equal(countConflictNotes([half('k1'), half('k1'), half('k2'), half('k3', 'resolved')], 'open'), 2);
    assert.equal(countConflictNotes([half('k1'), half('k1'), half('k3', 'resolved')]), 2);
    assert.equal(countConflictNotes([]), 0);
  });
});

describe('report escaping (escapeReportText)', () => {
  const markdownIt = createRequire(__filename)('markdown-it') as (options: object) => { render(text: string): string };
  // VS Code's preview renders with markdown-it and linkify on; raw HTML on is the most permissive setting.
  const render = (markdown: string) => markdownIt({ html: true, linkify: true }).render(markdown);
  const PIECES = [
    'http',
    'https',
    'www',
    'mailto',
    'javascript',
    'command',
    'ftp',
    ':',
    '/',
    '//',
    '.',
    '@',
    'com',
    'md',
    'io',
    'org',
    'example',
    'a',
    'b1',
    '-',
    '_',
    '*',
    '[',
    ']',
    '(',
    ')',
    '<',
    '>',
    '!',
    '&',
    '#',
    ';',
    '$',
    '`',
    '~',
    '|',
    ' ',
    '\n',
    '1',
    '2.',
    '1)',
    'x.y',
    'рф',
    'пример',
    'localhost',
    ':8080',
    '192.168.0.1',
    '%',
    '+',
    '=',
    '\\',
    '{',
    '}',
    '^',
    '"',
    "'",
    'img src=x onerror=alert(1)',
    'script',
  ];
  const texts = fc.oneof(
    fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }).map((a) => a.join('')),
    fc.string({ maxLength: 40 }),
  );

  it('escapes what would change the rendering, and only that (issue 17)', () => {
    assert.equal(escapeReportText('article(s) at 06:54 in bbc-007.txt'), 'article(s) at 06:54 in bbc-007.txt');
    assert.equal(escapeReportText('a*b_c[d](e)<f>'), 'a\\*b_c\\[d\\](e)\\<f>');
    assert.equal(escapeReportText('see example.com, story.md or www.x.org'), 'see example\\.com, story\\.md or www\\.x\\.org');
    assert.equal(escapeReportText('javascript:alert(1) //x a@b'), 'javascript\\:alert(1) \\//x a\\@b');
    assert.equal(escapeReportText('$4 billion, not $x^2$; AT&T &amp; _em_ snake_case'), '$4 billion, not \\$x^2\\$; AT&T \\&amp; \\_em\\_ snake_case');
    assert.equal(
      escapeReportText('1. not a list\n2) nor this\n> nor a quote\n- nor this\n# nor a heading'),
      '1\\. not a list\\\n2\\) nor this\\\n\\> nor a quote\\\n\\- nor this\\\n\\# nor a heading',
    );
    assert.equal(escapeReportText('x\u202ey\u0000z'), 'xyz');
  });

  it('renders as plain text: no links, images or HTML, and the words kept (fast-check, 6,000 strings)', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const html = render(escapeReportText(text));
        assert.doesNotMatch(html, /<a |<img | (?:href|src)="/, `no link from ${JSON.stringify(text)}: ${html}`);
        for (const m of html.matchAll(/<\/?([a-z0-9]+)/gi)) {
          assert.ok(['p', 'br'].includes(m[1]!.toLowerCase()), `<${m[1]}> from ${JSON.stringify(text)}: ${html}`);
        }
        const shown = shownText(html);
        const expected = expectedVisibleText(text);
        assert.equal(shown.replace(/\s+/g, ' ').trim(), expected.replace(/\s+/g, ' ').trim(), `shown ${JSON.stringify(shown)} for ${JSON.stringify(text)}`);
      }),
      { numRuns: 6_000 },
    );
  });
});
