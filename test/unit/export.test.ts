import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import fc from 'fast-check';
import {
  codePointsToUtf16,
  csvCell,
  escapeMarkdownText,
  exportCsv,
  exportMarkdown,
  exportW3C,
  exportW3CLinks,
  utf16ToCodePoints,
  type W3CArticleClaims,
} from '../../src/core/interchange/exporters';
import type { Sidecar } from '../../src/core/sidecar/schema';
import { claimInText } from './support/builders';

const W3C_DIR = path.resolve(__dirname, '../fixtures/w3c-annotation-model');

/** The W3C test suite's MUST assertions for a whole annotation, compiled as its README describes. */
function w3cValidators(): { name: string; validate: ValidateFunction }[] {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const file of fs.readdirSync(path.join(W3C_DIR, 'definitions'))) {
    ajv.addSchema(JSON.parse(fs.readFileSync(path.join(W3C_DIR, 'definitions', file), 'utf8')));
  }
  return fs
    .readdirSync(path.join(W3C_DIR, 'assertions'))
    .sort()
    .map((file) => ({ name: file, validate: ajv.compile(JSON.parse(fs.readFileSync(path.join(W3C_DIR, 'assertions', file), 'utf8'))) }));
}

// Emoji (surrogate pairs, and a ZWJ family of several code points) before the claims, so UTF-16 offsets and
// code point offsets differ.
const ARTICLE = [
  '# 🚀 Amazon and Anthropic 👩‍👩‍👧',
  '',
  'Amazon made its initial $1.25 billion investment in Anthropic in September 2023 🎉 and then upped it to $4 billion in March.',
  'As reported Thursday (Nov. 7) by The Information, a second deal could follow. 🤖',
  '',
].join('\n');

function sampleEntries(): W3CArticleClaims[] {
  const sidecar: Sidecar = {
    version: 1,
    article: 'story.md',
    claims: [
      claimInText(ARTICLE, 'c1', 'initial $1.25 billion investment in Anthropic in September 2023', {
        status: 'supported',
        note: 'Matches the SEC filing.\nSecond line of the note.',
        citations: [
          {
            id: 'k1',
            url: 'https://www.aboutamazon.com/news/company-news/amazon-anthropic-ai-investment',
            title: 'Amazon and Anthropic',
            publisher: 'Amazon',
            issued: '2023-09-25',
          },
          { id: 'k2', doi: '10.1234/example.5678', title: 'A paper' },
          { id: 'k3', title: 'Interview with a spokesperson', author: 'A. Reporter', accessed: '2024-11-08' },
        ],
        conflicts: [
          {
            id: 'n1',
            other: { article: 'pymnts.md', claim: 'p1' },
            kind: 'date',
            thisValue: 'September 2023',
            otherValue: 'March 27',
            note: 'pymnts calls the March deal the initial one',
            state: 'open',
            resolution: '',
          },
        ],
      }),
      claimInText(ARTICLE, 'c2', 'Thursday (Nov. 7)', { origin: 'spotted' }),
      claimInText(ARTICLE, 'c3', 'upped it to $4 billion in March', { status: 'disputed', note: 'Which March?' }),
      {
        ...claimInText(ARTICLE, 'c4', 'a second deal could follow'),
        quote: { exact: 'a sentence that was deleted from the article', prefix: '', suffix: '' },
        position: { start: 300, end: 345 },
      },
    ],
  };
  return [{ article: 'news/story.md', sidecar, text: ARTICLE, source: 'file:///work/news/story.md' }];
}

describe('W3C Web Annotation export', () => {
  let validators: { name: string; validate: ValidateFunction }[];
  before(() => {
    validators = w3cValidators();
    assert.equal(validators.length, 8);
  });

  function failures(annotation: unknown): string[] {
    return validators.filter((v) => !v.validate(annotation)).map((v) => `${v.name}: ${JSON.stringify(v.validate.errors?.slice(0, 2))}`);
  }

  it('the validators accept the suite examples and reject a broken annotation (they can fail)', () => {
    for (const file of fs.readdirSync(path.join(W3C_DIR, 'examples'))) {
      assert.deepEqual(failures(JSON.parse(fs.readFileSync(path.join(W3C_DIR, 'examples', file), 'utf8'))), [], file);
    }
    const [good] = exportW3C(sampleEntries());
    assert.ok(failures({ ...good, id: 'not a uri' }).length > 0);
    assert.ok(failures({ ...good, target: { source: good!.target.source, selector: [{ type: 'TextPositionSelector', start: -1, end: 3 }] } }).length > 0);
    assert.ok(failures({ ...good, created: 'yesterday' }).length > 0 || failures({ ...good, type: 'Note' }).length > 0);
  });

  it('exports one annotation per claim, each valid against all eight W3C assertion schemas', () => {
    const annotations = exportW3C(sampleEntries());
    assert.equal(annotations.length, 4);
    for (const annotation of annotations) assert.deepEqual(failures(annotation), [], annotation.id);
  });

  it('exports conflict notes as linking annotations, each valid against all eight W3C assertion schemas', () => {
    const links = exportW3CLinks(sampleEntries());
    assert.equal(links.length, 1);
    assert.deepEqual(links[0]!.target, ['urn:claim-annotator:claim:c1', 'urn:claim-annotator:claim:p1']);
    for (const link of links) assert.deepEqual(failures(link), [], link.id);
    assert.ok(failures({ ...links[0], id: 'not a uri' }).length > 0, 'the validators can reject a link');
  });

  it('counts TextPositionSelector offsets in code points, not UTF-16 units', () => {
    const annotations = exportW3C(sampleEntries());
    const codePoints = Array.from(ARTICLE);
    for (const annotation of annotations.slice(0, 3)) {
      const quote = annotation.target.selector.find((s) => s.type === 'TextQuoteSelector')!;
      const position = annotation.target.selector.find((s) => s.type === 'TextPositionSelector');
      assert.ok(position && position.type === 'TextPositionSelector', annotation.id);
      assert.equal(codePoints.slice(position.start, position.end).join(''), quote.exact);
      const utf16Start = ARTICLE.indexOf(quote.exact);
      assert.ok(position.start < utf16Start, 'the emoji before the claim must make the offsets differ');
    }
  });

  it('gives an orphaned claim only its quote selector', () => {
    const orphan = exportW3C(sampleEntries()).find((a) => a.id.endsWith(':c4'))!;
    assert.deepEqual(
      orphan.target.selector.map((s) => s.type),
      ['TextQuoteSelector'],
    );
  });

  it('uses stable URN ids, status tags, the note and one body per citation and conflict', () => {
    const [first] = exportW3C(sampleEntries());
    assert.equal(first!.id, 'urn:claim-annotator:claim:c1');
    assert.equal(first!['@context'], 'http://www.w3.org/ns/anno.jsonld');
    assert.equal(first!.motivation, 'assessing');
    assert.equal(first!.target.source, 'file:///work/news/story.md');
    const bodies = first!.body;
    assert.deepEqual(
      bodies.find((b) => b.purpose === 'tagging'),
      { type: 'TextualBody', purpose: 'tagging', value: 'supported' },
    );
    assert.equal(bodies.find((b) => b.purpose === 'commenting')!.value, 'Matches the SEC filing.\nSecond line of the note.');
    const links = bodies.filter((b) => b.type === 'SpecificResource').map((b) => (b.source as { id: string }).id);
    assert.deepEqual(links, ['https://www.aboutamazon.com/news/company-news/amazon-anthropic-ai-investment', 'https://doi.org/10.1234/example.5678']);
    assert.ok(bodies.some((b) => b.type === 'TextualBody' && String(b.value).includes('Interview with a spokesperson')));
    assert.ok(bodies.some((b) => String(b.value).includes('open date conflict with pymnts.md')));
    assert.deepEqual(exportW3C(sampleEntries()), exportW3C(sampleEntries()), 'the export is deterministic');
    const spotted = exportW3C(sampleEntries()).find((a) => a.id.endsWith(':c2'))!;
    assert.equal(spotted.creator?.type, 'Software');
  });
});

describe('code point conversion', () => {
  it('round-trips every code point boundary of arbitrary Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const boundaries: number[] = [0];
        for (const ch of text) boundaries.push(boundaries[boundaries.length - 1]! + ch.length);
        const points = utf16ToCodePoints(text, boundaries);
        assert.deepEqual(
          points,
          boundaries.map((_, i) => i),
        );
        assert.deepEqual(codePointsToUtf16(text, points), boundaries);
      }),
    );
  });

  it('converts unsorted offsets and offsets past the end', () => {
    const text = 'a😀b';
    assert.deepEqual(utf16ToCodePoints(text, [4, 0, 3, 1]), [3, 0, 2, 1]);
    assert.deepEqual(codePointsToUtf16(text, [3, 2, 5]), [4, 3, 6]);
  });
});

describe('Markdown report', () => {
  const markdownIt = createRequire(__filename)('markdown-it') as (options: object) => { render(text: string): string };
  // VS Code's preview renders with markdown-it; linkify and HTML on is the most permissive setting.
  const render = (md: string) => markdownIt({ html: true, linkify: true }).render(md);

  it('lists claims by file with status, location, note, citations and conflicts', () => {
    const md = exportMarkdown(sampleEntries());
    assert.match(md, /^# Fact-check report\n/);
    assert.match(md, /4 claims in 1 file: 1 supported, 1 disputed, 0 refuted, 2 unverified\./);
    assert.match(md, /1 open conflict, 3 uncited, 1 orphaned\./);
    assert.match(md, /## news\/story\\\.md/);
    assert.match(md, /- Where: line 3, column \d+/);
    assert.match(md, /\*\*orphaned\*\*/);
    const html = render(md);
    assert.match(html, /<a href="https:\/\/www\.aboutamazon\.com\/news\/company-news\/amazon-anthropic-ai-investment">Amazon and Anthropic<\/a>/);
    assert.match(html, /<a href="https:\/\/doi\.org\/10\.1234\/example\.5678">A paper<\/a>/);
    assert.match(html, /Matches the SEC filing\.<br>\s*Second line of the note\./);
    assert.match(html, /open date conflict with pymnts\.md/);
  });

  it('escapes sidecar text so it cannot inject links, HTML, images or formatting', () => {
    const hostile = [
      '[click](javascript:alert(1)) <img src=x onerror=alert(1)> <script>alert(1)</script>',
      'https://evil.example/a www.evil.example mail@evil.example <https://evil.example>',
      '**bold** _em_ `code` ~~strike~~ $x^2$ &amp; &#60;b&#62; | table |',
      '# heading',
      '    indented code',
      '1. list',
      '> quote',
      '![img](https://evil.example/i.png)',
    ].join('\n');
    const entries = sampleEntries();
    const c1 = entries[0]!.sidecar.claims[0]!;
    entries[0]!.sidecar.claims = [c1];
    c1.note = hostile;
    c1.citations = [{ id: 'k9', url: 'javascript:alert(1)', title: '[x](https://evil.example) <b>bold</b>' }];
    c1.conflicts[0]!.resolution = '<iframe src=https://evil.example>';
    entries[0]!.article = 'news/<b>story</b>.md';
    const html = render(exportMarkdown(entries));
    assert.doesNotMatch(html, /<a /, 'no links at all: the only citation has a javascript: URL');
    assert.equal(html.split('<h1').length - 1, 1, 'only the report title is a top-level heading');
    assert.equal(html.split('<h3').length - 1, 1, 'only the claim is a third-level heading');
    for (const tag of ['<img', '<script', '<iframe', '<b>', '<strong>', '<em>', '<code>', '<s>', '<blockquote', '<ol', '<pre', '<table', '<hr']) {
      assert.ok(!html.includes(tag), `${tag} must not be rendered`);
    }
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the text itself is kept, as text');
    assert.ok(html.includes('javascript:alert(1)'));
  });

  it('escapes every Markdown-significant character and drops invisible controls', () => {
    assert.equal(escapeMarkdownText('a*b_c[d](e)<f>'), 'a\\*b\\_c\\[d\\]\\(e\\)\\<f\\>');
    assert.equal(escapeMarkdownText('- not a list, 2023-09-25'), '\\- not a list, 2023-09-25');
    assert.equal(escapeMarkdownText('# not a heading'), '\\# not a heading');
    assert.equal(escapeMarkdownText('x\u202ey\u0000z'), 'xyz');
    assert.equal(escapeMarkdownText('one\n\ntwo', '  '), 'one\\\n  two');
  });
});

describe('CSV export', () => {
  function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cell += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        row.push(cell);
        cell = '';
      } else if (ch === '\r' && text[i + 1] === '\n') {
        row.push(cell);
        rows.push(row);
        row = [];
        cell = '';
        i++;
      } else cell += ch;
    }
    assert.equal(cell, '', 'the file ends with CRLF');
    return rows;
  }

  it('writes one RFC 4180 row per claim with a header', () => {
    const rows = parseCsv(exportCsv(sampleEntries()));
    assert.equal(rows.length, 5);
    assert.deepEqual(rows[0]!.slice(0, 5), ['article', 'line', 'column', 'claim_id', 'status']);
    const c1 = rows[1]!;
    assert.equal(c1[0], 'news/story.md');
    assert.equal(c1[1], '3');
    assert.equal(c1[3], 'c1');
    assert.equal(c1[7], 'Matches the SEC filing.\nSecond line of the note.');
    assert.equal(c1[8]!.split('\n').length, 3);
    assert.equal(rows[4]![11], 'yes', 'the orphaned claim is marked');
  });

  it('lists claims in document order, as the Markdown report does, whatever order the sidecar holds them in', () => {
    // The sidecar holds c1, c2, c3, c4 (an orphan last seen at offset 300); c3 stands before c2 in the article.
    const entries = sampleEntries();
    entries[0]!.sidecar.claims.reverse();
    const csvIds = parseCsv(exportCsv(entries))
      .slice(1)
      .map((row) => row[3]);
    assert.deepEqual(csvIds, ['c1', 'c3', 'c2', 'c4']);
    assert.deepEqual(
      exportW3C(entries).map((a) => a.id.replace('urn:claim-annotator:claim:', '')),
      ['c1', 'c3', 'c2', 'c4'],
    );
    const report = exportMarkdown(entries);
    const reportOrder = ['initial', 'upped it to', 'Thursday'].map((words) => report.indexOf(words));
    assert.ok(reportOrder[0]! >= 0 && reportOrder[0]! < reportOrder[1]! && reportOrder[1]! < reportOrder[2]!, 'the report agrees');
  });

  it('neutralises spreadsheet formulas and quotes commas, quotes and newlines', () => {
    assert.equal(csvCell('=HYPERLINK("http://evil","x")'), `"'=HYPERLINK(""http://evil"",""x"")"`);
    for (const start of ['+', '-', '@', '\t', '\r']) assert.ok(csvCell(`${start}1+2`).startsWith(`"'`), JSON.stringify(start));
    assert.equal(csvCell('a,b\n"c"'), '"a,b\n""c"""');
    assert.equal(csvCell(12), '"12"');
    const entries = sampleEntries();
    entries[0]!.sidecar.claims[0]!.note = '=cmd|/c calc!A1';
    const rows = parseCsv(exportCsv(entries));
    assert.equal(rows[1]![7], "'=cmd|/c calc!A1");
  });
});
