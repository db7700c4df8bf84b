import assert from 'node:assert/strict';
import fc from 'fast-check';
import { scanJson } from '../../src/core/sidecar/jsonLocation';
import type { Sidecar } from '../../src/core/sidecar/schema';
import { compareClaimsByPosition, parseSidecar, serializeSidecar } from '../../src/core/sidecar/sidecar';
import { sidecar } from './sidecarArbitraries';

function inWrittenOrder(value: Sidecar): Sidecar {
  return { ...value, claims: value.claims.slice().sort(compareClaimsByPosition) };
}

/** Independent offset -> line/column (lines end at \n, \r\n or \r; a leading BOM takes no column). */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const lines = text
    .slice(0, offset)
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/** Whatever the input, parseSidecar returns a well-formed answer. */
function assertWellFormed(text: string): void {
  const result = parseSidecar(text);
  if (result.ok) {
    const written = serializeSidecar(result.sidecar);
    const again = parseSidecar(written);
    assert.ok(again.ok, 'an accepted sidecar is accepted again after writing');
    assert.equal(serializeSidecar(again.sidecar), written);
    return;
  }
  assert.ok(result.errors.length > 0);
  for (const issue of result.errors) {
    assert.ok(issue.message.length > 0);
    assert.ok(issue.offset >= 0 && issue.length >= 0 && issue.offset + issue.length <= text.length, `span ${issue.offset}+${issue.length} in ${text.length}`);
    // An offset between the two halves of a CRLF still counts as the end of the first line.
    const at = text[issue.offset - 1] === '\r' && text[issue.offset] === '\n' ? issue.offset - 1 : issue.offset;
    const expected = lineColumn(text, at);
    assert.deepEqual({ line: issue.line, column: issue.column }, { line: expected.line, column: expected.column + (at === issue.offset ? 0 : 1) });
  }
}

const edit = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 4 }),
  insert: fc.oneof(
    fc.constantFrom(
      '',
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"',
      '\\',
      '\n',
      '\r',
      ' ',
      '\u0000',
      '\uFEFF',
      '1e999',
      '-',
      '0',
      '01',
      '"__proto__"',
      'null',
      'true',
      '99999999999999999999',
      '// x',
      "'",
    ),
    fc.string({ maxLength: 3 }),
  ),
});

function applyEdits(text: string, edits: { at: number; remove: number; insert: string }[]): string {
  let out = text;
  for (const { at, remove, insert } of edits) {
    const i = at % (out.length + 1);
    out = out.slice(0, i) + insert + out.slice(i + remove);
  }
  return out;
}

describe('sidecar round trips (fast-check)', () => {
  it('parse(serialize(x)) equals x, with claims in written order', () => {
    fc.assert(
      fc.property(sidecar, (value) => {
        const result = parseSidecar(serializeSidecar(value));
        if (!result.ok) assert.fail(result.errors.map((e) => e.message).join('\n'));
        assert.deepEqual(result.sidecar, inWrittenOrder(value));
        assert.equal(result.migratedFrom, undefined);
      }),
      { numRuns: 300 },
    );
  });

  it('serialize(parse(serialize(x))) === serialize(x)', () => {
    fc.assert(
      fc.property(sidecar, (value) => {
        const text = serializeSidecar(value);
        const result = parseSidecar(text);
        assert.ok(result.ok);
        assert.equal(serializeSidecar(result.sidecar), text);
      }),
      { numRuns: 300 },
    );
  });

  it('writing does not depend on the order of claims or keys in memory', () => {
    fc.assert(
      fc.property(sidecar, fc.func(fc.integer()), (value, rank) => {
        const shuffled = { ...value, claims: value.claims.slice().sort((a, b) => rank(a.id) - rank(b.id)) };
        const reversedKeys = Object.fromEntries(Object.entries(shuffled).reverse()) as Sidecar;
        assert.equal(serializeSidecar(reversedKeys), serializeSidecar(value));
      }),
      { numRuns: 200 },
    );
  });
});

const jsonToken = fc.constantFrom(
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"a"',
  '"b"',
  '1',
  '-0.5e3',
  'null',
  ' ',
  '\n',
  '"\\u12"',
  '"\\n"',
  '01',
  '.5',
  '1.',
  'tru',
  "'a'",
);

describe('parseSidecar never throws (fast-check fuzz)', () => {
  it('its scanner accepts exactly what JSON.parse accepts, on dense token soup', () => {
    fc.assert(
      fc.property(fc.array(jsonToken, { maxLength: 12 }), (tokens) => {
        const text = tokens.join('');
        let nativeOk = true;
        try {
          JSON.parse(text);
        } catch {
          nativeOk = false;
        }
        assert.equal(scanJson(text).syntaxError === undefined, nativeOk, text);
        assertWellFormed(text);
      }),
      { numRuns: 3000 },
    );
  });

  it('on arbitrary strings', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json()), assertWellFormed), { numRuns: 500 });
  });

  it('on valid sidecars with random edits, and its scanner agrees with JSON.parse on what is JSON', () => {
    fc.assert(
      fc.property(sidecar, fc.array(edit, { minLength: 1, maxLength: 4 }), (value, edits) => {
        const text = applyEdits(serializeSidecar(value), edits);
        assertWellFormed(text);
        let nativeOk = true;
        try {
          JSON.parse(text);
        } catch {
          nativeOk = false;
        }
        assert.equal(scanJson(text).syntaxError === undefined, nativeOk, 'scanner and JSON.parse disagree');
      }),
      { numRuns: 500 },
    );
  });
});
