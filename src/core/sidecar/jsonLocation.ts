// A strict JSON scanner that knows where things are. Native JSON.parse is much faster but says little more
// than "Unexpected token"; this scanner runs only when a sidecar is broken, to name the exact bad token and to
// find where a value (or its nearest existing parent) sits, so every error can point at a line and column.
//
// It accepts exactly the JSON grammar (RFC 8259), like JSON.parse, with one extra limit: containers nest at
// most MAX_JSON_DEPTH deep, so hostile input gives a located error instead of a stack overflow. Duplicate keys
// resolve as in JSON.parse: the last one wins.

export type JsonPath = (string | number)[];

/** How deep objects and arrays may nest; sidecars need about 8 levels, CSL items a few more. */
export const MAX_JSON_DEPTH = 64;

export interface JsonSpan {
  /** 0-based UTF-16 offset into the scanned text. */
  offset: number;
  length: number;
}

export interface JsonSyntaxError extends JsonSpan {
  message: string;
  /** 'depth' is valid JSON nested deeper than MAX_JSON_DEPTH. */
  kind: 'syntax' | 'depth';
  /** The path of the value being read when the error was found. */
  path: JsonPath;
}

/** Where a requested path, or the deepest part of it that exists, was found. */
export interface JsonPathLocation {
  /** The longest prefix of the requested path that exists in the document. */
  found: JsonPath;
  /** True when the whole requested path exists. */
  complete: boolean;
  value: JsonSpan;
  /** The property name in quotes, when the found value is an object member. */
  key?: JsonSpan;
  container: boolean;
}

export interface JsonScanResult {
  syntaxError?: JsonSyntaxError;
  /** One entry per requested path, in the same order; undefined only when the text has a syntax error before it. */
  locations: (JsonPathLocation | undefined)[];
}

interface NodeLocation {
  valueStart: number;
  valueEnd: number;
  keyStart: number;
  keyEnd: number;
  container: boolean;
}

interface WantedNode {
  children?: Map<string | number, WantedNode>;
  location?: NodeLocation;
}

class JsonSyntaxFailure {
  constructor(readonly error: JsonSyntaxError) {}
}

const enum Ch {
  Tab = 0x09,
  LineFeed = 0x0a,
  CarriageReturn = 0x0d,
  Space = 0x20,
  Quote = 0x22,
  Plus = 0x2b,
  Comma = 0x2c,
  Minus = 0x2d,
  Dot = 0x2e,
  Slash = 0x2f,
  Digit0 = 0x30,
  Digit9 = 0x39,
  Colon = 0x3a,
  OpenBracket = 0x5b,
  Backslash = 0x5c,
  CloseBracket = 0x5d,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
  Apostrophe = 0x27,
}

const NUMBER_PATTERN = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const WORD_CHAR = /[A-Za-z0-9_$]/;
const SIMPLE_ESCAPES = '"\\/bfnrt';

/**
 * Scans `text` from `start` (e.g. 1 to skip a byte order mark) and returns the first syntax error, if any, and
 * the location of each wanted path. Never throws.
 */
export function scanJson(text: string, wanted: readonly JsonPath[] = [], start = 0): JsonScanResult {
  const root: WantedNode = {};
  for (const path of wanted) {
    let node = root;
    for (const segment of path) {
      node.children ??= new Map();
      let child = node.children.get(segment);
      if (!child) node.children.set(segment, (child = {}));
      node = child;
    }
  }
  const scanner = new Scanner(text, start);
  let syntaxError: JsonSyntaxError | undefined;
  try {
    scanner.document(root);
  } catch (e) {
    if (!(e instanceof JsonSyntaxFailure)) throw e;
    syntaxError = e.error;
  }
  const locations = wanted.map((path) => (syntaxError ? undefined : locate(root, path)));
  return { syntaxError, locations };
}

function locate(root: WantedNode, path: JsonPath): JsonPathLocation | undefined {
  let node = root;
  let best: { node: WantedNode; depth: number } | undefined = root.location ? { node: root, depth: 0 } : undefined;
  for (let i = 0; i < path.length; i++) {
    const child = node.children?.get(path[i]!);
    if (!child?.location) break;
    node = child;
    best = { node, depth: i + 1 };
  }
  if (!best) return undefined;
  const loc = best.node.location!;
  return {
    found: path.slice(0, best.depth),
    complete: best.depth === path.length,
    value: { offset: loc.valueStart, length: loc.valueEnd - loc.valueStart },
    key: loc.keyStart >= 0 ? { offset: loc.keyStart, length: loc.keyEnd - loc.keyStart } : undefined,
    container: loc.container,
  };
}

function forgetLocations(node: WantedNode): void {
  node.location = undefined;
  if (node.children) for (const child of node.children.values()) forgetLocations(child);
}

class Scanner {
  private pos: number;
  /** Path segments of the value being read: an array index, or the [start, end) span of a property name. */
  private readonly path: (number | [number, number])[] = [];

  constructor(
    private readonly text: string,
    start: number,
  ) {
    this.pos = start;
  }

  document(root: WantedNode): void {
    this.skipWhitespace();
    if (this.pos >= this.text.length) this.fail('the file has no JSON value', this.pos, 0);
    this.value(root, -1, -1, 0);
    this.skipWhitespace();
    if (this.pos < this.text.length) {
      this.fail('unexpected text after the end of the JSON document', this.pos, this.tokenLength(this.pos));
    }
  }

  private value(wanted: WantedNode | undefined, keyStart: number, keyEnd: number, depth: number): void {
    const start = this.pos;
    const c = this.text.charCodeAt(start);
    // A repeated key replaces the earlier value, as in JSON.parse, so what was found under the earlier one is void.
    if (wanted?.location && wanted.children) for (const child of wanted.children.values()) forgetLocations(child);
    let container = false;
    if (c === Ch.OpenBrace) {
      container = true;
      this.object(wanted, depth + 1);
    } else if (c === Ch.OpenBracket) {
      container = true;
      this.array(wanted, depth + 1);
    } else if (c === Ch.Quote) {
      this.string();
    } else if (c === Ch.Minus || c === Ch.Plus || c === Ch.Dot || (c >= Ch.Digit0 && c <= Ch.Digit9)) {
      this.number();
    } else {
      this.literal();
    }
    if (wanted) {
      wanted.location = { valueStart: start, valueEnd: this.pos, keyStart, keyEnd, container };
    }
  }

  private object(wanted: WantedNode | undefined, depth: number): void {
    const open = this.pos;
    if (depth > MAX_JSON_DEPTH) this.fail(`objects and arrays are nested more than ${MAX_JSON_DEPTH} levels deep`, open, 1, 'depth');
    this.pos++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === Ch.CloseBrace) {
      this.pos++;
      return;
    }
    let comma = -1;
    for (;;) {
      const keyStart = this.pos;
      const c = this.text.charCodeAt(keyStart);
      if (keyStart >= this.text.length) this.failUnclosed('object', open, '}');
      if (c === Ch.CloseBrace && comma >= 0) this.fail('trailing comma: remove the "," after the last property', comma, 1);
      if (c !== Ch.Quote) {
        const message = c === Ch.Apostrophe ? 'property names must be in double quotes, not single quotes' : 'expected a property name in double quotes';
        this.fail(message, keyStart, this.tokenLength(keyStart));
      }
      this.string();
      const keyEnd = this.pos;
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== Ch.Colon) {
        if (this.pos >= this.text.length) this.failUnclosed('object', open, '}');
        this.fail('expected ":" after the property name', this.pos, this.tokenLength(this.pos));
      }
      this.pos++;
      this.skipWhitespace();
      if (this.pos >= this.text.length) this.fail('unexpected end of file: expected a value after ":"', this.pos, 0);
      let child: WantedNode | undefined;
      if (wanted?.children) child = wanted.children.get(this.decodeString(keyStart, keyEnd));
      this.path.push([keyStart, keyEnd]);
      this.value(child, keyStart, keyEnd, depth);
      this.path.pop();
      this.skipWhitespace();
      const next = this.text.charCodeAt(this.pos);
      if (next === Ch.CloseBrace) {
        this.pos++;
        return;
      }
      if (next === Ch.Comma) {
        comma = this.pos;
        this.pos++;
        this.skipWhitespace();
        continue;
      }
      if (this.pos >= this.text.length) this.failUnclosed('object', open, '}');
      if (next === Ch.Quote) this.fail('missing "," between properties', this.pos, 1);
      this.fail('expected "," or "}" after the property value', this.pos, this.tokenLength(this.pos));
    }
  }

  private array(wanted: WantedNode | undefined, depth: number): void {
    const open = this.pos;
    if (depth > MAX_JSON_DEPTH) this.fail(`objects and arrays are nested more than ${MAX_JSON_DEPTH} levels deep`, open, 1, 'depth');
    this.pos++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === Ch.CloseBracket) {
      this.pos++;
      return;
    }
    let comma = -1;
    for (let index = 0; ; index++) {
      const c = this.text.charCodeAt(this.pos);
      if (this.pos >= this.text.length) this.failUnclosed('array', open, ']');
      if (c === Ch.CloseBracket && comma >= 0) this.fail('trailing comma: remove the "," after the last item', comma, 1);
      if (c === Ch.Comma) this.fail('expected a value before ","', this.pos, 1);
      this.path.push(index);
      this.value(wanted?.children?.get(index), -1, -1, depth);
      this.path.pop();
      this.skipWhitespace();
      const next = this.text.charCodeAt(this.pos);
      if (next === Ch.CloseBracket) {
        this.pos++;
        return;
      }
      if (next === Ch.Comma) {
        comma = this.pos;
        this.pos++;
        this.skipWhitespace();
        continue;
      }
      if (this.pos >= this.text.length) this.failUnclosed('array', open, ']');
      this.fail('expected "," or "]" after the item', this.pos, this.tokenLength(this.pos));
    }
  }

  private string(): void {
    const text = this.text;
    const open = this.pos;
    let i = open + 1;
    for (;;) {
      if (i >= text.length) this.fail('unterminated string: missing the closing "', open, 1);
      const c = text.charCodeAt(i);
      if (c === Ch.Quote) break;
      if (c === Ch.Backslash) {
        const e = text.charCodeAt(i + 1);
        if (e === 0x75 /* u */) {
          if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6))) {
            this.fail('invalid escape: "\\u" must be followed by 4 hexadecimal digits', i, Math.min(6, text.length - i));
          }
          i += 6;
          continue;
        }
        if (i + 1 >= text.length) this.fail('unterminated string: missing the closing "', open, 1);
        if (!SIMPLE_ESCAPES.includes(text[i + 1]!)) this.fail(`invalid escape "\\${text[i + 1]}" in a string`, i, 2);
        i += 2;
        continue;
      }
      if (c < Ch.Space) {
        if (c === Ch.LineFeed || c === Ch.CarriageReturn) {
          this.fail('unterminated string: a string cannot continue onto the next line (write \\n for a line break)', open, i - open);
        }
        this.fail(`control character ${codePointName(c)} in a string must be escaped`, i, 1);
      }
      i++;
    }
    this.pos = i + 1;
  }

  private number(): void {
    const start = this.pos;
    let end = start;
    while (end < this.text.length && /[0-9+\-.eE]/.test(this.text[end]!)) end++;
    const token = this.text.slice(start, end);
    if (!NUMBER_PATTERN.test(token)) {
      let hint = '';
      if (/^-?0\d/.test(token)) hint = ': numbers must not have leading zeros';
      else if (token.startsWith('+')) hint = ': numbers must not start with "+"';
      else if (/^-?\./.test(token) || /\.(?!\d)/.test(token)) hint = ': a decimal point needs digits on both sides';
      this.fail(`invalid number "${token}"${hint}`, start, end - start);
    }
    this.pos = end;
  }

  private literal(): void {
    const start = this.pos;
    if (start >= this.text.length) this.fail('unexpected end of file: expected a value', start, 0);
    const word = this.word(start);
    if (word === 'true' || word === 'false' || word === 'null') {
      this.pos = start + word.length;
      return;
    }
    const c = this.text.charCodeAt(start);
    if (c === Ch.Apostrophe) this.fail('strings must be in double quotes, not single quotes', start, this.tokenLength(start));
    if (c === Ch.Slash) this.fail('comments are not allowed in JSON', start, this.tokenLength(start));
    if (c === Ch.CloseBrace || c === Ch.CloseBracket) this.fail(`expected a value before "${this.text[start]}"`, start, 1);
    if (word === 'NaN' || word === 'Infinity' || word === 'undefined') this.fail(`${word} is not a JSON value`, start, word.length);
    if (word.length > 0) this.fail(`unexpected word "${truncate(word)}": strings must be in double quotes`, start, word.length);
    this.fail(`unexpected character ${describeChar(this.text, start)}`, start, 1);
  }

  private skipWhitespace(): void {
    const text = this.text;
    let i = this.pos;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === Ch.Space || c === Ch.LineFeed || c === Ch.CarriageReturn || c === Ch.Tab) {
        i++;
        continue;
      }
      if (c === Ch.Slash && (text.charCodeAt(i + 1) === Ch.Slash || text.charCodeAt(i + 1) === 0x2a)) {
        this.fail('comments are not allowed in JSON', i, 2);
      }
      break;
    }
    this.pos = i;
  }

  private word(start: number): string {
    let end = start;
    while (end < this.text.length && WORD_CHAR.test(this.text[end]!)) end++;
    return this.text.slice(start, end);
  }

  private tokenLength(start: number): number {
    if (start >= this.text.length) return 0;
    return Math.max(1, this.word(start).length);
  }

  private decodeString(start: number, end: number): string {
    return JSON.parse(this.text.slice(start, end)) as string;
  }

  private failUnclosed(what: 'object' | 'array', open: number, closer: string): never {
    const { line, column } = lineColumnAt(this.text, open);
    this.fail(`unexpected end of file: the ${what} opened at line ${line}, column ${column} is missing its "${closer}"`, this.text.length, 0);
  }

  private fail(message: string, offset: number, length: number, kind: JsonSyntaxError['kind'] = 'syntax'): never {
    const path = this.path.map((segment) => (typeof segment === 'number' ? segment : this.decodeString(segment[0], segment[1])));
    throw new JsonSyntaxFailure({ message, kind, offset, length, path });
  }
}

function codePointName(code: number): string {
  return 'U+' + code.toString(16).toUpperCase().padStart(4, '0');
}

function describeChar(text: string, at: number): string {
  const code = text.codePointAt(at)!;
  if (code < 0x21 || (code >= 0x7f && code <= 0xa0) || code === 0xfeff || code === 0xfffd) return codePointName(code);
  return `"${String.fromCodePoint(code)}"`;
}

function truncate(word: string): string {
  return word.length > 30 ? word.slice(0, 30) + '…' : word;
}

/**
 * Line starts for fast offset -> line/column conversion. Lines end at "\n", "\r\n" or a lone "\r", as in
 * VS Code. A byte order mark at the very start is invisible in editors, so it does not count as a column.
 */
export class LineIndex {
  private readonly starts: number[] = [0];
  private readonly bom: boolean;

  constructor(text: string) {
    this.bom = text.charCodeAt(0) === 0xfeff;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === Ch.LineFeed) this.starts.push(i + 1);
      else if (c === Ch.CarriageReturn) {
        if (text.charCodeAt(i + 1) === Ch.LineFeed) i++;
        this.starts.push(i + 1);
      }
    }
  }

  /** 1-based line and column (in UTF-16 code units) of a 0-based offset. */
  at(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    let column = offset - this.starts[low]! + 1;
    if (low === 0 && this.bom && offset > 0) column--;
    return { line: low + 1, column };
  }
}

export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  return new LineIndex(text.slice(0, offset + 1)).at(offset);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `claims[3].quote.exact`; keys that are not identifiers are written `["a key"]`. */
export function formatJsonPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
