// Generators for the fuzz tests: news-like text with the odd characters real copy carries, texts built to
// provoke super-linear regular expressions, and damaged sidecar JSON.
import fc from 'fast-check';
import { serializeSidecar } from '../../../src/core/sidecar/sidecar';
import { sidecar as validSidecar } from '../../unit/sidecarArbitraries';

const WORDS = [
  'Amazon',
  'Anthropic',
  'will',
  'invest',
  'up',
  'to',
  'the',
  'company',
  'said',
  'on',
  'Thursday',
  'reported',
  'in',
  'billion',
  'million',
  'percent',
  'shares',
  'rose',
  'fell',
  'revenue',
  'than',
  'more',
  'about',
  'nearly',
  'at least',
  'Mr.',
  'Dr.',
  'U.S.',
  'Inc.',
  'e.g.',
  'Nov.',
  'Sept.',
  'No.',
  'Jan',
  'March',
  'yesterday',
  'last week',
  'Q3',
  'according to',
  'officials',
  'announced',
  'a',
  'of',
  'and',
  'its',
  'was',
  'were',
  'first',
  '2023',
  '2024',
];

const PIECES = [
  '$4 billion',
  '$1.25bn',
  '€3.5 million',
  '£12m',
  '¥100',
  '40%',
  '12.5 percent',
  '3 percentage points',
  '1,000,000',
  '10,000 employees',
  'Nov. 7',
  '7 November 2024',
  '2024-11-07',
  'March 27',
  'September 2023',
  'Q3 2024',
  'the 1990s',
  'Thursday (Nov. 7)',
  '11/07/2024',
  '7.11.2024',
  '1st',
  '22nd',
  '3.14',
  '-5',
  '+7%',
  '½',
  '¼',
  '1e9',
  '0x1F',
  '. ',
  '! ',
  '? ',
  '… ',
  '...',
  '."',
  '.”',
  '?!',
  ';',
  ':',
  ',',
  ' — ',
  ' – ',
  '-',
  '(',
  ')',
  '[',
  ']',
  '"',
  '“',
  '”',
  '‘',
  '’',
  "'",
  '\n',
  '\n\n',
  '\r\n',
  '\r',
  '\t',
  '  ',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\u0000',
  '\u0007',
  '# ',
  '## ',
  '- ',
  '* ',
  '1. ',
  '> ',
  '```\n',
  '`code`',
  '    indented code',
  '| a | b |',
  '---',
  '<!-- c -->',
  '<b>',
  '[link](https://example.com/a.b)',
  'https://example.com/x?y=1.2',
  'a@b.co',
  '![img](x.png)',
  '**bold**',
  '_it_',
  '🙂',
  '👩‍👩‍👧',
  '🇺🇸',
  'e\u0301',
  'n\u0303',
  'ﬁ',
  'ß',
  'İ',
  'Ω',
  'مرحبا بالعالم',
  'שלום',
  '\u202e',
  '\u2066',
  '中文。',
  '日本語、',
  'Ünïcödé',
  '\ud800',
  '\udc00',
  '\udbff\udfff',
];

const token = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 4, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 2, arbitrary: fc.integer({ min: -100000, max: 10_000_000_000 }).map(String) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
);

const separator = fc.constantFrom(' ', ' ', ' ', '', '\n', '. ', ', ');

/** News-like text, up to a few hundred tokens, with Markdown, odd Unicode and stray surrogates mixed in. */
export const newsText: fc.Arbitrary<string> = fc.array(fc.tuple(token, separator), { maxLength: 120 }).map((parts) => parts.map(([t, s]) => t + s).join(''));

/**
 * One short unit repeated many times, up to 5,000 code units: the inputs on which a backtracking regular
 * expression or a quadratic loop shows itself ("1,1,1,…", "$$$…", "a. a. a. …", "((((…").
 */
export const repetitiveText: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(...PIECES, ...WORDS, '1,', '1.', '$', '.', ' ', 'a. ', 'A.', '((', '**', '[', '`', '-', '0', '9 ', 'Nov. '),
      newsText.map((t) => t.slice(0, 12)),
    ),
    fc.integer({ min: 1, max: 2500 }),
    fc.oneof(fc.constant(''), fc.constantFrom(...PIECES)),
  )
  .map(([unit, times, tail]) => {
    const length = Math.min(5000, times * 2);
    return (unit.length === 0 ? '' : unit.repeat(Math.ceil(length / unit.length)).slice(0, length)) + tail;
  });

export const anyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: newsText },
  { weight: 2, arbitrary: repetitiveText },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
);

/** An edit to a string: delete, insert or replace a stretch, or cut it off. */
const textEdit = fc.record({
  kind: fc.constantFrom('delete', 'insert', 'replace', 'truncate', 'duplicate'),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.nat({ max: 40 }),
  insert: fc.oneof(
    fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', 'null', '-1', '1e400', '9007199254740993', '"__proto__"', '\u0000', '\ufeff', '<<<<<<< HEAD\n'),
    fc.string({ maxLength: 8 }),
  ),
});

export function applyTextEdit(text: string, edit: { kind: string; at: number; length: number; insert: string }): string {
  const at = Math.floor(edit.at * text.length);
  switch (edit.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + edit.length);
    case 'insert':
      return text.slice(0, at) + edit.insert + text.slice(at);
    case 'replace':
      return text.slice(0, at) + edit.insert + text.slice(at + edit.length);
    case 'duplicate':
      return text.slice(0, at + edit.length) + text.slice(at);
    default:
      return text.slice(0, at);
  }
}

/** Valid sidecar text with one to four edits: what a hand edit, a bad merge or a disk error leaves. */
export const damagedSidecarText: fc.Arbitrary<string> = fc
  .tuple(validSidecar.map(serializeSidecar), fc.array(textEdit, { minLength: 1, maxLength: 4 }))
  .map(([text, edits]) => edits.reduce(applyTextEdit, text));

/** Sidecar-shaped JSON whose fields hold values of any type: schema errors rather than syntax errors. */
const anyJson = fc.jsonValue({ maxDepth: 3 });
export const sidecarShapedText: fc.Arbitrary<string> = fc
  .record(
    {
      version: fc.oneof(fc.constant(1), fc.constant(0), anyJson),
      article: fc.oneof(fc.constant('story.md'), anyJson),
      claims: fc.oneof(
        anyJson,
        fc.array(
          fc.record(
            {
              id: fc.oneof(fc.constantFrom('c1', 'c2', '__proto__', 'constructor'), anyJson),
              quote: fc.oneof(fc.record({ exact: fc.oneof(fc.string(), anyJson), prefix: anyJson, suffix: fc.string() }, { requiredKeys: [] }), anyJson),
              position: fc.oneof(fc.record({ start: fc.oneof(fc.integer(), anyJson), end: fc.oneof(fc.integer(), anyJson) }, { requiredKeys: [] }), anyJson),
              status: fc.oneof(fc.constantFrom('unverified', 'supported', 'disputed', 'refuted'), anyJson),
              note: anyJson,
              citations: fc.oneof(fc.array(fc.dictionary(fc.constantFrom('id', 'url', 'doi', 'title', '__proto__'), anyJson)), anyJson),
              conflicts: anyJson,
              created: fc.oneof(fc.constant('2024-11-07T09:00:00Z'), anyJson),
              updated: fc.oneof(fc.constant('2024-11-07T09:00:00Z'), anyJson),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 4 },
        ),
      ),
      dismissed: anyJson,
    },
    { requiredKeys: [] },
  )
  .chain((doc) => fc.constantFrom(JSON.stringify(doc), JSON.stringify(doc, null, 2), '\ufeff' + JSON.stringify(doc)));

export { validSidecar };
