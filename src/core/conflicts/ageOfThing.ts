// "A 41-year-old double murder case", "35-year-old regulations", "an 18-year-old civil war": "N-year-old" gives the
// age of a thing as often as a person's. Compared with "61-year-old Sharron Smith", such an age made a false
// conflict and crowded out the real one ("a 60-year-old, terminally ill woman" in the other article).

/** Heads of noun phrases that name a thing, an event or a rule, never a person. */
const THING_HEADS = new Set(
  [
    'case',
    'murder',
    'killing',
    'crime',
    'mystery',
    'investigation',
    'war',
    'conflict',
    'feud',
    'dispute',
    'record',
    'regulation',
    'law',
    'rule',
    'ban',
    'policy',
    'treaty',
    'agreement',
    'deal',
    'tradition',
    'structure',
    'building',
    'house',
    'bridge',
    'tower',
    'church',
    'plant',
    'factory',
    'company',
    'firm',
    'business',
    'franchise',
    'brand',
    'product',
    'system',
    'program',
    'programme',
    'car',
    'ship',
    'boat',
    'plane',
    'tree',
    'song',
    'film',
    'movie',
    'show',
    'series',
    'book',
    'marriage',
    'relationship',
    'partnership',
  ].flatMap((word) => [word, `${word}s`, `${word}es`]),
);

/** Words that end a noun phrase: what follows them is no longer the aged noun. */
const PHRASE_ENDS = new Set([
  'in',
  'at',
  'of',
  'on',
  'for',
  'from',
  'with',
  'by',
  'that',
  'which',
  'who',
  'was',
  'is',
  'were',
  'are',
  'has',
  'had',
  'and',
  'or',
  'but',
  'to',
]);

/**
 * Whether the age phrase ending at `after` ("41-year-old|") is a thing's: the run of up to three lower-case words
 * right after it (before punctuation or a word that ends a noun phrase) ends in a thing's head noun. A capitalised
 * word ("61-year-old Sharron"), a comma ("60-year-old, terminally ill woman") or a person noun leaves it a person's.
 */
export function isAgeOfThing(text: string, after: number): boolean {
  const words = /^ ([a-z]+)(?: ([a-z]+))?(?: ([a-z]+))?/.exec(text.slice(after, after + 60));
  if (!words) return false;
  let head: string | undefined;
  for (const word of words.slice(1)) {
    if (word === undefined || PHRASE_ENDS.has(word)) break;
    head = word;
  }
  return head !== undefined && THING_HEADS.has(head);
}
