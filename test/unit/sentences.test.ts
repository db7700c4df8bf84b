import assert from 'node:assert/strict';
import fc from 'fast-check';
import { splitSentences } from '../../src/core/spotting/sentences';
import { readArticle } from './spottingFixtures';

const texts = (input: string) => splitSentences(input).map((s) => s.text);

describe('sentences: news copy', () => {
  it('splits the PYMNTS sample into its sentences, keeping "Thursday (Nov. 7)" and "$1.25" whole', () => {
    const text = readArticle('amazon-anthropic-pymnts.txt');
    const sentences = texts(text);
    assert.equal(sentences.length, 12);
    assert.equal(
      sentences[0],
      'Amazon is reportedly in talks to make a second multibillion-dollar investment in artificial intelligence (AI) startup Anthropic, mirroring its initial $4 billion deal from March 27.',
    );
    assert.equal(sentences[1], 'As reported Thursday (Nov. 7) by The Information’s Anissa Gardizy, this deal could have a catch.');
    assert.ok(sentences.includes('Amazon made its initial $1.25 billion investment in Anthropic in September 2023 and then upped it to $4 billion in March.'));
    // A quotation with a closing quote mark and attribution stays one sentence.
    assert.ok(sentences.some((s) => s.startsWith('“Anthropic’s visionary work') && s.endsWith('said in the release announcing the deal at that time.')));
  });

  it('splits the Maginative sample: headline lines, bullets and the "Subscribe" line are their own segments', () => {
    const text = readArticle('amazon-anthropic-maginative.txt');
    const sentences = texts(text);
    assert.equal(sentences[0], 'Amazon Eyes Second Multibillion-Dollar Anthropic Deal, Pushes In-House Chips');
    assert.equal(sentences[1], sentences[0]);
    assert.ok(sentences.includes('What’s happening:'));
    assert.ok(
      sentences.includes(
        'Amazon previously committed up to $4 billion in funding to Anthropic, a deal that included access to Amazon Web Services (AWS) infrastructure, including some Trainium-powered servers.',
      ),
    );
    assert.ok(sentences.includes('Anthropic, however, mainly relied on Nvidia chips.'));
    assert.ok(!sentences.some((s) => s.startsWith('•')), 'bullet markers are not part of sentences');
    assert.equal(sentences[sentences.length - 1], 'Subscribe');
    assert.equal(sentences.length, 28);
  });

  it('gives UTF-16 offsets into the original text', () => {
    for (const name of ['amazon-anthropic-pymnts.txt', 'amazon-anthropic-maginative.txt']) {
      const text = readArticle(name);
      for (const s of splitSentences(text)) assert.equal(text.slice(s.start, s.end), s.text);
    }
    const emoji = 'Prices rose 😀 sharply. Then they fell.';
    const [first, second] = splitSentences(emoji);
    assert.deepEqual([first.start, first.end, second.start], [0, 23, 24]);
  });
});

describe('sentences: abbreviations, numbers and quotes', () => {
  const cases: Array<[string, string[]]> = [
    ['The U.S. economy grew. Prices fell.', ['The U.S. economy grew.', 'Prices fell.']],
    ['It grew in the U.S. The rest of the world lagged.', ['It grew in the U.S.', 'The rest of the world lagged.']],
    ['Dr. Smith met Mr. Jones and Mrs. Brown. They talked.', ['Dr. Smith met Mr. Jones and Mrs. Brown.', 'They talked.']],
    ['Amazon.com Inc. said it would invest. Shares rose.', ['Amazon.com Inc. said it would invest.', 'Shares rose.']],
    ['It was founded by Acme Inc. The deal closed.', ['It was founded by Acme Inc.', 'The deal closed.']],
    ['Use tools, e.g. hammers, i.e. heavy ones. Then stop.', ['Use tools, e.g. hammers, i.e. heavy ones.', 'Then stop.']],
    ['Shares cost $1.25 each. That is cheap.', ['Shares cost $1.25 each.', 'That is cheap.']],
    ['Growth was 3.5 percent. Inflation was 2.1.', ['Growth was 3.5 percent.', 'Inflation was 2.1.']],
    ['It happened on Nov. 7 in Seattle. Then more.', ['It happened on Nov. 7 in Seattle.', 'Then more.']],
    ['Reported Thursday (Nov. 7) by Reuters. Later, more.', ['Reported Thursday (Nov. 7) by Reuters.', 'Later, more.']],
    ['Jan. 5 and Feb. 10 were busy. Sept. 3 was not.', ['Jan. 5 and Feb. 10 were busy.', 'Sept. 3 was not.']],
    ['George W. Bush spoke. J. K. Rowling wrote.', ['George W. Bush spoke.', 'J. K. Rowling wrote.']],
    ['He said, "We will win." Then he left.', ['He said, "We will win."', 'Then he left.']],
    ['He said, “We will win.” Then he left.', ['He said, “We will win.”', 'Then he left.']],
    ['“We will win,” he said. “Soon.”', ['“We will win,” he said.', '“Soon.”']],
    ['“Really?” she asked. “Yes!” he said.', ['“Really?” she asked.', '“Yes!” he said.']],
    ['Wait... what happened? Nobody knows.', ['Wait... what happened?', 'Nobody knows.']],
    ['It stalled… Then it recovered.', ['It stalled…', 'Then it recovered.']],
    ['Is it true? Yes! It is.', ['Is it true?', 'Yes!', 'It is.']],
    ['The meeting ended at 5 p.m. on Friday. Talks resume Monday.', ['The meeting ended at 5 p.m. on Friday.', 'Talks resume Monday.']],
    ['Item No. 5 sold out. Item No. 6 did not.', ['Item No. 5 sold out.', 'Item No. 6 did not.']],
    ['(The figures are preliminary.) Revenue rose.', ['(The figures are preliminary.)', 'Revenue rose.']],
    ['Visit example.com for more. Or call.', ['Visit example.com for more.', 'Or call.']],
    ['See https://example.com/a.b?c=1. Then go.', ['See https://example.com/a.b?c=1.', 'Then go.']],
    ['Shares of St. Louis firms rose. Gov. Parson spoke.', ['Shares of St. Louis firms rose.', 'Gov. Parson spoke.']],
    ['No terminal punctuation here', ['No terminal punctuation here']],
    // Tokenised news copy writes decimals with a space; a short number, a period, one space and a digit is one number.
    ['A 5. 9 magnitude quake hit. 12 died.', ['A 5. 9 magnitude quake hit.', '12 died.']],
    ['It had a depth of 1. 2 miles (6. 2 km). Next.', ['It had a depth of 1. 2 miles (6. 2 km).', 'Next.']],
    ['It closed in 2008. 12 people lost jobs.', ['It closed in 2008.', '12 people lost jobs.']],
    ['He has 2,301. 5 more came.', ['He has 2,301.', '5 more came.']],
    ['See figure B2. 5 items remain.', ['See figure B2.', '5 items remain.']],
    ['It fell on Nov. 7.\n40% of them left.', ['It fell on Nov. 7.', '40% of them left.']], // a line break is no spaced decimal
    ['He was held at 1: 30 a. m. Feb. 1 in Miami. Then more.', ['He was held at 1: 30 a. m. Feb. 1 in Miami.', 'Then more.']],
    ['It began at 9 p. m. The crowd left.', ['It began at 9 p. m.', 'The crowd left.']],
  ];
  for (const [input, expected] of cases) {
    it(JSON.stringify(input), () => assert.deepEqual(texts(input), expected));
  }
});

describe('sentences: Markdown structure', () => {
  it('headings are their own segments, without the hashes', () => {
    assert.deepEqual(texts('# Amazon eyes a deal\nAmazon is in talks. It wants chips.\n\n## Why it matters ##\nStakes are high.'), [
      'Amazon eyes a deal',
      'Amazon is in talks.',
      'It wants chips.',
      'Why it matters',
      'Stakes are high.',
    ]);
  });

  it('setext headings are their own segments', () => {
    assert.deepEqual(texts('Amazon eyes a deal\n==================\n\nBody text here.'), ['Amazon eyes a deal', 'Body text here.']);
  });

  it('bullets and numbered items start new segments, without their markers', () => {
    assert.deepEqual(
      texts(
        'Key points:\n- Amazon invested $4 billion\n- Anthropic uses AWS. It also uses Google.\n* Starred item\n1. First numbered\n2) Second numbered\n  • Unicode bullet',
      ),
      [
        'Key points:',
        'Amazon invested $4 billion',
        'Anthropic uses AWS.',
        'It also uses Google.',
        'Starred item',
        'First numbered',
        'Second numbered',
        'Unicode bullet',
      ],
    );
  });

  it('list item continuation lines stay with their item', () => {
    assert.deepEqual(texts('- Amazon invested $4 billion\n  in Anthropic last year.\n- Second item.'), [
      'Amazon invested $4 billion\n  in Anthropic last year.',
      'Second item.',
    ]);
  });

  it('blank lines end paragraphs even without punctuation', () => {
    assert.deepEqual(texts('First paragraph without a period\n\nSecond paragraph.'), ['First paragraph without a period', 'Second paragraph.']);
  });

  it('soft-wrapped lines within a paragraph join into one sentence', () => {
    assert.deepEqual(texts('Amazon is in talks to make\nanother investment. Anthropic\nprefers Nvidia.'), [
      'Amazon is in talks to make\nanother investment.',
      'Anthropic\nprefers Nvidia.',
    ]);
  });

  it('skips YAML front matter', () => {
    assert.deepEqual(texts('---\ntitle: Deal. Big deal.\ndate: 2024-11-07\n---\nAmazon is in talks.'), ['Amazon is in talks.']);
  });

  it('skips fenced code blocks', () => {
    assert.deepEqual(texts('Before.\n\n```js\nconst x = 1. Then y.\nconsole.log("Hello. World.");\n```\n\nAfter.'), ['Before.', 'After.']);
    assert.deepEqual(texts('Before.\n~~~\nCode. More code.\n~~~\nAfter.'), ['Before.', 'After.']);
  });

  it('skips indented code blocks, but not indented list items', () => {
    assert.deepEqual(texts('Before.\n\n    const x = 1. Not a sentence.\n    more code\n\nAfter.'), ['Before.', 'After.']);
    assert.deepEqual(texts('- Item one.\n\n    - Nested item.'), ['Item one.', 'Nested item.']);
  });

  it('skips HTML comments, one-line and multi-line', () => {
    assert.deepEqual(texts('<!-- Editor note. Check this. -->\nAmazon is in talks.'), ['Amazon is in talks.']);
    assert.deepEqual(texts('Before.\n<!--\nHidden. Note.\n-->\nAfter.'), ['Before.', 'After.']);
    assert.deepEqual(texts('<!-- note --> Visible text.'), ['Visible text.']);
  });

  it('does not split inside inline code spans, and drops code-only segments', () => {
    assert.deepEqual(texts('Call `foo. Bar()` to start. Then wait.'), ['Call `foo. Bar()` to start.', 'Then wait.']);
    assert.deepEqual(texts('`npm run build. Now.`\n\nText.'), ['Text.']);
  });

  it('does not split inside link targets or URLs', () => {
    assert.deepEqual(texts('Amazon [said](https://example.com/a. B/c.html) it would invest. Shares rose.'), [
      'Amazon [said](https://example.com/a. B/c.html) it would invest.',
      'Shares rose.',
    ]);
    assert.deepEqual(texts('[1]: https://example.com/source. Title\n\nAmazon is in talks.'), ['Amazon is in talks.']);
  });

  it('block quotes are prose', () => {
    assert.deepEqual(texts('> Amazon is in talks. It wants chips.\n\nAfter.'), ['Amazon is in talks.', 'It wants chips.', 'After.']);
  });

  it('table rows are their own segments; separator rows are skipped', () => {
    assert.deepEqual(texts('| Year | Amount |\n|---|---|\n| 2023 | $1.25 billion |'), ['Year | Amount', '2023 | $1.25 billion']);
  });

  it('thematic breaks and HTML tags are not sentences', () => {
    assert.deepEqual(texts('One.\n\n---\n\n<div>\n\nTwo.'), ['One.', 'Two.']);
  });

  it('handles CRLF line endings', () => {
    const text = '# Title\r\n\r\nAmazon is in talks. It wants chips.\r\n- Item\r\n';
    assert.deepEqual(texts(text), ['Title', 'Amazon is in talks.', 'It wants chips.', 'Item']);
  });
});

describe('sentences: properties', () => {
  it('spans are ordered, disjoint, trimmed, non-empty and equal to their slice of the input', () => {
    const alphabet = fc.constantFrom(...'ab Z.?!"”\n\n#-*`$1 .,()[]>:'.split(''), 'U.S.', 'Nov. 7', '```\n', '---\n', '<!--', '-->', '](http://x.y)');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 80 }).map((parts) => parts.join('')),
        (text) => {
          let previousEnd = 0;
          for (const s of splitSentences(text)) {
            assert.ok(s.start >= previousEnd && s.end > s.start && s.end <= text.length);
            assert.equal(text.slice(s.start, s.end), s.text);
            assert.equal(s.text, s.text.trim());
            previousEnd = s.end;
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is linear: a long document splits quickly', () => {
    const paragraph = 'Amazon made its initial $1.25 billion investment in Anthropic in September 2023. It upped it to $4 billion in March.\n\n';
    const text = paragraph.repeat(20000);
    const started = performance.now();
    const count = splitSentences(text).length;
    const elapsed = performance.now() - started;
    assert.equal(count, 40000);
    // A quadratic splitter takes minutes here; a linear one well under a second even on a loaded machine.
    assert.ok(elapsed < 5000, `took ${elapsed.toFixed(0)} ms`);
  });
});
