// Conflict suggestions: claims about the same subject whose dates or amounts cannot both be true.
// Claims are paired through an inverted index over salient terms (never all pairs), then values are compared
// only when they measure the same thing in both claims: the same measure ("initial investment" with "initial
// deal", deaths with deaths, not a valuation with an investment or deaths with injuries), the same subject (the
// same named person for ages; claims naming different parties are not paired) and the same period (values
// given for January and for December are not compared). A figure the text itself supersedes ("from 157,000 to
// 133,000", "originally rated 4.4") and a conversion in brackets are not compared; a pair whose values of one
// measure agree anywhere is not a conflict about that measure.
import {
  amountsComparable,
  amountsCompatible,
  countsPeople,
  datesCompatible,
  extractAmountsBesides,
  clauseAround,
  extractDates,
  extractOrdinals,
  extractTimes,
  timesComparable,
  timesCompatible,
  type AmountValue,
  type DateValue,
  type OrdinalValue,
  type TimeValue,
} from './values';
import { CLAUSE_MARK, gapMarks, isAscii, isClauseBreak, isConjunction, NO_MARK } from './scanGuards';

export interface ConflictInput {
  /** The article's path or name, as the caller identifies it. */
  article: string;
  /** The claim's id within its article. */
  id: string;
  /** The claim's text (its quote). */
  text: string;
  /** The article's date (YYYY-MM-DD), which resolves "Thursday" and dates without a year. */
  articleDate?: string;
}

export interface ConflictSide {
  article: string;
  id: string;
  /** The value as the claim gives it, e.g. "$4 billion (March 27)". */
  value: string;
  /** The claim's whole text, for showing both sentences side by side. */
  text: string;
}

export interface ConflictSuggestion {
  /**
   * For remembering dismissals: made from the normalised text of both claims only (see conflictKey), so it is
   * independent of argument order, of where the articles are (no paths) and of edits elsewhere in them.
   */
  key: string;
  /** What both values measure, in words ("deaths", "age of Robert Buckley", "initial investment"). */
  measure: string;
  /** The period both values are for, when the claims name one ("December 2004"). */
  period?: string;
  a: ConflictSide;
  b: ConflictSide;
  kind: 'date' | 'amount' | 'number';
  explanation: string;
  /** Confidence 0..1 that the two claims speak of the same thing. */
  score: number;
}

export interface ConflictOptions {
  /** Suggestions scoring below this are dropped (default 0.3). */
  minScore?: number;
  /**
   * Also compare claims within one article (default true). Two figures in one article are an update or two
   * different things far more often than a conflict (on news clusters, half the suggestions were such pairs),
   * so within an article a pair is suggested only when both values share a specific word of their measure
   * ("initial" in "initial $4 billion deal" and "initial $1.25 billion investment"), not just the measure.
   */
  withinArticle?: boolean;
  /**
   * A term shared by more claims than this is too common to say two claims are about the same thing and is
   * not used to pair them (default: 2% of the claims, at least 100).
   */
  maxTermFrequency?: number;
}

const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers him his how i if in ' +
    'into is it its itself just me more most my no nor not now of off on once only or other our out over own same she should so ' +
    'some such than that the their them then there these they this those through to too under until up very was we were what when ' +
    'where which while who whom why will with would you your yet per via amid among within without according says said say told ' +
    'report reported reportedly reports new first one two three last next this year years month months week weeks day days ' +
    'billion million trillion thousand percent dollars dollar euros pounds cent cents may might could time times another ' +
    'january february march april june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow however additionally meanwhile'
  ).split(' '),
);

/** Titles before a name, which name no party of their own. */
const TITLES = new Set(
  'officer officers chief sgt sergeant lt lieutenant capt captain detective deputy sheriff trooper spokesman spokeswoman spokesperson dr mr mrs ms'.split(' '),
);

/** Month names that are also the stem of another word ("marched", "marches"). */
const MONTH_STEMS = new Set(['march', 'may']);

/** Words that name the same kind of quantity; values are compared only within a kind. */
const MEASURE_WORDS: Record<string, string> = {
  invest: 'investment',
  investor: 'investment',
  deal: 'investment',
  fund: 'investment',
  funding: 'investment',
  stake: 'investment',
  commit: 'investment',
  financ: 'investment',
  backing: 'investment',
  round: 'investment',
  raise: 'investment',
  rais: 'investment',
  // Not "worth" or "valued": they join a thing to its value ("a deal worth $80 million", "diamonds valued at").
  valuation: 'valuation',
  capitalization: 'valuation',
  revenue: 'revenue',
  sale: 'revenue',
  turnover: 'revenue',
  income: 'income',
  profit: 'profit',
  earning: 'profit',
  loss: 'loss',
  deficit: 'deficit',
  debt: 'debt',
  budget: 'budget',
  spending: 'spending',
  spend: 'spending',
  cost: 'cost',
  price: 'price',
  salary: 'salary',
  pay: 'salary',
  wage: 'salary',
  fine: 'fine',
  penalty: 'fine',
  tax: 'tax',
  acquisition: 'acquisition',
  acquir: 'acquisition',
  buy: 'acquisition',
  purchase: 'acquisition',
  merger: 'acquisition',
  employee: 'staff',
  worker: 'staff',
  staff: 'staff',
  job: 'jobs',
  user: 'users',
  customer: 'customers',
  launch: 'launch',
  releas: 'launch',
  announc: 'announcement',
  found: 'founding',
  elect: 'election',
  vote: 'election',
  kill: 'deaths',
  dead: 'deaths',
  died: 'deaths',
  die: 'deaths',
  death: 'deaths',
  toll: 'deaths',
  fatalit: 'deaths',
  injur: 'injuries',
  wound: 'injuries',
  hurt: 'injuries',
  casualt: 'casualties',
  unemploy: 'unemployment',
  jobless: 'unemployment',
  inflation: 'inflation',
  growth: 'growth',
  gdp: 'growth',
};

/** Different words for one subject, which pair claims the way a shared word does. */
const SYNONYM_WORDS: Record<string, string> = {
  quake: '~quake',
  earthquake: '~quake',
  temblor: '~quake',
  tremor: '~quake',
  magnitude: '~quake',
  richter: '~quake',
  fall: '~fall',
  fell: '~fall',
  plunge: '~fall',
  slipp: '~fall',
  shot: '~shoot',
  shoot: '~shoot',
  gunman: '~shoot',
  gunfire: '~shoot',
};

// Maps, not the objects themselves: a plain object answers "constructor" or "toString" from its prototype, and
// string-keyed look-ups in a Map are faster per token.
const MEASURES = new Map(Object.entries(MEASURE_WORDS));
const TERM_SYNONYMS = new Map(Object.entries(SYNONYM_WORDS));

const PEOPLE_MEASURES = new Set(['deaths', 'injuries', 'casualties', 'staff', 'jobs', 'users', 'customers']);
const RATE_MEASURES = new Set(['unemployment', 'inflation', 'growth']);

/** Whether a measure can be what an amount of this kind gives: deaths are counts, an investment is money. */
function measureFits(measure: string, amount: AmountValue): boolean {
  if (amount.kind === 'age' || amount.kind === 'magnitude' || amount.kind === 'length' || amount.kind === 'record') return false;
  if (PEOPLE_MEASURES.has(measure)) return amount.kind === 'count';
  if (RATE_MEASURES.has(measure)) return amount.kind === 'percent' || amount.kind === 'count';
  return amount.kind === 'money' || amount.kind === 'percent' || amount.kind === 'count';
}

/** How a measure reads in an explanation. */
const MEASURE_NAMES: Record<string, string> = {
  deaths: 'people killed',
  injuries: 'people injured',
  jobs: 'jobs',
  staff: 'staff',
  unemployment: 'unemployment rate',
};

/** Stems by word: news copy repeats its words, and stemming is string work per token. */
const stemCache = new Map<string, string>();

function stem(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const stemmed = stemWord(word);
  if (stemCache.size > 100_000) stemCache.clear();
  stemCache.set(word, stemmed);
  return stemmed;
}

function stemWord(word: string): string {
  let w = word
    .toLowerCase()
    .replace(/[’']s$/, '')
    .replace(/[’']/g, '');
  if (w.length > 5 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 6 && w.endsWith('ments')) w = w.slice(0, -5);
  else if (w.length > 6 && w.endsWith('ment')) w = w.slice(0, -4);
  else if (w.length > 5 && w.endsWith('ings')) w = w.slice(0, -4);
  else if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 4 && w.endsWith('es') && !w.endsWith('ses')) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  return w;
}

interface Token {
  start: number;
  end: number;
  stem: string;
  entity: boolean;
  salient: boolean;
}

const TOKEN = /[A-Za-z][A-Za-z’'&-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*\d|\d/g;

/** Whether the gap between two tokens ends a sentence: a terminal mark, then only spaces and quotes. */
function endsSentence(text: string, from: number, to: number): boolean {
  for (let i = to - 1; i >= from; i--) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 33 || c === 63 || c === 58) return true;
    if (c !== 32 && c !== 34 && c !== 0x201c && c !== 10 && c !== 9) return false;
  }
  return false;
}

/** What a token's word says on its own, whatever its place in the sentence. */
interface WordInfo {
  isNumber: boolean;
  capital: boolean;
  allCaps: boolean;
  /** A stop word, or a word whose stem is one. */
  stop: boolean;
  /** Its stem as a content word. */
  stem: string;
  /** Its lower-case form without a possessive "'s", as a name. */
  name: string;
}

/**
 * Word facts by token text: news copy repeats its words, and lower-casing, stop-word and stem look-ups per
 * token were a tenth of reading a claim.
 */
const wordCache = new Map<string, WordInfo>();

function wordInfo(raw: string): WordInfo {
  const cached = wordCache.get(raw);
  if (cached !== undefined) return cached;
  const first = raw.charCodeAt(0);
  const isNumber = first >= 48 && first <= 57;
  const capital = first >= 65 && first <= 90;
  const allCaps = capital && raw.length > 1 && raw === raw.toUpperCase();
  const lower = isNumber ? raw : raw.toLowerCase();
  // Stop words are neither salient nor names, so their stem is never looked at.
  const stopWord = !isNumber && STOPWORDS.has(lower);
  const s = isNumber || stopWord ? lower : stem(lower);
  // A stem that is a stop word ("years" -> "year") is one too, but not a verb that stems to a month
  // ("marched" -> "march": what 20,000 people did).
  const stop = stopWord || (!isNumber && STOPWORDS.has(s) && !(s !== lower && MONTH_STEMS.has(s)));
  const info: WordInfo = { isNumber, capital, allCaps, stop, stem: s, name: lower.replace(/[’']s$/, '') };
  if (wordCache.size > 100_000) wordCache.clear();
  wordCache.set(raw, info);
  return info;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let sentenceStart = true;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const raw = m[0];
    const start = m.index;
    if (tokens.length === 0 || endsSentence(text, tokens[tokens.length - 1]!.end, start)) sentenceStart = true;
    const word = wordInfo(raw);
    const entity = !word.isNumber && !word.stop && (word.allCaps || (word.capital && !sentenceStart));
    tokens.push({ start, end: start + raw.length, stem: entity ? word.name : word.stem, entity, salient: !word.isNumber && !word.stop && raw.length > 2 });
    sentenceStart = false;
  }
  return tokens;
}

interface ValueRef {
  type: 'date' | 'amount' | 'time' | 'ordinal';
  date?: DateValue;
  amount?: AmountValue;
  /** A time of day ("just after 2:30 a.m."): the time of the claim's event, compared only with another time. */
  time?: TimeValue;
  /** An ordinal with its noun ("the 11th Doctor"), compared only for the same noun and the same holder. */
  ordinal?: OrdinalValue;
  /** Whose ordinal it is: the name it is said of ("Matt Smith, the 12th Doctor"), lower-case. */
  holder?: string;
  text: string;
  /** Content words around the value (stemmed), which say what the value is of. */
  role: Set<string>;
  /** The kinds of quantity named around the value (MEASURES). */
  measures: Set<string>;
  /** For an age, the name next to it ("Buckley" in "Robert Buckley, 32"), lower-case. */
  person?: string;
  /** For a conversion in brackets, the value it restates. */
  restates?: ValueRef;
  /** A figure of three or more significant digits ("184", "1.25"), which is unlikely to match by chance. */
  specific?: boolean;
  /** For the year something began ("since 1987"), the names in its clause: what began ("bayou", "clinic"). */
  subject?: Set<string>;
}

interface Prepared {
  input: ConflictInput;
  index: number;
  terms: Map<string, number>;
  entities: Set<string>;
  /**
   * Every prefix of four letters or more of its names, so "Iran" is found in "Iranian" without a scan; made
   * when first needed, and only for claims with many names (see namedIn).
   */
  entityPrefixes?: Set<string>;
  /** Its names' stems, looked up in other claims' terms. */
  entityStems: Map<string, string>;
  values: ValueRef[];
  /** Dates of month or year precision that say which period the claim's figures are for. */
  periods: DateValue[];
  /**
   * Its text as dismissal keys see it (normaliseClaimText), once needed; in an object shared by the claims
   * with the same text, so wire copy repeated across articles is normalised once.
   */
  sameText: { normalised?: string };
  /** All its dates, for events whose day tells them apart. */
  days: DateValue[];
  /** The article's date as a day number, to allow for ages given years apart. */
  articleDay?: number;
}

/**
 * Values compared per claim. A claim is a sentence or two; text with thousands of figures in one "claim" (a
 * whole article on one line, a table) made every pair of its values with every value of its partner a
 * comparison, quadratic in its length (200 KB: minutes). The first ones are what a reader sees.
 */
const MAX_VALUES_PER_CLAIM = 48;

/** After a count: "… and tens of thousands more", "… and dozens more": the count is part of a larger whole. */
const PART_OF_MORE = /^[^.;:]*?\band\s+(?:[a-z]+\s+){0,3}more\b(?!\s+than)/i;

/** Salient words taken on each side of a value. */
const ROLE_WINDOW = 4;
/**
 * Share of the smaller claim's (idf-weighted) terms two claims must share to be compared at all. 0.2 missed
 * near-paraphrases in news copy whose other words differ; 0.12 was chosen on the development cases, where the
 * measure, subject and period checks then do the separating.
 */
const MIN_OVERLAP = 0.12;
/** Tokens looked at on each side, salient or not, so the search stays local. */
const ROLE_REACH = 9;

/** Looked-up measures by stem: the prefix search below runs once per distinct word, not once per token. */
const measureCache = new Map<string, string | null>();

function measureOf(stemmed: string): string | undefined {
  const cached = measureCache.get(stemmed);
  if (cached !== undefined) return cached ?? undefined;
  let found: string | undefined = MEASURES.get(stemmed);
  for (let cut = stemmed.length - 1; !found && cut >= 4; cut--) found = MEASURES.get(stemmed.slice(0, cut));
  if (measureCache.size > 50_000) measureCache.clear();
  measureCache.set(stemmed, found ?? null);
  return found;
}

/** The first token ending after `offset` (binary search: a linear scan per value was quadratic on long text). */
function tokenAfter(tokens: readonly Token[], offset: number): number {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (tokens[mid]!.end > offset) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** Role words: content tokens near the value, not crossing a clause boundary or a conjunction. */
function roleAround(text: string, tokens: Token[], start: number, end: number): { role: Set<string>; measures: Set<string> } {
  const role = new Set<string>();
  const measures = new Set<string>();
  const first = tokenAfter(tokens, start);
  let last = first;
  while (last < tokens.length && tokens[last]!.start < end) last++;
  /** Whether a side has met its measure word: the nearest one says what the value is ("a valuation of $40 billion, funding"). */
  let measured = false;
  // Inside the value's own span ("24 people dead" is one value; "jobs" in "157,000 new jobs").
  for (let i = first; i < last; i++) if (takeRoleWord(tokens[i]!, role, measures, measured) === MEASURED) measured = true;
  let taken = 0;
  measured = false;
  for (let i = first - 1, n = 0; i >= 0 && n < ROLE_REACH && taken < ROLE_WINDOW; i--, n++) {
    const gapEnd = i + 1 < tokens.length ? Math.min(tokens[i + 1]!.start, start) : start;
    if (isClauseBreak(text, tokens[i]!.end, gapEnd) || isConjunction(text, tokens[i]!.start, tokens[i]!.end)) break;
    const took = takeRoleWord(tokens[i]!, role, measures, measured);
    if (took === MEASURED) measured = true;
    if (took !== NOT_TAKEN) taken++;
  }
  taken = 0;
  measured = false;
  for (let i = last, n = 0; i < tokens.length && n < ROLE_REACH && taken < ROLE_WINDOW; i++, n++) {
    const marks = gapMarks(text, i > last ? tokens[i - 1]!.end : end, tokens[i]!.start);
    if (marks !== NO_MARK && (i > last || marks === CLAUSE_MARK)) break;
    if (isConjunction(text, tokens[i]!.start, tokens[i]!.end)) break;
    const took = takeRoleWord(tokens[i]!, role, measures, measured);
    if (took === MEASURED) measured = true;
    if (took !== NOT_TAKEN) taken++;
  }
  return { role, measures };
}

const NOT_TAKEN = 0;
const TAKEN = 1;
const MEASURED = 2;

/**
 * Takes a token as a role word of a value, unless it is no content word or a second measure word on its side
 * (`measured`). A function of its own, not a closure per value: this runs for every value of every claim.
 */
function takeRoleWord(token: Token, role: Set<string>, measures: Set<string>, measured: boolean): typeof NOT_TAKEN | typeof TAKEN | typeof MEASURED {
  if (!token.salient || token.entity) return NOT_TAKEN;
  const measure = measureOf(token.stem);
  if (measure && measured) return NOT_TAKEN;
  // "fell about 200m" and "falling about 60m" say the same of their values.
  role.add(TERM_SYNONYMS.get(token.stem) ?? token.stem);
  if (!measure) return TAKEN;
  measures.add(measure);
  return MEASURED;
}

/** The name an age or record belongs to: the word just before "Name, 32" or "Name (52-3", or just after "32-year-old Name". */
function personOf(text: string, amount: AmountValue): string | undefined {
  const before = /([A-Z][A-Za-z'’-]+)(?:\)?,\s?|\s\(\s?)$/.exec(text.slice(Math.max(0, amount.start - 40), amount.start));
  if (before) return before[1]!.toLowerCase();
  const after = /^\s+((?:[A-Z][A-Za-z'’-]+\s+)*[A-Z][A-Za-z'’-]+)/.exec(text.slice(amount.end, amount.end + 60));
  if (after) return after[1]!.split(/\s+/).pop()!.toLowerCase();
  return undefined;
}

/** Day numbers by article date: a workspace has far fewer dates than claims. */
const dayNumbers = new Map<string, number | undefined>();

function dayNumberOf(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  if (dayNumbers.has(iso)) return dayNumbers.get(iso);
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  const day = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86400000 : undefined;
  if (dayNumbers.size > 10_000) dayNumbers.clear();
  dayNumbers.set(iso, day);
  return day;
}

function prepare(input: ConflictInput, index: number): Prepared {
  const { text } = input;
  const tokens = tokenize(text);
  const terms = new Map<string, number>();
  const entities = new Set<string>();
  for (const token of tokens) {
    if (!token.salient) continue;
    // A title ("Officer Brian Pennings", "Police Chief Jim Williams") is not a party: two reports quoting
    // officers about two arrests share the title, not the subject.
    if (token.entity && !TITLES.has(token.stem)) entities.add(token.stem);
    terms.set(token.stem, Math.max(terms.get(token.stem) ?? 0, token.entity ? 2 : 1));
    // "investment" and "deal" are different words for the same subject.
    const measure = token.entity ? undefined : measureOf(token.stem);
    if (measure) terms.set(`=${measure}`, 1);
    const synonym = TERM_SYNONYMS.get(token.stem);
    if (synonym) terms.set(synonym, 1);
  }
  const values: ValueRef[] = [];
  const dates = extractDates(text, { articleDate: input.articleDate });
  for (const date of dates.slice(0, MAX_VALUES_PER_CLAIM)) {
    if (isReportedPeriod(text, date)) continue;
    const { role, measures } = roleAround(text, tokens, date.start, date.end);
    const ref: ValueRef = { type: 'date', date, text: date.text, role, measures };
    if (date.begins) {
      ref.subject = namesIn(clauseAround(text, date.start, date.end));
      // Like a time of day, a start year is a kind of fact two short claims share beside their names.
      terms.set('@begins', 1);
    }
    values.push(ref);
  }
  const times = extractTimes(text).slice(0, MAX_VALUES_PER_CLAIM);
  for (const time of times) {
    const { role, measures } = roleAround(text, tokens, time.start, time.end);
    values.push({ type: 'time', time, text: time.text, role, measures });
    // Two reports of one event rarely share many words around its time ("was going west in his Bentley about
    // 1:30 a.m." and "was driving his Bentley at about 1:00 am"): giving a time of day counts as one shared term,
    // as counting the same noun does; the parties and the day still decide.
    terms.set('@time', 1);
  }
  const datesAndTimes = times.length === 0 ? dates : [...dates, ...times];
  for (const ordinal of extractOrdinals(text, datesAndTimes).slice(0, MAX_VALUES_PER_CLAIM)) {
    const { role, measures } = roleAround(text, tokens, ordinal.start, ordinal.end);
    values.push({ type: 'ordinal', ordinal, text: ordinal.text, role, measures, holder: holderOf(text, ordinal.start) });
  }
  for (const amount of extractAmountsBesides(text, datesAndTimes).slice(0, MAX_VALUES_PER_CLAIM)) {
    // A figure the text replaces, someone's expectation, and a conversion in brackets are not what the claim asserts.
    if (amount.superseded || amount.expected) continue;
    const { role, measures } = roleAround(text, tokens, amount.start, amount.end);
    if (amount.measure) {
      measures.clear();
      measures.add(amount.measure);
    } else if (amount.kind === 'count' && amount.unit && !countsPeople(amount.unit)) {
      // The noun a number counts says what it measures ("missed nine games … because of the injury" counts
      // games, not injuries): a measure word nearby names another figure. Only a counted noun that is itself a
      // measure ("157,000 jobs", "2,000 employees") keeps one.
      const counted = measureOf(stem(amount.unit.split(' ').pop()!));
      measures.clear();
      if (counted) measures.add(counted);
    }
    // A length's unit says nothing about what it measures ("13 miles east of" and "23 miles north of").
    if (amount.kind === 'length') for (const word of [...role]) if (/^(?:met(?:re|er)|kilomet|mile|feet|foot|ft$|km$|m$)/.test(word)) role.delete(word);
    // Deaths and injuries are counted in people: "dead after falling about 150 metres" is a length of a fall.
    for (const m of [...measures]) if (!measureFits(m, amount)) measures.delete(m);
    const ref: ValueRef = { type: 'amount', amount, text: amount.text, role, measures, specific: significantDigits(amount.text) >= 3 };
    // A conversion in brackets restates the value before it in another unit or currency ("85 million euros
    // ($108 million)"): it takes that value's words and is compared only where the value itself cannot be.
    const restated = amount.conversion ? values[values.length - 1] : undefined;
    if (restated?.type === 'amount') {
      ref.restates = restated;
      for (const word of restated.role) role.add(word);
      for (const m of restated.measures) if (measureFits(m, amount)) measures.add(m);
    }
    if (amount.kind === 'age' || amount.kind === 'record') {
      ref.person = personOf(text, amount);
      // A figure of a named person ("Bowe, 43-1" and "Bowe (45-1, 33 KOs) had been training") ties two short
      // claims that share little else: the name counts once more, for that kind of figure.
      if (ref.person) terms.set(`@${amount.kind}:${ref.person}`, 2);
    }
    // "killed 170,000 people in the province and tens of thousands more in countries around": the text itself
    // says the figure is a part, so the whole is at least that much.
    if (amount.kind === 'count' && amount.bound === 'exact' && PART_OF_MORE.test(text.slice(amount.end, amount.end + 80))) {
      ref.amount = { ...amount, bound: 'min' };
    }
    // Counted words name the measure too ("two undersea cables", "13 countries").
    if (amount.kind === 'count' && amount.unit && !amount.measure) for (const word of amount.unit.split(' ')) role.add(stem(word));
    values.push(ref);
    if (amount.kind === 'count' && amount.unit) terms.set(`#${stem(amount.unit.split(' ').pop()!)}`, 1);
  }
  const periods = dates.filter((d) => (d.precision === 'month' || d.precision === 'year') && d.resolved && d.from !== undefined);
  const entityStems = new Map<string, string>();
  for (const name of entities) entityStems.set(name, stem(name));
  return {
    input,
    index,
    terms,
    entities,
    entityStems,
    values,
    periods,
    days: dates.filter((d) => d.precision === 'day'),
    sameText: {},
    articleDay: dayNumberOf(input.articleDate),
  };
}

/**
 * "created fewer jobs than expected in January", "grew faster than forecast in 2004": a month or a year after
 * a figure set against an expectation is the period the figure is reported for. Another report for December is
 * another month's figure, not another date for one event (the BBC jobs articles of issue 14 were paired on
 * "January" vs "December"). It still says which period the claim's figures are for (`periods`).
 */
const REPORTED_PERIOD_BEFORE =
  /\bthan\s+(?:had\s+been\s+|was\s+|were\s+|(?:many|most|analysts|economists|markets?)\s+(?:had\s+)?)?(?:expected|forecast|predicted|anticipated|estimated|hoped)\b[^.;:]{0,12}$/i;

function isReportedPeriod(text: string, date: DateValue): boolean {
  return (date.precision === 'month' || date.precision === 'year') && REPORTED_PERIOD_BEFORE.test(text.slice(Math.max(0, date.start - 80), date.start));
}

/**
 * The names of a clause: runs of capitalised words ("Bayou La Batre Rural Health Clinic", "Smith" opening a
 * sentence too), lower-case, without leading stop words and titles ("The", "In", "Dr.").
 */
function namesIn(clause: string): Set<string> {
  const names = new Set<string>();
  for (const m of clause.matchAll(/[A-Z][A-Za-z’'-]*(?:\.?\s[A-Z][A-Za-z’'-]*)*/g)) {
    const words = m[0]
      .toLowerCase()
      .replace(/[’']s\b/g, '')
      .split(/\.?\s/);
    while (words.length > 0 && (STOPWORDS.has(words[0]!) || TITLES.has(words[0]!.replace(/\.$/, '')))) words.shift();
    if (words.length > 0) names.add(words.join(' '));
  }
  return names;
}

/**
 * Whose an ordinal is: the name just before it in apposition ("Matt Smith, the 12th Doctor"), else, for a rank
 * said of someone ("as the 11th Doctor"), the first name of its sentence ("When Matt Smith stepped into … as
 * the 11th Doctor"); undefined otherwise.
 */
function holderOf(text: string, start: number): string | undefined {
  const before = text.slice(Math.max(0, start - 200), start);
  const appositive = /((?:[A-Z][A-Za-z’'-]*\s)*[A-Z][A-Za-z’'-]*)\s?[,(]\s*(?:the|its|his|her|their)?\s*$/.exec(before);
  if (appositive) {
    const [name] = namesIn(appositive[1]!);
    if (name) return name;
  }
  // Otherwise only a rank said of someone ("as the 11th Doctor", "will be the 12th actor"): in "his first
  // interview" and "his second interview" the ranks tell two interviews apart, they do not disagree.
  if (!/\b(?:as|is|was|be|been|became|becomes|become|are|were)\s+(?:the|an?)\s+$/i.test(before)) return undefined;
  const sentenceStart = before.search(/[.!?]\s+[A-Z][^.!?]*$/);
  const [first] = namesIn(sentenceStart < 0 ? before : before.slice(sentenceStart + 1));
  return first;
}

function titleCase(name: string): string {
  return name.replace(/\b[a-z]/g, (c) => c.toUpperCase());
}

/** One name for the same thing: the same name, or a surname alone against the full name ("Smith", "Matt Smith"). */
function sameName(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return !short.includes(' ') && long.endsWith(` ${short}`);
}

/** Same role: the same kind of quantity when both name one, otherwise a shared content word nearby. */
function sameRole(x: ValueRef, y: ValueRef): number {
  // An ordinal ranks its holder: "Matt Smith, the 12th Doctor" and "Matt Smith … as the 11th Doctor" are one
  // holder; "the 11th Doctor, replacing David Tennant" says nothing of whom, and is not compared.
  if (x.type === 'ordinal') return x.holder !== undefined && y.holder !== undefined && sameName(x.holder, y.holder) ? 2 : 0;
  // Two years something began ("founded in 1990", "a staple since 1987") are of one thing when the names in
  // their clauses meet ("Bayou La Batre Rural Health Clinic"); a start year is not compared by other words.
  if (x.subject && y.subject) {
    for (const name of x.subject) for (const other of y.subject) if (sameName(name, other)) return 2;
    return 0;
  }
  // A time of day dates the claim's event (the arrest, the quake): the pairing, the parties and the day say
  // whether the two claims tell of one event; shared words around the times make it surer.
  if (x.type === 'time') return 1 + specificSharedWords(x, y);
  if (x.amount?.kind === 'magnitude') return 2;
  // A win-loss record is a person's or a team's: the name before it says whose ("Bowe, 43-1" and "Bowe (45-1").
  if (x.amount?.kind === 'record') return x.person !== undefined && x.person === y.person ? 2 : 0;
  if (x.amount?.kind === 'age') {
    // An age is of a person: two named people are two subjects; without a name on both sides, the words
    // around the ages must say they are of the same person ("arrested a 60-year-old" and "61-year-old …
    // was arrested"), beyond "died", which every obituary says.
    if (x.person && y.person) return x.person === y.person ? 2 : 0;
    for (const word of x.role) if (y.role.has(word) && !measureOf(word) && !GENERIC_WORDS.has(word)) return 1;
    return 0;
  }
  let shared = 0;
  for (const word of x.role) if (y.role.has(word)) shared++;
  if (x.measures.size > 0 && y.measures.size > 0) {
    let sharedMeasure = false;
    for (const m of x.measures) if (y.measures.has(m)) sharedMeasure = true;
    if (!sharedMeasure) return 0;
    return shared + 1;
  }
  // One side names its measure and the other does not ("a five-year, $80 million contract" and "an $82 million
  // deal", "$137-million of diamonds" and "diamonds valued at …"): the words they share around the values
  // must then say what both are of, beyond the measure and general words.
  if (x.measures.size > 0 || y.measures.size > 0) return specificSharedWords(x, y);
  // With no measure on either side, general words ("year-old" of an age nearby, "people", "said") say nothing
  // about what the two values are of ("trial set for June 17 for a 26-year-old" and "deliberated Thursday before
  // convicting the 27-year-old").
  return specificSharedWords(x, y);
}

interface Clash {
  x: ValueRef;
  y: ValueRef;
  kind: ConflictSuggestion['kind'];
  role: number;
}

/**
 * Whether two values are the same and specific enough that a coincidence is unlikely: a date with its day and
 * year, or a figure of three or more significant digits ("184", "1.25", "612"; not "80" or "1,400").
 */
function identicalSpecific(x: ValueRef, y: ValueRef): boolean {
  if (x.type === 'date' && y.type === 'date') {
    return x.date!.precision === 'day' && x.date!.year !== undefined && x.date!.value !== undefined && x.date!.value === y.date!.value;
  }
  const [a, b] = [x.amount, y.amount];
  if (!a || !b || a.value !== b.value || a.upper !== b.upper || !amountsComparable(a, b)) return false;
  return x.specific === true;
}

function significantDigits(text: string): number {
  // The first number in the text: its digits without separators, leading zeros and (for a whole number)
  // trailing zeros. A character scan: this runs for every amount of every claim.
  let count = 0;
  let zeros = 0;
  let started = false;
  let fraction = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (c === 48 && !started) continue;
      started = true;
      count++;
      zeros = c === 48 ? zeros + 1 : 0;
    } else if (c === 46 && started && !fraction && text.charCodeAt(i + 1) >= 48 && text.charCodeAt(i + 1) <= 57) fraction = true;
    else if (c === 44 || c === 32) {
      if (started && !(text.charCodeAt(i + 1) >= 48 && text.charCodeAt(i + 1) <= 57) && !(c === 44 && text.charCodeAt(i + 1) === 32)) break;
    } else if (started) break;
  }
  return fraction ? count : count - zeros;
}

/** Whether a date is the article's own day ("today", or the dateline's date). */
function onArticleDay(value: ValueRef, claim: Prepared): boolean {
  return value.date?.precision === 'day' && value.date.value !== undefined && value.date.value === claim.input.articleDate;
}

/** Deaths and injuries, which are counted per event: two days are two events. (A mother's children are not.) */
function isCasualty(value: ValueRef): boolean {
  const measure = value.amount?.measure;
  return measure === 'deaths' || measure === 'injuries';
}

/** Years between the two articles, rounded: ages given that far apart may differ by that much. */
function yearsApart(p: Prepared, q: Prepared): number {
  if (p.articleDay === undefined || q.articleDay === undefined) return 0;
  return Math.round(Math.abs(p.articleDay - q.articleDay) / 365.25);
}

function compatible(x: ValueRef, y: ValueRef, p: Prepared, q: Prepared): boolean {
  if (x.type === 'date') return datesCompatible(x.date!, y.date!);
  if (x.type === 'time') return timesCompatible(x.time!, y.time!);
  if (x.type === 'ordinal') return x.ordinal!.value === y.ordinal!.value;
  const a = x.amount!;
  const b = y.amount!;
  if (a.kind === 'age' && b.kind === 'age') return Math.abs(a.value - b.value) <= yearsApart(p, q);
  return amountsCompatible(a, b);
}

/**
 * Two reports of one figure differ by less than an order of magnitude; figures further apart are a part and a
 * whole ("20 points" in a game, "2,282 points" in a career) or two different things, not a disagreement. (Ten,
 * a round order of magnitude, was not tuned: the development and tuning conflicts differ by at most a factor 5.)
 */
const MAX_CONFLICT_RATIO = 10;

function comparable(x: ValueRef, y: ValueRef): boolean {
  if (x.type !== y.type) return false;
  if (x.type === 'date') return true;
  if (x.type === 'time') return timesComparable(x.time!, y.time!);
  if (x.type === 'ordinal') return x.ordinal!.noun === y.ordinal!.noun;
  const [a, b] = [x.amount!, y.amount!];
  if (!amountsComparable(a, b)) return false;
  if ((a.kind === 'count' || a.kind === 'money') && a.value > 0 && b.value > 0) {
    const [low, high] = a.value < b.value ? [a.upper ?? a.value, b.value] : [b.upper ?? b.value, a.value];
    if (high / low > MAX_CONFLICT_RATIO) return false;
  }
  return true;
}

/**
 * Whether the claims give their figures for different periods ("in January" and "in December"). For deaths and
 * injuries the day counts too: a quake "on Sunday" and one "on Tuesday" are two events. (A deal's figure with
 * two different days is the seed's conflict: the day is part of what disagrees.)
 */
function differentPeriods(p: Prepared, q: Prepared, byDay: boolean): boolean {
  const [ours, theirs] = byDay ? [p.days, q.days] : [p.periods, q.periods];
  if (ours.length === 0 || theirs.length === 0) return false;
  // Loops, not nested some(): this runs twice for every pair compared.
  for (const a of ours) for (const b of theirs) if (datesCompatible(a, b)) return false;
  return true;
}

function clashes(p: Prepared, q: Prepared): { found: Clash[]; dates: Clash[] } {
  const found: Clash[] = [];
  /** Values backed on the other side; made at the first agreement (most pairs compared have none). */
  let agreeing: Set<ValueRef> | undefined;
  // Whether the claims' periods and days differ, worked out when first asked (most pairs never ask).
  let periodsDiffer: boolean | undefined;
  let daysDiffer: boolean | undefined;
  /** Whether the pair gives figures of one measure, whatever their periods. */
  let figuresCompared = false;
  for (const x of p.values) {
    for (const y of q.values) {
      if (!comparable(x, y)) continue;
      // A conversion stands in for the value it restates only where that value has nothing to compare with.
      if ((x.restates && comparable(x.restates, y)) || (y.restates && comparable(x, y.restates))) continue;
      // The same specific figure or full date on both sides ("$184 million", "March 11, 2005") is the same fact,
      // whatever words surround it, so it is backed there even when its role words differ.
      if (identicalSpecific(x, y)) {
        agreeing = agree(agreeing, x, y);
        continue;
      }
      const role = sameRole(x, y);
      if (role === 0) continue;
      if (x.type === 'amount') figuresCompared = true;
      // "today" in an article of 14 October and "today" in one of 20 October: each dates the news of its own
      // day, two different events, not two dates for one.
      if (x.type === 'date' && onArticleDay(x, p) && onArticleDay(y, q)) continue;
      // Times of day on two different days are times of two events.
      if (x.type === 'time' && (daysDiffer ??= differentPeriods(p, q, true))) continue;
      if (compatible(x, y, p, q)) {
        agreeing = agree(agreeing, x, y);
        continue;
      }
      // Figures for different periods are different facts; a date clash is still a clash of dates.
      if (x.type === 'amount') {
        periodsDiffer ??= differentPeriods(p, q, false);
        if (periodsDiffer) continue;
        if (isCasualty(x) && isCasualty(y) && (daysDiffer ??= differentPeriods(p, q, true))) continue;
      }
      const kind: ConflictSuggestion['kind'] =
        x.type === 'ordinal' ? 'number' : x.type !== 'amount' ? 'date' : x.amount!.kind === 'money' || y.amount!.kind === 'money' ? 'amount' : 'number';
      found.push({ x, y, kind, role });
    }
  }
  // Two months or years that differ are the periods of figures that are compared on their own ("146,000 jobs
  // in January", "157,000 last month"), not a conflict, unless the claims give no comparable figure: then they
  // date one event ("invested in September 2023" vs "in March 2024"). Two different days always clash.
  const dateClashes = found.filter((c) => c.kind === 'date');
  for (let i = found.length - 1; i >= 0; i--) {
    const c = found[i]!;
    if (c.x.type === 'date' && figuresCompared && !(c.x.date!.precision === 'day' && c.y.date!.precision === 'day')) found.splice(i, 1);
  }
  // A value that agrees with a value of the same measure on the other side is backed there: a second figure
  // beside it (a background toll, a conversion, another reading) is not the pair's conflict. Dates that clash
  // are kept aside to show beside an amount that clashes ("$4 billion (March 27)" vs "$1.25 billion
  // (September 2023)"), even when another date of the pair agrees.
  const backed = agreeing;
  return { found: backed ? found.filter((c) => !backed.has(c.x) && !backed.has(c.y)) : found, dates: dateClashes };
}

/** Marks two agreeing values, and the values they restate, as backed. */
function agree(agreeing: Set<ValueRef> | undefined, x: ValueRef, y: ValueRef): Set<ValueRef> {
  const set = agreeing ?? new Set<ValueRef>();
  set.add(x).add(y);
  if (x.restates) set.add(x.restates);
  if (y.restates) set.add(y.restates);
  return set;
}

/** Role words both values share that are neither the measure itself nor too general ("initial"). */
function specificSharedWords(x: ValueRef, y: ValueRef): number {
  let count = 0;
  for (const word of x.role) if (y.role.has(word) && !measureOf(word) && !GENERIC_WORDS.has(word)) count++;
  return count;
}

/** A value as a suggestion shows it: "$4 billion (March 27)", "133,000 (revised from 157,000)". */
function describe(value: ValueRef, partner: ValueRef | undefined): string {
  const text = value.amount?.replaces !== undefined ? `${value.text} (revised from ${value.amount.replaces})` : value.text;
  return partner ? `${text} (${partner.text})` : text;
}

const KIND_ORDER: Record<ConflictSuggestion['kind'], number> = { amount: 0, number: 1, date: 2 };

/**
 * Suggests conflicts between claims: pairs about the same subject whose values of the same role cannot both
 * be true. At most one suggestion per pair of claims, best first.
 */
const KIND_BITS: Record<AmountValue['kind'], number> = { money: 2, percent: 4, count: 8, age: 16, magnitude: 32, length: 64, record: 128 };

export function findConflicts(claims: ConflictInput[], options: ConflictOptions = {}): ConflictSuggestion[] {
  const preparedByText = new Map<string, Map<string, Prepared>>();
  const minScore = options.minScore ?? 0.3;
  const withinArticle = options.withinArticle ?? true;
  const prepared: Prepared[] = [];
  claims.forEach((claim, index) => {
    if (
      !/\d/.test(claim.text) &&
      !/\d|day\b|week\b|month\b|year\b|January|February|March|April|May|June|July|August|September|October|November|December|\b(?:[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven|[Tt]welve|[Tt]wenty|dozens?|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|noon|midday|midnight)\b/.test(
        claim.text,
      )
    ) {
      return;
    }
    // Wire copy repeats sentences word for word across articles: each distinct text (and date) is read once.
    // By date, then by text: a joined key was a new string to hash for every claim.
    let byText = preparedByText.get(claim.articleDate ?? '');
    if (!byText) preparedByText.set(claim.articleDate ?? '', (byText = new Map()));
    const seen = byText.get(claim.text);
    const p = seen ? { ...seen, input: claim, index } : prepare(claim, index);
    if (!seen) byText.set(claim.text, p);
    if (p.values.length > 0) prepared.push(p);
  });
  preparedByText.clear();
  // Which kinds of value each claim gives: two claims with no kind in common cannot clash, so they are not
  // compared at all (a date with an amount, an age with money).
  const kinds = new Int32Array(prepared.length);
  prepared.forEach((p, i) => {
    let mask = 0;
    for (const v of p.values) {
      mask |=
        v.type === 'date'
          ? 1
          : v.type === 'time'
            ? 256
            : v.type === 'ordinal'
              ? 512
              : KIND_BITS[v.amount!.kind] | (v.amount!.kind === 'count' && v.amount!.unit === undefined && v.amount!.value >= 1e6 ? KIND_BITS.money : 0);
    }
    kinds[i] = mask;
  });
  const n = prepared.length;
  if (n < 2) return [];

  // Terms become integer ids with per-claim weights (entity weight times idf), so the pairing loop below does
  // no map look-ups. Claims' terms and the postings are flat arrays with offsets, not an array per claim and
  // per term (tens of thousands of small arrays to allocate and collect).
  const termIds = new Map<string, number>();
  const termStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) termStart[i + 1] = termStart[i]! + prepared[i]!.terms.size;
  const termOf = new Int32Array(termStart[n]!);
  let at = 0;
  for (const p of prepared) {
    for (const term of p.terms.keys()) {
      let id = termIds.get(term);
      if (id === undefined) termIds.set(term, (id = termIds.size));
      termOf[at++] = id;
    }
  }
  const frequency = new Int32Array(termIds.size);
  for (const id of termOf) frequency[id]!++;
  const maxFrequency = options.maxTermFrequency ?? Math.max(100, Math.ceil(n * 0.02));
  const termWeight = new Float64Array(termOf.length);
  const totals = new Float64Array(n);
  // The postings of term `id` are postingClaim[postingStart[id] .. postingStart[id + 1]), in claim order.
  const postingStart = new Int32Array(termIds.size + 1);
  for (let id = 0; id < termIds.size; id++) postingStart[id + 1] = postingStart[id]! + (frequency[id]! <= maxFrequency ? frequency[id]! : 0);
  const postingClaim = new Int32Array(postingStart[termIds.size]!);
  const postingWeight = new Float64Array(postingClaim.length);
  const fill = postingStart.slice(0, termIds.size);
  for (let i = 0; i < n; i++) {
    let k = termStart[i]!;
    for (const base of prepared[i]!.terms.values()) {
      const id = termOf[k]!;
      const weight = base * Math.log(1 + n / frequency[id]!);
      termWeight[k++] = weight;
      totals[i]! += weight;
      if (frequency[id]! <= maxFrequency) {
        postingClaim[fill[id]!] = i;
        postingWeight[fill[id]!++] = weight;
      }
    }
  }

  const suggestions: ConflictSuggestion[] = [];
  // Per claim met: the weight shared so far at 2j and the count of shared terms at 2j + 1, side by side so that
  // a touch reads one cache line, not two arrays.
  const sharing = new Float64Array(2 * n);
  const touched = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const p = prepared[i]!;
    let touchedCount = 0;
    for (let k = termStart[i]!; k < termStart[i + 1]!; k++) {
      const id = termOf[k]!;
      const weight = termWeight[k]!;
      // Postings are in claim order, so the claims after i start where i itself sits.
      for (let x = postingStart[id + 1]! - 1; x >= postingStart[id]!; x--) {
        const j = postingClaim[x]!;
        if (j <= i) break;
        if (sharing[2 * j + 1] === 0) touched[touchedCount++] = j;
        sharing[2 * j]! += weight < postingWeight[x]! ? weight : postingWeight[x]!;
        sharing[2 * j + 1]!++;
      }
    }
    for (let t = 0; t < touchedCount; t++) {
      const j = touched[t]!;
      // Most claims met share a single term: the overlap is worked out only for those sharing two or more.
      const enough = sharing[2 * j + 1]! >= 2;
      const overlap = enough ? sharing[2 * j]! / Math.max(1e-9, Math.min(totals[i]!, totals[j]!)) : 0;
      sharing[2 * j] = 0;
      sharing[2 * j + 1] = 0;
      if (!enough || !(overlap >= MIN_OVERLAP) || (kinds[i]! & kinds[j]!) === 0) continue;
      const q = prepared[j]!;
      if (!withinArticle && p.input.article === q.input.article) continue;
      if (p.input.article === q.input.article && p.input.id === q.input.id) continue;
      const parties = sameParties(p, q);
      if (parties === 'different') continue;
      const suggestion = suggest(p, q, overlap, p.input.article === q.input.article, parties === 'event');
      if (suggestion && suggestion.score >= minScore) suggestions.push(suggestion);
    }
  }
  suggestions.sort((x, y) => y.score - x.score || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return suggestions;
}

/**
 * Claims about different parties are not about the same thing: when each names someone the other does not,
 * they must share at least one name. (Two, as before, kept apart news reports of one event that name different
 * officials and places around the same figure: "Iran" in both, "AP" in one, "Dubai" in the other.)
 */
function sameParties(p: Prepared, q: Prepared): 'same' | 'event' | 'different' {
  let shared = 0;
  let onlyP = 0;
  let onlyQ = 0;
  // Keys and look-ups, not entries: an entry is a new [key, value] array, for every name of every pair.
  for (const name of p.entityStems.keys()) {
    if (namedIn(name, q, p.entityStems.get(name)!)) shared++;
    else onlyP++;
  }
  for (const name of q.entityStems.keys()) if (!namedIn(name, p, q.entityStems.get(name)!)) onlyQ++;
  if (!(onlyP > 0 && onlyQ > 0 && shared === 0)) return 'same';
  // News reports of one event often name different officials and places around the same figure; they are
  // about the same thing when they share a content word beyond the measure ("school", "villages", "quake").
  // That is enough for counts of an event (deaths, magnitude, a fall), not for a deal, whose parties are its
  // subject ("Google … Anthropic" and "Amazon … OpenAI").
  return sharedSubjectWords(p, q) > 0 ? 'event' : 'different';
}

/** Whether a name appears in a claim: as a name, as a word (a name opening the sentence), or as its stem ("Iranian", "Iran"). */
function namedIn(name: string, other: Prepared, stemmed: string): boolean {
  if (other.entities.has(name) || other.terms.has(name) || other.terms.has(stemmed)) return true;
  if (name.length < 4) return false;
  // One name starts the other: theirs extends ours ("iranian" for "iran"), or ours extends theirs (by four
  // letters or more). A claim names a few parties: a scan of them is cheaper than sets of prefixes, which are
  // kept for claims with many names (a whole article as one claim).
  if (other.entities.size <= FEW_NAMES) {
    for (const theirs of other.entities) {
      if (theirs.length > name.length ? theirs.startsWith(name) : theirs.length >= 4 && theirs.length < name.length && name.startsWith(theirs)) return true;
    }
    return false;
  }
  if (!other.entityPrefixes) {
    other.entityPrefixes = new Set();
    for (const theirs of other.entities) for (let cut = 4; cut < theirs.length; cut++) other.entityPrefixes.add(theirs.slice(0, cut));
  }
  if (other.entityPrefixes.has(name)) return true;
  for (let cut = 4; cut < name.length; cut++) if (other.entities.has(name.slice(0, cut))) return true;
  return false;
}

/** Up to this many names, namedIn scans a claim's names rather than sets of their prefixes. */
const FEW_NAMES = 8;

/** Words too general to say two claims are about the same thing. */
const GENERIC_WORDS = new Set(
  (
    'people person official officials police said say told according report news agency state government local area city country ' +
    'least total including other others several many number figure figures earlier later aged age year-old old years'
  )
    .split(' ')
    .map(stem),
);

function sharedSubjectWords(p: Prepared, q: Prepared): number {
  let shared = 0;
  for (const term of p.terms.keys()) {
    const word = term.replace(/^#/, '');
    // Measures, kinds of value ("@time"), titles and general words say nothing of the subject.
    const kindOfValue = term.startsWith('=') || term === '@time' || term === '@begins';
    if (kindOfValue || TITLES.has(term) || GENERIC_WORDS.has(word) || measureOf(word) || p.entities.has(term)) continue;
    if (q.terms.has(term)) shared++;
  }
  return shared;
}

function suggest(p: Prepared, q: Prepared, overlap: number, sameArticle: boolean, eventOnly: boolean): ConflictSuggestion | undefined {
  const all = clashes(p, q);
  let found = all.found;
  // Within one article only a deal's figures: counts, magnitudes and dates that differ there are background
  // figures ("the 2004 tsunami killed 230,000") or updates far more often than a contradiction.
  if (sameArticle) found = found.filter((c) => c.kind === 'amount' && specificSharedWords(c.x, c.y) > 0);
  // A time of day is a fact of the event too ("the arrest … about 1:30 a.m."), as its toll is.
  if (eventOnly) found = found.filter((c) => c.kind === 'number' || c.x.type === 'time');
  if (found.length === 0) return undefined;
  found.sort((s, t) => KIND_ORDER[s.kind] - KIND_ORDER[t.kind] || t.role - s.role);
  const main = found[0]!;
  // When the same pair also disagrees on a date in the same role, show it beside the amount.
  const dateClash = main.kind !== 'date' ? all.dates.sort((s, t) => t.role - s.role)[0] : undefined;
  const roleStrength = Math.min(1, main.role / 2);
  const score = Number(Math.min(1, 0.5 * Math.min(1, overlap) + 0.3 * roleStrength + (dateClash ? 0.2 : 0.1)).toFixed(3));

  let [first, second, firstValue, secondValue, firstDate, secondDate] = [p, q, main.x, main.y, dateClash?.x, dateClash?.y];
  if (sideId(q) < sideId(p)) [first, second, firstValue, secondValue, firstDate, secondDate] = [q, p, main.y, main.x, dateClash?.y, dateClash?.x];

  const a: ConflictSide = { article: first.input.article, id: first.input.id, value: describe(firstValue, firstDate), text: first.input.text };
  const b: ConflictSide = { article: second.input.article, id: second.input.id, value: describe(secondValue, secondDate), text: second.input.text };
  const measure = measureName(main.x, main.y, p.input.text);
  const period = periodName(first, second);
  const subject = `${measure}${period ? ` in ${period}` : ''}`;
  const explanation = `${capitalise(subject)}: ${a.value} (${fileName(a.article)}) vs ${b.value} (${fileName(b.article)}).`;
  const suggestion: ConflictSuggestion = { key: keyOf(first, second), a, b, kind: main.kind, measure, explanation, score };
  if (period) suggestion.period = period;
  return suggestion;
}

function sideId(p: Prepared): string {
  return `${p.input.article}#${p.input.id}`;
}

function fileName(article: string): string {
  let name = fileNames.get(article);
  if (name === undefined) {
    name = article.split(/[\\/]/).pop() ?? article;
    if (fileNames.size > 10_000) fileNames.clear();
    fileNames.set(article, name);
  }
  return name;
}

/** File names by article path: each article is in many suggestions. */
const fileNames = new Map<string, string>();

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The period both claims name, as written in the first ("December 2004"), when they agree on one. */
function periodName(p: Prepared, q: Prepared): string | undefined {
  for (const a of p.periods) if (q.periods.some((b) => datesCompatible(a, b))) return a.text;
  return undefined;
}

/**
 * What both values measure, in plain words: "people killed", "age of Robert Buckley", "initial investment".
 * `text` is the claim `x` is from: role words are shown as it writes them.
 */
function measureName(x: ValueRef, y: ValueRef, text: string): string {
  if (x.type === 'ordinal') return `which ${x.ordinal!.noun} ${titleCase(x.holder!)} is`;
  if (x.type === 'time') {
    const words = [...x.role].filter((w) => y.role.has(w) && !w.startsWith('~') && !GENERIC_WORDS.has(w));
    return words.length > 0 ? `time of ${words.slice(0, 2).join(' ')}` : 'time of day';
  }
  if (x.type === 'date') {
    const measures = [...x.measures].filter((m) => y.measures.has(m));
    return measures.length > 0 ? `date of the ${measures[0]}` : 'date';
  }
  const a = x.amount!;
  if (a.kind === 'age') return x.person || y.person ? `age of ${displayName(x.person ?? y.person!)}` : 'age';
  if (a.kind === 'magnitude') return 'magnitude';
  if (a.kind === 'record') return `record of ${displayName(x.person!)}`;
  const measures = [...x.measures].filter((m) => y.measures.has(m));
  if (measures.length > 0) {
    const named = MEASURE_NAMES[measures[0]!] ?? measures[0]!;
    if (a.kind !== 'money') return named;
    const words = asWritten(
      text,
      [...x.role].filter((w) => y.role.has(w) && !measureOf(w) && !w.startsWith('~')),
      x.amount!.start,
      2,
    );
    return words.length > 0 ? `${words.join(' ')} ${named}` : named;
  }
  if (a.kind === 'count' && a.unit && y.amount?.unit) return `number of ${a.unit.split(' ').pop()}`;
  if (a.kind === 'length') {
    const words = roleWords(x, y, text);
    return words ? `length of the ${words.split(' ')[0]}` : 'length';
  }
  const words = roleWords(x, y, text);
  return words || (a.kind === 'percent' ? 'percentage' : a.kind === 'money' ? 'amount' : 'figure');
}

/**
 * Words that say what happened to a figure, or who said it, rather than what it is ("reached", "said",
 * "officials"); left out of the names of measures. Past forms in -ed are left out by their ending.
 */
const NOT_A_NAME = new Set(
  (
    'said says say told tells reach reaches reaching made make makes hit hits put puts would could will might also ' +
    'official officials analyst analysts expert experts source sources authorities police report reports'
  ).split(' '),
);

/**
 * Role words (stems, or their synonyms' keys) as the claim writes them, in its order: "annual operating",
 * not "operat annual". The `limit` nearest to the value at `near` are kept; verbs are not. Runs only for a
 * suggestion's explanation, so tokenising the claim again costs nothing that matters.
 */
function asWritten(text: string, roleWords: readonly string[], near: number, limit: number): string[] {
  if (roleWords.length === 0) return [];
  const wanted = new Set(roleWords);
  const nearest = new Map<string, { at: number; word: string }>();
  for (const token of tokenize(text)) {
    if (!token.salient || token.entity) continue;
    const key = TERM_SYNONYMS.get(token.stem) ?? token.stem;
    if (!wanted.has(key)) continue;
    const word = text.slice(token.start, token.end).toLowerCase();
    if (NOT_A_NAME.has(word) || /[a-z]ed$/.test(word)) continue;
    const seen = nearest.get(key);
    if (!seen || Math.abs(token.start - near) < Math.abs(seen.at - near)) nearest.set(key, { at: token.start, word });
  }
  return [...nearest.values()]
    .sort((s, t) => Math.abs(s.at - near) - Math.abs(t.at - near))
    .slice(0, limit)
    .sort((s, t) => s.at - t.at)
    .map((w) => w.word);
}

function displayName(lower: string): string {
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** A few words both values share around them, as the claim writes them, e.g. "initial investment". */
function roleWords(x: ValueRef, y: ValueRef, text: string): string {
  const words = [...x.role].filter((w) => y.role.has(w) && !w.startsWith('~') && !measureOf(w));
  const measures = [...x.measures].filter((m) => y.measures.has(m));
  const near = x.amount?.start ?? x.date?.start ?? 0;
  return [...asWritten(text, words, near, 3 - Math.min(measures.length, 1)), ...measures].slice(0, 3).join(' ');
}

/** conflictKey with each claim's text normalised once, however many suggestions it is in. */
function keyOf(p: Prepared, q: Prepared): string {
  const a = (p.sameText.normalised ??= normaliseClaimText(p.input.text));
  const b = (q.sameText.normalised ??= normaliseClaimText(q.input.text));
  // conflictKey's order and hash, without the array, the sort and the joined string.
  return a <= b ? `text:${hash53Pair(a, b)}` : `text:${hash53Pair(b, a)}`;
}

/** A claim's text as dismissal keys see it: case, spacing and quote styles do not matter. */
export function normaliseClaimText(text: string): string {
  // NFKC leaves ASCII text as it is, and most claims are ASCII: the test is far cheaper than normalising.
  return (isAscii(text) ? text : text.normalize('NFKC'))
    .toLowerCase()
    .replace(/[“”"'’‘`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The dismissal key of a suggestion between two claims: a hash of their normalised texts, in either order. It
 * holds no path or offset, so a dismissal survives copying and cloning the folder and edits elsewhere in the
 * articles.
 */
export function conflictKey(textA: string, textB: string): string {
  const [first, second] = [normaliseClaimText(textA), normaliseClaimText(textB)].sort();
  return `text:${hash53(`${first}\u0000${second}`)}`;
}

/** cyrb53: a fast 53-bit string hash (public domain), as 14 hex digits. */
function hash53(text: string): string {
  return hash53Pair(text, undefined);
}

/** hash53 of `${first}\u0000${second}` (of `first` alone when there is no second), without joining them. */
function hash53Pair(first: string, second: string | undefined): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < first.length; i++) {
    const c = first.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  if (second !== undefined) {
    // The separator, char code 0.
    h1 = Math.imul(h1, 2654435761);
    h2 = Math.imul(h2, 1597334677);
    for (let i = 0; i < second.length; i++) {
      const c = second.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}
