// Sentence segmentation for news copy and Markdown. Offsets are UTF-16 indices into the original text so that
// sentences can be highlighted in place. Block structure (headings, list items, paragraphs) is decided line by
// line first; sentence boundaries are then looked for only inside prose, never inside code, link targets,
// URLs or comments, and never at the periods of abbreviations, initials or decimals.

export interface SentenceSpan {
  start: number;
  end: number;
  text: string;
}

/** Abbreviations that are practically never the last word of a sentence (titles, "e.g."). */
const NEVER_FINAL = new Set([
  'mr',
  'mrs',
  'ms',
  'mx',
  'dr',
  'prof',
  'sen',
  'sens',
  'rep',
  'reps',
  'gov',
  'gen',
  'col',
  'lt',
  'sgt',
  'capt',
  'cmdr',
  'adm',
  'maj',
  'st',
  'ste',
  'rev',
  'hon',
  'pres',
  'supt',
  'messrs',
  'mmes',
  'fr',
  'atty',
  'insp',
  'vs',
  'v',
  'e.g',
  'i.e',
  'cf',
  'viz',
  'approx',
  'ft',
  'mt',
  'pt',
  'dept',
  'univ',
  'assn',
  'gens',
  'govs',
  'sens',
  'ave',
  'blvd',
  'rd',
  'ph.d',
  'm.d',
  'b.a',
  'm.a',
  'u.s.a',
]);

/** Abbreviations whose period is not final before a number: "No. 5", "Nov. 7", "p. 12". */
const BEFORE_NUMBER = new Set([
  'no',
  'nos',
  'nr',
  'fig',
  'figs',
  'vol',
  'vols',
  'p',
  'pp',
  'para',
  'art',
  'sec',
  'ch',
  'ch',
  'op',
  'ed',
  'tel',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'est',
  'ca',
  'c',
  'rs',
]);

/** Month abbreviations, which also are not final before a day number even in "Thursday (Nov. 7)". */
const MONTHS = new Set(['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);

/**
 * Abbreviations that often end a sentence ("... at Amazon.com Inc."). Their period is final only when the next
 * word is a typical sentence opener, so "U.S. President" stays together but "in the U.S. The" splits.
 */
const MAYBE_FINAL = new Set([
  'inc',
  'corp',
  'co',
  'cos',
  'ltd',
  'llc',
  'plc',
  'llp',
  'jr',
  'sr',
  'etc',
  'al',
  'bros',
  'u.s',
  'u.k',
  'u.n',
  'e.u',
  'a.m',
  'p.m',
  'd.c',
  'n.y',
  'l.a',
  's.a',
  'n.v',
  'ag',
  'g.m.t',
  'a.d',
  'b.c',
  'mass',
  'calif',
  'wash',
  'fla',
  'ariz',
  'ill',
  'mich',
  'minn',
  'tex',
  'conn',
  'colo',
  'ore',
  'penn',
  'pa',
  'va',
  'ga',
  'md',
  'n.j',
  'n.c',
  'n.h',
  's.c',
  'n.d',
  's.d',
  'n.m',
  'u.a.e',
]);

const SENTENCE_OPENERS = new Set([
  'the',
  'a',
  'an',
  'it',
  'its',
  'he',
  'she',
  'they',
  'we',
  'i',
  'you',
  'his',
  'her',
  'their',
  'our',
  'my',
  'this',
  'that',
  'these',
  'those',
  'there',
  'here',
  'but',
  'and',
  'or',
  'so',
  'yet',
  'in',
  'on',
  'at',
  'for',
  'as',
  'if',
  'when',
  'while',
  'after',
  'before',
  'since',
  'however',
  'meanwhile',
  'still',
  'also',
  'now',
  'then',
  'what',
  'why',
  'how',
  'who',
  'which',
  'where',
  'some',
  'many',
  'most',
  'one',
  'two',
  'according',
  'both',
  'each',
  'other',
  'others',
  'last',
  'earlier',
  'later',
  'today',
  'yesterday',
  'despite',
  'although',
  'though',
  'because',
  'with',
  'without',
  'by',
  'from',
  'to',
  'of',
  'all',
  'no',
  'not',
  'more',
  'such',
  'under',
  'over',
  'during',
]);

const enum Code {
  Tab = 9,
  Newline = 10,
  Return = 13,
  Space = 32,
  Bang = 33,
  Quote = 34,
  Hash = 35,
  Apostrophe = 39,
  OpenParen = 40,
  CloseParen = 41,
  Star = 42,
  Plus = 43,
  Comma = 44,
  Dash = 45,
  Period = 46,
  Colon = 58,
  Less = 60,
  Equals = 61,
  Greater = 62,
  Question = 63,
  OpenBracket = 91,
  CloseBracket = 93,
  Underscore = 95,
  Backtick = 96,
  Pipe = 124,
  Tilde = 126,
  Ellipsis = 0x2026,
}

function isSpace(c: number): boolean {
  return c === Code.Space || c === Code.Tab || c === Code.Newline || c === Code.Return || c === 0xa0 || c === 0x2009 || c === 0x202f;
}

function isUpper(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7) || (c >= 0x391 && c <= 0x3a9) || (c >= 0x410 && c <= 0x42f);
}

function isLower(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 0xdf && c <= 0xff && c !== 0xf7) || (c >= 0x3b1 && c <= 0x3c9) || (c >= 0x430 && c <= 0x44f);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAlnum(c: number): boolean {
  return isUpper(c) || isLower(c) || isDigit(c) || (c > 0x24f && c !== Code.Ellipsis && !(c >= 0x2000 && c <= 0x2bff) && !(c >= 0x3000 && c <= 0x303f));
}

function isTerminal(c: number): boolean {
  return c === Code.Period || c === Code.Bang || c === Code.Question || c === Code.Ellipsis || c === 0x203c || c === 0x3002;
}

/** Closing quotes, brackets and emphasis markers that belong to the sentence they follow. */
function isCloser(c: number): boolean {
  return (
    c === Code.Quote ||
    c === Code.Apostrophe ||
    c === 0x201d ||
    c === 0x2019 ||
    c === 0xbb ||
    c === Code.CloseParen ||
    c === Code.CloseBracket ||
    c === Code.Star ||
    c === Code.Underscore
  );
}

function isOpener(c: number): boolean {
  return (
    c === Code.Quote ||
    c === Code.Apostrophe ||
    c === 0x201c ||
    c === 0x2018 ||
    c === 0xab ||
    c === Code.OpenParen ||
    c === Code.OpenBracket ||
    c === Code.Star ||
    c === Code.Underscore
  );
}

/** Half-open ranges in which no sentence may end: code spans, link targets, URLs, inline comments. */
type Ranges = number[];

const INLINE_PROTECTED = /`+|\]\(|<!--|<https?:|https?:\/\/|www\./g;

const MAY_NEED_PROTECTION = /[`<:w]/;

function protectedRanges(text: string, start: number, end: number): Ranges {
  const ranges: Ranges = [];
  // Searching the block alone keeps a block without matches from scanning the rest of the document.
  const block = text.slice(start, end);
  if (!MAY_NEED_PROTECTION.test(block)) return ranges;
  INLINE_PROTECTED.lastIndex = 0;
  for (;;) {
    const match = INLINE_PROTECTED.exec(block);
    if (!match) break;
    const at = match.index + start;
    const token = match[0];
    let close = -1;
    if (token.charCodeAt(0) === Code.Backtick) {
      let search = at + token.length;
      for (;;) {
        const next = text.indexOf(token, search);
        if (next < 0 || next >= end) break;
        const runEnd = next + token.length;
        if (text.charCodeAt(runEnd) !== Code.Backtick && text.charCodeAt(next - 1) !== Code.Backtick) {
          close = runEnd;
          break;
        }
        search = runEnd;
        while (text.charCodeAt(search) === Code.Backtick) search++;
      }
      if (close < 0) {
        INLINE_PROTECTED.lastIndex = at + token.length - start;
        continue;
      }
    } else if (token === '](') {
      let depth = 1;
      let i = at + 2;
      for (; i < end && depth > 0; i++) {
        const c = text.charCodeAt(i);
        if (c === Code.OpenParen) depth++;
        else if (c === Code.CloseParen) depth--;
      }
      close = depth === 0 ? i : end;
    } else if (token === '<!--') {
      const next = text.indexOf('-->', at + 4);
      close = next < 0 || next + 3 > end ? end : next + 3;
    } else if (token.charCodeAt(0) === Code.Less) {
      const next = text.indexOf('>', at);
      close = next < 0 || next >= end ? end : next + 1;
    } else {
      let i = at + token.length;
      while (i < end) {
        const c = text.charCodeAt(i);
        if (isSpace(c) || c === Code.Less || c === Code.Greater || c === Code.Quote || c === 0x201d || c === Code.CloseParen || c === Code.CloseBracket) break;
        i++;
      }
      // A URL does not own the punctuation that ends the sentence it sits in.
      while (i > at && isTerminalOrComma(text.charCodeAt(i - 1))) i--;
      close = i;
    }
    ranges.push(at, close);
    INLINE_PROTECTED.lastIndex = Math.max(close, at + token.length) - start;
  }
  return ranges;
}

function isTerminalOrComma(c: number): boolean {
  return isTerminal(c) || c === 44 || c === 59 || c === Code.Colon;
}

function inRanges(ranges: Ranges, at: number): boolean {
  // Pairs of [start, end): an odd length cannot happen (protectedRanges pushes both), and would read as open-ended.
  for (let i = 0; i < ranges.length; i += 2) {
    if (at < ranges[i]!) return false;
    if (at < (ranges[i + 1] ?? Infinity)) return true;
  }
  return false;
}

/** The word just before a period, with inner periods ("U.S", "e.g", "Nov"), lower-cased. */
function wordBefore(text: string, period: number, floor: number): string {
  let i = period;
  while (i > floor) {
    const c = text.charCodeAt(i - 1);
    if (isUpper(c) || isLower(c) || (c === Code.Period && i - 1 > floor && isAlnum(text.charCodeAt(i - 2)))) i--;
    else break;
  }
  return text.slice(i, period);
}

function nextWord(text: string, from: number, end: number): string {
  let i = from;
  while (i < end && (isUpper(text.charCodeAt(i)) || isLower(text.charCodeAt(i)))) i++;
  return text.slice(from, i).toLowerCase();
}

/** Whether the single period at `period` is an abbreviation's, given what follows (`next` is its first char). */
function isAbbreviationPeriod(text: string, period: number, floor: number, nextAt: number, end: number): boolean {
  const word = wordBefore(text, period, floor);
  if (word.length === 0) return false;
  const lower = word.toLowerCase();
  const next = text.charCodeAt(nextAt);
  const opener = isUpper(next) && SENTENCE_OPENERS.has(nextWord(text, nextAt, end));
  if (NEVER_FINAL.has(lower)) return true;
  if (BEFORE_NUMBER.has(lower) && isDigit(next)) return true;
  if (MONTHS.has(lower) && word.charCodeAt(0) <= 90) return !opener;
  if (MAYBE_FINAL.has(lower)) return !opener;
  // Single initials ("George W. Bush") and dotted acronyms ("N.A.T.O.", "a.m.").
  // "a. m." and "p. m.", spaced as tokenised news copy writes "a.m.", are the same acronym.
  if (lower === 'm' && /^[ap]\. $/i.test(text.slice(period - 4, period - 1))) return !opener;
  if (word.length === 1 && isUpper(word.charCodeAt(0))) return !opener;
  if (/^(?:[A-Za-z]\.)+[A-Za-z]$/.test(word)) return !opener;
  return false;
}

/**
 * "A 5. 9 magnitude quake", "a depth of 1. 2 miles": a decimal point followed by one space, as tokenised news copy
 * (the ECB+ corpus, some wire feeds) writes it. A short number before the period and a digit right after one space
 * is read as one number: news style spells out a number that opens a sentence, so "… 5. 9 …" ending one
 * sentence and opening the next with a numeral is much rarer than a spaced decimal.
 */
function isSpacedDecimal(text: string, period: number, floor: number): boolean {
  let i = period;
  while (i > floor && period - i < 4 && isDigit(text.charCodeAt(i - 1))) i--;
  const digits = period - i;
  if (digits === 0 || digits > 3) return false;
  // Part of a grouped or longer number ("2,301. 5", "1.5. 2") or glued to a word ("B2. 5"): not a spaced decimal.
  const before = i > floor ? text.charCodeAt(i - 1) : Code.Space;
  return !(isAlnum(before) || before === Code.Period || before === Code.Comma);
}

/** Appends the sentences of one prose block [start, end) of `text` to `out`. */
function splitBlock(text: string, start: number, end: number, out: SentenceSpan[]): void {
  const ranges = protectedRanges(text, start, end);
  let sentenceStart = start;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (!isTerminal(c) || inRanges(ranges, i)) {
      i++;
      continue;
    }
    let j = i;
    while (j < end && (isTerminal(text.charCodeAt(j)) || text.charCodeAt(j) === Code.Period)) j++;
    let k = j;
    while (k < end && isCloser(text.charCodeAt(k))) k++;
    if (k < end && !isSpace(text.charCodeAt(k))) {
      i = j;
      continue;
    }
    let n = k;
    while (n < end && isSpace(text.charCodeAt(n))) n++;
    if (n < end) {
      let m = n;
      while (m < end && isOpener(text.charCodeAt(m))) m++;
      const next = m < end ? text.charCodeAt(m) : Code.Space;
      if (isLower(next)) {
        i = j;
        continue;
      }
      if (j - i === 1 && c === Code.Period && isAbbreviationPeriod(text, i, sentenceStart, m, end)) {
        i = j;
        continue;
      }
      // "(Nov. 7)" or "2:30 p.m." lead into more of the same sentence, not a new one.
      if (
        isDigit(next) &&
        j - i === 1 &&
        c === Code.Period &&
        /^\d{1,2}\b/.test(text.slice(m, m + 3)) &&
        MONTHS.has(wordBefore(text, i, sentenceStart).toLowerCase())
      ) {
        i = j;
        continue;
      }
      if (
        isDigit(next) &&
        j - i === 1 &&
        c === Code.Period &&
        n === i + 2 &&
        text.charCodeAt(i + 1) === Code.Space &&
        isSpacedDecimal(text, i, sentenceStart)
      ) {
        i = j;
        continue;
      }
    }
    emit(text, sentenceStart, k, ranges, out);
    sentenceStart = n;
    i = n;
  }
  emit(text, sentenceStart, end, ranges, out);
}

function emit(text: string, start: number, end: number, ranges: Ranges, out: SentenceSpan[]): void {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (end <= start) return;
  // Prose needs a letter or digit outside code spans, link targets and URLs.
  for (let i = start; i < end; i++) {
    if (isAlnum(text.charCodeAt(i)) && !inRanges(ranges, i)) {
      out.push({ start, end, text: text.slice(start, end) });
      return;
    }
  }
}

interface Line {
  start: number;
  end: number;
}

const LIST_MARKER = /^(?:[-*+•◦▪‣⁃–—·]|\d{1,3}[.)]|\((?:\d{1,3}|[a-z]|[ivx]{1,4})\)|[a-z][.)])(?:\s+|$)/;
const THEMATIC_BREAK = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const SETEXT_UNDERLINE = /^(?:=+|-+)[ \t]*$/;
const FENCE = /^(`{3,}|~{3,})/;
const HTML_BLOCK = /^<\/?(?:[a-zA-Z][a-zA-Z0-9-]*)(?:\s[^>]*)?\/?>\s*$/;
const LINK_DEFINITION = /^\[[^\]]+\]:\s*\S/;
const TABLE_SEPARATOR = /^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/**
 * Splits `text` into sentences. Headings, list items and table rows are their own segments; blank lines end
 * paragraphs; fenced and indented code, HTML comments, front matter and link definitions are skipped.
 */
export function splitSentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  const lines: Line[] = [];
  for (let at = 0; at <= text.length;) {
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = text.length;
    let end = nl;
    if (end > at && text.charCodeAt(end - 1) === Code.Return) end--;
    lines.push({ start: at, end });
    at = nl + 1;
  }

  let index = 0;
  // YAML front matter: "---" on the first line, closed by "---" or "...".
  const first = lines[0]!; // the loop above pushes at least one line, even for empty text
  const firstLine = text.slice(first.start, first.end).replace(/^\uFEFF/, '');
  if (firstLine === '---') {
    for (let i = 1; i < lines.length; i++) {
      const { start, end } = lines[i]!;
      const line = text.slice(start, end).trimEnd();
      if (line === '---' || line === '...') {
        index = i + 1;
        break;
      }
    }
  }

  let blockStart = -1;
  let blockEnd = -1;
  let blockIsHeading = false;
  let previousBlank = true;
  let inList = false;
  let inIndentedCode = false;
  let fence: string | undefined;
  let inComment = false;

  const flush = () => {
    if (blockStart >= 0) {
      if (blockIsHeading) emit(text, blockStart, blockEnd, protectedRanges(text, blockStart, blockEnd), out);
      else splitBlock(text, blockStart, blockEnd, out);
    }
    blockStart = -1;
    blockIsHeading = false;
  };
  const single = (start: number, end: number) => {
    flush();
    emit(text, start, end, protectedRanges(text, start, end), out);
  };

  for (; index < lines.length; index++) {
    const { end } = lines[index]!;
    let { start } = lines[index]!;
    if (inComment) {
      const close = text.indexOf('-->', start);
      if (close < 0 || close >= end) continue;
      inComment = false;
      start = close + 3;
    }
    if (fence !== undefined) {
      const line = text.slice(start, end).trim();
      if (line.startsWith(fence) && line.replace(/[`~]/g, '') === '') fence = undefined;
      continue;
    }

    let indent = 0;
    let contentStart = start;
    while (contentStart < end) {
      const c = text.charCodeAt(contentStart);
      if (c === Code.Space || c === 0xa0) indent++;
      else if (c === Code.Tab) indent += 4 - (indent % 4);
      else break;
      contentStart++;
    }
    let contentEnd = end;
    while (contentEnd > contentStart && isSpace(text.charCodeAt(contentEnd - 1))) contentEnd--;

    if (contentStart >= contentEnd) {
      flush();
      previousBlank = true;
      continue;
    }

    const content = text.slice(contentStart, contentEnd);
    const c0 = text.charCodeAt(contentStart);

    if (indent >= 4 && (inIndentedCode || (previousBlank && !inList) || (blockStart < 0 && !inList))) {
      if (!LIST_MARKER.test(content)) {
        flush();
        inIndentedCode = true;
        previousBlank = false;
        continue;
      }
    }
    inIndentedCode = false;

    if ((c0 === Code.Backtick || c0 === Code.Tilde) && indent < 4) {
      const match = FENCE.exec(content);
      if (match) {
        flush();
        fence = match[1];
        previousBlank = false;
        continue;
      }
    }

    if (c0 === Code.Less && content.startsWith('<!--')) {
      flush();
      const close = text.indexOf('-->', contentStart + 4);
      if (close < 0 || close >= contentEnd) {
        if (close < 0) inComment = true;
        else inComment = close >= end;
        if (inComment) continue;
      }
      // Prose after a one-line comment is handled as the rest of the line.
      const after = close + 3;
      if (after < contentEnd && text.slice(after, contentEnd).trim() !== '') {
        lines[index] = { start: after, end };
        index--;
      }
      continue;
    }
    if (c0 === Code.Less && HTML_BLOCK.test(content)) {
      flush();
      previousBlank = false;
      continue;
    }

    if (blockStart >= 0 && !blockIsHeading && !inList && SETEXT_UNDERLINE.test(content)) {
      blockIsHeading = true;
      flush();
      previousBlank = false;
      continue;
    }
    if (THEMATIC_BREAK.test(content)) {
      flush();
      inList = false;
      previousBlank = false;
      continue;
    }
    if (c0 === Code.Hash) {
      let level = 0;
      while (level < contentEnd - contentStart && text.charCodeAt(contentStart + level) === Code.Hash) level++;
      const after = contentStart + level;
      if (level <= 6 && (after === contentEnd || isSpace(text.charCodeAt(after)))) {
        let headingEnd = contentEnd;
        while (headingEnd > after && text.charCodeAt(headingEnd - 1) === Code.Hash) headingEnd--;
        single(after, headingEnd);
        inList = false;
        previousBlank = false;
        continue;
      }
    }
    if (c0 === Code.OpenBracket && LINK_DEFINITION.test(content)) {
      flush();
      previousBlank = false;
      continue;
    }
    if (c0 === Code.Pipe) {
      flush();
      if (!TABLE_SEPARATOR.test(content)) {
        // Each table row is its own segment; cell separators are left in place so offsets stay exact.
        single(contentStart + 1, text.charCodeAt(contentEnd - 1) === Code.Pipe ? contentEnd - 1 : contentEnd);
      }
      previousBlank = false;
      continue;
    }

    // Block quotes: strip the markers and treat the rest as the line's content.
    let proseStart = contentStart;
    while (proseStart < contentEnd && text.charCodeAt(proseStart) === Code.Greater) {
      proseStart++;
      while (proseStart < contentEnd && (text.charCodeAt(proseStart) === Code.Space || text.charCodeAt(proseStart) === Code.Tab)) proseStart++;
    }
    if (proseStart > contentStart) {
      if (proseStart >= contentEnd) {
        flush();
        previousBlank = true;
        continue;
      }
      if (blockStart < 0 || previousBlank) {
        flush();
      }
    }

    const prose = proseStart === contentStart ? content : text.slice(proseStart, contentEnd);
    const marker = LIST_MARKER.exec(prose);
    if (marker && !(marker[0].length === prose.length && /^[a-z][.)]$/.test(prose))) {
      const itemStart = proseStart + marker[0].length;
      flush();
      inList = true;
      previousBlank = false;
      if (itemStart < contentEnd) {
        blockStart = itemStart;
        blockEnd = contentEnd;
      }
      continue;
    }

    if (previousBlank && indent < 2) inList = false;
    if (blockStart < 0) blockStart = proseStart;
    blockEnd = contentEnd;
    previousBlank = false;
  }
  flush();
  return out;
}
