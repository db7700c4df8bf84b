// Everything the CLI reads from and writes to the outside world. Sidecar writes go through the two
// functions at the bottom only, which use the store's atomic, locked writing, so the CLI and an open
// editor never overwrite each other's work.
import fs from 'node:fs';
import path from 'node:path';
import type { Sidecar } from '../core/sidecar/schema';
import { decodeArticleText, describeEncodingProblem } from '../core/text/textEncoding';
import { articleTextFromBytes, describeArticleRefusal } from '../core/app/articleText';
import { assertSidecarReadable, ClaimStore } from '../store/claimStore';
import { writeFileAtomically } from '../store/atomicFile';
import { readRegularFile } from '../store/safeRead';
import { InputError } from './args';

export interface CliIo {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
}

export function nodeCliIo(): CliIo {
  return {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: () =>
      new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
        process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        process.stdin.on('error', reject);
      }),
  };
}

/**
 * Control characters that must never reach a terminal or a CI log from a sidecar, an article or an
 * annotation file: C0 (ESC starts terminal sequences such as OSC 0 titles and OSC 8 links; a line break
 * would start a new line that GitHub Actions runs as a workflow command like "::error ::"), DEL, C1 (0x9B
 * is an 8-bit CSI), the Unicode line and paragraph separators, and bidirectional overrides and isolates
 * (which make text display in another order than it is).
 */
const CONTROLS = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
const CONTROLS_KEEPING_LAYOUT = /(?![\t\n\r])[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

function visibleEscape(char: string): string {
  const named = NAMED_ESCAPES[char];
  if (named) return named;
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * One line of a text report, safe to print: every control character and line break inside it is shown as
 * an escape (\n, \e, \x9b, \u2028), and a line that would begin with "::" (a GitHub Actions workflow
 * command) is indented by one space.
 */
export function safeLine(line: string): string {
  const escaped = line.replace(CONTROLS, visibleEscape);
  return escaped.startsWith('::') ? ' ' + escaped : escaped;
}

/** A multi-line document (a Markdown or CSV export) with its line breaks and tabs kept, other controls escaped. */
export function safeDocument(text: string): string {
  return text.replace(CONTROLS_KEEPING_LAYOUT, visibleEscape).replace(/^::/gm, ' ::');
}

/** JSON text with the characters JSON.stringify leaves raw (C1, separators, bidi controls) as \uXXXX escapes. */
export function safeJson(json: string): string {
  // JSON.stringify already escapes C0 inside strings, and outside them only its own layout whitespace occurs.
  return json.replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Writes report lines (each without its final line break) through safeLine. */
export function printLines(write: (text: string) => void, ...lines: string[]): void {
  write(lines.map((line) => safeLine(line) + '\n').join(''));
}

/** How a path is shown in messages: relative to the working folder when inside it. */
export function displayPath(io: CliIo, file: string): string {
  const relative = path.relative(io.cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

export type TextRead =
  | { kind: 'text'; text: string; /** The bytes as on disk (a BOM included). */ bytes: Buffer }
  | { kind: 'missing' }
  | { kind: 'bad-encoding'; problem: string }
  /** Not read: a folder, a FIFO or device, too large, no permission, or a symbolic link leaving the roots. */
  | { kind: 'unreadable'; problem: string };

/** The largest file the CLI reads (articles, sidecars, annotation files); larger ones are refused unread. */
export const MAX_CLI_FILE_BYTES = 256 * 1024 * 1024;

const namedRoots = new WeakMap<CliIo, Set<string>>();

/**
 * Marks a folder (or a file's folder) the user named on the command line: files inside it may be read even
 * when they are symbolic links into it from elsewhere. The working folder always counts.
 */
export function allowRoot(io: CliIo, folderOrFile: string): void {
  let roots = namedRoots.get(io);
  if (!roots) namedRoots.set(io, (roots = new Set()));
  roots.add(path.resolve(io.cwd, folderOrFile));
}

/** The working folder and the folders named on the command line. */
export function cliRoots(io: CliIo): string[] {
  return [io.cwd, ...(namedRoots.get(io) ?? [])];
}

/**
 * Reads a UTF-8 text file without ever blocking or exhausting memory (see readRegularFile): a missing file
 * is reported as such; an encoding problem, or a file that is not read (a FIFO, a device, a folder, one
 * too large or unreadable, or a symbolic link leaving the working folder and the paths named), is returned
 * for the caller to report as a finding about that file, so one bad file never stops a whole run.
 */
export function readTextFile(io: CliIo, file: string): TextRead {
  const read = readRegularFile(file, { maxBytes: MAX_CLI_FILE_BYTES, roots: cliRoots(io) });
  if (read.kind === 'missing') return read;
  if (read.kind === 'refused') return { kind: 'unreadable', problem: read.reason };
  const problem = describeEncodingProblem(read.bytes);
  if (problem) return { kind: 'bad-encoding', problem };
  return { kind: 'text', text: decodeArticleText(read.bytes), bytes: read.bytes };
}

/**
 * Reads an article under the same rule as the editor (articleTextFromBytes: size limit, not binary, UTF-8);
 * a refusal comes back as 'unreadable' (or 'bad-encoding') with the reason, like any other unreadable file.
 */
export function readArticleFile(io: CliIo, file: string): TextRead {
  const read = readRegularFile(file, { maxBytes: MAX_CLI_FILE_BYTES, roots: cliRoots(io) });
  if (read.kind === 'missing') return read;
  if (read.kind === 'refused') return { kind: 'unreadable', problem: read.reason };
  const article = articleTextFromBytes(read.bytes);
  if (article.kind === 'text') return { kind: 'text', text: article.text, bytes: read.bytes };
  if (article.kind === 'bad-encoding') return { kind: 'bad-encoding', problem: article.problem };
  return { kind: 'unreadable', problem: describeArticleRefusal(article) };
}

/** Like readTextFile, for files the command cannot do without: anything but text is an InputError. */
export function requireTextFile(io: CliIo, file: string, what = 'file'): string {
  const read = readTextFile(io, file);
  if (read.kind === 'missing') throw new InputError(`${displayPath(io, file)}: no such ${what}`);
  if (read.kind === 'bad-encoding') throw new InputError(`${displayPath(io, file)}: ${read.problem}; expected UTF-8 text`);
  if (read.kind === 'unreadable') throw new InputError(`${displayPath(io, file)}: ${read.problem}`);
  return read.text;
}

/** Writes a non-sidecar output file (an export), naming the file if that fails. */
export function writeOutputFile(io: CliIo, file: string, text: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomically(file, text);
  } catch (error) {
    throw new InputError(`${displayPath(io, file)}: cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** Replaces a sidecar file's content in one atomic step (the merge driver's result for git's %A). */
export function writeSidecarAtomically(file: string, text: string): void {
  try {
    assertSidecarReadable(file, text);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  writeFileAtomically(file, text);
}

/**
 * Changes an article's sidecar through the store: under its lock, merged with whatever is on disk, written
 * atomically. `change` returns false when it changed nothing. Refuses invalid or newer sidecars.
 */
export async function updateSidecar(articlePath: string, change: (sidecar: Sidecar) => boolean | void): Promise<void> {
  const store = new ClaimStore();
  try {
    await store.update(articlePath, change);
  } finally {
    store.dispose();
  }
}
