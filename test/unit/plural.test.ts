import assert from 'node:assert/strict';
import { countOf, pluralForm } from '../../src/core/text/plural';

describe('plural forms', () => {
  it('uses the singular for exactly one and the plural for zero, many and fractions', () => {
    assert.equal(countOf(1, 'claim'), '1 claim');
    assert.equal(countOf(0, 'claim'), '0 claims');
    assert.equal(countOf(3, 'claim'), '3 claims');
    assert.equal(countOf(1.5, 'claim'), '1.5 claims');
    assert.equal(countOf(2, 'info', 'info'), '2 info');
    assert.equal(countOf(2, 'sidecar copy', 'sidecar copies'), '2 sidecar copies');
    assert.equal(pluralForm(1, 'one', 'other'), 'one');
    assert.equal(pluralForm(-1, 'one', 'other'), 'other');
  });
});
