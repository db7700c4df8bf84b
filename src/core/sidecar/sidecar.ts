// Reading and writing sidecar files (`story.md.claims.json`). parseSidecar turns text into a validated
// Sidecar or into located, human-readable problems; serializeSidecar writes the one canonical text for a
// Sidecar, so unchanged data always gives byte-identical files and git diffs stay small.
//
// Loading decisions:
// - A UTF-8 byte order mark at the start is accepted and ignored: Windows editors add one, and refusing the
//   file would lock the user out of their claims. serializeSidecar never writes one. Issue offsets index the
//   text as given (BOM included); columns do not count the BOM, because editors do not show it.
// - Keys "__proto__", "constructor" and "prototype" are dropped wherever they occur, so no consumer that
//   copies or merges the data (Object.assign, deep merges) can have its prototype replaced.
// - Duplicate keys in one object behave as in JSON.parse: the last one wins.
// - Whole numbers beyond ±(2^53 - 1) are errors anywhere in the file, since they cannot be read back exactly
//   and the file would silently change on the next save.
import * as z from 'zod';
import { formatJsonPath, LineIndex, MAX_JSON_DEPTH, scanJson, type JsonPath, type JsonSpan } from './jsonLocation';
import { Sidecar as SidecarSchema, SIDECAR_SUFFIX, SIDECAR_VERSION, type Claim, type Sidecar } from './schema';
import { acceptSidecarV1 } from './sidecarFastCheck';
import { keyOrderer } from './schemaShape';
import { looksLikeV1, migrateV0, SidecarV0, v0PathFor } from './sidecarMigration';

export interface SidecarIssue {
  message: string;
  /** JSON path of the offending value, e.g. ["claims", 3, "status"]; [] for the whole file. */
  path: (string | number)[];
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
  /** 0-based UTF-16 offset into the parsed text. */
  offset: number;
  length: number;
}

export type SidecarParseResult = { ok: true; sidecar: Sidecar; migratedFrom?: number } | { ok: false; errors: SidecarIssue[]; readOnly: boolean };

export interface ParseSidecarOptions {
  /** The article's length in UTF-16 code units; claims whose position ends past it are errors. */
  articleLength?: number;
}

/** More problems than this are summarised in one last issue; a file this broken is fixed from the top anyway. */
export const MAX_REPORTED_ISSUES = 100;

const BOM = 0xfeff;

/** A problem whose location is not known yet; the message may quote the located source text. */
interface PendingIssue {
  path: JsonPath;
  message: string | ((source: string) => string);
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function prefixed(path: JsonPath, message: string): string {
  return path.length > 0 ? `${formatJsonPath(path)}: ${message}` : message;
}

export function parseSidecar(text: string, options: ParseSidecarOptions = {}): SidecarParseResult {
  const start = text.charCodeAt(0) === BOM ? 1 : 0;
  let document: unknown;
  try {
    document = JSON.parse(start ? text.slice(start) : text);
  } catch (error) {
    // Empty text, NULs and UTF-16 are never valid JSON, so they need looking for only here.
    const issue = checkText(text, start) ?? syntaxIssue(text, start, error);
    return { ok: false, errors: [issue], readOnly: false };
  }

  const valueProblems = hasValueProblems(document) ? inspectValues(document) : [];
  if (valueProblems === 'too deep') return { ok: false, errors: [syntaxIssue(text, start, undefined)], readOnly: false };

  if (!isObject(document)) {
    const kind = Array.isArray(document) ? 'an array' : document === null ? 'null' : `a ${typeof document}`;
    return fail(text, start, [{ path: [], message: `a sidecar must be a JSON object like {"version": 1, "article": …, "claims": […]}, not ${kind}` }]);
  }

  const version = document.version;
  if (version === SIDECAR_VERSION) return parseCurrent(text, start, document, valueProblems, options);
  if (version === 0 || (version === undefined && !looksLikeV1(document))) return parseV0(text, start, document, valueProblems, options);
  if (version === undefined) {
    return fail(text, start, [
      {
        path: ['version'],
        message: `missing the required field "version"; this file looks like version ${SIDECAR_VERSION}, so add "version": ${SIDECAR_VERSION}`,
      },
    ]);
  }
  if (typeof version === 'number' && Number.isSafeInteger(version) && version > SIDECAR_VERSION) {
    const issue: PendingIssue = {
      path: ['version'],
      message: `this sidecar was written by a newer Claim Annotator (version ${version}); it is shown read-only — update the extension to edit it`,
    };
    return { ok: false, errors: locate(text, start, [issue]), readOnly: true };
  }
  return fail(text, start, [{ path: ['version'], message: prefixed(['version'], `expected ${SIDECAR_VERSION}, got ${describeValue(version)}`) }]);
}

function parseCurrent(text: string, start: number, document: JsonObject, valueProblems: PendingIssue[], options: ParseSidecarOptions): SidecarParseResult {
  let sidecar = acceptSidecarV1(document);
  const pending = [...valueProblems];
  if (!sidecar) {
    const parsed = boundedSafeParse(SidecarSchema, document);
    if (parsed.success) sidecar = parsed.data as Sidecar;
    else appendAll(pending, schemaIssues(parsed.issues, document, valueProblems));
  }
  appendAll(pending, consistencyIssues(document, 'current', options.articleLength));
  if (pending.length > 0 || !sidecar) return fail(text, start, pending);
  return { ok: true, sidecar };
}

function parseV0(text: string, start: number, document: JsonObject, valueProblems: PendingIssue[], options: ParseSidecarOptions): SidecarParseResult {
  const pending = [...valueProblems];
  const parsed = boundedSafeParse(SidecarV0, document);
  if (!parsed.success) appendAll(pending, schemaIssues(parsed.issues, document, valueProblems));
  appendAll(pending, consistencyIssues(document, 'v0', options.articleLength));
  if (pending.length > 0 || !parsed.success) return fail(text, start, pending);

  const migrated = migrateV0(parsed.data as z.infer<typeof SidecarV0>);
  let sidecar = acceptSidecarV1(migrated);
  if (!sidecar) {
    const reparsed = SidecarSchema.safeParse(migrated);
    if (!reparsed.success) {
      const issues = schemaIssues(reparsed.error.issues, migrated, []).map((issue) => ({ ...issue, path: v0PathFor(issue.path) }));
      return fail(text, start, issues);
    }
    sidecar = reparsed.data;
  }
  return { ok: true, sidecar, migratedFrom: 0 };
}

/** Appends without spreading into one call, which overflows the stack past about 100,000 items. */
function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

type BoundedParse = { success: true; data: unknown } | { success: false; issues: z.core.$ZodIssue[] };

/**
 * schema.safeParse, for any width of input. zod gathers a container's problems by spreading them into one
 * push, so an array of 130,000 wrong items overflows the stack. When that happens the problems are gathered
 * again one level down (each field of an object, each item of an array), stopping once more than
 * MAX_REPORTED_ISSUES are found: enough to report, and the file is rejected anyway.
 */
function boundedSafeParse(schema: z.ZodType, value: unknown): BoundedParse {
  try {
    const parsed = schema.safeParse(value);
    return parsed.success ? { success: true, data: parsed.data } : { success: false, issues: parsed.error.issues };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  const issues: z.core.$ZodIssue[] = [];
  collectIssuesBelow(schema, value, [], issues);
  if (issues.length === 0) issues.push({ code: 'custom', path: [], message: 'the file has too many problems to list', input: value } as z.core.$ZodIssue);
  return { success: false, issues };
}

/** The inner schema of optional and default wrappers, which add no problems of their own. */
function unwrapped(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) inner = inner.unwrap() as z.ZodType;
  return inner;
}

function collectIssues(schema: z.ZodType, value: unknown, at: PropertyKey[], out: z.core.$ZodIssue[]): void {
  if (out.length > MAX_REPORTED_ISSUES) return;
  try {
    const parsed = schema.safeParse(value);
    if (!parsed.success) for (const issue of parsed.error.issues) if (out.length <= MAX_REPORTED_ISSUES) out.push({ ...issue, path: [...at, ...issue.path] });
    return;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  collectIssuesBelow(schema, value, at, out);
}

/** The problems of each field or item of `value` on its own (the whole was too wide for zod). */
function collectIssuesBelow(schema: z.ZodType, value: unknown, at: PropertyKey[], out: z.core.$ZodIssue[]): void {
  const inner = unwrapped(schema);
  if (inner instanceof z.ZodArray && Array.isArray(value)) {
    for (let i = 0; i < value.length && out.length <= MAX_REPORTED_ISSUES; i++) collectIssues(inner.element as z.ZodType, value[i], [...at, i], out);
  } else if (inner instanceof z.ZodObject && isObject(value)) {
    for (const [key, field] of Object.entries(inner.shape as Record<string, z.ZodType>)) collectIssues(field, value[key], [...at, key], out);
  } else {
    out.push({ code: 'custom', path: at, message: 'too many problems here to list', input: value } as z.core.$ZodIssue);
  }
}

/** Why text is not JSON before any grammar comes into it: no content, or bytes that were never UTF-8 text. */
function checkText(text: string, start: number): SidecarIssue | undefined {
  const at = (offset: number, length: number, message: string): SidecarIssue => ({ message, path: [], ...new LineIndex(text).at(offset), offset, length });
  if (/^[ \t\r\n]*$/.test(start ? text.slice(start) : text)) {
    return at(start, 0, `the sidecar file is empty; it should hold a JSON object like {"version": ${SIDECAR_VERSION}, "article": "story.md", "claims": []}`);
  }
  // UTF-16 read as UTF-8: its byte order mark FF FE (or FE FF) becomes two U+FFFD, and ASCII text gets a NUL
  // between every character.
  const nul = text.indexOf('\u0000');
  const looksUtf16 = text.startsWith('\uFFFD\uFFFD', start) || (nul >= 0 && nul <= start + 1 && (text.charCodeAt(nul + 2) === 0 || text.length <= nul + 2));
  if (looksUtf16) return at(start, 0, 'the file is not UTF-8 text: it looks like UTF-16; save it as UTF-8');
  if (nul >= 0) return at(nul, 1, 'the file contains a NUL character (U+0000), so it is not a text file; a sidecar must be UTF-8 JSON');
  return undefined;
}

function syntaxIssue(text: string, start: number, nativeError: unknown): SidecarIssue {
  const { syntaxError } = scanJson(text, [], start);
  if (syntaxError) {
    const explanation = syntaxError.kind === 'syntax' ? `invalid JSON: ${syntaxError.message}` : syntaxError.message;
    // Deep paths (the nesting error's) would drown the message; the line and column say where anyway.
    const message = syntaxError.path.length <= 8 ? prefixed(syntaxError.path, explanation) : explanation;
    return { message, path: syntaxError.path, ...new LineIndex(text).at(syntaxError.offset), offset: syntaxError.offset, length: syntaxError.length };
  }
  // The scanner accepts exactly what JSON.parse accepts, so this means JSON.parse itself gave up (e.g. memory).
  const reason = nativeError instanceof Error ? nativeError.message : String(nativeError);
  return { message: `the file could not be read as JSON: ${reason}`, path: [], line: 1, column: 1, offset: start, length: 0 };
}

function fail(text: string, start: number, pending: PendingIssue[]): SidecarParseResult {
  // Several checks can trip over the same value (a huge offset is both unsafe and past the article's end);
  // the first, most basic, explanation is enough.
  const seen = new Set<string>();
  const distinct = pending.filter((issue) => {
    const key = JSON.stringify(issue.path);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ok: false, errors: locate(text, start, distinct), readOnly: false };
}

/** Finds each pending issue's value (or nearest existing parent) in the text and orders issues by place. */
function locate(text: string, start: number, pending: PendingIssue[]): SidecarIssue[] {
  const { locations } = scanJson(
    text,
    pending.map((issue) => issue.path),
    start,
  );
  const lines = new LineIndex(text);
  const located = pending.map((issue, index): SidecarIssue => {
    const location = locations[index];
    let span: JsonSpan = { offset: start, length: 0 };
    if (location) {
      if (location.complete && !location.container) span = location.value;
      else span = location.key ?? { offset: location.value.offset, length: 1 };
    }
    const message = typeof issue.message === 'string' ? issue.message : issue.message(text.slice(span.offset, span.offset + span.length));
    return { message, path: issue.path, ...lines.at(span.offset), offset: span.offset, length: span.length };
  });
  located.sort((a, b) => a.offset - b.offset);
  if (located.length <= MAX_REPORTED_ISSUES) return located;
  const first = located.slice(0, MAX_REPORTED_ISSUES);
  const next = located[MAX_REPORTED_ISSUES]!;
  first.push({ ...next, message: `${located.length - MAX_REPORTED_ISSUES} more problems from here on are not listed; fix the ones above first` });
  return first;
}

function isUnsafeNumber(value: number): boolean {
  return !Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value));
}

const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];

/**
 * The fast pass over the parsed JSON: drops prototype-polluting keys in place and says whether anything
 * needs reporting (unsafe numbers, nesting too deep). Only then does inspectValues walk again, keeping paths.
 */
function hasValueProblems(value: unknown, depth = 1): boolean {
  if (typeof value === 'number') return isUnsafeNumber(value);
  if (typeof value !== 'object' || value === null) return false;
  if (depth > MAX_JSON_DEPTH) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (hasValueProblems(value[i], depth + 1)) return true;
    return false;
  }
  const object = value as JsonObject;
  let forbidden = false;
  for (const key in object) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') forbidden = true;
    else if (hasValueProblems(object[key], depth + 1)) return true;
  }
  // JSON.parse makes these ordinary own properties, so deleting them is safe and restores plain semantics.
  if (forbidden) for (const key of FORBIDDEN_KEYS) delete object[key];
  return false;
}

/**
 * Walks the parsed JSON keeping paths: drops prototype-polluting keys in place, and reports numbers that
 * cannot be kept exactly. Returns 'too deep' when containers nest deeper than the scanner allows, so that
 * the scanner can locate the spot.
 */
function inspectValues(document: unknown): PendingIssue[] | 'too deep' {
  const problems: PendingIssue[] = [];
  const path: JsonPath = [];
  let tooDeep = false;
  const visit = (value: unknown, depth: number): void => {
    if (typeof value === 'number') {
      if (!isUnsafeNumber(value)) return;
      const at = path.slice();
      if (!Number.isFinite(value)) {
        problems.push({ path: at, message: (source) => prefixed(at, `the number ${source} is too large`) });
      } else {
        problems.push({
          path: at,
          message: (source) =>
            prefixed(
              at,
              `the number ${source} is too large to be kept exactly; whole numbers must lie between -${Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`,
            ),
        });
      }
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    if (depth > MAX_JSON_DEPTH) {
      tooDeep = true;
      return;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length && !tooDeep; i++) {
        path.push(i);
        visit(value[i], depth + 1);
        path.pop();
      }
      return;
    }
    const object = value as JsonObject;
    for (const key in object) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
        delete object[key];
        continue;
      }
      path.push(key);
      visit(object[key], depth + 1);
      path.pop();
      if (tooDeep) return;
    }
  };
  visit(document, 1);
  return tooDeep ? 'too deep' : problems;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `the text ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
    case 'number':
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

const EXPECTED_NAMES: Record<string, string> = {
  string: 'text in double quotes',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'an array',
};

const ZOD_DEFAULT_MESSAGE = /^(Invalid|Too (big|small)|Unrecognized)/;

/** zod issues as messages a fact-checker can act on, prefixed with the readable path. */
function schemaIssues(issues: readonly z.core.$ZodIssue[], document: unknown, alreadyReported: readonly PendingIssue[]): PendingIssue[] {
  const reportedPaths = new Set(alreadyReported.map((issue) => JSON.stringify(issue.path)));
  const result: PendingIssue[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
    if (reportedPaths.has(JSON.stringify(path))) continue;
    const value = valueAt(document, path);
    const custom = !ZOD_DEFAULT_MESSAGE.test(issue.message);
    let message: string;
    switch (issue.code) {
      case 'invalid_type':
        if (value === undefined && path.length > 0) {
          result.push({ path, message: prefixed(path.slice(0, -1), `missing the required field ${JSON.stringify(path[path.length - 1])}`) });
          continue;
        }
        message = `${custom ? issue.message : `expected ${EXPECTED_NAMES[issue.expected] ?? issue.expected}`}, got ${describeValue(value)}`;
        break;
      case 'invalid_value':
        message =
          issue.values.length === 1
            ? `expected ${JSON.stringify(issue.values[0])}, got ${describeValue(value)}`
            : `expected one of ${issue.values.map((v) => String(v)).join(', ')}`;
        break;
      case 'too_small':
        if (custom) message = issue.message;
        else if (issue.origin === 'string') message = Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters long`;
        else if (issue.origin === 'array') message = `must have at least ${issue.minimum} items`;
        else message = `must be at least ${issue.minimum}`;
        break;
      case 'too_big':
        if (custom) message = issue.message;
        else if (issue.origin === 'string') message = `must be at most ${issue.maximum} characters long`;
        else if (issue.origin === 'array') message = `must have at most ${issue.maximum} items`;
        else message = `must be at most ${issue.maximum}`;
        break;
      default:
        message = custom ? issue.message : issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
    }
    result.push({ path, message: prefixed(path, message) });
  }
  return result;
}

/**
 * Rules zod cannot express: ids unique (claims in the file, citations and conflicts within a claim) and
 * positions inside the article. They read the raw document defensively, so they report alongside schema errors.
 */
function consistencyIssues(document: JsonObject, layout: 'current' | 'v0', articleLength: number | undefined): PendingIssue[] {
  const issues: PendingIssue[] = [];
  const claims = document.claims;
  if (!Array.isArray(claims)) return issues;
  reportDuplicateIds(claims, ['claims'], 'claim', issues);
  for (let index = 0; index < claims.length; index++) {
    const claim: unknown = claims[index];
    if (!isObject(claim)) continue;
    if (layout === 'current') {
      reportDuplicateIds(claim.citations, ['claims', index, 'citations'], 'citation', issues);
      reportDuplicateIds(claim.conflicts, ['claims', index, 'conflicts'], 'conflict', issues);
    }
    if (articleLength === undefined) continue;
    const holder = layout === 'current' ? claim.position : claim;
    if (!isObject(holder)) continue;
    for (const field of ['start', 'end'] as const) {
      const value = holder[field];
      if (typeof value !== 'number' || value <= articleLength) continue;
      const path: JsonPath = layout === 'current' ? ['claims', index, 'position', field] : ['claims', index, field];
      issues.push({ path, message: prefixed(path, `${value} is past the end of the article, which is ${articleLength} characters long`) });
      break;
    }
  }
  return issues;
}

function reportDuplicateIds(items: unknown, basePath: JsonPath, what: string, issues: PendingIssue[]): void {
  if (!Array.isArray(items) || items.length < 2) return;
  const firstIndex = new Map<string, number>();
  for (let index = 0; index < items.length; index++) {
    const item: unknown = items[index];
    const id = isObject(item) ? item.id : undefined;
    if (typeof id !== 'string') continue;
    const earlier = firstIndex.get(id);
    if (earlier === undefined) {
      firstIndex.set(id, index);
      continue;
    }
    const path = [...basePath, index, 'id'];
    issues.push({ path, message: prefixed(path, `duplicate ${what} id ${JSON.stringify(id)}; ${formatJsonPath([...basePath, earlier])} already uses it`) });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Writing

// Key order is the order schema.ts declares the fields in; see schemaShape.ts.
const orderedSidecar = keyOrderer(SidecarSchema);

/** Claims in reading order; the id breaks ties so the order never depends on how the array was built. */
export function compareClaimsByPosition(a: Claim, b: Claim): number {
  return a.position.start - b.position.start || a.position.end - b.position.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The canonical text of a sidecar: fixed key order with unknown keys after the known ones (sorted), claims
 * in position order, two-space indent, final newline. Optional fields that are absent stay absent.
 */
export function serializeSidecar(sidecar: Sidecar): string {
  return JSON.stringify(orderedSidecar({ ...sidecar, claims: sidecar.claims.slice().sort(compareClaimsByPosition) }), null, 2) + '\n';
}

// ---------------------------------------------------------------------------------------------------------
// Files

/** `notes/story.md` -> `notes/story.md.claims.json`. */
export function sidecarPathFor(articlePath: string): string {
  return articlePath + SIDECAR_SUFFIX;
}

/** `notes/story.md.claims.json` -> `notes/story.md`; undefined for a path that is not a sidecar's. */
export function articlePathFor(sidecarPath: string): string | undefined {
  if (!sidecarPath.endsWith(SIDECAR_SUFFIX)) return undefined;
  const articlePath = sidecarPath.slice(0, -SIDECAR_SUFFIX.length);
  const lastSeparator = Math.max(articlePath.lastIndexOf('/'), articlePath.lastIndexOf('\\'));
  return articlePath.length > lastSeparator + 1 ? articlePath : undefined;
}

/** A new, empty sidecar; `articleFileName` may be a path, of which only the file name is kept. */
export function emptySidecar(articleFileName: string): Sidecar {
  const name = articleFileName.slice(Math.max(articleFileName.lastIndexOf('/'), articleFileName.lastIndexOf('\\')) + 1);
  if (name.length === 0) throw new Error(`emptySidecar: "${articleFileName}" has no file name`);
  return { version: SIDECAR_VERSION, article: name, claims: [] };
}

/** `file:line:col: message`, the form editors and CI logs turn into links. */
export function formatIssue(file: string, issue: SidecarIssue): string {
  return `${file}:${issue.line}:${issue.column}: ${issue.message}`;
}
