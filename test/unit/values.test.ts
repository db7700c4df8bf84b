import assert from 'node:assert/strict';
import {
  amountsCompatible,
  articleDateFrom,
  datesCompatible,
  extractAmounts,
  extractDates,
  type AmountValue,
  type DateValue,
} from '../../src/core/conflicts/values';

type DateExpectation = Partial<Pick<DateValue, 'text' | 'kind' | 'precision' | 'value' | 'weekday' | 'resolved' | 'from' | 'to'>>;
type AmountExpectation = Partial<Pick<AmountValue, 'text' | 'kind' | 'value' | 'currency' | 'unit' | 'bound'>>;

function pick<T extends object>(value: T, keys: string[]): Partial<T> {
  return Object.fromEntries(keys.map((k) => [k, (value as Record<string, unknown>)[k]])) as Partial<T>;
}

/** [text, article date or undefined, expected dates in order] */
const dateCases: Array<[string, string | undefined, DateExpectation[]]> = [
  // Absolute, day precision
  ['Amazon invested on March 27.', undefined, [{ text: 'March 27', precision: 'day', value: '--03-27' }]],
  ['Amazon invested on March 27.', '2024-11-07', [{ text: 'March 27', value: '2024-03-27' }]],
  ['It closed on March 27, 2024, in Seattle.', undefined, [{ text: 'March 27, 2024', value: '2024-03-27', weekday: 3 }]],
  ['It closed on March 27 2024.', undefined, [{ text: 'March 27 2024', value: '2024-03-27' }]],
  ['It closed on 27 March 2024.', undefined, [{ text: '27 March 2024', value: '2024-03-27' }]],
  ['It closed on the 27th of March.', '2024-05-01', [{ text: '27th of March', value: '2024-03-27' }]],
  ['It closed on March 27th.', '2024-05-01', [{ text: 'March 27th', value: '2024-03-27' }]],
  ['Reported Nov. 7 by The Information.', '2024-11-08', [{ text: 'Nov. 7', value: '2024-11-07' }]],
  ['Reported Nov 7 by The Information.', '2024-11-08', [{ text: 'Nov 7', value: '2024-11-07' }]],
  ['Reported Sept. 5, 2023.', undefined, [{ text: 'Sept. 5, 2023', value: '2023-09-05' }]],
  ['Reported Dec. 31, 1999.', undefined, [{ text: 'Dec. 31, 1999', value: '1999-12-31' }]],
  ['Filed 2024-03-27 with the SEC.', undefined, [{ text: '2024-03-27', precision: 'day', value: '2024-03-27' }]],
  ['Filed 2024/03/27 with the SEC.', undefined, [{ text: '2024/03/27', value: '2024-03-27' }]],
  ['Filed 03/27/2024 with the SEC.', undefined, [{ text: '03/27/2024', value: '2024-03-27' }]],
  ['As reported Thursday (Nov. 7) by The Information.', '2024-11-08', [{ text: 'Thursday (Nov. 7)', value: '2024-11-07', weekday: 4, kind: 'absolute' }]],
  ['As reported Thursday (Nov. 7) by The Information.', undefined, [{ text: 'Thursday (Nov. 7)', value: '--11-07', weekday: 4 }]],
  ['It happened on Thursday, Nov. 7, 2024, at noon.', undefined, [{ text: 'Thursday, Nov. 7, 2024', value: '2024-11-07', weekday: 4 }]],
  ['It happened on Thursday, 7 November 2024.', undefined, [{ text: 'Thursday, 7 November 2024', value: '2024-11-07', weekday: 4 }]],
  ['A February 29, 2024 filing.', undefined, [{ text: 'February 29, 2024', value: '2024-02-29' }]],
  ['On MARCH 27, 2024 it closed.', undefined, [{ text: 'MARCH 27, 2024', value: '2024-03-27' }]],
  // Absolute, month and year precision
  [
    'Amazon made its initial investment in September 2023.',
    undefined,
    [{ text: 'September 2023', precision: 'month', value: '2023-09', from: '2023-09-01', to: '2023-09-30' }],
  ],
  ['The deal of March of 2024 stands.', undefined, [{ text: 'March of 2024', precision: 'month', value: '2024-03' }]],
  ['In Feb. 2024 the deal closed.', undefined, [{ text: 'Feb. 2024', value: '2024-02', to: '2024-02-29' }]],
  ['It was upped to $4 billion in March.', '2024-11-07', [{ text: 'March', precision: 'month', value: '2024-03' }]],
  ['It was upped to $4 billion in March.', undefined, [{ text: 'March', precision: 'month', value: '--03' }]],
  ['Talks began in December.', '2025-01-10', [{ text: 'December', value: '2024-12' }]],
  ['Sales rose since May.', '2024-08-01', [{ text: 'May', value: '2024-05' }]],
  ['Filed 2024-03 as planned.', undefined, [{ text: '2024-03', precision: 'month', value: '2024-03' }]],
  ['Revenue doubled in 2023.', undefined, [{ text: '2023', precision: 'year', value: '2023', from: '2023-01-01', to: '2023-12-31' }]],
  ['Since 2019, the firm has grown.', undefined, [{ text: '2019', precision: 'year', value: '2019' }]],
  ["The company's 2023 results were strong.", undefined, [{ text: '2023', precision: 'year' }]],
  ['2023 was a record year.', undefined, [{ text: '2023', precision: 'year' }]],
  // Relative
  ['The Information reported on Thursday.', '2024-11-08', [{ text: 'Thursday', kind: 'relative', value: '2024-11-07', resolved: true }]],
  ['The Information reported on Thursday.', undefined, [{ text: 'Thursday', kind: 'relative', weekday: 4, resolved: false, value: undefined }]],
  ['The Information reported on Thursday.', '2024-11-07', [{ text: 'Thursday', value: '2024-11-07' }]],
  ['The Information reported on Friday.', '2024-11-07', [{ text: 'Friday', value: '2024-11-01' }]],
  ['The company said yesterday.', '2024-11-08', [{ text: 'yesterday', kind: 'relative', value: '2024-11-07' }]],
  ['The company said today.', '2024-11-08', [{ text: 'today', value: '2024-11-08' }]],
  ['The board meets tomorrow.', '2024-12-31', [{ text: 'tomorrow', value: '2025-01-01' }]],
  ['Yesterday it said so.', '2024-03-01', [{ text: 'Yesterday', value: '2024-02-29' }]],
  ['The talks began last week.', '2024-11-07', [{ text: 'last week', precision: 'week', value: '2024-10-28', from: '2024-10-28', to: '2024-11-03' }]],
  ['The talks began this week.', '2024-11-07', [{ text: 'this week', precision: 'week', value: '2024-11-04' }]],
  ['The talks began last month.', '2024-01-15', [{ text: 'last month', precision: 'month', value: '2023-12' }]],
  ['The talks began earlier this month.', '2024-01-15', [{ text: 'earlier this month', value: '2024-01' }]],
  ['Profits fell last year.', '2024-11-07', [{ text: 'last year', precision: 'year', value: '2023' }]],
  ['Profits fell last year.', undefined, [{ text: 'last year', resolved: false, value: undefined }]],
  ['It happened two days ago.', '2024-11-07', [{ text: 'two days ago', precision: 'day', value: '2024-11-05' }]],
  ['It happened three years ago.', '2024-11-07', [{ text: 'three years ago', precision: 'year', value: '2021' }]],
  // Not dates
  ['Amazon may invest more.', undefined, []],
  ['Protesters will march on the capital.', undefined, []],
  ['It employs 2,000 people.', undefined, []],
  ['It paid $2023 in fees.', undefined, []],
  ['Call 555-2024 now.', undefined, []],
  ['Version 3.1 shipped to 2000 users.', undefined, []],
  ['See https://example.com/2024/03/27/story for details.', undefined, []],
  ['Run `date 2024-03-27` in a shell.', undefined, []],
  ['Stores are closed on Sundays.', undefined, []],
  ['The March 32 date is invalid.', undefined, []],
  ['It rose 2024 percent.', undefined, []],
  // Several in one sentence
  [
    'Amazon made its initial $1.25 billion investment in Anthropic in September 2023 and then upped it to $4 billion in March.',
    '2024-11-07',
    [
      { text: 'September 2023', value: '2023-09' },
      { text: 'March', value: '2024-03' },
    ],
  ],
  [
    'Between Jan. 5 and Feb. 10, 2024, shares rose.',
    '2024-03-01',
    [
      { text: 'Jan. 5', value: '2024-01-05' },
      { text: 'Feb. 10, 2024', value: '2024-02-10' },
    ],
  ],
];

/** [text, expected amounts in order] */
const amountCases: Array<[string, AmountExpectation[]]> = [
  ['Amazon made its initial $1.25 billion investment.', [{ text: '$1.25 billion', kind: 'money', value: 1.25e9, currency: 'USD', bound: 'exact' }]],
  ['Amazon committed up to $4 billion in funding.', [{ text: 'up to $4 billion', value: 4e9, bound: 'max' }]],
  ['Amazon then upped it to $4 billion in March.', [{ text: '$4 billion', value: 4e9, bound: 'exact' }]],
  ['It raised at least $500 million.', [{ text: 'at least $500 million', value: 5e8, bound: 'min' }]],
  ['It raised more than $2 billion.', [{ text: 'more than $2 billion', value: 2e9, bound: 'min' }]],
  ['It raised over $2 billion.', [{ text: 'over $2 billion', bound: 'min' }]],
  ['It raised about $2 billion.', [{ text: 'about $2 billion', bound: 'approx' }]],
  ['It raised nearly $2 billion.', [{ text: 'nearly $2 billion', bound: 'approx' }]],
  ['It raised roughly $2 billion.', [{ text: 'roughly $2 billion', bound: 'approx' }]],
  ['It raised less than $2 million.', [{ text: 'less than $2 million', bound: 'max' }]],
  ['It raised as much as $8 billion.', [{ text: 'as much as $8 billion', value: 8e9, bound: 'max' }]],
  ['The firm raised 4bn last year.', [{ text: '4bn', value: 4e9 }]],
  ['The firm raised €2.3m.', [{ text: '€2.3m', kind: 'money', value: 2.3e6, currency: 'EUR' }]],
  ['The firm paid £500,000 in fines.', [{ text: '£500,000', value: 5e5, currency: 'GBP' }]],
  ['The firm paid $8 billion.', [{ text: '$8 billion', value: 8e9, currency: 'USD' }]],
  ['A valuation of up to $40 billion.', [{ text: 'up to $40 billion', value: 4e10, bound: 'max' }]],
  ['It cost $1.25.', [{ text: '$1.25', value: 1.25 }]],
  ['It cost $5B.', [{ text: '$5B', value: 5e9 }]],
  ['It cost $500K.', [{ text: '$500K', value: 5e5 }]],
  ['It cost US$3 million.', [{ text: 'US$3 million', value: 3e6, currency: 'USD' }]],
  ['It cost C$3 million.', [{ text: 'C$3 million', currency: 'CAD' }]],
  ['It cost ¥300 billion.', [{ text: '¥300 billion', currency: 'JPY', value: 3e11 }]],
  ['It cost EUR 20 million.', [{ text: 'EUR 20 million', currency: 'EUR', value: 2e7 }]],
  ['It cost 4 billion dollars.', [{ text: '4 billion dollars', currency: 'USD', value: 4e9 }]],
  ['It cost 300 euros.', [{ text: '300 euros', currency: 'EUR', value: 300 }]],
  ['It cost 50 cents.', [{ text: '50 cents', value: 0.5 }]],
  ['They hold a trillion dollars of our debt.', [{ text: 'a trillion dollars', value: 1e12 }]],
  ['It cost two billion dollars.', [{ text: 'two billion dollars', value: 2e9 }]],
  ['It cost $1,250,000.', [{ text: '$1,250,000', value: 1.25e6 }]],
  ['It cost $4.2bn.', [{ text: '$4.2bn', value: 4.2e9 }]],
  // Percentages
  ['Unemployment fell to 4.1%.', [{ text: '4.1%', kind: 'percent', value: 4.1, unit: '%' }]],
  ['Unemployment fell to 4.1 percent.', [{ text: '4.1 percent', kind: 'percent', value: 4.1 }]],
  ['Unemployment fell to 4.1 per cent.', [{ text: '4.1 per cent', kind: 'percent', value: 4.1 }]],
  ['Rates rose 0.25 percentage points.', [{ text: '0.25 percentage points', unit: 'percentage points' }]],
  ['More than 40% of voters agreed.', [{ text: 'More than 40%', bound: 'min', value: 40 }]],
  ['We consume 50 percent of the world supply.', [{ text: '50 percent', value: 50 }]],
  ['Up to 30% of staff may leave.', [{ text: 'Up to 30%', bound: 'max' }]],
  // Counts with units
  ['The company has 2,000 employees.', [{ text: '2,000 employees', kind: 'count', value: 2000, unit: 'employees' }]],
  ['It added 22 million new jobs.', [{ text: '22 million new jobs', kind: 'count', value: 2.2e7, unit: 'new jobs' }]],
  ['Some 7 million people contracted it.', [{ text: 'Some 7 million people', value: 7e6, unit: 'people', bound: 'approx' }]],
  ['It cut 1,500 workers.', [{ text: '1,500 workers', value: 1500, unit: 'workers' }]],
  ['It has at least 300 stores.', [{ text: 'at least 300 stores', value: 300, bound: 'min' }]],
  ['Over 10,000 users signed up.', [{ text: 'Over 10,000 users', bound: 'min' }]],
  ['It deployed 160 nations worth of aid.', [{ text: '160 nations', unit: 'nations' }]],
  ['It sold 3.5 million units.', [{ text: '3.5 million units', value: 3.5e6 }]],
  ['There were 12 deaths.', [{ text: '12 deaths', value: 12 }]],
  ['The city has 2.5 million residents.', [{ text: '2.5 million residents', value: 2.5e6 }]],
  // Not amounts
  ['Amazon invested in September 2023.', []],
  ['The deal closed on March 27.', []],
  ['It was founded in 1994.', []],
  ['The Claude 3 family of models.', []],
  ['The meeting is at 3 p.m.', []],
  ['He wrote chapter 7.', []],
  ['The Boeing 737 flew.', []],
  ['The A380 is large.', []],
  ['Read https://example.com/50-percent-off now.', []],
  ['Use `$4 billion` as a literal.', []],
  ['The 1990s were different.', []],
  ['He said it twice.', []],
  ['It grew 2.5 times.', []],
  ['Version 2.0 shipped.', []],
  // Several in one sentence
  [
    'Amazon made its initial $1.25 billion investment in Anthropic in September 2023 and then upped it to $4 billion in March.',
    [
      { text: '$1.25 billion', value: 1.25e9 },
      { text: '$4 billion', value: 4e9 },
    ],
  ],
  ['Revenue of $3 billion rose 12% as 4,000 employees joined.', [{ text: '$3 billion' }, { text: '12%' }, { text: '4,000 employees' }]],
];

describe('values: extractDates', () => {
  for (const [text, articleDate, expected] of dateCases) {
    it(`${JSON.stringify(text)}${articleDate ? ` (article ${articleDate})` : ''}`, () => {
      const dates = extractDates(text, { articleDate });
      assert.deepEqual(
        dates.map((d, i) => pick(d, Object.keys(expected[i] ?? { text: 1 }))),
        expected,
      );
      for (const date of dates) assert.equal(text.slice(date.start, date.end), date.text);
    });
  }
});

describe('values: extractAmounts', () => {
  for (const [text, expected] of amountCases) {
    it(JSON.stringify(text), () => {
      const amounts = extractAmounts(text);
      assert.deepEqual(
        amounts.map((a, i) => pick(a, Object.keys(expected[i] ?? { text: 1 }))),
        expected,
      );
      for (const amount of amounts) assert.equal(text.slice(amount.start, amount.end), amount.text);
    });
  }
});

describe('values: articleDateFrom', () => {
  const cases: Array<[string, string | undefined]> = [
    ['---\ntitle: Amazon and Anthropic\ndate: 2024-11-07\n---\nAmazon is in talks.', '2024-11-07'],
    ['---\ndate: "2024-11-07T09:30:00Z"\n---\nText.', '2024-11-07'],
    ['---\ndate: November 7, 2024\n---\nText.', '2024-11-07'],
    ['By Jane Doe\nNov. 7, 2024\n\nAmazon is in talks.', '2024-11-07'],
    ['Published: November 7, 2024 9:30 AM\n\nText.', '2024-11-07'],
    ['Updated: 2024-11-08\nPublished: 2024-11-07\n\nText.', '2024-11-08'],
    ['SEATTLE, Nov. 7, 2024 — Amazon said on Thursday.', '2024-11-07'],
    ['Amazon is in talks, as reported by The Information on Thursday.', undefined],
    ['No dates here at all.\n\nNone.', undefined],
    ['Title\n\n' + 'Filler line.\n'.repeat(20) + 'On March 27, 2024 it closed.', undefined],
  ];
  for (const [text, expected] of cases) {
    it(JSON.stringify(text.slice(0, 50)), () => assert.equal(articleDateFrom(text), expected));
  }
});

describe('values: compatibility', () => {
  const date = (text: string, articleDate?: string) => {
    const [value] = extractDates(text, { articleDate });
    assert.ok(value, `no date in ${text}`);
    return value;
  };
  const amount = (text: string) => {
    const [value] = extractAmounts(text);
    assert.ok(value, `no amount in ${text}`);
    return value;
  };
  it('"Thursday" and "Thursday (Nov. 7)" are the same day, resolved or not', () => {
    assert.ok(datesCompatible(date('on Thursday'), date('Thursday (Nov. 7)')));
    assert.ok(datesCompatible(date('on Thursday', '2024-11-08'), date('Thursday (Nov. 7)', '2024-11-08')));
    assert.ok(datesCompatible(date('on Thursday'), date('on Nov. 7, 2024')));
  });
  it('a weekday that the date cannot have conflicts', () => {
    assert.ok(!datesCompatible(date('on Friday'), date('on Nov. 7, 2024')));
    assert.ok(!datesCompatible(date('on Friday', '2024-11-08'), date('on Nov. 7', '2024-11-08')));
  });
  it('dates at different precisions conflict only when they cannot overlap', () => {
    assert.ok(datesCompatible(date('in March', '2024-11-07'), date('March 27', '2024-11-07')));
    assert.ok(datesCompatible(date('in 2024'), date('March 27, 2024')));
    assert.ok(!datesCompatible(date('September 2023'), date('March 27', '2024-11-07')));
    assert.ok(!datesCompatible(date('September 2023'), date('March 27')));
    assert.ok(!datesCompatible(date('in 2023'), date('March 27, 2024')));
    assert.ok(datesCompatible(date('last week', '2024-11-07'), date('Oct. 30, 2024')));
  });
  it('bounds: "up to $4 billion" agrees with $4 billion and $1.25 billion, not with $5 billion', () => {
    assert.ok(amountsCompatible(amount('up to $4 billion'), amount('upped it to $4 billion')));
    assert.ok(amountsCompatible(amount('up to $4 billion'), amount('$1.25 billion')));
    assert.ok(!amountsCompatible(amount('up to $4 billion'), amount('$5 billion')));
    assert.ok(amountsCompatible(amount('at least $2 billion'), amount('$3 billion')));
    assert.ok(!amountsCompatible(amount('at least $2 billion'), amount('$1 billion')));
  });
  it('rounding: "$1.3 billion" agrees with "$1.25 billion"; "$4 billion" does not with "$1.25 billion"', () => {
    assert.ok(amountsCompatible(amount('$1.3 billion'), amount('$1.25 billion')));
    assert.ok(amountsCompatible(amount('4bn'), amount('$4 billion')));
    assert.ok(!amountsCompatible(amount('$4 billion'), amount('$1.25 billion')));
    assert.ok(amountsCompatible(amount('about $4 billion'), amount('$4.3 billion')));
  });
  it('different currencies and units are not compared', () => {
    assert.ok(amountsCompatible(amount('€4 billion'), amount('$1 billion')));
    assert.ok(amountsCompatible(amount('2,000 employees'), amount('3,000 stores')));
    assert.ok(!amountsCompatible(amount('2,000 employees'), amount('3,000 employees')));
  });
});
