import assert from 'node:assert/strict';
import { parseSidecar, type ParseSidecarOptions, type SidecarIssue } from '../../src/core/sidecar/sidecar';

// The valid base document. Cases below replace single lines, so each expected line/column can be read off
// the text: claim fields start at column 7, claim values after `"key": `.
const BASE = [
  '{',
  '  "version": 1,',
  '  "article": "a.md",',
  '  "claims": [',
  '    {',
  '      "id": "c1",',
  '      "quote": { "exact": "Amazon invested $4 billion" },',
  '      "position": { "start": 0, "end": 26 },',
  '      "status": "supported",',
  '      "created": "2024-11-07T09:30:00Z",',
  '      "updated": "2024-11-07T09:30:00Z"',
  '    }',
  '  ]',
  '}',
];

/** BASE with 1-based line `line` replaced by `replacement` (which may hold several lines, or none). */
function withLine(line: number, ...replacement: string[]): string {
  return [...BASE.slice(0, line - 1), ...replacement, ...BASE.slice(line)].join('\n');
}

const TWO_CLAIMS = [
  '{',
  '  "version": 1,',
  '  "article": "a.md",',
  '  "claims": [',
  '    { "id": "c1", "quote": { "exact": "a" }, "position": { "start": 0, "end": 1 }, "created": "2024-11-07T09:30:00Z", "updated": "2024-11-07T09:30:00Z" },',
  '    { "id": "c1", "quote": { "exact": "b" }, "position": { "start": 2, "end": 3 }, "created": "2024-11-07T09:30:00Z", "updated": "2024-11-07T09:30:00Z" }',
  '  ]',
  '}',
].join('\n');

interface Expected {
  message: string;
  line: number;
  column: number;
  /** The source text the issue points at, when it is a token. */
  token?: string;
  readOnly?: boolean;
}

function firstIssue(text: string, options?: ParseSidecarOptions): { issue: SidecarIssue; readOnly: boolean; count: number } {
  const result = parseSidecar(text, options);
  if (result.ok) assert.fail('expected the sidecar to be rejected');
  assert.ok(result.errors.length > 0);
  return { issue: result.errors[0]!, readOnly: result.readOnly, count: result.errors.length };
}

/** Independent offset -> line/column, to check that every issue's three coordinates agree. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).replace(/^\uFEFF/, '');
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

function check(text: string, expected: Expected, options?: ParseSidecarOptions): void {
  const { issue, readOnly } = firstIssue(text, options);
  assert.equal(issue.message, expected.message);
  assert.deepEqual({ line: issue.line, column: issue.column }, { line: expected.line, column: expected.column });
  assert.deepEqual(lineColumn(text, issue.offset), { line: issue.line, column: issue.column });
  if (expected.token !== undefined) assert.equal(text.slice(issue.offset, issue.offset + issue.length), expected.token);
  assert.equal(readOnly, expected.readOnly ?? false);
}

describe('parseSidecar: broken files give located, readable errors', () => {
  it('accepts the base document the cases are built from', () => {
    assert.equal(parseSidecar(BASE.join('\n')).ok, true);
    assert.equal(parseSidecar(BASE.join('\n'), { articleLength: 26 }).ok, true);
  });

  describe('text that is not JSON', () => {
    it('empty file', () => {
      const message = 'the sidecar file is empty; it should hold a JSON object like {"version": 1, "article": "story.md", "claims": []}';
      check('', { message, line: 1, column: 1 });
      check('\n   \n', { message, line: 1, column: 1 });
    });

    it('missing comma between properties', () => {
      check(withLine(2, '  "version": 1'), { message: 'invalid JSON: missing "," between properties', line: 3, column: 3, token: '"' });
    });

    it('trailing comma after the last property', () => {
      check(withLine(11, '      "updated": "2024-11-07T09:30:00Z",'), {
        message: 'claims[0]: invalid JSON: trailing comma: remove the "," after the last property',
        line: 11,
        column: 40,
        token: ',',
      });
    });

    it('trailing comma after the last array item', () => {
      check(withLine(12, '    },'), { message: 'claims: invalid JSON: trailing comma: remove the "," after the last item', line: 12, column: 6, token: ',' });
    });

    it('a string broken across lines', () => {
      check(withLine(7, '      "quote": { "exact": "Amazon invested', '$4 billion" },'), {
        message: 'claims[0].quote.exact: invalid JSON: unterminated string: a string cannot continue onto the next line (write \\n for a line break)',
        line: 7,
        column: 27,
      });
    });

    it('a file cut off before its end', () => {
      check(BASE.slice(0, 12).join('\n'), {
        message: 'claims: invalid JSON: unexpected end of file: the array opened at line 4, column 13 is missing its "]"',
        line: 12,
        column: 6,
      });
    });

    it('single-quoted string', () => {
      check(withLine(9, `      "status": 'supported',`), {
        message: 'claims[0].status: invalid JSON: strings must be in double quotes, not single quotes',
        line: 9,
        column: 17,
        token: "'",
      });
    });

    it('a comment', () => {
      check(withLine(2, '  "version": 1,', '  // checked by the desk'), {
        message: 'invalid JSON: comments are not allowed in JSON',
        line: 3,
        column: 3,
        token: '//',
      });
    });

    it('number with a leading zero', () => {
      check(withLine(8, '      "position": { "start": 00, "end": 26 },'), {
        message: 'claims[0].position.start: invalid JSON: invalid number "00": numbers must not have leading zeros',
        line: 8,
        column: 30,
        token: '00',
      });
    });

    it('NaN', () => {
      check(withLine(8, '      "position": { "start": NaN, "end": 26 },'), {
        message: 'claims[0].position.start: invalid JSON: NaN is not a JSON value',
        line: 8,
        column: 30,
        token: 'NaN',
      });
    });

    it('an unquoted word as a value', () => {
      check(withLine(9, '      "status": supported,'), {
        message: 'claims[0].status: invalid JSON: unexpected word "supported": strings must be in double quotes',
        line: 9,
        column: 17,
        token: 'supported',
      });
    });

    it('an unquoted property name', () => {
      check(withLine(6, '      id: "c1",'), { message: 'claims[0]: invalid JSON: expected a property name in double quotes', line: 6, column: 7, token: 'id' });
    });

    it('an invalid escape', () => {
      check(withLine(7, '      "quote": { "exact": "Amazon \\q" },'), {
        message: 'claims[0].quote.exact: invalid JSON: invalid escape "\\q" in a string',
        line: 7,
        column: 35,
        token: '\\q',
      });
    });

    it('text after the document', () => {
      check(BASE.join('\n') + '\n}', { message: 'invalid JSON: unexpected text after the end of the JSON document', line: 15, column: 1, token: '}' });
    });

    it('nesting deeper than 64 levels, both balanced and cut off', () => {
      // The root is level 1, "claims" 2, the claim 3, so the 62nd bracket of "x" opens level 65.
      const deep = (closed: boolean) => withLine(9, `      "x": ${'['.repeat(70)}${closed ? ']'.repeat(70) : ''},`);
      const expected = { message: 'objects and arrays are nested more than 64 levels deep', line: 9, column: 6 + '"x": '.length + 62, token: '[' };
      check(deep(true), expected);
      check(deep(false), expected);
      check('['.repeat(200_000), { message: expected.message, line: 1, column: 65, token: '[' });
      check('['.repeat(200_000) + ']'.repeat(200_000), { message: expected.message, line: 1, column: 65, token: '[' });
    });

    it('UTF-16 text read as UTF-8, with and without a byte order mark', () => {
      const message = 'the file is not UTF-8 text: it looks like UTF-16; save it as UTF-8';
      const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(BASE.join('\n'), 'utf16le')]);
      check(utf16le.toString('utf8'), { message, line: 1, column: 1 });
      check(Buffer.from(BASE.join('\n'), 'utf16le').toString('utf8'), { message, line: 1, column: 1 });
      check(Buffer.from(BASE.join('\n'), 'utf16le').swap16().toString('utf8'), { message, line: 1, column: 1 });
    });

    it('a NUL character', () => {
      check(withLine(9, '      "status": "supp\u0000orted",'), {
        message: 'the file contains a NUL character (U+0000), so it is not a text file; a sidecar must be UTF-8 JSON',
        line: 9,
        column: 22,
        token: '\u0000',
      });
    });
  });

  describe('JSON that is not a valid sidecar', () => {
    it('top level is not an object', () => {
      check('[\n  { "version": 1 }\n]\n', {
        message: 'a sidecar must be a JSON object like {"version": 1, "article": …, "claims": […]}, not an array',
        line: 1,
        column: 1,
        token: '[',
      });
      check('"story.md"', {
        message: 'a sidecar must be a JSON object like {"version": 1, "article": …, "claims": […]}, not a string',
        line: 1,
        column: 1,
        token: '"story.md"',
      });
    });

    it('a status outside the list', () => {
      check(withLine(9, '      "status": "maybe",'), {
        message: 'claims[0].status: expected one of unverified, supported, disputed, refuted',
        line: 9,
        column: 17,
        token: '"maybe"',
      });
    });

    it('a number written as text', () => {
      check(withLine(8, '      "position": { "start": "0", "end": 26 },'), {
        message: 'claims[0].position.start: expected a number, got the text "0"',
        line: 8,
        column: 30,
        token: '"0"',
      });
    });

    it('a fractional offset', () => {
      check(withLine(8, '      "position": { "start": 0, "end": 2.5 },'), {
        message: 'claims[0].position.end: expected a whole number, got 2.5',
        line: 8,
        column: 40,
        token: '2.5',
      });
    });

    it('a negative offset', () => {
      check(withLine(8, '      "position": { "start": -1, "end": 26 },'), {
        message: 'claims[0].position.start: must not be negative',
        line: 8,
        column: 30,
        token: '-1',
      });
    });

    it('end before start', () => {
      check(withLine(8, '      "position": { "start": 10, "end": 5 },'), {
        message: 'claims[0].position.end: end must not be before start',
        line: 8,
        column: 41,
        token: '5',
      });
    });

    it('a missing required field points at the object that lacks it', () => {
      check(withLine(7), { message: 'claims[0]: missing the required field "quote"', line: 5, column: 5, token: '{' });
    });

    it('a missing nested field points at the parent property name', () => {
      check(withLine(8, '      "position": { "end": 26 },'), {
        message: 'claims[0].position: missing the required field "start"',
        line: 8,
        column: 7,
        token: '"position"',
      });
    });

    it('an empty quote', () => {
      check(withLine(7, '      "quote": { "exact": "" },'), {
        message: 'claims[0].quote.exact: the quoted text must not be empty',
        line: 7,
        column: 27,
        token: '""',
      });
    });

    it('an id with a space', () => {
      check(withLine(6, '      "id": "c 1",'), { message: 'claims[0].id: expected 1-64 letters, digits, "-" or "_"', line: 6, column: 13, token: '"c 1"' });
    });

    it('a time that is not ISO 8601', () => {
      check(withLine(10, '      "created": "yesterday",'), {
        message: 'claims[0].created: expected an ISO 8601 date-time such as 2024-11-07T09:30:00Z',
        line: 10,
        column: 18,
        token: '"yesterday"',
      });
    });

    it('a citation without url, doi or title', () => {
      check(withLine(9, '      "citations": [{ "id": "s1", "author": "Reuters" }],'), {
        message: 'claims[0].citations[0]: a citation needs a url, a doi or a title',
        line: 9,
        column: 21,
        token: '{',
      });
    });

    it('a citation date that is not a calendar date', () => {
      check(withLine(9, '      "citations": [{ "id": "s1", "url": "https://x.test", "issued": "2024-13" }],'), {
        message: 'claims[0].citations[0].issued: expected a date such as 2024, 2024-11 or 2024-11-07',
        line: 9,
        column: 70,
        token: '"2024-13"',
      });
    });

    it('an unknown conflict kind', () => {
      check(withLine(9, '      "conflicts": [{ "id": "k1", "other": { "article": "b.md", "claim": "c9" }, "kind": "price" }],'), {
        message: 'claims[0].conflicts[0].kind: expected one of date, amount, number, name, other',
        line: 9,
        column: 90,
        token: '"price"',
      });
    });

    it('claims that are not an array', () => {
      check('{\n  "version": 1,\n  "article": "a.md",\n  "claims": "none"\n}\n', {
        message: 'claims: expected an array, got the text "none"',
        line: 4,
        column: 13,
        token: '"none"',
      });
    });

    it('an empty article name', () => {
      check(withLine(3, '  "article": "",'), { message: 'article: must not be empty', line: 3, column: 14, token: '""' });
    });

    it('a whole number too large to keep exactly', () => {
      check(withLine(8, '      "position": { "start": 9007199254740993, "end": 9007199254740993 },'), {
        message:
          'claims[0].position.start: the number 9007199254740993 is too large to be kept exactly; whole numbers must lie between -9007199254740991 and 9007199254740991',
        line: 8,
        column: 30,
        token: '9007199254740993',
      });
    });

    it('a number beyond the double range, in an unknown field', () => {
      check(withLine(9, '      "weight": 1e400,'), { message: 'claims[0].weight: the number 1e400 is too large', line: 9, column: 17, token: '1e400' });
    });
  });

  describe('consistency rules', () => {
    it('duplicate claim ids, located at the second', () => {
      check(TWO_CLAIMS, { message: 'claims[1].id: duplicate claim id "c1"; claims[0] already uses it', line: 6, column: 13, token: '"c1"' });
    });

    it('duplicate citation ids within a claim', () => {
      check(withLine(9, '      "citations": [{ "id": "s1", "url": "https://a.test" }, { "id": "s1", "url": "https://b.test" }],'), {
        message: 'claims[0].citations[1].id: duplicate citation id "s1"; claims[0].citations[0] already uses it',
        line: 9,
        column: 70,
        token: '"s1"',
      });
    });

    it('duplicate conflict ids within a claim', () => {
      const line =
        '      "conflicts": [{ "id": "k1", "other": { "article": "b.md", "claim": "c9" }, "kind": "date" }, { "id": "k1", "other": { "article": "b.md", "claim": "c8" }, "kind": "amount" }],';
      check(withLine(9, line), {
        message: 'claims[0].conflicts[1].id: duplicate conflict id "k1"; claims[0].conflicts[0] already uses it',
        line: 9,
        column: 108,
        token: '"k1"',
      });
    });

    it('the same citation id in two different claims is fine', () => {
      const claim = (id: string, start: number) =>
        `{ "id": "${id}", "quote": { "exact": "a" }, "position": { "start": ${start}, "end": ${start + 1} }, "citations": [{ "id": "s1", "title": "T" }], "created": "2024-11-07T09:30:00Z", "updated": "2024-11-07T09:30:00Z" }`;
      assert.equal(parseSidecar(`{"version": 1, "article": "a.md", "claims": [${claim('c1', 0)}, ${claim('c2', 5)}]}`).ok, true);
    });

    it('a position past the end of the article, when its length is known', () => {
      check(
        BASE.join('\n'),
        { message: 'claims[0].position.end: 26 is past the end of the article, which is 20 characters long', line: 8, column: 40, token: '26' },
        { articleLength: 20 },
      );
    });
  });

  describe('versions', () => {
    it('a newer version is refused read-only', () => {
      check(withLine(2, '  "version": 2,'), {
        message: 'this sidecar was written by a newer Claim Annotator (version 2); it is shown read-only — update the extension to edit it',
        line: 2,
        column: 14,
        token: '2',
        readOnly: true,
      });
    });

    it('a version that is not a number', () => {
      check(withLine(2, '  "version": "1",'), { message: 'version: expected 1, got the text "1"', line: 2, column: 14, token: '"1"' });
      check(withLine(2, '  "version": 1.5,'), { message: 'version: expected 1, got 1.5', line: 2, column: 14, token: '1.5' });
    });

    it('a current-format file that lost its version', () => {
      check(withLine(2), {
        message: 'missing the required field "version"; this file looks like version 1, so add "version": 1',
        line: 1,
        column: 1,
        token: '{',
      });
    });
  });

  describe('locations in unusual text', () => {
    it('ignores a UTF-8 byte order mark, which does not count as a column', () => {
      assert.equal(parseSidecar('\uFEFF' + BASE.join('\n')).ok, true);
      const text = '\uFEFF{"version": 1, "article": "a.md", "claims": [], "dismissed": 5}';
      const { issue } = firstIssue(text);
      assert.equal(issue.message, 'dismissed: expected an object, got 5');
      assert.deepEqual([issue.line, issue.column, issue.offset], [1, 62, 62]);
      assert.equal(text[issue.offset], '5');
    });

    it('counts lines ending in CRLF once', () => {
      const lines = [...BASE];
      lines[8] = '      "status": "maybe",';
      check(lines.join('\r\n'), {
        message: 'claims[0].status: expected one of unverified, supported, disputed, refuted',
        line: 9,
        column: 17,
        token: '"maybe"',
      });
    });

    it('counts columns in UTF-16 code units, as editors do', () => {
      check(withLine(9, '      "note": "🙂 €", "status": "maybe",'), {
        message: 'claims[0].status: expected one of unverified, supported, disputed, refuted',
        line: 9,
        column: 7 + '"note": "🙂 €", "status": '.length,
        token: '"maybe"',
      });
    });
  });

  describe('several problems', () => {
    it('are all reported, in file order', () => {
      const text = withLine(9, '      "status": "maybe",', '      "origin": "robot",', '      "note": 5,');
      const result = parseSidecar(text);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.deepEqual(
        result.errors.map((e) => [e.line, e.message]),
        [
          [9, 'claims[0].status: expected one of unverified, supported, disputed, refuted'],
          [10, 'claims[0].origin: expected one of manual, spotted'],
          [11, 'claims[0].note: expected text in double quotes, got 5'],
        ],
      );
    });

    it('are capped, with a last issue saying how many more there are', () => {
      const claims = Array.from(
        { length: 150 },
        (_, i) =>
          `{"id": "c${i}", "quote": {"exact": "a"}, "position": {"start": ${i}, "end": ${i}}, "status": "maybe", "created": "2024-11-07T09:30:00Z", "updated": "2024-11-07T09:30:00Z"}`,
      );
      const result = parseSidecar(`{"version": 1, "article": "a.md", "claims": [\n${claims.join(',\n')}\n]}`);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.errors.length, 101);
      // Claim i is on line i + 2.
      assert.equal(result.errors[99]!.line, 101);
      assert.equal(result.errors[100]!.message, '50 more problems from here on are not listed; fix the ones above first');
      assert.equal(result.errors[100]!.line, 102);
    });
  });
});
