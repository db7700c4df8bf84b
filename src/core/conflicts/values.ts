// Dates and amounts in claims, normalised so that values from different articles can be compared: "Nov. 7"
// and "Thursday" become the same day once the article's date is known, "4bn" and "$4 billion" the same number.
// Offsets are UTF-16 indices into the text passed in.

import { isAgeOfThing } from './ageOfThing';

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
  /**
   * The year (or month) something began, by the words of its clause: "since 1987", "founded in 1990", "first
   * introduced in the 2009 Christmas special". News copy gives "since X" as the start itself, so two start
   * dates of one thing are compared as dates: "a staple since 1987" and "founded in 1990" cannot both be true.
   */
  begins?: boolean;
}

/**
 * money, percent and count as before; age ("Jeffs, 55", "a 36-year-old"), magnitude (of an earthquake) and
 * length (in metres, from metres, kilometres, feet or miles) are compared only with their own kind.
 */
export type AmountKind = 'money' | 'percent' | 'count' | 'age' | 'magnitude' | 'length' | 'record';
export type AmountBound = 'exact' | 'max' | 'min' | 'approx' | 'range';

export interface AmountValue {
  start: number;
  end: number;
  text: string;
  kind: AmountKind;
  /** The number in base units: "$1.25 billion" is 1250000000, "40%" is 40. */
  value: number;
  /** For a win-loss record ("52-3", "45-7-2"), the wins, losses and draws; `value` is the wins. */
  record?: [number, number, number];
  /** ISO 4217 code for money. */
  currency?: string;
  /** "%" or "percentage points" for percentages; the counted noun for counts ("employees"). */
  unit?: string;
  /** "up to" gives max; "at least", "more than" give min; "about", "nearly" give approx; "between 40 and 50" a range. */
  bound: AmountBound;
  /** For a range ("between 40 and 50 people", "$24 to $26"), its upper end; `value` is the lower end. */
  upper?: number;
  /** Digits after the decimal point as written, which says how precisely the number was given. */
  decimals: number;
  /**
   * Trailing zeros of a whole number as written ("600" has 2, "612" none): a round figure is read as rounded
   * to that many places, so "600 were killed" agrees with "612 people".
   */
  roundedTo?: number;
  /**
   * What the number measures when its own words say so: "deaths" ("40 dead", "killing 10 people"),
   * "injuries" ("55 wounded"). Otherwise the caller reads the words around it.
   */
  measure?: string;
  /** The "to" figure of a change or revision ("from 157,000 to 133,000"): the text of the figure it replaces. */
  replaces?: string;
  /** An amount in brackets right after another, restating it ("$US1 million ($1.52 million)", "60 metres (200 feet)"). */
  conversion?: boolean;
  /**
   * A figure the text itself replaces or puts in the past: the X of "from X to Y" ("revised down … from
   * 157,000 to 133,000", "rose from 3.1% to 3.4%"), or "originally rated 4.4". Not compared: the later figure
   * is what the text claims.
   */
  superseded?: boolean;
  /**
   * What someone expected rather than what happened: "below market expectations of 190,000 new jobs", "the
   * 175,000 forecast by economists", "analysts had expected $2.1bn". Not compared: a forecast that missed is not
   * a report that disagrees (the BBC jobs articles of issue 14: 190,000 expected vs 157,000 added).
   */
  expected?: boolean;
}

export interface DateOptions {
  /** The article's date (YYYY-MM-DD), to resolve "Thursday", "yesterday" and dates without a year. */
  articleDate?: string;
}

const MONTH_NAMES: Record<string, number> = {
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const WEEKDAYS: Record<string, number> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};

// Capitalised only, so the modal "may" and "march" the verb are not months.
const MONTH =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?|JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)';
const MONTH_NO_MAY = MONTH.replace('May|', '');
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '((?:1[89]|20)\\d{2})';
const WEEKDAY = '(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';

export interface Pattern {
  /** A cheap test that the text could hold a match at all, so most claims skip most patterns. */
  needs: RegExp;
  regex: RegExp;
  make: (m: RegExpExecArray) => Partial<DateValue> | undefined;
}

function monthNumber(name: string): number {
  return MONTH_NAMES[name.toLowerCase().replace(/\.$/, '')] ?? 0;
}

function validDay(year: number | undefined, month: number, day: number): boolean {
  if (day < 1 || day > 31 || month < 1 || month > 12) return false;
  return day <= daysInMonth(year ?? 2024, month);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  // The Gregorian rule for four-digit years and whole months (every date this module reads); Date, which maps
  // years 0-99 to 1900-1999, for anything else.
  if (Number.isInteger(year) && year >= 1000 && year <= 9999 && Number.isInteger(month) && month >= 1 && month <= 12) {
    if (month !== 2) return MONTH_DAYS[month - 1]!;
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  }
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const NEEDS_DIGITS = /\d\d\d\d/;
const NEEDS_SLASH = /\d\/\d/;
const NEEDS_MONTHS = /Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEP|OCT|NOV|DEC/;
/** A day before a month ("27 March", "7th of Nov"): pattern "27 March 2024" needs one. */
const NEEDS_DAY_BEFORE_MONTH = /\d(?:st|nd|rd|th)?\s+(?:of\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEP|OCT|NOV|DEC)/;
/**
 * A month after a space whose word is not followed by a number ("in March," but not "March 7" or "March
 * 2019"): pattern "in March" needs one. The lookahead takes the word's letters at once (no backtracking into
 * them), and the space before keeps it to word starts, so a long run of letters is read once.
 */
const NEEDS_BARE_MONTH = /\s(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(?=([A-Za-z]*))\1(?!\s+\d)/;
const NEEDS_WEEKDAYS = /day\b/;
const NEEDS_TODAY = /day\b|orrow|night/i;
const NEEDS_PERIODS = /week|month|year/i;
const NEEDS_AGO = /\bago\b/i;
const NEEDS_LATER = /later|earlier|after|before|next|following|previous/i;

/** Exported for the unit test that checks, on every sentence in the repository, that no `needs` skips a match. */
export const DATE_PATTERNS: readonly Pattern[] = [
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
    regex: new RegExp(
      `(?:\\b${WEEKDAY}(?:,\\s*|\\s*\\(\\s*|\\s+))?\\b(${MONTH})\\s+${DAY}\\b(?!,\\d|\\.\\d|\\d)(?:(?:,\\s*|\\s+)${YEAR}\\b(?![,.]\\d))?(\\s*\\))?`,
      'g',
    ),
    make: (m) => {
      const month = monthNumber(m[2]!);
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
    needs: NEEDS_DAY_BEFORE_MONTH,
    regex: new RegExp(`(?:\\b${WEEKDAY},?\\s+)?\\b${DAY}(?:\\s+of)?\\s+(${MONTH})(?:,?\\s+${YEAR}\\b(?![,.]\\d))?`, 'g'),
    make: (m) => {
      const day = Number(m[2]);
      const month = monthNumber(m[3]!);
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
    make: (m) => ({ kind: 'absolute', precision: 'month', year: Number(m[2]!), month: monthNumber(m[1]!) }),
  },
  // in March / since September / early May (a bare month needs a lead-in word to be a date). The lookahead
  // for a month's capital comes first so that the lookbehind, whose `\s+` would otherwise walk back through a
  // whole run of spaces at every position in it (quadratic), runs only where a month can start.
  {
    needs: NEEDS_BARE_MONTH,
    regex: new RegExp(
      `(?=[JFMASOND])(?<=\\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill|[Ff]rom|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id-?|[Tt]hrough|[Bb]efore|[Aa]fter|[Ll]ast|[Tt]his|[Nn]ext|[Oo]f|[Bb]etween|[Ee]nd of|[Ss]tart of|[Bb]eginning of)\\s+)(?:(${MONTH_NO_MAY})|(May))\\b(?!\\s+\\d)`,
      'g',
    ),
    make: (m) => ({ kind: 'absolute', precision: 'month', month: monthNumber(m[1]! ?? m[2]!) }),
  },
  // in 2023 / since 2019 / 2023's (a year, but not "2,000 employees" or "$2023")
  {
    needs: NEEDS_DIGITS,
    regex:
      /(?<![$€£¥#\d.,/-]|\bNo\.\s?)\b((?:1[89]|20)\d{2})\b(?![,.]\d|\s?%|-\d|\/\d|\s+(?:percent|per cent|million|billion|trillion|thousand|[a-z]+s\b(?<!\b(?:was|has|is|as|its|this|his|us|has|does|years|levels|terms|plans|rates|figures|results|elections|numbers))))/g,
    make: (m) => ({ kind: 'absolute', precision: 'year', year: Number(m[1]) }),
  },
  // Thursday / on Thursday (its date comes from the article's date)
  {
    needs: NEEDS_WEEKDAYS,
    regex: new RegExp(`\\b${WEEKDAY}\\b(?!s)`, 'g'),
    make: (m) => ({ kind: 'relative', precision: 'day', weekday: WEEKDAYS[m[1]!.toLowerCase()] }),
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
  // two days later / a week earlier / three months after / the next day / the day before: counted from the date
  // the text gave just before ("struck on March 3 … two days later"), not from the article's date.
  {
    needs: NEEDS_LATER,
    // "before" and "after" only at a clause's end: "two days before the election" counts from the election.
    regex:
      /\b(?:(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,3}) (day|week|month|year)s? (later|earlier|afterwards|(?:after|before)(?=\s*(?:[,.;:)]|$)))|the (next|following|previous) (day|week|month|year)|the (day) (before|after)(?=\s*(?:[,.;:)]|$)))/gi,
    make: (m) => {
      const unit = (m[2] ?? m[5] ?? m[6])!.toLowerCase();
      const count = m[1] ? (NUMBER_WORDS[m[1].toLowerCase()] ?? Number(m[1])) : 1;
      const direction = /^(?:earlier|before|previous)$/i.test(m[3] ?? m[4] ?? m[7] ?? '') ? -1 : 1;
      return {
        kind: 'relative',
        precision: unit === 'week' ? 'day' : (unit as DatePrecision),
        shift: direction * count * (unit === 'week' ? 7 : 1),
        fromPrevious: true,
      } as Partial<DateValue>;
    },
  },
  // two days ago / 3 weeks ago / a year ago
  {
    needs: NEEDS_AGO,
    regex: /\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,3}) (day|week|month|year)s? ago\b/gi,
    make: (m) => {
      const count = NUMBER_WORDS[m[1]!.toLowerCase()] ?? Number(m[1]!);
      return { kind: 'relative', precision: m[2]!.toLowerCase() as DatePrecision, shift: -count, ago: true } as Partial<DateValue>;
    },
  },
];

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  dozen: 12,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  hundred: 100,
};

interface RawDate extends Partial<DateValue> {
  offsetDays?: number;
  shift?: number;
  ago?: boolean;
  /** Counted from the date given before it in the text ("two days later"), not from the article's date. */
  fromPrevious?: boolean;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function isoDay(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** Parsed article dates (never modified): a workspace has far fewer dates than claims. */
const isoDays = new Map<string, Date | undefined>();

function parseIsoDay(value: string): Date | undefined {
  if (isoDays.has(value)) return isoDays.get(value);
  const date = parseIsoDayOnce(value);
  if (isoDays.size > 10_000) isoDays.clear();
  isoDays.set(value, date);
  return date;
}

function parseIsoDayOnce(value: string): Date | undefined {
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

/**
 * Ranges already taken by a longer match; later patterns only fill the gaps. Kept sorted so that a look-up is a
 * binary search: with a plain list, text holding thousands of matches ("Monday Monday …", 300 KB) took
 * seconds, every new match being checked against every earlier one. Matches of the pattern being run go to
 * `pending` (they come in text order) and are merged in by `flush()` when the pattern is done.
 */
class TakenSpans {
  private starts: number[] = [];
  private ends: number[] = [];
  private pendingStarts: number[] = [];
  private pendingEnds: number[] = [];

  constructor(spans: ReadonlyArray<readonly [number, number]> = []) {
    for (const [s, e] of [...spans].sort((a, b) => a[0] - b[0])) this.pushSorted(s, e);
  }

  private pushSorted(start: number, end: number): void {
    this.starts.push(start);
    this.ends.push(end);
  }

  overlaps(start: number, end: number): boolean {
    // The last sorted span starting before `end` is the only one that can reach into [start, end), apart from
    // spans that start inside it, which the same search finds.
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.starts[mid]! < end) low = mid + 1;
      else high = mid;
    }
    // Spans are non-overlapping and sorted, so their ends are sorted too: the one just before `end` decides.
    if (low > 0 && this.ends[low - 1]! > start) return true;
    for (let i = this.pendingStarts.length - 1; i >= 0 && i >= this.pendingStarts.length - 3; i--) {
      if (start < this.pendingEnds[i]! && end > this.pendingStarts[i]!) return true;
    }
    return false;
  }

  add(start: number, end: number): void {
    this.pendingStarts.push(start);
    this.pendingEnds.push(end);
  }

  /**
   * flush() for pending spans already in order (nearly always): merged from the back into the sorted lists
   * themselves, with no new arrays; equal starts keep the same order as flush() gives them (sorted spans
   * first). False, doing nothing, when the pending spans are out of order.
   */
  private mergeOrderedPending(): boolean {
    const pending = this.pendingStarts.length;
    for (let k = 1; k < pending; k++) if (this.pendingStarts[k]! < this.pendingStarts[k - 1]!) return false;
    let i = this.starts.length - 1;
    let k = pending - 1;
    let w = this.starts.length + pending - 1;
    // Room at the end, pushed (not a longer length, which would make the arrays holey).
    for (let extra = 0; extra < pending; extra++) {
      this.starts.push(0);
      this.ends.push(0);
    }
    while (k >= 0) {
      if (i >= 0 && this.starts[i]! > this.pendingStarts[k]!) {
        this.starts[w] = this.starts[i]!;
        this.ends[w--] = this.ends[i--]!;
      } else {
        this.starts[w] = this.pendingStarts[k]!;
        this.ends[w--] = this.pendingEnds[k--]!;
      }
    }
    this.pendingStarts.length = 0;
    this.pendingEnds.length = 0;
    return true;
  }

  /** Merges the pending spans (in text order) into the sorted ones, in linear time. */
  flush(): void {
    if (this.pendingStarts.length === 0) return;
    if (this.mergeOrderedPending()) return;
    const order = this.pendingStarts.map((_, i) => i);
    // Pending spans are almost always in order already; sorting an ordered list is linear.
    order.sort((a, b) => this.pendingStarts[a]! - this.pendingStarts[b]!);
    const starts: number[] = [];
    const ends: number[] = [];
    let i = 0;
    let k = 0;
    while (i < this.starts.length || k < order.length) {
      if (k >= order.length || (i < this.starts.length && this.starts[i]! <= this.pendingStarts[order[k]!]!)) {
        starts.push(this.starts[i]!);
        ends.push(this.ends[i++]!);
      } else {
        starts.push(this.pendingStarts[order[k]!]!);
        ends.push(this.pendingEnds[order[k++]!]!);
      }
    }
    this.starts = starts;
    this.ends = ends;
    this.pendingStarts = [];
    this.pendingEnds = [];
  }
}

/** Spans to leave alone: URLs and inline code, whose digits are not values. */
function ignoredSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!/`|\]\(|http|www\./.test(text)) return spans;
  // A link target stops at the next "]" or "(" too: otherwise a run of "](](](…" without a ")" made each
  // "](" scan to the end of the text (100 KB: 16 s).
  for (const m of text.matchAll(/https?:\/\/[^\s)>\]]+|www\.[^\s)>\]]+|`[^`\n]+`|\]\([^()[\]\s]*\)/g)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

/** Finds dates, absolute and relative, resolving the relative ones when the article's date is given. */
export function extractDates(text: string, options: DateOptions = {}): DateValue[] {
  const article = options.articleDate ? parseIsoDay(options.articleDate) : undefined;
  const taken = new TakenSpans(ignoredSpans(text));
  const found: Array<{ raw: RawDate; start: number; end: number }> = [];
  for (const pattern of DATE_PATTERNS) {
    if (!pattern.needs.test(text)) continue;
    pattern.regex.lastIndex = 0;
    for (let m = pattern.regex.exec(text); m; m = pattern.regex.exec(text)) {
      const raw = pattern.make(m) as RawDate | undefined;
      if (!raw) continue;
      const start = m.index;
      // (raw.end is read here only: it is left on the object, as deleting it made every raw date a slow
      // dictionary-mode object.)
      const end = m.index + m[0].length + (raw.end !== undefined && raw.end < 0 ? raw.end : 0);
      if (taken.overlaps(start, end)) continue;
      taken.add(start, end);
      found.push({ raw, start, end });
    }
    taken.flush();
  }
  found.sort((a, b) => a.start - b.start);
  const dates: DateValue[] = [];
  for (const { raw, start, end } of found) {
    if (raw.fromPrevious) resolveFromPrevious(raw, dates[dates.length - 1]);
    else resolve(raw, article);
    const date = finish(raw, text, start, end);
    if (date.kind === 'absolute' && (date.precision === 'year' || date.precision === 'month') && beginsAt(text, start, end)) date.begins = true;
    dates.push(date);
  }
  return dates;
}

/** "since 1987", "since March 2010" (not "since 1987's season" or "ever since the 1987 crash": the year itself). */
const SINCE_BEFORE = /\b(?:[Ss]ince|[Ss]tarted in|[Bb]egan in|[Ff]ounded in|[Ee]stablished in|[Oo]pened in|[Ll]aunched in|[Ii]ntroduced in)\s+(?:the\s+)?$/;
/** A verb of beginning in the year's clause: "In 1990 she founded …", "… founded the clinic in Alabama in 1990". */
const BEGIN_VERB =
  /\b(?:found(?:ed|ing)|co-founded|establish(?:ed|ing)|created|open(?:ed|ing)(?! fire)|introduc(?:ed|ing)|launch(?:ed|ing)|debut(?:ed|ing)?|began|begun|incorporated|first (?:appeared|introduced|aired|opened|launched|played|elected|published|released|started))\b/;

function beginsAt(text: string, start: number, end: number): boolean {
  if (SINCE_BEFORE.test(text.slice(Math.max(0, start - 24), start))) return true;
  return BEGIN_VERB.test(clauseAround(text, start, end).toLowerCase());
}

/** The clause around a value: back to the last comma, semicolon, colon, bracket or sentence end, and on to the next. */
export function clauseAround(text: string, start: number, end: number): string {
  const before = text.slice(Math.max(0, start - 120), start);
  const after = text.slice(end, end + 120);
  const from = Math.max(
    before.lastIndexOf(','),
    before.lastIndexOf(';'),
    before.lastIndexOf(':'),
    before.lastIndexOf('('),
    before.search(/[.!?]\s+[A-Z][^.!?]*$/),
  );
  const to = after.search(/[,;:()]|[.!?](?:\s|$)/);
  return `${before.slice(from + 1)}${text.slice(start, end)}${to < 0 ? after : after.slice(0, to)}`;
}

/** "two days later": the date before it in the text, shifted; unresolved when there is none or it has no day. */
function resolveFromPrevious(raw: RawDate, previous: DateValue | undefined): void {
  if (!previous?.resolved || previous.year === undefined || previous.month === undefined) return;
  const shift = raw.shift ?? 0;
  if (raw.precision === 'day') {
    if (previous.day === undefined || previous.precision !== 'day') return;
    setDay(raw, addDays(new Date(Date.UTC(previous.year, previous.month - 1, previous.day)), shift));
  } else if (raw.precision === 'month') {
    const date = new Date(Date.UTC(previous.year, previous.month - 1 + shift, 1));
    raw.year = date.getUTCFullYear();
    raw.month = date.getUTCMonth() + 1;
  } else {
    raw.year = previous.year + shift;
  }
  raw.resolved = true;
}

// ---------------------------------------------------------------------------------------------------------
// Amounts

/** A match's groups as the pattern guarantees them: the whole match, then each group, optional ones undefined. */
type MatchGroups<G extends Array<string | undefined>> = [string, ...G];

const SCALES: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  m: 1e6,
  mn: 1e6,
  mln: 1e6,
  mil: 1e6,
  billion: 1e9,
  b: 1e9,
  bn: 1e9,
  bln: 1e9,
  trillion: 1e12,
  t: 1e12,
  tn: 1e12,
  tr: 1e12,
};

const CURRENCY_SYMBOLS: Record<string, string> = {
  $: 'USD',
  us$: 'USD',
  $us: 'USD',
  usd: 'USD',
  c$: 'CAD',
  cad: 'CAD',
  a$: 'AUD',
  aud: 'AUD',
  hk$: 'HKD',
  hkd: 'HKD',
  '€': 'EUR',
  eur: 'EUR',
  '£': 'GBP',
  gbp: 'GBP',
  '¥': 'JPY',
  jpy: 'JPY',
  '₹': 'INR',
  inr: 'INR',
  chf: 'CHF',
  cny: 'CNY',
  rmb: 'CNY',
  yuan: 'CNY',
};

const CURRENCY_WORDS: Record<string, string> = {
  dollar: 'USD',
  dollars: 'USD',
  euro: 'EUR',
  euros: 'EUR',
  pound: 'GBP',
  pounds: 'GBP',
  sterling: 'GBP',
  yen: 'JPY',
  yuan: 'CNY',
  rupees: 'INR',
  rupee: 'INR',
  francs: 'CHF',
  cents: 'USD',
  cent: 'USD',
};

/** Words after a number that are not things being counted. */
const NOT_UNITS = new Set([
  'and',
  'or',
  'of',
  'to',
  'in',
  'on',
  'at',
  'for',
  'by',
  'with',
  'from',
  'the',
  'a',
  'an',
  'is',
  'was',
  'are',
  'were',
  'has',
  'had',
  'have',
  'as',
  'than',
  'that',
  'this',
  'its',
  'his',
  'her',
  'their',
  'per',
  'percent',
  'a.m',
  'p.m',
  'am',
  'pm',
  'times',
  'plus',
  'minus',
  'out',
  'this',
  'these',
  'those',
  'years',
  'year',
  'also',
  'it',
  'he',
  'she',
  'they',
  'we',
  'you',
  'i',
  'but',
  'so',
  'if',
  'up',
  'down',
  'more',
  'less',
  'over',
  'under',
]);

const IRREGULAR_PLURALS = new Set(['people', 'staff', 'personnel', 'children', 'men', 'women', 'police']);

// Digit runs are bounded: with `\d+`, a long run of digits ("0000…", "1,000,000,…") made every regex below
// backtrack through the rest of the run at each position, quadratic in its length (16,000 digits: 2 s).
// "20, 000" (a comma and a space) is how tokenised news copy, such as the ECB+ corpus, writes thousands.
const NUMBER = '(\\d{1,3}(?:,\\d{3}){1,8}(?:\\.\\d{1,20})?|\\d{1,3}(?:, \\d{3}){1,4}(?!\\d|\\.\\d)|\\d{1,24}(?:\\.\\d{1,20})?|\\.\\d{1,20})';
const SCALE = '(thousand|million|billion|trillion|bn|mn|mln|bln|tn|[kKmMbBtT])';
const WORD_NUMBER =
  '(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a few|several|dozens of|hundreds of|tens of)';
/** A bound before an amount, looked for behind each match rather than tried at every position of the text. */
const LEAD_BEFORE =
  /(?:^|[^A-Za-z])((?:up to|as much as|as many as|as high as|no more than|not more than|at most|a maximum of|maximum of|at least|a minimum of|more than|over|above|in excess of|upwards of|fewer than|less than|under|below|nearly|almost|about|around|roughly|approximately|some|close to|an estimated|estimated)\s+|~\s*)$/i;

const MONEY_PREFIX = new RegExp(
  `(US\\$|\\$US|C\\$|A\\$|HK\\$|[$€£¥₹]|(?:USD|EUR|GBP|JPY|CHF|CAD|AUD|CNY|INR)\\s?)\\s?${NUMBER}(?:[\\s-]?${SCALE}\\b|\\b)(?:\\s+(dollars|euros|pounds))?`,
  'gi',
);
const MONEY_SUFFIX = new RegExp(`${NUMBER}\\s?(?:${SCALE}\\s+)?(dollars?|euros?|pounds?(?! of)|yen|yuan|rupees?|francs|cents?)\\b`, 'gi');
// "45p a share": pence, in pounds.
const PENCE = /\b(\d{1,4}(?:\.\d{1,2})?)p\b(?!\.?\s?m\b|\.\w)/g;
const MONEY_WORDS = new RegExp(`\\b${WORD_NUMBER}\\s+(thousand|million|billion|trillion)\\s+(dollars|euros|pounds)\\b`, 'gi');
const PERCENT = new RegExp(
  `${NUMBER}\\s?(%|percent(?:age points?)?\\b|per cent\\b|pct\\b|percentage points?\\b|points?\\b(?=[^.]{0,40}\\b(?:percent|rate|poll)))`,
  'gi',
);
// The counted words are captured in a lookahead so that a rejected unit does not swallow the next lead-in.
const SCALED_COUNT = new RegExp(
  `${NUMBER}\\s?${SCALE}\\b(?=(\\s+(?:[a-z][a-z'-]*\\s+){0,2}?(?:[a-z][a-z'-]*s|people|staff|personnel|children|men|women|police)\\b)?)`,
  'g',
);
const COUNT = new RegExp(`${NUMBER}(?=(\\s+(?:[a-z][a-z'-]*\\s+){0,2}[a-z][a-z'-]*\\b))`, 'g');

const LEAD_BOUNDS: Array<[RegExp, AmountBound]> = [
  [/^(?:up to|as much as|as many as|as high as|no more than|not more than|at most|a maximum of|maximum of|fewer than|less than|under|below)\b/i, 'max'],
  [/^(?:at least|a minimum of|more than|over|above|in excess of|upwards of)\b/i, 'min'],
  [/^(?:nearly|almost|about|around|roughly|approximately|some|close to|an estimated|estimated|~)/i, 'approx'],
];

function boundOf(lead: string | undefined): AmountBound {
  if (!lead) return 'exact';
  const trimmed = lead.trim();
  for (const [pattern, bound] of LEAD_BOUNDS) if (pattern.test(trimmed)) return bound;
  return 'exact';
}

function parseNumber(digits: string): { value: number; decimals: number } {
  const clean = digits.replace(/,\s?|(?<=\.)\s/g, '');
  const dot = clean.indexOf('.');
  return { value: Number(clean), decimals: dot < 0 ? 0 : clean.length - dot - 1 };
}

function scaleOf(word: string | undefined): number {
  if (!word) return 1;
  return SCALES[word.toLowerCase()] ?? 1;
}

function roundValue(value: number): number {
  return Number.isInteger(value) ? value : Number(value.toPrecision(12));
}

/** A count's unit: the words up to the last plural noun before anything that is not part of a noun phrase. */
function unitWord(words: string | undefined): string | undefined {
  if (!words) return undefined;
  const parts = words.trim().split(/\s+/);
  let end = 0;
  for (let i = 0; i < parts.length; i++) {
    if (NOT_UNITS.has(parts[i]!)) break;
    if (isPlural(parts[i]!)) end = i + 1;
    else if (/^[a-z]+s-[a-z]/.test(parts[i]!) && isPlural(parts[i]!.split('-')[0]!)) {
      // A dash glued between two words by tokenised copy ("4, 051 yards-breaking Cam Newton's record"): the
      // noun before it is the unit and the phrase ends there. ("two-year deals" stays whole: "two" is no plural.)
      return [...parts.slice(0, i), parts[i]!.split('-')[0]!].join(' ');
    }
  }
  return end > 0 ? parts.slice(0, end).join(' ') : undefined;
}

function isPlural(word: string): boolean {
  return IRREGULAR_PLURALS.has(word) || (/[a-z]s$/.test(word) && !/(?:ss|us|is)$/.test(word));
}

// Number words for counts ("three people", "eleven times", "a dozen workers").
const COUNT_WORDS: Record<string, number> = {
  ...NUMBER_WORDS,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  'a dozen': 12,
  'dozens of': 24,
  'hundreds of': 200,
  'thousands of': 2000,
};
const WORD_COUNT =
  '(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a dozen|dozens of|hundreds of|thousands of)';
/** A number in digits or words, as one capture group. */
const ANY_NUMBER = `(${NUMBER.slice(1, -1)}|${WORD_COUNT.slice(1, -1)})`;

/** The measure named by a casualty word: "killed", "dead" are deaths; "wounded", "hurt" injuries. */
function casualtyMeasure(word: string): string {
  return /^(?:injur|wound|hurt)/i.test(word) ? 'injuries' : 'deaths';
}
// "40 people were killed", "five dead", "three bank workers died", "24 people dead and 249 people injured".
const CASUALTY_AFTER = new RegExp(
  `\\b${ANY_NUMBER}\\s+(?:(?:other|more|people|persons|[A-Za-z][a-z'-]*s)\\s+){0,2}(?:(?:were|was|are|have been|had been|been|have|has)\\s+)?(killed|dead|died|injured|wounded|hurt)\\b`,
  'gi',
);
// "killing 10 people", "left 40 people dead", "wounding other 70", "killed more than 50 people".
const CASUALTY_BEFORE = new RegExp(
  `\\b(killing|killed|kills|injuring|injured|wounding|wounded)\\s+(?:(?:at least|about|some|more than|nearly|almost|around|up to|other|another|an estimated)\\s+)?${ANY_NUMBER}\\b(?!\\s*-\\s*(?:year|month|week|day)|[.:,]\\d)(?=(\\s+(?:[A-Za-z][a-z'-]*\\s+)?[A-Za-z][a-z'-]*\\b)?)`,
  'gi',
);
// "put the death toll at 40", "death toll rises to 10", "pushing the death toll above 680".
const DEATH_TOLL = new RegExp(
  `\\btoll\\b[^.;:]{0,40}?\\b(?:at|to|of|is|was|above|reached|hit)\\s+(?:(?:at least|about|some|more than|nearly|almost|around)\\s+)?${NUMBER}\\b(?![.,:]\\d)`,
  'gi',
);
// "a 36-year-old", "aged 85", "at the age of 95".
const AGE_YEAR_OLD = /\b(\d{1,3})[- ]years?[- ]old\b/gi;
const AGE_AGED = /\b(?:aged|at age|at the age of|age of)\s+(\d{1,3})\b(?![.,:]\d)/gi;
// "Robert Buckley, 32, fell", "Jeffs, 55, is": a capitalised word, a comma, the age and a comma (or "and", ".").
const AGE_AFTER_NAME = /(?=\d)(?<=\b[A-Z][A-Za-z'’-]*\)?,\s?)(\d{1,3})(?=\s?(?:,|\.(?!\d)|;|\band\b|\)))/g;
// "died yesterday in federal prison at 77", "dead at 95" (but not "died at 12:45 p.m.").
const AGE_DIED_AT = /\b(?:died|dead|dies)\b(?:\s+[A-Za-z,]+){0,6}?\s+at\s+(\d{2,3})\b(?!\s?[:.]\s?\d|\s?(?:a\.?\s?m|p\.?\s?m|%|percent|GMT|EDT|EST|PST|UTC))/gi;
// A win-loss(-draw) record right after a name: "Riddick Bowe, 43-1, 33 KO's", "Klitschko (52-3, 46 knockouts)". Only
// there: a score ("beat the Colts 23-17") or a span ("1974-78") has no name, comma or bracket before it.
const WIN_LOSS_AFTER_NAME = /(?<=\b[A-Z][A-Za-z'’-]*(?:,\s?|\s\(\s?))(\d{1,3})-(\d{1,3})(?:-(\d{1,3}))?(?=\s?[,)])/g;
// "a magnitude 6.1 earthquake", "magnitude-5.2", "6.1-magnitude", "6.1 on the Richter scale", "6. 7 degree quake"
// ("6. 1" as tokenised copy writes it).
const MAGNITUDE =
  /\b[Mm]agnitude(?:\s+of)?[- ]?(\d(?:\.\s?\d{1,2})?)\b(?![.,]\d)|\b(\d(?:\.\s?\d{1,2})?)\s?-?\s?(?:[Mm]agnitude\b|on the Richter\b|degree quake|-strength\b|in magnitude\b)/g;
const LENGTH_FACTORS: Record<string, number> = {
  m: 1,
  metre: 1,
  metres: 1,
  meter: 1,
  meters: 1,
  km: 1000,
  kilometre: 1000,
  kilometres: 1000,
  kilometer: 1000,
  kilometers: 1000,
  ft: 0.3048,
  foot: 0.3048,
  feet: 0.3048,
  mile: 1609.344,
  miles: 1609.344,
};
// "150 metres", "60m from a ridge", "2, 000ft", "about 20 miles north" (a bare "m" only where it cannot be millions).
const LENGTH = new RegExp(
  `${NUMBER}\\s?-?(kilomet(?:re|er)s?|met(?:re|er)s?|km|feet|foot|ft|miles?|m(?=\\s+(?:from|down|up|high|deep|tall|long|away|above|below|into|off|under|along|before|when|while)\\b|\\s*[,.;)(]))\\b`,
  'g',
);
// "a mother of 12": children.
const PARENT_OF = new RegExp(
  `\\b(?:mother|father|mom|mum|dad|parent|grandmother|grandfather)\\s+of\\s+${ANY_NUMBER}\\b(?!\\s*-|\\s+(?:years?|months?)\\b)`,
  'gi',
);
// "shot 11 times", "hit seven times".
const TIMES = new RegExp(`\\b(?:shot|hit|struck|stabbed|fired)\\s+(?:at\\s+)?(?:(?:at least|about|more than|some)\\s+)?${ANY_NUMBER}\\s+times\\b`, 'gi');
// "from 157,000 to 133,000": two bare numbers of a change, whatever they count (the words around say).
// "between 40 and 50 people" / "between 3 and 4 percent".
const RANGE_BETWEEN = new RegExp(
  `\\bbetween\\s+${NUMBER}\\s+and\\s+${NUMBER}(\\s?(?:%|percent\\b|per cent\\b))?(?=((?:\\s+(?:[a-z][a-z'-]*\\s+){0,2}[a-z][a-z'-]*\\b)?))`,
  'gi',
);
const CHANGE = new RegExp(`\\bfrom\\s+${NUMBER}\\s+to\\s+${NUMBER}\\b(?![.,:]\\d|\\s?(?:%|percent|per cent|[a-z]))`, 'gi');
/** After a count: "… and [words] 2,302" closing its clause, a number with no noun of its own. */
const ELLIPTIC_COUNT = new RegExp(`^[^.;:]{0,40}?\\b(?:and|but|while)\\s+(?:[a-z]+\\s+){0,4}?${NUMBER}(?=\\s+(?:for|in|on|this|last|so)\\b|\\s*[,.;]|$)`);
const HAS_WORD_COUNT = new RegExp(`\\b${WORD_COUNT}\\b`, 'i');
const WORD_COUNT_PHRASE = new RegExp(`\\b${WORD_COUNT}\\b(?=(\\s+(?:[A-Za-z][a-z'-]*\\s+)?[A-Za-z][a-z'-]*\\b))`, 'gi');
/** The singular nouns that "one" counts ("one person", "a man"). */
const SINGULAR_UNITS: Record<string, string> = { person: 'people', man: 'men', woman: 'women', child: 'children', boy: 'children', girl: 'children' };

function numberOf(digitsOrWord: string): { value: number; decimals: number } {
  const word = COUNT_WORDS[digitsOrWord.toLowerCase()];
  return word !== undefined ? { value: word, decimals: 0 } : parseNumber(digitsOrWord);
}

/** Trailing zeros of a whole number as written, when there are at least two ("600", "20,000"). */
function roundedPlaces(digits: string): number | undefined {
  if (!/^\d/.test(digits) || /\./.test(digits)) return undefined;
  const zeros = /0*$/.exec(digits.replace(/,\s?/g, ''))![0].length;
  return zeros >= 2 && zeros < digits.replace(/,\s?/g, '').length ? zeros : undefined;
}

/**
 * Words before a value that put it in the past or make it another figure than the one claimed: "originally
 * rated X", "up from X", "compared with X", the record that was broken ("broke Newton's record of X": the new
 * record is the claim), and a shortfall ("needed nine points to pass Ford": the nine are what was missing, not
 * the total).
 */
const SUPERSEDED_BEFORE =
  /(?:\b(?:originally|initially|previously)\b[^.;:]{0,40}|\b(?:up|down) from\s+|\bcompared (?:with|to)\s+|\b(?:broke|breaks?|breaking|beat|beating|surpass(?:ed|es|ing)?|eclips(?:ed|es|ing)?|topp(?:ed|ing))\s+(?:the\s+|an?\s+|[A-Z][A-Za-z'’-]*(?:\s+[A-Z][A-Za-z'’-]*)?[’']s?\s+)(?:[a-z-]+\s+){0,3}record\s+(?:of\s+)?|\bneed(?:s|ed)?\s+(?:only\s+|just\s+|another\s+)?)$/i;
/**
 * Words before a value that make it someone's expectation ("market expectations of", "forecasts of", "analysts
 * had expected", "had been forecasting"), and words after it ("the 175,000 forecast by economists"). Only
 * expectations set against the outcome: "is expected to cost $4bn" is a claim in its own right, and two reports
 * of it can disagree.
 */
const EXPECTED_BEFORE =
  /\b(?:(?:expectations?|forecasts?|predictions?|projections?|consensus(?: estimates?)?)\s+(?:of|for)\s+|had\s+(?:been\s+)?(?:expect(?:ed|ing)|forecast(?:ing)?|predict(?:ed|ing)|anticipat(?:ed|ing)|project(?:ed|ing))\s+(?:an?\s+(?:[a-z]+\s+)?(?:of\s+)?)?)$/i;
const EXPECTED_AFTER = /^\s+(?:[a-z-]+\s+){0,2}?(?:forecast|expected|predicted|anticipated|projected)\s+by\b/i;
/** "from X to Y" ("revised down from 157,000 to 133,000", "rose from 3.1% to 3.4%"): X is replaced by Y. */
const FROM_BEFORE = /\bfrom\s+$/i;
const TO_AFTER = /^\s*(?:[A-Za-z%]+\s+){0,2}?to\s+(?:about\s+|around\s+|some\s+)?[$€£¥]?\s?\d/;

/** The state of one extractAmountsBesides run: its text, the spans taken and the amounts found. */
interface AmountScan {
  text: string;
  taken: TakenSpans;
  found: AmountValue[];
  /** False once every digit of the text is in a taken span (see digitsLeft); it stays so, spans being only added. */
  digitsLeft: boolean;
}

/**
 * The guard of the patterns that need a digit: `off` turns it off and `weakened` skips them as soon as the
 * money prefixes are read, whatever is left. For test/unit/conflictGuards.test.ts only, which compares the
 * amounts found with the guard and without it (and checks that the weakened guard is caught).
 */
export const amountDigitGuard: { mode: 'on' | 'off' | 'weakened' } = { mode: 'on' };

/**
 * Whether a digit of the text lies outside the spans taken so far. A pattern whose every match holds a digit
 * (a number in digits, not in words) can add nothing once all digits are taken: its matches all overlap a
 * taken span and are dropped, so it is not run. In news claims the money and the dates take every digit.
 */
function digitsLeft(scan: AmountScan): boolean {
  if (!scan.digitsLeft || amountDigitGuard.mode === 'off') return scan.digitsLeft;
  if (amountDigitGuard.mode === 'weakened') return (scan.digitsLeft = false);
  const { text, taken } = scan;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57 && !taken.overlaps(i, i + 1)) return true;
  }
  return (scan.digitsLeft = false);
}

/**
 * Adds the amount a match gives, unless its span is taken. `extend` reaches past the match into the
 * looked-ahead unit; `from` starts the span at that index of the match (its number) rather than at the
 * match's start (a lead-in word such as "killing"). A function of its own rather than a closure per call:
 * this runs for every claim.
 */
function addAmount(
  scan: AmountScan,
  m: RegExpExecArray,
  value: Omit<AmountValue, 'start' | 'end' | 'text' | 'bound'>,
  options: { forced?: AmountBound; extend?: number; from?: number; digits?: string } = {},
): void {
  const { text, taken, found } = scan;
  let start = m.index + (options.from ?? 0);
  const end = m.index + m[0].length + (options.extend ?? 0);
  if (taken.overlaps(start, end)) return;
  // A digit or letter glued to the match ("2024-2025", "v3.5", "A380") is not an amount.
  if (/[A-Za-z0-9_\-/.]/.test(text[start - 1] ?? '') && !(options.from && /[\s]/.test(text[start - 1] ?? ''))) return;
  const lead = LEAD_BEFORE.exec(text.slice(Math.max(0, start - 24), start));
  if (lead && !taken.overlaps(start - lead[1]!.length, start)) start -= lead[1]!.length;
  taken.add(start, end);
  const amount: AmountValue = { start, end, text: text.slice(start, end), bound: options.forced ?? boundOf(lead?.[1]), ...value };
  const places = options.digits !== undefined ? roundedPlaces(options.digits) : undefined;
  if (places !== undefined) amount.roundedTo = places;
  const before = text.slice(Math.max(0, start - 60), start);
  if (SUPERSEDED_BEFORE.test(before) || (FROM_BEFORE.test(before) && TO_AFTER.test(text.slice(end, end + 40)))) amount.superseded = true;
  if (EXPECTED_BEFORE.test(before) || EXPECTED_AFTER.test(text.slice(end, end + 40))) amount.expected = true;
  found.push(amount);
}

/** A match-like array for a number found inside another match. */
function pseudoMatch(text: string, index: number, digits: string): RegExpExecArray {
  return Object.assign([digits], { index, input: text }) as unknown as RegExpExecArray;
}

/**
 * Finds money, percentages, counts, ages, earthquake magnitudes and lengths. Years, dates, times, ordinals and
 * version numbers are not amounts. A lead such as "up to" or "at least" becomes the bound and is part of the
 * span.
 */
export function extractAmounts(text: string): AmountValue[] {
  return extractAmountsBesides(text, extractDates(text));
}

/** extractAmounts for callers that already have the text's dates, whose digits are not amounts. */
export function extractAmountsBesides(text: string, dates: ReadonlyArray<{ start: number; end: number }>): AmountValue[] {
  const taken = new TakenSpans([...ignoredSpans(text), ...dates.map((d): [number, number] => [d.start, d.end])]);
  const found: AmountValue[] = [];
  // Module-level regexes run with exec loops from lastIndex 0: matchAll cloned each of them on every call.
  const hasDigit = /\d/.test(text);
  const scan: AmountScan = { text, taken, found, digitsLeft: hasDigit };
  // "between 40 and 50 people", "between 3 and 4 percent": one value, a range (money ranges are joined below).
  if (hasDigit && /between/i.test(text)) {
    RANGE_BETWEEN.lastIndex = 0;
    for (let m = RANGE_BETWEEN.exec(text); m; m = RANGE_BETWEEN.exec(text)) {
      const [, lowDigits, highDigits, percent, words] = m as unknown as MatchGroups<[string, string, string | undefined, string | undefined]>;
      const low = parseNumber(lowDigits!);
      const high = parseNumber(highDigits!);
      if (!(low.value < high.value)) continue;
      const unit = percent ? '%' : unitWord(words?.toLowerCase());
      if (!unit) continue;
      const extend = percent || !words ? 0 : words.toLowerCase().indexOf(unit) + unit.length;
      addAmount(
        scan,
        m as RegExpExecArray,
        { kind: percent ? 'percent' : 'count', value: low.value, upper: high.value, unit, decimals: low.decimals },
        { forced: 'range', extend, digits: lowDigits },
      );
    }
  }
  taken.flush();
  if (hasDigit) {
    MONEY_PREFIX.lastIndex = 0;
    for (let m = MONEY_PREFIX.exec(text); m; m = MONEY_PREFIX.exec(text)) {
      const [, symbol, digits, scale, word] = m as unknown as MatchGroups<[string, string, string | undefined, string | undefined]>;
      const { value, decimals } = parseNumber(digits);
      const currency = CURRENCY_SYMBOLS[symbol.trim().toLowerCase()] ?? (word ? CURRENCY_WORDS[word.toLowerCase()] : undefined);
      // "$5 M" style scale letters must touch the number or be upper-case, so "$5 a month" is not five million.
      if (scale && scale.length === 1 && /\s/.test(m[0].slice(m[0].length - 2, m[0].length - 1)) && scale === scale.toLowerCase()) continue;
      addAmount(
        scan,
        m as RegExpExecArray,
        { kind: 'money', value: roundValue(value * scaleOf(scale)), currency, decimals },
        { digits: scale ? undefined : digits },
      );
    }
  }
  taken.flush();
  const currencyWord = /dollar|euro|pound|yen|yuan|rupee|franc|cent/i.test(text);
  if (digitsLeft(scan) && currencyWord) {
    MONEY_SUFFIX.lastIndex = 0;
    for (let m = MONEY_SUFFIX.exec(text); m; m = MONEY_SUFFIX.exec(text)) {
      const [, digits, scale, word] = m as unknown as MatchGroups<[string, string | undefined, string]>;
      const { value, decimals } = parseNumber(digits);
      const cents = /^cents?$/i.test(word);
      const base = value * scaleOf(scale) * (cents ? 0.01 : 1);
      addAmount(scan, m as RegExpExecArray, { kind: 'money', value: roundValue(base), currency: CURRENCY_WORDS[word.toLowerCase()], decimals });
    }
  }
  taken.flush();
  if (currencyWord) {
    MONEY_WORDS.lastIndex = 0;
    for (let m = MONEY_WORDS.exec(text); m; m = MONEY_WORDS.exec(text)) {
      const [, count, scale, word] = m as unknown as MatchGroups<[string, string, string]>;
      const multiplier = NUMBER_WORDS[count.toLowerCase()] ?? (/hundreds/i.test(count) ? 100 : /dozens/i.test(count) ? 12 : /tens/i.test(count) ? 10 : 1);
      const bound: AmountBound | undefined = /several|few|dozens|hundreds|tens/i.test(count) ? 'min' : undefined;
      addAmount(
        scan,
        m as RegExpExecArray,
        { kind: 'money', value: multiplier * scaleOf(scale), currency: CURRENCY_WORDS[word.toLowerCase()], decimals: 0 },
        { forced: bound },
      );
    }
  }
  taken.flush();
  if (digitsLeft(scan) && /\dp\b/.test(text)) {
    PENCE.lastIndex = 0;
    for (let m = PENCE.exec(text); m; m = PENCE.exec(text)) {
      const { value, decimals } = parseNumber(m[1]!);
      addAmount(scan, m as RegExpExecArray, { kind: 'money', value: roundValue(value / 100), currency: 'GBP', decimals: decimals + 2 });
    }
  }
  taken.flush();
  if (digitsLeft(scan) && /%|per|point|pct/i.test(text)) {
    PERCENT.lastIndex = 0;
    for (let m = PERCENT.exec(text); m; m = PERCENT.exec(text)) {
      const [, digits, unit] = m as unknown as MatchGroups<[string, string]>;
      const { value, decimals } = parseNumber(digits);
      const points = /point/i.test(unit);
      addAmount(scan, m as RegExpExecArray, { kind: 'percent', value, unit: points ? 'percentage points' : '%', decimals });
    }
  }
  taken.flush();
  if (digitsLeft(scan) && /agnitude|Richter|degree quake|-strength/.test(text)) {
    MAGNITUDE.lastIndex = 0;
    for (let m = MAGNITUDE.exec(text); m; m = MAGNITUDE.exec(text)) {
      const digits = m[1] ?? m[2]!;
      const { value, decimals } = parseNumber(digits);
      addAmount(scan, m as RegExpExecArray, { kind: 'magnitude', value, decimals, unit: 'magnitude' });
    }
  }
  taken.flush();
  if (digitsLeft(scan) && /year|aged|age of|at age|died|dead|dies|[A-Za-z]\)?,\s?\d/i.test(text)) {
    for (const pattern of [AGE_YEAR_OLD, AGE_AGED, AGE_DIED_AT, AGE_AFTER_NAME]) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        const age = Number(m[1]);
        if (age < 1 || age > 120) continue;
        if (pattern === AGE_YEAR_OLD && isAgeOfThing(text, m.index! + m[0].length)) continue;
        // The span is the age phrase ("36-year-old", "aged 85"), or the number alone after a name or "died at".
        const from = pattern === AGE_DIED_AT ? m[0].lastIndexOf(m[1]!) : 0;
        addAmount(scan, m as RegExpExecArray, { kind: 'age', value: age, decimals: 0, unit: 'years' }, { from });
      }
      taken.flush();
    }
  }
  if (digitsLeft(scan) && /\d-\d/.test(text)) {
    WIN_LOSS_AFTER_NAME.lastIndex = 0;
    for (let m = WIN_LOSS_AFTER_NAME.exec(text); m; m = WIN_LOSS_AFTER_NAME.exec(text)) {
      const [wins, losses, draws] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
      addAmount(scan, m as RegExpExecArray, { kind: 'record', value: wins, record: [wins, losses, draws], decimals: 0, unit: 'record' });
    }
  }
  taken.flush();
  if (digitsLeft(scan) && /met|km|feet|foot|ft|mile|\dm/.test(text)) {
    LENGTH.lastIndex = 0;
    for (let m = LENGTH.exec(text); m; m = LENGTH.exec(text)) {
      const [, digits, unit] = m as unknown as MatchGroups<[string, string]>;
      const { value, decimals } = parseNumber(digits);
      const factor = LENGTH_FACTORS[unit.toLowerCase()] ?? 1;
      addAmount(scan, m as RegExpExecArray, { kind: 'length', value: roundValue(value * factor), decimals, unit: 'm' }, { digits });
    }
  }
  taken.flush();
  // Before casualties: in "a mother of 12 was killed" the 12 are her children, not the dead.
  if (/mother|father|mom|mum|dad|parent/i.test(text)) {
    PARENT_OF.lastIndex = 0;
    for (let m = PARENT_OF.exec(text); m; m = PARENT_OF.exec(text)) {
      const { value, decimals } = numberOf(m[1]!);
      addAmount(scan, m as RegExpExecArray, { kind: 'count', value, decimals, unit: 'children', measure: 'children' }, { from: m[0].lastIndexOf(m[1]!) });
    }
  }
  taken.flush();
  if (/kill|dead|died|injur|wound|hurt|toll/i.test(text)) {
    CASUALTY_AFTER.lastIndex = 0;
    for (let m = CASUALTY_AFTER.exec(text); m; m = CASUALTY_AFTER.exec(text)) {
      const [, number, word] = m as unknown as MatchGroups<[string, string]>;
      const { value, decimals } = numberOf(number);
      const nouns = m[0]!
        .slice(number.length)
        .trim()
        .split(/\s+/)
        .slice(0, -1)
        .filter((w) => !/^(?:were|was|are|have|has|had|been|other|more)$/i.test(w));
      const unit = nouns.length > 0 && isPlural(nouns[nouns.length - 1]!.toLowerCase()) ? nouns.join(' ') : 'people';
      // The span is the number and its noun, not the verb ("24 people" of "24 people dead").
      const end = nouns.length > 0 ? m[0]!.indexOf(nouns[nouns.length - 1]!, number.length) + nouns[nouns.length - 1]!.length : number.length;
      addAmount(
        scan,
        m as RegExpExecArray,
        { kind: 'count', value, decimals, unit, measure: casualtyMeasure(word) },
        { extend: end - m[0]!.length, digits: number },
      );
    }
    taken.flush();
    CASUALTY_BEFORE.lastIndex = 0;
    for (let m = CASUALTY_BEFORE.exec(text); m; m = CASUALTY_BEFORE.exec(text)) {
      const [, verb, number, words] = m as unknown as MatchGroups<[string, string, string | undefined]>;
      const { value, decimals } = numberOf(number);
      const counted = unitWord(words?.toLowerCase());
      const at = counted ? words!.toLowerCase().indexOf(counted) : -1;
      // As written, so a people of a place keeps its capital ("Palestinians") for unitKey.
      const unit =
        (counted ? words!.slice(at, at + counted.length) : undefined) ??
        (value === 1 && words ? SINGULAR_UNITS[words.trim().split(/\s+/)[0]!.toLowerCase()] : undefined) ??
        'people';
      const extra = counted ? at + counted.length : 0;
      addAmount(
        scan,
        m as RegExpExecArray,
        { kind: 'count', value, decimals, unit, measure: casualtyMeasure(verb) },
        { from: m[0].lastIndexOf(number), extend: extra, digits: number },
      );
    }
    taken.flush();
    if (digitsLeft(scan)) {
      DEATH_TOLL.lastIndex = 0;
      for (let m = DEATH_TOLL.exec(text); m; m = DEATH_TOLL.exec(text)) {
        const digits = m[1]!;
        const { value, decimals } = parseNumber(digits);
        addAmount(
          scan,
          m as RegExpExecArray,
          { kind: 'count', value, decimals, unit: 'people', measure: 'deaths' },
          { from: m[0].lastIndexOf(digits), digits },
        );
      }
    }
    taken.flush();
  }
  if (/times/i.test(text)) {
    TIMES.lastIndex = 0;
    for (let m = TIMES.exec(text); m; m = TIMES.exec(text)) {
      const { value, decimals } = numberOf(m[1]!);
      addAmount(scan, m as RegExpExecArray, { kind: 'count', value, decimals, unit: 'times' }, { from: m[0].lastIndexOf(m[1]!) });
    }
  }
  taken.flush();
  if (digitsLeft(scan) && /from/i.test(text)) {
    CHANGE.lastIndex = 0;
    for (let m = CHANGE.exec(text); m; m = CHANGE.exec(text)) {
      const [, fromDigits, toDigits] = m as unknown as MatchGroups<[string, string]>;
      const fromAt = m[0].indexOf(fromDigits!, 4);
      const toAt = m[0].lastIndexOf(toDigits!);
      const earlier = parseNumber(fromDigits!);
      const later = parseNumber(toDigits!);
      addAmount(
        scan,
        pseudoMatch(text, m.index + fromAt, fromDigits!),
        { kind: 'count', value: earlier.value, decimals: earlier.decimals },
        { digits: fromDigits },
      );
      addAmount(
        scan,
        pseudoMatch(text, m.index + toAt, toDigits!),
        { kind: 'count', value: later.value, decimals: later.decimals, replaces: fromDigits },
        { digits: toDigits },
      );
    }
  }
  taken.flush();
  if (digitsLeft(scan)) {
    SCALED_COUNT.lastIndex = 0;
    for (let m = SCALED_COUNT.exec(text); m; m = SCALED_COUNT.exec(text)) {
      const [, digits, scale, words] = m as unknown as MatchGroups<[string, string, string | undefined]>;
      if (scale.length === 1 && /\s/.test(text[m.index + m[0]!.lastIndexOf(scale) - 1] ?? '')) continue;
      const { value, decimals } = parseNumber(digits);
      const unit = unitWord(words);
      const extra = unit ? words!.indexOf(unit) + unit.length : 0;
      addAmount(scan, m as RegExpExecArray, { kind: 'count', value: roundValue(value * scaleOf(scale)), unit, decimals }, { extend: extra });
    }
  }
  taken.flush();
  if (digitsLeft(scan)) {
    COUNT.lastIndex = 0;
    for (let m = COUNT.exec(text); m; m = COUNT.exec(text)) {
      const [, digits, words] = m as unknown as MatchGroups<[string, string]>;
      const unit = unitWord(words);
      if (!unit) continue;
      // unitWord only returns a phrase ending in a plural noun ("2,000 employees"), not "Claude 3 family".
      const last = unit.split(' ').pop() ?? '';
      const { value, decimals } = parseNumber(digits);
      if (/^(?:1[89]|20)\d{2}$/.test(digits)) {
        // Four digits that look like a year count only with a clear counted noun.
        if (!/^(?:people|employees|workers|jobs|troops|soldiers|students|users|customers|units|homes|cases|deaths)$/.test(last)) continue;
      }
      addAmount(scan, m as RegExpExecArray, { kind: 'count', value, unit, decimals }, { extend: words.indexOf(unit) + unit.length, digits });
    }
  }
  taken.flush();
  // A bare number that repeats the count before it with its noun left out ("finished with 20 points and now
  // has 2,302 for his career", "20 goals this season and 130 in all"): it counts the same noun.
  if (digitsLeft(scan)) {
    for (const count of found.filter((a) => a.kind === 'count' && a.unit !== undefined && !a.measure)) {
      const m = ELLIPTIC_COUNT.exec(text.slice(count.end, count.end + 80));
      if (!m || /^(?:1[89]|20)\d{2}$/.test(m[1]!)) continue;
      const at = count.end + m[0].length - m[1]!.length;
      const { value, decimals } = parseNumber(m[1]!);
      addAmount(scan, pseudoMatch(text, at, m[1]!), { kind: 'count', value, unit: count.unit, decimals }, { digits: m[1]! });
    }
  }
  taken.flush();
  if (HAS_WORD_COUNT.test(text)) {
    WORD_COUNT_PHRASE.lastIndex = 0;
    for (let m = WORD_COUNT_PHRASE.exec(text); m; m = WORD_COUNT_PHRASE.exec(text)) {
      const [, number, words] = m as unknown as MatchGroups<[string, string]>;
      const lower = words.toLowerCase();
      const { value } = numberOf(number);
      const singular = value === 1 ? SINGULAR_UNITS[lower.trim().split(/\s+/)[0]!] : undefined;
      const unit = unitWord(lower) ?? singular;
      if (!unit) continue;
      const extent =
        singular && !unitWord(lower) ? lower.indexOf(lower.trim().split(/\s+/)[0]!) + lower.trim().split(/\s+/)[0]!.length : lower.indexOf(unit) + unit.length;
      addAmount(scan, m as RegExpExecArray, { kind: 'count', value, unit, decimals: 0 }, { extend: extent });
    }
  }
  taken.flush();
  found.sort((a, b) => a.start - b.start);
  joinRanges(text, found);
  for (let i = 1; i < found.length; i++) {
    const previous = found[i - 1]!;
    const current = found[i]!;
    if (/^\s*\(\s*$/.test(text.slice(previous.end, current.start)) && current.kind === previous.kind) current.conversion = true;
    if (
      previous.superseded &&
      current.replaces === undefined &&
      current.kind === previous.kind &&
      /^\s*to\s+$/i.test(text.slice(previous.end, current.start))
    ) {
      current.replaces = previous.text;
    }
  }
  return found;
}

/**
 * Joins two amounts of one kind and currency into a range: "$24 to $26 per share", "between $12 billion and $13
 * billion", "3% to 4%". Not "from X to Y", which is a change (the X is superseded), and not a falling pair.
 */
function joinRanges(text: string, found: AmountValue[]): void {
  for (let i = found.length - 2; i >= 0; i--) {
    const low = found[i]!;
    const high = found[i + 1]!;
    if (low.kind !== high.kind || (low.kind !== 'money' && low.kind !== 'percent') || low.currency !== high.currency || low.unit !== high.unit) continue;
    if (low.superseded || high.replaces !== undefined || low.bound !== 'exact' || high.bound !== 'exact' || !(low.value < high.value)) continue;
    const gap = text.slice(low.end, high.start);
    const before = text.slice(Math.max(0, low.start - 9), low.start);
    const joined = /^\s*(?:to|-|–)\s*$/i.test(gap) ? !/\bfrom\s+$/i.test(before) : /^\s+and\s+$/i.test(gap) && /\bbetween\s+$/i.test(before);
    if (!joined) continue;
    const start = /\bbetween\s+$/i.test(before) ? low.start - /between\s+$/i.exec(before)![0].length : low.start;
    found.splice(i, 2, { ...low, start, end: high.end, text: text.slice(start, high.end), bound: 'range', upper: high.value });
  }
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

/**
 * The interval of numbers an amount can mean, given its bound and how precisely it was written. "about",
 * "around", "some" allow 10 % either way; "nearly" and "almost" up to 10 % below; a round figure ("600",
 * "20,000") half its last written place, at most 5 %. The 10 % was chosen on the development cases (15 % let
 * "about 20 miles" agree with "about 26 miles").
 */
export function amountInterval(a: AmountValue): [number, number] {
  let interval = intervals.get(a);
  if (!interval) intervals.set(a, (interval = computeInterval(a)));
  return interval;
}

/** Intervals by amount: a pair's values are compared with many others, each time with the same interval. */
const intervals = new WeakMap<AmountValue, [number, number]>();

function computeInterval(a: AmountValue): [number, number] {
  const magnitude = a.value === 0 ? 0 : Math.abs(a.value);
  // Written decimals show rounding: "$1.3 billion" covers 1.25..1.35 billion.
  const mantissaStep = a.decimals > 0 ? Math.pow(10, -a.decimals) * (a.value / Number(mantissaOf(a))) : 0;
  const roundStep = a.roundedTo !== undefined ? Math.min(Math.pow(10, a.roundedTo) / 2, magnitude * 0.05) * (a.value / Number(mantissaOf(a)) || 1) : 0;
  const slack = magnitude * 0.005;
  let low = a.value - mantissaStep / 2 - roundStep - slack;
  let high = a.value + mantissaStep / 2 + roundStep + slack;
  switch (a.bound) {
    case 'max':
      return [-Infinity, high];
    case 'min':
      return [low, Infinity];
    case 'range':
      return [low, (a.upper ?? a.value) + (high - a.value)];
    case 'approx':
      if (/^(?:nearly|almost|close to)\b/i.test(a.text)) return [a.value - magnitude * 0.1, high];
      low = Math.min(low, a.value - magnitude * 0.1);
      high = Math.max(high, a.value + magnitude * 0.1);
      return [low, high];
    default:
      return [low, high];
  }
}

/** The written number scaled to the value's units: 1 for "612 people", 1e6 for "$4 million" (value / mantissa). */
function mantissaOf(a: AmountValue): number {
  // "20, 000" (spacing from tokenised news copy) is twenty thousand, not 20 followed by a comma.
  const m = /(\d{1,3}(?:,\s?\d{3})+(?:\.\s?\d+)?|\d+(?:\.\s?\d+)?|\.\d+)/.exec(a.text);
  const n = m ? Number(m[1]!.replace(/,\s?|(?<=\.)\s/g, '')) : a.value;
  return n === 0 || Number.isNaN(n) ? 1 : n;
}

/** Whether two amounts of the same kind and currency can both be true. Different units are never compared. */
export function amountsComparable(a: AmountValue, b: AmountValue): boolean {
  // A bare "4bn" is usually money whose currency the reader infers.
  if (a.kind !== b.kind) return isBareScaled(a) ? b.kind === 'money' : isBareScaled(b) ? a.kind === 'money' : false;
  if (a.kind === 'money') return (a.currency ?? 'USD') === (b.currency ?? 'USD');
  if (a.kind === 'percent') return a.unit === b.unit;
  if (a.kind === 'record') return true;
  if (a.kind !== 'count') return true;
  // A bare number of a change ("from 157,000 to 133,000") counts whatever the words around it say.
  if (a.unit === undefined || b.unit === undefined) return !isBareScaled(a) && !isBareScaled(b);
  return unitKey(a.unit) === unitKey(b.unit);
}

function isBareScaled(a: AmountValue): boolean {
  return a.kind === 'count' && a.unit === undefined && a.value >= 1e6 && /[a-z]/i.test(a.text);
}

/** Words that count people, whoever they are: "40 Palestinians" and "42 people" count the same. */
const PEOPLE_UNITS = new Set([
  'people',
  'person',
  'persons',
  'civilians',
  'victims',
  'residents',
  'villagers',
  'men',
  'women',
  'others',
  'protesters',
  'demonstrators',
  'pedestrians',
]);

/** Whether a count's noun counts people ("40 Palestinians", "42 people"), whose measure the words around it name. */
export function countsPeople(unit: string): boolean {
  return unitKey(unit) === 'people' || IRREGULAR_PLURALS.has((unit.split(' ').pop() ?? '').toLowerCase());
}

/** A people of a place, as news writes them: "Palestinians", "Iraqis", "Afghans", "Americans", "Gazans". */
const DEMONYM = /^[A-Z][a-z]+(?:ans|is|ers)$/;

function unitKey(unit: string | undefined): string {
  const word = (unit ?? '').split(' ').pop() ?? '';
  const last = word.toLowerCase();
  if (PEOPLE_UNITS.has(last) || DEMONYM.test(word)) return 'people';
  return last.replace(/(?:es|s)$/, '');
}

export function amountsCompatible(a: AmountValue, b: AmountValue): boolean {
  if (!amountsComparable(a, b)) return true;
  // A record is exact: 52-3 and 53-3 are two different records, however close.
  if (a.record && b.record) return a.record.every((n, i) => n === b.record![i]);
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
    const field = /^(?:date|published|publishDate|pubDate|created):\s*["']?([^"'\r\n]+)/im.exec(front[1]!);
    if (field) {
      const date = fullDate(field[1]!);
      if (date) return date;
    }
  }
  const head = text
    .slice(front ? front[0].length : 0)
    .split(/\r?\n/)
    .slice(0, 12);
  const labelled = head.find((line) => /^\W*(?:published|posted|updated|date|dateline)\b/i.test(line));
  if (labelled) {
    const date = fullDate(labelled);
    if (date) return date;
  }
  // A short line further down is still a dateline: news pages put a headline, a standfirst and a kicker first.
  for (const line of head.filter((line, i) => i < 8 || line.trim().length < 60)) {
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

// ---------------------------------------------------------------------------------------------------------
// Times of day

/**
 * A time of day ("2:30 a.m.", "1: 00 am", "noon", "14:30 GMT"), as the interval of minutes after midnight its
 * words allow. What counts as compatible (issue 14, written down in README "Conflict suggestions"):
 * - an exact time written to the minute ("2:09 a.m.") covers 3 minutes either way (two reports of one clock
 *   reading differ by a minute or two); one written on the hour ("2 a.m.") is rounded and covers 15 minutes
 *   either way, like a round figure;
 * - "about", "around", "approximately", "roughly" allow 10 minutes either way, or the rounding when wider;
 * - "just after", "shortly after", "just past", "soon after" cover the 20 minutes after it; "just before",
 *   "shortly before" the 20 minutes before; a bare "after" or "before" is only a bound.
 * So "just after 2:30 a.m." (2:30–2:50) and "shortly after 2 a.m." (2:00–2:20) cannot both be true, and "about
 * 1:30" and "around 1:30" agree. A bare "2:56" (a round's clock, a race time) is not a time of day: it needs
 * a.m./p.m., a time zone or "local time".
 */
export interface TimeValue {
  start: number;
  end: number;
  text: string;
  /** Minutes after midnight as written. */
  minutes: number;
  /** The interval of minutes after midnight the words allow. */
  low: number;
  high: number;
  /** A named time zone ("GMT", "EDT"); undefined for local time. */
  zone?: string;
}

const TIME_ZONE = '(GMT|UTC|BST|CET|CEST|[ECMP][SD]T|ET|PT|local time)';
const CLOCK = new RegExp(
  `\\b(\\d{1,2})(?:\\s?[:.]\\s?([0-5]\\d))?\\s?(?:([ap])\\.?\\s?m\\b\\.?(?:\\s?${TIME_ZONE}\\b)?|${TIME_ZONE}\\b)|\\b(noon|midday|midnight)\\b`,
  'gi',
);
/** A cheap test that the text can hold a time of day at all, so most claims skip the search. */
const NEEDS_TIME = /\d\s?[ap]\.?\s?m\b|\b(?:GMT|UTC|BST|CES?T|[ECMP][SD]?T|local time|noon|midday|midnight)\b/i;
const TIME_LEAD =
  /(?:^|[^A-Za-z])(just after|shortly after|soon after|right after|just past|shortly past|a little after|a few minutes after|just before|shortly before|a little before|a few minutes before|at about|at around|about|around|approximately|roughly|some time around|sometime around|after|past|later than|before|by|until|earlier than)\s+(?:at\s+)?$/i;

/** Finds times of day with their bounds (see TimeValue). */
export function extractTimes(text: string): TimeValue[] {
  const found: TimeValue[] = [];
  if (!NEEDS_TIME.test(text)) return found;
  CLOCK.lastIndex = 0;
  for (let m = CLOCK.exec(text); m; m = CLOCK.exec(text)) {
    let minutes: number;
    let precision: number;
    let zone: string | undefined;
    if (m[6]) {
      minutes = /noon|midday/i.test(m[6]) ? 720 : 0;
      precision = 5;
    } else {
      const hour = Number(m[1]);
      const minute = m[2] !== undefined ? Number(m[2]) : undefined;
      const half = m[3]?.toLowerCase();
      const zoneWord = m[4] ?? m[5];
      zone = zoneWord && !/local/i.test(zoneWord) ? zoneWord.toUpperCase() : undefined;
      // A time of day says so: a.m./p.m., or hours and minutes with a time zone or "local time".
      if (!half && !(minute !== undefined && zoneWord)) continue;
      if (half ? hour < 1 || hour > 12 : hour > 23) continue;
      // "am" without dots and minutes is not the verb: "3 am I" (a question) is not 3 a.m.
      if (half && minute === undefined && !/\./.test(m[0]) && /^\s+(?:I|not)\b/.test(text.slice(m.index + m[0].length))) continue;
      minutes = (half ? (hour % 12) + (half === 'p' ? 12 : 0) : hour) * 60 + (minute ?? 0);
      precision = minute === undefined ? 15 : 3;
    }
    const start = m.index;
    const end = m.index + m[0].length;
    const lead = TIME_LEAD.exec(text.slice(Math.max(0, start - 30), start));
    const word = lead?.[1]?.toLowerCase();
    let [low, high] = [minutes - precision, minutes + precision];
    if (word && /^(?:just|shortly|soon|right|a little|a few minutes) (?:after|past)$/.test(word)) [low, high] = [minutes, minutes + 20];
    else if (word && /^(?:just|shortly|a little|a few minutes) before$/.test(word)) [low, high] = [minutes - 20, minutes];
    else if (word && /about|around|approximately|roughly/.test(word)) [low, high] = [minutes - Math.max(10, precision), minutes + Math.max(10, precision)];
    else if (word && /^(?:after|past|later than)$/.test(word)) [low, high] = [minutes, Infinity];
    else if (word && /^(?:before|by|until|earlier than)$/.test(word)) [low, high] = [-Infinity, minutes];
    const from = lead ? start - lead[0].length + (/^[A-Za-z]/.test(lead[0]) ? 0 : 1) : start;
    const time: TimeValue = { start: from, end, text: text.slice(from, end).trim(), minutes, low, high };
    if (zone) time.zone = zone;
    found.push(time);
  }
  return found;
}

/** Whether two times of day can both be true: their intervals meet. Times in two different named zones are not compared. */
export function timesComparable(a: TimeValue, b: TimeValue): boolean {
  return a.zone === undefined || b.zone === undefined || a.zone === b.zone;
}

export function timesCompatible(a: TimeValue, b: TimeValue): boolean {
  if (!timesComparable(a, b)) return true;
  return a.low <= b.high && b.low <= a.high;
}

// ---------------------------------------------------------------------------------------------------------
// Ordinals

/**
 * An ordinal with the noun it ranks: "the 11th Doctor", "the sixth round", "an 11th-round stoppage". Two
 * ordinals are compared only for the same noun and the same holder (the caller decides whose it is); they agree
 * only when equal. "the 11th" of a month is a date, not an ordinal, and an ordinal with no noun after it ("moved
 * into 10th in MVC history") is not compared.
 */
export interface OrdinalValue {
  start: number;
  end: number;
  text: string;
  value: number;
  /** The ranked noun, lower-case: "doctor", "round". */
  noun: string;
}

const ORDINAL_WORDS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
};
const ORDINAL_WORD = Object.keys(ORDINAL_WORDS).join('|');
const ORDINAL = new RegExp(`\\b(?:(\\d{1,3})(st|nd|rd|th)|(${ORDINAL_WORD}))(?:\\s+|-)([A-Za-z][a-z]+)\\b`, 'gi');
/** A cheap test that the text can hold an ordinal at all. */
const HAS_ORDINAL = new RegExp(`\\d(?:st|nd|rd|th)\\b|${ORDINAL_WORD}`, 'i');
/** Words after an ordinal that are no noun it ranks: "the 11th of March", "the first to", "first introduced". */
const NOT_RANKED = new Set(['of', 'to', 'and', 'or', 'in', 'on', 'at', 'for', 'by', 'with', 'was', 'is', 'time', 'times', 'half', 'quarter', 'place']);

/** Finds ordinals with their nouns, leaving out the spans given (dates, whose "11th" is a day). */
export function extractOrdinals(text: string, besides: ReadonlyArray<{ start: number; end: number }> = []): OrdinalValue[] {
  const found: OrdinalValue[] = [];
  if (!HAS_ORDINAL.test(text)) return found;
  ORDINAL.lastIndex = 0;
  for (let m = ORDINAL.exec(text); m; m = ORDINAL.exec(text)) {
    const start = m.index;
    const end = m.index + m[0].length;
    if (besides.some((s) => s.start < end && start < s.end)) continue;
    const digits = m[1];
    const suffix = m[2]?.toLowerCase();
    // "1st", "2nd", "3rd", "4th": the suffix must fit the number, or it is no ordinal ("3th").
    if (digits && suffix !== ordinalSuffix(Number(digits))) continue;
    const noun = m[4]!.toLowerCase();
    if (NOT_RANKED.has(noun) || /(?:ed|ly)$/.test(noun)) continue;
    // A month after the noun-less ordinal ("the 11th March") is a date.
    if (monthNumber(m[4]!) > 0 && /^[A-Z]/.test(m[4]!)) continue;
    const value = digits ? Number(digits) : ORDINAL_WORDS[m[3]!.toLowerCase()]!;
    found.push({ start, end, text: m[0], value, noun: noun.replace(/s$/, '') });
  }
  return found;
}

function ordinalSuffix(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th';
  return n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
}
