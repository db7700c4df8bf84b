// Fuzzing the core with fast-check: over 100,000 generated inputs across sidecar parsing, anchoring, edit
// tracking, sentence splitting, value extraction, claim spotting and merging. No exception may escape, every
// result must keep its basic promises (offsets inside the text, located errors, valid merged sidecars), and no
// single case may take longer than 100 ms.
//
// Each case is timed on its own, in wall-clock time. A case over RETIME_MS is run up to three more times and
// judged by its fastest run, so a garbage-collection pause or a busy machine (CI runners, or other jobs on
// the same two cores) does not fail the suite, while a genuinely slow input, which is slow every time, does.
// The CPU time of that fastest run is reported beside it.
//
// CLAIMS_FUZZ_SCALE multiplies every run count (e.g. 0.1 for a quick look, 10 for a long soak);
// the seed is fixed for the suite (test/support/fastCheckSeed.ts): CLAIMS_FUZZ_SEED replays another one, and
// CLAIMS_FUZZ_SEED=random draws fresh ones (`npm run test:soak`).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { anchor, quoteSelector, snapToCharacters } from '../../src/core/anchoring/anchoring';
import { applyChanges, type OffsetRange, type TextChange } from '../../src/core/anchoring/editTracking';
import { mergeSidecars } from '../../src/core/sidecar/merge';
import type { Claim, Sidecar } from '../../src/core/sidecar/schema';
import { splitSentences } from '../../src/core/spotting/sentences';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar/sidecar';
import { spotClaims } from '../../src/core/spotting/spotter';
import { extractAmounts, extractDates } from '../../src/core/conflicts/values';
import { anyText, applyTextEdit, damagedSidecarText, newsText, repetitiveText, sidecarShapedText, validSidecar } from './support/fuzzArbitraries';

const LIMIT_MS = 100;
const RETIME_MS = 20;
const SCALE = Number(process.env.CLAIMS_FUZZ_SCALE ?? 1);

interface TargetStats {
  target: string;
  cases: number;
  /** The slowest single measurement, before re-timing. */
  rawMaxMs: number;
  /** The slowest case, each case judged by its fastest run: what is asserted against the limit. */
  maxMs: number;
  /** CPU time of the process during that slowest case's fastest run. */
  maxCpuMs: number;
  totalMs: number;
}

const stats: TargetStats[] = [];

/** Runs `run` once, returning its result, wall-clock and CPU milliseconds. */
function timed<R>(run: () => R): { result: R; wallMs: number; cpuMs: number } {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = run();
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { result, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function runs(count: number): number {
  return Math.max(10, Math.round(count * SCALE));
}

/**
 * Checks `property` on `numRuns` inputs from `arbitrary`. `run` is the timed call into the code under test;
 * `check` then verifies its result (untimed).
 */
function fuzz<T, R>(target: string, arbitrary: fc.Arbitrary<T>, numRuns: number, run: (input: T) => R, check: (input: T, result: R) => void): void {
  let entry = stats.find((s) => s.target === target);
  if (!entry) stats.push((entry = { target, cases: 0, rawMaxMs: 0, maxMs: 0, maxCpuMs: 0, totalMs: 0 }));
  const record = entry;
  fc.assert(
    fc.property(arbitrary, (input) => {
      let best = timed(() => run(input));
      record.cases++;
      record.totalMs += best.wallMs;
      record.rawMaxMs = Math.max(record.rawMaxMs, best.wallMs);
      for (let again = 0; again < 3 && best.wallMs > RETIME_MS; again++) {
        const next = timed(() => run(input));
        if (next.wallMs < best.wallMs) best = next;
      }
      if (best.wallMs > record.maxMs) {
        record.maxMs = best.wallMs;
        record.maxCpuMs = best.cpuMs;
      }
      assert.ok(
        best.wallMs <= LIMIT_MS,
        `${target} took ${best.wallMs.toFixed(1)} ms (CPU ${best.cpuMs.toFixed(1)} ms) on its fastest of 4 runs; the limit is ${LIMIT_MS} ms`,
      );
      check(input, best.result);
    }),
    { numRuns },
  );
}

function assertSpansInside(text: string, spans: ReadonlyArray<{ start: number; end: number; text?: string }>, what: string): void {
  for (const span of spans) {
    assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: whole-number offsets`);
    assert.ok(0 <= span.start && span.start <= span.end && span.end <= text.length, `${what}: [${span.start}, ${span.end}) inside 0..${text.length}`);
    if (span.text !== undefined) assert.equal(text.slice(span.start, span.end), span.text, `${what}: text matches its offsets`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Inputs for anchoring and edit tracking

/** A text and a selector recorded on it (or on an edited version of it), as a stored claim would hold. */
const anchorCase = fc
  .tuple(
    anyText,
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.array(
      fc.record({
        kind: fc.constantFrom('delete', 'insert', 'replace', 'truncate', 'duplicate'),
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        length: fc.nat({ max: 60 }),
        insert: newsText.map((t) => t.slice(0, 30)),
      }),
      { maxLength: 3 },
    ),
    fc.oneof(fc.constant(undefined), fc.integer({ min: -10, max: 100000 })),
  )
  .map(([text, a, b, edits, hint]) => {
    const start = Math.floor(Math.min(a, b) * text.length);
    const end = Math.max(start + 1, Math.floor(Math.max(a, b) * text.length));
    const selector = quoteSelector(text, start, Math.min(end, text.length));
    const edited = edits.reduce(applyTextEdit, text);
    return {
      text: edited,
      selector: {
        exact: selector.exact.length > 0 ? selector.exact : 'x',
        prefix: selector.prefix,
        suffix: selector.suffix,
        start: hint ?? selector.start,
        end: hint === undefined ? selector.end : hint + selector.exact.length,
      },
    };
  });

/** A selector unrelated to the text: what a claim whose sentence was deleted looks like. */
const strayAnchorCase = fc.record({
  text: anyText,
  selector: fc.record({
    exact: newsText.filter((t) => t.length > 0).map((t) => t.slice(0, 300)),
    prefix: fc.string({ maxLength: 40 }),
    suffix: fc.string({ maxLength: 40 }),
    start: fc.nat({ max: 10000 }),
    end: fc.nat({ max: 10000 }),
  }),
});

/** Ranges in a document and a sequence of changes, each valid for the document as the previous left it. */
const editCase = fc
  .tuple(
    fc.nat({ max: 5000 }),
    fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { maxLength: 30 }),
    fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.nat({ max: 200 }), text: fc.string({ maxLength: 50 }) }), {
      maxLength: 20,
    }),
    fc.boolean(),
  )
  .map(([length, pairs, rawChanges, withNulls]) => {
    const ranges: Array<OffsetRange | null> = pairs.map(([a, b], i) => {
      if (withNulls && i % 5 === 0) return null;
      const start = Math.floor(Math.min(a, b) * length);
      return { start, end: Math.floor(Math.max(a, b) * length) };
    });
    let docLength = length;
    const changes: TextChange[] = rawChanges.map((c) => {
      const rangeOffset = Math.floor(c.at * docLength);
      const rangeLength = Math.min(c.length, docLength - rangeOffset);
      docLength += c.text.length - rangeLength;
      return { rangeOffset, rangeLength, text: c.text };
    });
    return { length, ranges, changes, finalLength: docLength };
  });

// ---------------------------------------------------------------------------------------------------------
// Inputs for merging: ours and theirs are edits of a common base, as in a real git merge.

const claimEdit = fc.record({
  action: fc.constantFrom('keep', 'keep', 'delete', 'status', 'note', 'quote', 'cite', 'move'),
  status: fc.constantFrom('unverified', 'supported', 'disputed', 'refuted' as const),
  text: fc.string({ maxLength: 12 }),
  offset: fc.nat({ max: 5000 }),
});

type ClaimEdit = { action: string; status: Claim['status']; text: string; offset: number };

function edited(base: Sidecar, edits: ClaimEdit[], added: Claim[]): Sidecar {
  const copy = structuredClone(base);
  const claims: Claim[] = [];
  copy.claims.forEach((claim, i) => {
    const edit = edits[i % Math.max(1, edits.length)];
    if (!edit) return void claims.push(claim);
    switch (edit.action) {
      case 'delete':
        return;
      case 'status':
        claim.status = edit.status;
        break;
      case 'note':
        claim.note = edit.text;
        break;
      case 'quote':
        claim.quote = { ...claim.quote, exact: edit.text || 'x' };
        break;
      case 'cite':
        claim.citations = [...claim.citations.filter((c) => c.id !== 'fz'), { id: 'fz', title: edit.text || 'title' }];
        break;
      case 'move':
        claim.position = { start: edit.offset, end: edit.offset + 3 };
        break;
    }
    claims.push(claim);
  });
  const ids = new Set(claims.map((c) => c.id));
  for (const claim of added) {
    if (ids.has(claim.id)) continue;
    claims.push(claim);
    ids.add(claim.id);
  }
  copy.claims = claims;
  return copy;
}

/**
 * Ours and theirs edit a common base and each add claims of their own; when there are extra claims, both sides
 * also add the first one, theirs with another status (a "both added" clash).
 */
const mergeCase = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(validSidecar, fc.array(claimEdit, { maxLength: 5 }), fc.array(claimEdit, { maxLength: 5 }), validSidecar)
      .map(([base, oursEdits, theirsEdits, extra]) => {
        const oursAdded = extra.claims.filter((_, i) => i % 2 === 0);
        const theirsAdded = extra.claims.filter((_, i) => i % 2 === 1);
        if (extra.claims[0]) theirsAdded.push({ ...extra.claims[0], status: extra.claims[0].status === 'refuted' ? 'supported' : 'refuted' });
        return { base: base as Sidecar | undefined, ours: edited(base, oursEdits, oursAdded), theirs: edited(base, theirsEdits, theirsAdded) };
      }),
  },
  { weight: 1, arbitrary: fc.record({ base: fc.option(validSidecar, { nil: undefined }), ours: validSidecar, theirs: validSidecar }) },
);

// ---------------------------------------------------------------------------------------------------------

describe('fuzzing the core (fast-check)', function () {
  this.timeout(600_000);

  after(() => {
    const total = stats.reduce((sum, s) => sum + s.cases, 0);
    console.log('\n      target                        cases  max ms (CPU)  raw max  mean ms');
    for (const s of stats) {
      console.log(
        `      ${s.target.padEnd(27)} ${String(s.cases).padStart(7)} ${s.maxMs.toFixed(1).padStart(6)} (${s.maxCpuMs.toFixed(1).padStart(4)}) ${s.rawMaxMs.toFixed(1).padStart(8)} ${(s.totalMs / Math.max(1, s.cases)).toFixed(3).padStart(8)}`,
      );
    }
    console.log(
      `      total                       ${String(total).padStart(7)} generated cases; slowest ${Math.max(...stats.map((s) => s.maxMs)).toFixed(1)} ms (limit ${LIMIT_MS} ms); no exception`,
    );
  });

  it('parseSidecar: damaged sidecar text', () => {
    fuzz('parseSidecar', damagedSidecarText, runs(12_000), (text) => parseSidecar(text), checkParse);
  });

  it('parseSidecar: sidecar-shaped JSON with values of any type', () => {
    fuzz(
      'parseSidecar',
      fc.tuple(sidecarShapedText, fc.option(fc.nat({ max: 2000 }), { nil: undefined })),
      runs(8_000),
      ([text, articleLength]) => parseSidecar(text, { articleLength }),
      ([text], result) => checkParse(text, result),
    );
  });

  it('parseSidecar: arbitrary text', () => {
    fuzz('parseSidecar', fc.oneof(anyText, fc.json({ maxDepth: 4 }), fc.string({ unit: 'binary' })), runs(6_000), (text) => parseSidecar(text), checkParse);
  });

  it('anchor: quotes from the text, after edits', () => {
    fuzz(
      'anchor',
      anchorCase,
      runs(9_000),
      ({ text, selector }) => anchor(text, selector),
      ({ text, selector }, result) => checkAnchor(text, selector.exact, result),
    );
  });

  it('anchor: quotes that are not in the text', () => {
    fuzz(
      'anchor',
      strayAnchorCase,
      runs(3_000),
      ({ text, selector }) => anchor(text, selector),
      ({ text, selector }, result) => checkAnchor(text, selector.exact, result),
    );
  });

  it('applyChanges: ranges through sequences of edits', () => {
    fuzz(
      'applyChanges',
      editCase,
      runs(17_000),
      ({ ranges, changes }) => applyChanges(ranges, changes),
      ({ ranges, changes, finalLength }, mapped) => {
        assert.equal(mapped.length, ranges.length);
        mapped.forEach((range, i) => {
          if (ranges[i] === null) assert.equal(range, null, 'a lost range stays lost');
          if (range) assert.ok(0 <= range.start && range.start <= range.end && range.end <= finalLength, `[${range.start}, ${range.end}) in 0..${finalLength}`);
        });
        // A single change strictly before a range shifts it by the change's length difference and nothing else.
        if (changes.length === 1) {
          const [change] = changes;
          ranges.forEach((range, i) => {
            if (range && change.rangeOffset + change.rangeLength < range.start) {
              const delta = change.text.length - change.rangeLength;
              assert.deepEqual(mapped[i], { start: range.start + delta, end: range.end + delta });
            }
          });
        }
      },
    );
  });

  it('splitSentences: news text, repetitive text, any text', () => {
    fuzz(
      'splitSentences',
      anyText,
      runs(15_000),
      (text) => splitSentences(text),
      (text, spans) => {
        assertSpansInside(text, spans, 'sentence');
        for (let i = 1; i < spans.length; i++) assert.ok(spans[i - 1].end <= spans[i].start, 'sentences are in order and do not overlap');
      },
    );
  });

  it('extractDates and extractAmounts', () => {
    const withDate = fc.tuple(anyText, fc.option(fc.constantFrom('2024-11-07', '2023-09-25', '1999-12-31', '2024-02-29'), { nil: undefined }));
    fuzz(
      'extractDates/extractAmounts',
      withDate,
      runs(15_000),
      ([text, articleDate]) => ({ dates: extractDates(text, { articleDate }), amounts: extractAmounts(text) }),
      ([text], { dates, amounts }) => {
        assertSpansInside(text, dates, 'date');
        assertSpansInside(text, amounts, 'amount');
        for (const date of dates) {
          if (date.month !== undefined) assert.ok(date.month >= 1 && date.month <= 12, `month ${date.month} in "${date.text}"`);
          if (date.day !== undefined) assert.ok(date.day >= 1 && date.day <= 31, `day ${date.day} in "${date.text}"`);
        }
        for (const amount of amounts) assert.ok(!Number.isNaN(amount.value), `"${amount.text}" has a number`);
      },
    );
  });

  it('spotClaims', () => {
    fuzz(
      'spotClaims',
      fc.oneof(newsText, repetitiveText),
      runs(6_000),
      (text) => spotClaims(text),
      (text, spotted) => {
        assertSpansInside(text, spotted, 'spotted sentence');
        for (const s of spotted) assert.ok(s.score >= 0 && s.score <= 1, `score ${s.score}`);
      },
    );
  });

  it('mergeSidecars: edits of a common base, and unrelated sidecars', () => {
    fuzz(
      'mergeSidecars',
      mergeCase,
      runs(10_000),
      ({ base, ours, theirs }) => mergeSidecars(base, ours, theirs),
      (_input, result) => {
        const ids = result.merged.claims.map((c) => c.id);
        assert.equal(new Set(ids).size, ids.length, 'claim ids stay unique');
        const reparsed = parseSidecar(serializeSidecar(result.merged));
        assert.ok(reparsed.ok, `the merged sidecar is valid: ${!reparsed.ok && JSON.stringify(reparsed.errors[0])}`);
      },
    );
  });

  it(`tried over 100,000 cases in all, none over ${LIMIT_MS} ms`, function () {
    const total = stats.reduce((sum, s) => sum + s.cases, 0);
    if (SCALE < 1) this.skip();
    assert.ok(total >= 100_000, `${total} cases`);
    for (const s of stats) assert.ok(s.maxMs <= LIMIT_MS, `${s.target}: ${s.maxMs} ms`);
  });
});

function checkParse(text: string, result: ReturnType<typeof parseSidecar>): void {
  if (result.ok) {
    // Whatever is accepted can be written and read back to the same data.
    const again = parseSidecar(serializeSidecar(result.sidecar));
    assert.ok(again.ok, 'an accepted sidecar stays valid after a write');
    assert.deepEqual(again.sidecar, result.sidecar);
    return;
  }
  assert.ok(result.errors.length > 0, 'a rejection says why');
  for (const issue of result.errors) {
    assert.ok(typeof issue.message === 'string' && issue.message.length > 0);
    assert.ok(issue.line >= 1 && issue.column >= 1, `issue at ${issue.line}:${issue.column}`);
    assert.ok(issue.offset >= 0 && issue.offset <= text.length, `offset ${issue.offset} within the text`);
  }
}

function checkAnchor(text: string, exact: string, result: ReturnType<typeof anchor>): void {
  if (result === null) return;
  assert.ok(0 <= result.start && result.start <= result.end && result.end <= text.length, `[${result.start}, ${result.end}) in 0..${text.length}`);
  assert.ok(result.score >= 0 && result.score <= 1, `score ${result.score}`);
  // A verbatim match is an occurrence of the quote, snapped to whole characters (widened over a cut surrogate
  // pair or combining mark, narrowed off half a CRLF, which the editor cannot address).
  if (result.method !== 'fuzzy') {
    let verbatim = false;
    for (let at = text.indexOf(exact); at >= 0 && !verbatim; at = text.indexOf(exact, at + 1)) {
      const snapped = snapToCharacters(text, at, at + exact.length);
      verbatim = snapped.start === result.start && snapped.end === result.end;
    }
    assert.ok(verbatim, `a ${result.method} match is an occurrence of the quote: [${result.start}, ${result.end})`);
  }
  for (const edge of [result.start, result.end]) {
    assert.ok(!(isLowSurrogate(text.charCodeAt(edge)) && isHighSurrogate(text.charCodeAt(edge - 1))), `the match does not cut a surrogate pair at ${edge}`);
  }
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
