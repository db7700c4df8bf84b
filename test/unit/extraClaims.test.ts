import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NearDuplicateIndex, normaliseClaim, readExtraClaims } from '../../scripts/extraClaims';

describe('spotter training: extra claims', () => {
  it("undoes PolitiFact's `Says ...` and surrounding quotation marks", () => {
    assert.equal(
      normaliseClaim('Says there is a 4,250% increase in fetal death from the flu shot.'),
      'There is a 4,250% increase in fetal death from the flu shot.',
    );
    assert.equal(normaliseClaim('Says that crime fell.'), 'Crime fell.');
    assert.equal(
      normaliseClaim('“We have a higher deficit with China now than we did before.”'),
      'We have a higher deficit with China now than we did before.',
    );
    // Quotation marks that only open and close parts of the claim stay.
    assert.equal(normaliseClaim('John McCain "is proposing tax cuts" that "help CEOs."'), 'John McCain "is proposing tax cuts" that "help CEOs."');
    assert.equal(normaliseClaim('Sayings are not claims.'), 'Sayings are not claims.');
  });

  it('finds near-duplicates written slightly differently, and only those', () => {
    // Sentences of CT24 dev and dev-test and the PolitiFact claims that check them.
    const index = new NearDuplicateIndex([
      'We have a higher deficit with China now than we did before.',
      'Senator Obama has never taken on his leaders of his party on a single issue.',
      'He voted against the first Gulf War.',
      'Thank you.',
    ]);
    assert.deepEqual(index.matches('“We have a higher deficit with China now than we did before.”'), [0]);
    assert.deepEqual(index.matches('"Sen. Obama has never taken on his party leaders on a single major issue."'), [1]);
    assert.deepEqual(index.matches('Joe Biden "voted against the first Gulf War. He opposed the surge. He wanted to partition Iraq."'), [2]);
    assert.deepEqual(index.matches('thank you'), [3]);
    assert.deepEqual(index.matches('We have a higher deficit with Mexico than with China.'), []);
    assert.deepEqual(index.matches('Thank you for coming to the debate tonight.'), []);
    assert.deepEqual(index.matches(''), []);
  });

  it('reads claims.tsv and names the file and line of a bad row', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'extra-claims-'));
    const file = path.join(dir, 'claims.tsv');
    fs.writeFileSync(file, 'source\tgroup\ttext\niclaims\t20161019_3pres\tWe will build a wall.\nvclaims\tdebate\tCrime fell.\n');
    assert.deepEqual(readExtraClaims(file), [
      { source: 'iclaims', group: '20161019_3pres', text: 'We will build a wall.' },
      { source: 'vclaims', group: 'debate', text: 'Crime fell.' },
    ]);
    fs.writeFileSync(file, 'source\tgroup\ttext\niclaims\tx\tfine\ntweets\tx\tnot a source\n');
    assert.throws(() => readExtraClaims(file), { message: `${file}:3: expected "iclaims|vclaims<TAB>group<TAB>text"` });
    fs.rmSync(dir, { recursive: true });
  });
});
