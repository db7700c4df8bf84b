// The benchmark harness's own arithmetic and checks: if these drift, every figure in the README is wrong.
import assert from 'node:assert/strict';
import { generateArticle, markdownTable, median, percentile, Random, ratioOf, toRow, validateResults } from '../../bench/harness';

describe('bench harness', () => {
  it('generates the same inputs from the same seed, and different ones from another', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const first = Array.from({ length: 20 }, () => a.next());
    assert.deepEqual(
      first,
      Array.from({ length: 20 }, () => b.next()),
    );
    assert.notDeepEqual(
      first,
      Array.from({ length: 20 }, () => c.next()),
    );
    for (const value of first) assert.ok(value >= 0 && value < 1);
    const ints = Array.from({ length: 1000 }, () => a.int(3, 7));
    assert.deepEqual([...new Set(ints)].sort(), [3, 4, 5, 6]);
  });

  it('takes the median of odd and even counts, unsorted', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([7]), 7);
    assert.throws(() => median([]));
  });

  it('takes percentiles by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    assert.equal(percentile(values, 0.95), 95);
    assert.equal(percentile(values, 1), 100);
    assert.equal(percentile(values, 0), 1);
  });

  it('shows ours / baseline unless the module gives its own ratio', () => {
    assert.deepEqual(ratioOf({ figure: 'f', medianMs: 30, baselineMs: 10, target: '', pass: true }), { value: 3, label: 'x baseline time' });
    assert.equal(ratioOf({ figure: 'f', medianMs: 30, target: '', pass: true }), undefined);
    const faster = { value: 6.5, label: 'x faster' };
    assert.deepEqual(ratioOf({ figure: 'f', medianMs: 2, baselineMs: 13, ratio: faster, target: '', pass: true }), faster);
  });

  it('rejects malformed results, so a module that rots fails the smoke run', () => {
    const good = { figure: 'f', medianMs: 1.5, target: '< 2 ms', pass: true };
    assert.deepEqual(validateResults([good]), [good]);
    assert.throws(() => validateResults([]), /non-empty array/);
    assert.throws(() => validateResults({}), /non-empty array/);
    assert.throws(() => validateResults([{ ...good, medianMs: Number.NaN }]), /medianMs/);
    assert.throws(() => validateResults([{ ...good, medianMs: -1 }]), /medianMs/);
    assert.throws(() => validateResults([{ ...good, figure: '' }]), /figure/);
    assert.throws(() => validateResults([{ ...good, pass: 'yes' }]), /pass/);
    assert.throws(() => validateResults([{ ...good, baselineMs: 'fast' }]), /baselineMs/);
  });

  it('marks misses, skips and smoke runs distinctly in the table', () => {
    const miss = toRow({ figure: 'a | b', medianMs: 8.16, target: '<= 2 ms', pass: false }, false);
    assert.equal(miss.result, 'MISS');
    assert.equal(miss.median, '8.16 ms');
    assert.equal(toRow({ figure: 'a', medianMs: 8.16, target: '', pass: false }, true).result, 'ran (not judged)');
    assert.match(toRow({ figure: 'a', medianMs: 0, target: '', pass: false, skipped: 'no host run' }, false).result, /^skipped: no host run/);
    assert.equal(toRow({ figure: 'a', medianMs: 300, value: '909 kB', target: '', pass: true }, false).median, '909 kB');
    assert.equal(toRow({ figure: 'a', medianMs: 3, target: 'report', pass: false, reportOnly: true }, false).result, 'report');
    assert.match(markdownTable([miss]), /\| a \\\| b \| 8\.16 ms \|/);
  });

  it('builds articles whose recorded sentences are exactly where they say', () => {
    const pool = ['The first sentence is here.', 'Amazon invested $4 billion in March.', 'Nothing else was said.'];
    const article = generateArticle(2000, new Random(7), pool);
    assert.ok(article.text.length >= 2000);
    for (const { start, end } of article.sentences) assert.ok(pool.includes(article.text.slice(start, end)));
  });
});
