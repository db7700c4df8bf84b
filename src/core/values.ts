// Dates and amounts in claims, normalised so that values from different articles can be compared: "Nov. 7"
// and "Thursday" become the same day once the article's date is known, "4bn" and "$4 billion" the same number.
// Offsets are UTF-16 indices into the text passed in.

export type DatePrecision = 'year' | 'month' | 'week' | 'day';

export interface DateValue {
  start: number;
  end: number;
  text: string;
  /** "absolute" when the text names the date; "relative" when it depends on when the article appeared. */
  kind: 'absolute' | 'relative';
  precision: DatePrecision;
  year?: number;
  /** 1-12 */
  month?: number;
  /** 1-31 */
  day?: number;
  /** 0 = Sunday ... 6 = Saturday, when the text names the weekday. */
  weekday?: number;
  /**
   * The normalised date: "2024", "2024-03", "2024-03-27"; "--03-27" or "--03" when the year is unknown; for a
   * week, its Monday ("2024-10-28"). Undefined for a relative date that could not be resolved.
   */
  value?: string;
  /** The first and last day the text can denote, when the year is known (YYYY-MM-DD). */
  from?: string;
  to?: string;
  /** False for relative expressions ("Thursday", "last week") without an article date to resolve them against. */
  resolved: boolean;
}

export type AmountKind = 'money' | 'percent' | 'count';
export type AmountBound = 'exact' | 'max' | 'min' | 'approx';

export interface AmountValue {
  start: number;
  end: number;
  text: string;
  kind: AmountKind;
  /** The number in base units: "$1.25 billion" is 1250000000, "40%" is 40. */
  value: number;
  /** ISO 4217 code for money. */
  currency?: string;
  /** "%" or "percentage points" for percentages; the counted noun for counts ("employees"). */
  unit?: string;
  /** "up to" gives max; "at least", "more than" give min; "about", "nearly" give approx. */
  bound: AmountBound;
  /** Digits after the decimal point as written, which says how precisely the number was given. */
  decimals: number;
}

export interface DateOptions {
  /** The article's date (YYYY-MM-DD), to resolve "Thursday", "yesterday" and dates without a year. */
  articleDate?: string;
}

const MONTH_NAMES: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10,
  november: 11, december: 12, jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10,
  nov: 11, dec: 12,
};
const WEEKDAYS: Record<string, number> = {
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
};

// Capitalised only, so the modal "may" and "march" the verb are not months.
const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?|JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)';
const MONTH_NO_MAY = MONTH.replace('May|', '');
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '((?:1[89]|20)\\d{2})';
const WEEKDAY = '(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';

interface Pattern {
  /** A cheap test that the text could hold a match at all, so most claims skip most patterns. */
  needs: RegExp;
  regex: RegExp;
  make: (m: RegExpExecArray) => Partial<DateValue> | undefined;
}

function monthNumber(name: string): number {
  return MONTH_NAMES[name.toLowerCase().replace(/\.$/, '')];
}

function validDay(year: number | undefined, month: number, day: number): boolean {
  if (day < 1 || day > 31 || month < 1 || month > 12) return false;
  return day <= daysInMonth(year ?? 2024, month);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const NEEDS_DIGITS = /\d\d\d\d/;
const NEEDS_SLASH = /\d\/\d/;
const NEEDS_MONTHS = /Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEP|OCT|NOV|DEC/;
const NEEDS_WEEKDAYS = /day\b/;
const NEEDS_TODAY = /day\b|orrow|night/i;
const NEEDS_PERIODS = /week|month|year/i;
const NEEDS_AGO = /\bago\b/i;

const DATE_PATTERNS: Pattern[] = [
  // 2024-03-27, 2024/03/27
  {
    needs: NEEDS_DIGITS,
    regex: /\b((?:1[89]|20)\d{2})([-/])(\d{2})\2(\d{2})(?:\b|(?=T\d))(?![-/]\d)/g,
    make: (m) => {
      const [year, month, day] = [Number(m[1]), Number(m[3]), Number(m[4])];
      return validDay(year, month, day) ? { kind: 'absolute', precision: 'day', year, month, day } : undefined;
    },
  },
  // 03/27/2024 (the U.S. order, as in American news copy)
  {
    needs: NEEDS_SLASH,
    regex: /\b(\d{1,2})\/(\d{1,2})\/((?:1[89]|20)\d{2})\b/g,
    make: (m) => {
      const [month, day, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
      return validDay(year, month, day) ? { kind: 'absolute', precision: 'day', year, month, day } : undefined;
    },
  },
  // 2024-03
  {
    needs: NEEDS_DIGITS,
    regex: /\b((?:1[89]|20)\d{2})-(0[1-9]|1[0-2])\b(?![-/]\d)/g,
    make: (m) => ({ kind: 'absolute', precision: 'month', year: Number(m[1]), month: Number(m[2]) }),
  },
  // Thursday, Nov. 7, 2024 / Thursday (Nov. 7) / Nov. 7 / March 27, 2024 / March 27th
  {
    needs: NEEDS_MONTHS,
    regex: new RegExp(`(?:\\b${WEEKDAY}(?:,\\s*|\\s*\\(\\s*|\\s+))?\\b(${MONTH})\\s+${DAY}\\b(?!,\\d|\\.\\d|\\d)(?:(?:,\\s*|\\s+)${YEAR}\\b(?![,.]\\d))?(\\s*\\))?`, 'g'),
    make: (m) => {
      const month = monthNumber(m[2]);
      const day = Number(m[3]);
      const year = m[4] ? Number(m[4]) : undefined;
      if (!validDay(year, month, day)) return undefined;
      const value: Partial<DateValue> = { kind: 'absolute', precision: 'day', year, month, day };
      if (m[1]) value.weekday = WEEKDAYS[m[1].toLowerCase()];
      // A bracket closes only a bracket opened after the weekday.
      if (m[5] && !/\(/.test(m[0])) value.end = -m[5].length;
      return value;
    },
  },
  // 27 March 2024 / 27th of March / Thursday, 7 November 2024
  {
    needs: NEEDS_MONTHS,
    regex: new RegExp(`(?:\\b${WEEKDAY},?\\s+)?\\b${DAY}(?:\\s+of)?\\s+(${MONTH})(?:,?\\s+${YEAR}\\b(?![,.]\\d))?`, 'g'),
    make: (m) => {
      const day = Number(m[2]);
      const month = monthNumber(m[3]);
      const year = m[4] ? Number(m[4]) : undefined;
      if (!validDay(year, month, day)) return undefined;
      const value: Partial<DateValue> = { kind: 'absolute', precision: 'day', year, month, day };
      if (m[1]) value.weekday = WEEKDAYS[m[1].toLowerCase()];
      return value;
    },
  },
  // September 2023 / March of 2024
  {
    needs: NEEDS_MONTHS,
    regex: new RegExp(`\\b(${MONTH})(?:\\s+of)?,?\\s+${YEAR}\\b(?![,.]\\d)`, 'g'),
    make: (m) => ({ kind: 'absolute', precision: 'month', year: Number(m[2]), month: monthNumber(m[1]) }),
  },
  // in March / since September / early May (a bare month needs a lead-in word to be a date). The lookahead
  // for a month's capital comes first so that the lookbehind, whose `\s+` would otherwise walk back through a
  // whole run of spaces at every position in it (quadratic), runs only where a month can start.
  {
    needs: NEEDS_MONTHS,
    regex: new RegExp(`(?=[JFMASOND])(?<=\\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill|[Ff]rom|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id-?|[Tt]hrough|[Bb]efore|[Aa]fter|[Ll]ast|[Tt]his|[Nn]ext|[Oo]f|[Bb]etween|[Ee]nd of|[Ss]tart of|[Bb]eginning of)\\s+)(?:(${MONTH_NO_MAY})|(May))\\b(?!\\s+\\d)`, 'g'),
    make: (m) => ({ kind: 'absolute', precision: 'month', month: monthNumber(m[1] ?? m[2]) }),
  },
  // in 2023 / since 2019 / 2023's (a year, but not "2,000 employees" or "$2023")
  {
    needs: NEEDS_DIGITS,
    regex: /(?<![$€£¥#\d.,/-]|\bNo\.\s?)\b((?:1[89]|20)\d{2})\b(?![,.]\d|\s?%|-\d|\/\d|\s+(?:percent|per cent|million|billion|trillion|thousand|[a-z]+s\b(?<!\b(?:was|has|is|as|its|this|his|us|has|does|years|levels|terms|plans|rates|figures|results|elections|numbers))))/g,
    make: (m) => ({ kind: 'absolute', precision: 'year', year: Number(m[1]) }),
  },
  // Thursday / on Thursday (its date comes from the article's date)
  {
    needs: NEEDS_WEEKDAYS,
    regex: new RegExp(`\\b${WEEKDAY}\\b(?!s)`, 'g'),
    make: (m) => ({ kind: 'relative', precision: 'day', weekday: WEEKDAYS[m[1].toLowerCase()] }),
  },
  // today / yesterday / tomorrow / tonight / last night
  {
    needs: NEEDS_TODAY,
    regex: /\b(?:[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight|[Ll]ast night)\b/g,
    make: (m) => {
      const word = m[0].toLowerCase();
      const offset = word === 'yesterday' || word === 'last night' ? -1 : word === 'tomorrow' ? 1 : 0;
      return { kind: 'relative', precision: 'day', offsetDays: offset } as Partial<DateValue>;
    },
  },
  // last week / this month / next year / earlier this year
  {
    needs: NEEDS_PERIODS,
    regex: /\b(?:(?:[Ee]arlier|[Ll]ater) )?(?:[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast|[Pp]revious) (week|month|year)\b/g,
    make: (m) => {
      const word = m[0].toLowerCase();
      const shift = /\b(?:last|past|previous)\b/.test(word) ? -1 : /\bnext\b/.test(word) ? 1 : 0;
      return { kind: 'relative', precision: m[1] as DatePrecision, shift } as Partial<DateValue>;
    },
  },
  // two days ago / 3 weeks ago / a year ago
  {
    needs: NEEDS_AGO,
    regex: /\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,3}) (day|week|month|year)s? ago\b/gi,
    make: (m) => {
      const count = NUMBER_WORDS[m[1].toLowerCase()] ?? Number(m[1]);
      return { kind: 'relative', precision: m[2].toLowerCase() as DatePrecision, shift: -count, ago: true } as Partial<DateValue>;
    },
  },
];

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, dozen: 12, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100,
};

interface RawDate extends Partial<DateValue> {
  offsetDays?: number;
  shift?: number;
  ago?: boolean;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function isoDay(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function parseIsoDay(value: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86400000);
}

function mondayOf(date: Date): Date {
  return addDays(date, -((date.getUTCDay() + 6) % 7));
}

/** Fills in year-less dates and relative expressions from the article's date. */
function resolve(raw: RawDate, article: Date | undefined): void {
  if (raw.kind === 'relative') {
    if (!article) return;
    if (raw.offsetDays !== undefined) setDay(raw, addDays(article, raw.offsetDays));
    else if (raw.weekday !== undefined && raw.precision === 'day') {
      // News copy reports what happened: "on Thursday" is the latest Thursday up to the article's date.
      setDay(raw, addDays(article, -((article.getUTCDay() - raw.weekday + 7) % 7)));
    } else if (raw.precision === 'week') {
      const monday = mondayOf(addDays(article, 7 * (raw.shift ?? 0)));
      raw.year = monday.getUTCFullYear();
      raw.month = monday.getUTCMonth() + 1;
      raw.day = monday.getUTCDate();
    } else if (raw.precision === 'month') {
      const date = new Date(Date.UTC(article.getUTCFullYear(), article.getUTCMonth() + (raw.shift ?? 0), 1));
      raw.year = date.getUTCFullYear();
      raw.month = date.getUTCMonth() + 1;
    } else if (raw.precision === 'year') {
      raw.year = article.getUTCFullYear() + (raw.shift ?? 0);
    } else if (raw.precision === 'day' && raw.shift !== undefined) {
      setDay(raw, addDays(article, raw.shift));
    }
    raw.resolved = true;
    return;
  }
  if (raw.year === undefined && raw.month !== undefined && article) {
    // The year that puts the date nearest the article's, falling back a year for months not yet reached.
    const articleYear = article.getUTCFullYear();
    let best = articleYear;
    let bestDistance = Infinity;
    for (const year of [articleYear - 1, articleYear, articleYear + 1]) {
      if (raw.day !== undefined && !validDay(year, raw.month, raw.day)) continue;
      const date = Date.UTC(year, raw.month - 1, raw.day ?? 15);
      // Past dates are far more common in reporting, so a future candidate must be much closer to win.
      const distance = Math.abs(date - article.getTime()) * (date > article.getTime() ? 3 : 1);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = year;
      }
    }
    raw.year = best;
  }
}

function setDay(raw: RawDate, date: Date): void {
  raw.year = date.getUTCFullYear();
  raw.month = date.getUTCMonth() + 1;
  raw.day = date.getUTCDate();
}

function finish(raw: RawDate, text: string, start: number, end: number): DateValue {
  const value: DateValue = {
    start,
    end,
    text: text.slice(start, end),
    kind: raw.kind ?? 'absolute',
    precision: raw.precision ?? 'day',
    resolved: raw.kind !== 'relative' || raw.resolved === true,
  };
  if (raw.year !== undefined) value.year = raw.year;
  if (raw.month !== undefined) value.month = raw.month;
  if (raw.day !== undefined) value.day = raw.day;
  if (raw.weekday !== undefined) value.weekday = raw.weekday;
  else if (raw.year !== undefined && raw.month !== undefined && raw.day !== undefined && value.precision === 'day') {
    value.weekday = new Date(Date.UTC(raw.year, raw.month - 1, raw.day)).getUTCDay();
  }
  const { year, month, day } = value;
  if (year !== undefined) {
    if (value.precision === 'year') {
      value.value = `${year}`;
      value.from = `${year}-01-01`;
      value.to = `${year}-12-31`;
    } else if (value.precision === 'month' && month !== undefined) {
      value.value = `${year}-${pad(month)}`;
      value.from = `${year}-${pad(month)}-01`;
      value.to = `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`;
    } else if (month !== undefined && day !== undefined) {
      value.value = `${year}-${pad(month)}-${pad(day)}`;
      value.from = value.value;
      value.to = value.precision === 'week' ? isoDay(addDays(new Date(Date.UTC(year, month - 1, day)), 6)) : value.value;
    }
  } else if (month !== undefined) {
    value.value = day !== undefined ? `--${pad(month)}-${pad(day)}` : `--${pad(month)}`;
  }
  return value;
}

/** Ranges already taken by a longer match; later patterns only fill the gaps. */
function overlaps(taken: Array<[number, number]>, start: number, end: number): boolean {
  for (const [s, e] of taken) if (start < e && end > s) return true;
  return false;
}

/** Spans to leave alone: URLs and inline code, whose digits are not values. */
function ignoredSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!/`|\]\(|http|www\./.test(text)) return spans;
  for (const m of text.matchAll(/https?:\/\/[^\s)>\]]+|www\.[^\s)>\]]+|`[^`\n]+`|\]\([^)\s]*\)/g)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

/** Finds dates, absolute and relative, resolving the relative ones when the article's date is given. */
export function extractDates(text: string, options: DateOptions = {}): DateValue[] {
  const article = options.articleDate ? parseIsoDay(options.articleDate) : undefined;
  const taken = ignoredSpans(text);
  const found: Array<{ raw: RawDate; start: number; end: number }> = [];
  for (const pattern of DATE_PATTERNS) {
    if (!pattern.needs.test(text)) continue;
    pattern.regex.lastIndex = 0;
    for (let m = pattern.regex.exec(text); m; m = pattern.regex.exec(text)) {
      const raw = pattern.make(m) as RawDate | undefined;
      if (!raw) continue;
      const start = m.index;
      const end = m.index + m[0].length + (raw.end !== undefined && raw.end < 0 ? raw.end : 0);
      delete raw.end;
      if (overlaps(taken, start, end)) continue;
      taken.push([start, end]);
      found.push({ raw, start, end });
    }
  }
  found.sort((a, b) => a.start - b.start);
  return found.map(({ raw, start, end }) => {
    resolve(raw, article);
    return finish(raw, text, start, end);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Amounts

const SCALES: Record<string, number> = {
  thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, mn: 1e6, mln: 1e6, mil: 1e6, billion: 1e9, b: 1e9, bn: 1e9,
  bln: 1e9, trillion: 1e12, t: 1e12, tn: 1e12, tr: 1e12,
};

const CURRENCY_SYMBOLS: Record<string, string> = {
  $: 'USD', us$: 'USD', usd: 'USD', 'c$': 'CAD', cad: 'CAD', 'a$': 'AUD', aud: 'AUD', 'hk$': 'HKD', hkd: 'HKD',
  '€': 'EUR', eur: 'EUR', '£': 'GBP', gbp: 'GBP', '¥': 'JPY', jpy: 'JPY', '₹': 'INR', inr: 'INR', chf: 'CHF',
  cny: 'CNY', rmb: 'CNY', yuan: 'CNY',
};

const CURRENCY_WORDS: Record<string, string> = {
  dollar: 'USD', dollars: 'USD', euro: 'EUR', euros: 'EUR', pound: 'GBP', pounds: 'GBP', sterling: 'GBP',
  yen: 'JPY', yuan: 'CNY', rupees: 'INR', rupee: 'INR', francs: 'CHF', cents: 'USD', cent: 'USD',
};

/** Words after a number that are not things being counted. */
const NOT_UNITS = new Set([
  'and', 'or', 'of', 'to', 'in', 'on', 'at', 'for', 'by', 'with', 'from', 'the', 'a', 'an', 'is', 'was', 'are',
  'were', 'has', 'had', 'have', 'as', 'than', 'that', 'this', 'its', 'his', 'her', 'their', 'per', 'percent',
  'a.m', 'p.m', 'am', 'pm', 'times', 'plus', 'minus', 'out', 'this', 'these', 'those', 'years', 'year', 'also',
  'it', 'he', 'she', 'they', 'we', 'you', 'i', 'but', 'so', 'if', 'up', 'down', 'more', 'less', 'over', 'under',
]);

const IRREGULAR_PLURALS = new Set(['people', 'staff', 'personnel', 'children', 'men', 'women', 'police']);

// Digit runs are bounded: with `\d+`, a long run of digits ("0000…", "1,000,000,…") made every regex below
// backtrack through the rest of the run at each position, quadratic in its length (16,000 digits: 2 s).
const NUMBER = '(\\d{1,3}(?:,\\d{3}){1,8}(?:\\.\\d{1,20})?|\\d{1,24}(?:\\.\\d{1,20})?|\\.\\d{1,20})';
const SCALE = '(thousand|million|billion|trillion|bn|mn|mln|bln|tn|[kKmMbBtT])';
const WORD_NUMBER = '(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a few|several|dozens of|hundreds of|tens of)';
/** A bound before an amount, looked for behind each match rather than tried at every position of the text. */
const LEAD_BEFORE = /(?:^|[^A-Za-z])((?:up to|as much as|as many as|no more than|not more than|at most|a maximum of|maximum of|at least|a minimum of|more than|over|in excess of|upwards of|fewer than|less than|under|below|nearly|almost|about|around|roughly|approximately|some|close to|an estimated|estimated)\s+|~\s*)$/i;

const MONEY_PREFIX = new RegExp(
  `(US\\$|C\\$|A\\$|HK\\$|[$€£¥₹]|(?:USD|EUR|GBP|JPY|CHF|CAD|AUD|CNY|INR)\\s?)\\s?${NUMBER}(?:\\s?${SCALE}\\b|\\b)(?:\\s+(dollars|euros|pounds))?`,
  'gi',
);
const MONEY_SUFFIX = new RegExp(`${NUMBER}\\s?(?:${SCALE}\\s+)?(dollars?|euros?|pounds?(?! of)|yen|yuan|rupees?|francs|cents?)\\b`, 'gi');
const MONEY_WORDS = new RegExp(`\\b${WORD_NUMBER}\\s+(thousand|million|billion|trillion)\\s+(dollars|euros|pounds)\\b`, 'gi');
const PERCENT = new RegExp(`${NUMBER}\\s?(%|percent(?:age points?)?\\b|per cent\\b|pct\\b|percentage points?\\b|points?\\b(?=[^.]{0,40}\\b(?:percent|rate|poll)))`, 'gi');
// The counted words are captured in a lookahead so that a rejected unit does not swallow the next lead-in.
const SCALED_COUNT = new RegExp(`${NUMBER}\\s?${SCALE}\\b(?=(\\s+(?:[a-z][a-z'-]*\\s+){0,2}?(?:[a-z][a-z'-]*s|people|staff|personnel|children|men|women|police)\\b)?)`, 'g');
const COUNT = new RegExp(`${NUMBER}(?=(\\s+(?:[a-z][a-z'-]*\\s+)?[a-z][a-z'-]*\\b))`, 'g');

const LEAD_BOUNDS: Array<[RegExp, AmountBound]> = [
  [/^(?:up to|as much as|as many as|no more than|not more than|at most|a maximum of|maximum of|fewer than|less than|under|below)\b/i, 'max'],
  [/^(?:at least|a minimum of|more than|over|in excess of|upwards of)\b/i, 'min'],
  [/^(?:nearly|almost|about|around|roughly|approximately|some|close to|an estimated|estimated|~)/i, 'approx'],
];

function boundOf(lead: string | undefined): AmountBound {
  if (!lead) return 'exact';
  const trimmed = lead.trim();
  for (const [pattern, bound] of LEAD_BOUNDS) if (pattern.test(trimmed)) return bound;
  return 'exact';
}

function parseNumber(digits: string): { value: number; decimals: number } {
  const clean = digits.replace(/,/g, '');
  const dot = clean.indexOf('.');
  return { value: Number(clean), decimals: dot < 0 ? 0 : clean.length - dot - 1 };
}

function scaleOf(word: string | undefined): number {
  if (!word) return 1;
  return SCALES[word.toLowerCase()] ?? 1;
}

function roundValue(value: number): number {
  return Number(value.toPrecision(12));
}

/** A count's unit: the words up to the last plural noun before anything that is not part of a noun phrase. */
function unitWord(words: string | undefined): string | undefined {
  if (!words) return undefined;
  const parts = words.trim().split(/\s+/);
  let end = 0;
  for (let i = 0; i < parts.length; i++) {
    if (NOT_UNITS.has(parts[i])) break;
    if (isPlural(parts[i])) end = i + 1;
  }
  return end > 0 ? parts.slice(0, end).join(' ') : undefined;
}

function isPlural(word: string): boolean {
  return IRREGULAR_PLURALS.has(word) || (/[a-z]s$/.test(word) && !/(?:ss|us|is)$/.test(word));
}

/**
 * Finds money, percentages and counts. Years, dates, times, ordinals and version numbers are not amounts.
 * A lead such as "up to" or "at least" becomes the bound and is part of the span.
 */
export function extractAmounts(text: string): AmountValue[] {
  return extractAmountsBesides(text, extractDates(text));
}

/** extractAmounts for callers that already have the text's dates, whose digits are not amounts. */
export function extractAmountsBesides(text: string, dates: readonly DateValue[]): AmountValue[] {
  const taken = ignoredSpans(text);
  for (const date of dates) taken.push([date.start, date.end]);
  const found: AmountValue[] = [];
  /** `extend` reaches past the match into the looked-ahead unit. */
  const add = (m: RegExpExecArray, value: Omit<AmountValue, 'start' | 'end' | 'text' | 'bound'>, forced?: AmountBound, extend = 0) => {
    let start = m.index;
    const end = m.index + m[0].length + extend;
    if (overlaps(taken, start, end)) return;
    // A digit or letter glued to the match ("2024-2025", "v3.5", "A380") is not an amount.
    if (/[A-Za-z0-9_\-/.]/.test(text[start - 1] ?? '')) return;
    const lead = LEAD_BEFORE.exec(text.slice(Math.max(0, start - 24), start));
    if (lead && !overlaps(taken, start - lead[1].length, start)) start -= lead[1].length;
    taken.push([start, end]);
    found.push({ start, end, text: text.slice(start, end), bound: forced ?? boundOf(lead?.[1]), ...value });
  };

  const hasDigit = /\d/.test(text);
  if (hasDigit) for (const m of text.matchAll(MONEY_PREFIX)) {
    const [, symbol, digits, scale, word] = m;
    const { value, decimals } = parseNumber(digits);
    const currency = CURRENCY_SYMBOLS[symbol.trim().toLowerCase()] ?? (word ? CURRENCY_WORDS[word.toLowerCase()] : undefined);
    // "$5 M" style scale letters must touch the number or be upper-case, so "$5 a month" is not five million.
    if (scale && scale.length === 1 && /\s/.test(m[0].slice(m[0].length - 2, m[0].length - 1)) && scale === scale.toLowerCase()) continue;
    add(m as RegExpExecArray, { kind: 'money', value: roundValue(value * scaleOf(scale)), currency, decimals });
  }
  const currencyWord = /dollar|euro|pound|yen|yuan|rupee|franc|cent/i.test(text);
  if (hasDigit && currencyWord) for (const m of text.matchAll(MONEY_SUFFIX)) {
    const [, digits, scale, word] = m;
    const { value, decimals } = parseNumber(digits);
    const cents = /^cents?$/i.test(word);
    const base = value * scaleOf(scale) * (cents ? 0.01 : 1);
    add(m as RegExpExecArray, { kind: 'money', value: roundValue(base), currency: CURRENCY_WORDS[word.toLowerCase()], decimals });
  }
  if (currencyWord) for (const m of text.matchAll(MONEY_WORDS)) {
    const [, count, scale, word] = m;
    const multiplier = NUMBER_WORDS[count.toLowerCase()] ?? (/hundreds/i.test(count) ? 100 : /dozens/i.test(count) ? 12 : /tens/i.test(count) ? 10 : 1);
    const bound: AmountBound | undefined = /several|few|dozens|hundreds|tens/i.test(count) ? 'min' : undefined;
    add(m as RegExpExecArray, { kind: 'money', value: multiplier * scaleOf(scale), currency: CURRENCY_WORDS[word.toLowerCase()], decimals: 0 }, bound);
  }
  if (hasDigit && /%|per|point|pct/i.test(text)) for (const m of text.matchAll(PERCENT)) {
    const [, digits, unit] = m;
    const { value, decimals } = parseNumber(digits);
    const points = /point/i.test(unit);
    add(m as RegExpExecArray, { kind: 'percent', value, unit: points ? 'percentage points' : '%', decimals });
  }
  if (hasDigit) for (const m of text.matchAll(SCALED_COUNT)) {
    const [, digits, scale, words] = m;
    if (scale.length === 1 && /\s/.test(text[m.index + m[0].lastIndexOf(scale) - 1] ?? '')) continue;
    const { value, decimals } = parseNumber(digits);
    const unit = unitWord(words);
    const extra = unit ? words.indexOf(unit) + unit.length : 0;
    add(m as RegExpExecArray, { kind: 'count', value: roundValue(value * scaleOf(scale)), unit, decimals }, undefined, extra);
  }
  if (hasDigit) for (const m of text.matchAll(COUNT)) {
    const [, digits, words] = m;
    const unit = unitWord(words);
    if (!unit) continue;
    // unitWord only returns a phrase ending in a plural noun ("2,000 employees"), not "Claude 3 family".
    const last = unit.split(' ').pop() ?? '';
    const { value, decimals } = parseNumber(digits);
    if (/^(?:1[89]|20)\d{2}$/.test(digits)) {
      // Four digits that look like a year count only with a clear counted noun.
      if (!/^(?:people|employees|workers|jobs|troops|soldiers|students|users|customers|units|homes|cases|deaths)$/.test(last)) continue;
    }
    add(m as RegExpExecArray, { kind: 'count', value, unit, decimals }, undefined, words.indexOf(unit) + unit.length);
  }
  found.sort((a, b) => a.start - b.start);
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// Compatibility: can two values both be true?

function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86400000;
}

/** Whether two dates can denote the same time at their precisions ("Thursday" and "Nov. 7" can). */
export function datesCompatible(a: DateValue, b: DateValue): boolean {
  if (a.from && a.to && b.from && b.to) return a.from <= b.to && b.from <= a.to;
  if (a.year !== undefined && b.year !== undefined && a.precision !== 'week' && b.precision !== 'week' && a.year !== b.year) return false;
  if (a.month !== undefined && b.month !== undefined && a.precision !== 'week' && b.precision !== 'week' && a.month !== b.month) return false;
  if (a.precision === 'day' && b.precision === 'day') {
    if (a.day !== undefined && b.day !== undefined && a.day !== b.day) return false;
    if (a.weekday !== undefined && b.weekday !== undefined && a.weekday !== b.weekday) return false;
    // A weekday and a full date: the date's weekday decides.
    const dated = a.year !== undefined && a.day !== undefined ? a : b.year !== undefined && b.day !== undefined ? b : undefined;
    const other = dated === a ? b : a;
    if (dated && other.weekday !== undefined && other.day === undefined) {
      return new Date(dayNumber(dated.year!, dated.month!, dated.day!) * 86400000).getUTCDay() === other.weekday;
    }
  }
  return true;
}

/** The interval of numbers an amount can mean, given its bound and how precisely it was written. */
function amountInterval(a: AmountValue): [number, number] {
  const magnitude = a.value === 0 ? 0 : Math.abs(a.value);
  // Written decimals show rounding: "$1.3 billion" covers 1.25..1.35 billion.
  const mantissaStep = a.decimals > 0 ? Math.pow(10, -a.decimals) * (a.value / Number(mantissaOf(a))) : 0;
  let low = a.value - mantissaStep / 2;
  let high = a.value + mantissaStep / 2;
  const slack = magnitude * 0.005;
  low -= slack;
  high += slack;
  switch (a.bound) {
    case 'max':
      return [-Infinity, high];
    case 'min':
      return [low, Infinity];
    case 'approx':
      return [a.value - magnitude * 0.15, a.value + magnitude * 0.15];
    default:
      return [low, high];
  }
}

function mantissaOf(a: AmountValue): number {
  const m = /(\d[\d,]*(?:\.\d+)?|\.\d+)/.exec(a.text);
  const n = m ? Number(m[1].replace(/,/g, '')) : a.value;
  return n === 0 ? 1 : n;
}

/** Whether two amounts of the same kind and currency can both be true. Different units are never compared. */
export function amountsComparable(a: AmountValue, b: AmountValue): boolean {
  // A bare "4bn" is usually money whose currency the reader infers.
  if (a.kind !== b.kind) return isBareScaled(a) ? b.kind === 'money' : isBareScaled(b) ? a.kind === 'money' : false;
  if (a.kind === 'money') return (a.currency ?? 'USD') === (b.currency ?? 'USD');
  if (a.kind === 'percent') return a.unit === b.unit;
  return unitKey(a.unit) === unitKey(b.unit);
}

function isBareScaled(a: AmountValue): boolean {
  return a.kind === 'count' && a.unit === undefined && a.value >= 1e6;
}

function unitKey(unit: string | undefined): string {
  const last = (unit ?? '').split(' ').pop() ?? '';
  return last.replace(/(?:es|s)$/, '');
}

export function amountsCompatible(a: AmountValue, b: AmountValue): boolean {
  if (!amountsComparable(a, b)) return true;
  const [aLow, aHigh] = amountInterval(a);
  const [bLow, bHigh] = amountInterval(b);
  return aLow <= bHigh && bLow <= aHigh;
}

// ---------------------------------------------------------------------------------------------------------
// The article's own date

/**
 * The article's publication date (YYYY-MM-DD) from YAML front matter (`date:`) or a dateline near the top
 * ("Nov. 7, 2024", "Published: 2024-11-07"), or undefined.
 */
export function articleDateFrom(text: string): string | undefined {
  const front = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\s*(?:\r?\n|$)/.exec(text);
  if (front) {
    const field = /^(?:date|published|publishDate|pubDate|created):\s*["']?([^"'\r\n]+)/im.exec(front[1]);
    if (field) {
      const date = fullDate(field[1]);
      if (date) return date;
    }
  }
  const head = text.slice(front ? front[0].length : 0).split(/\r?\n/).slice(0, 12);
  const labelled = head.find((line) => /^\W*(?:published|posted|updated|date|dateline)\b/i.test(line));
  if (labelled) {
    const date = fullDate(labelled);
    if (date) return date;
  }
  for (const line of head.slice(0, 8)) {
    const date = fullDate(line);
    if (date) return date;
  }
  return undefined;
}

/** The first date with day precision and an explicit year in `text`. */
function fullDate(text: string): string | undefined {
  for (const date of extractDates(text)) {
    if (date.kind === 'absolute' && date.precision === 'day' && date.year !== undefined && date.value) return date.value;
  }
  return undefined;
}
