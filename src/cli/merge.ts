// `claims merge BASE OURS THEIRS [PATH]`: the git merge driver for sidecars (git passes %O %A %B %P).
import path from 'node:path';
import { formatMergeConflicts, mergeSidecars } from '../core/sidecar/merge';
import type { Sidecar } from '../core/sidecar/schema';
import { parseSidecar, serializeSidecar } from '../core/sidecar/sidecar';
import { InputError, parseArgs, UsageError } from './args';
import { allowRoot, displayPath, printLines, readTextFile, writeSidecarAtomically, type CliIo } from './io';

export const MERGE_HELP = `Usage: claims merge BASE OURS THEIRS [--] [PATH]

Three-way merge of one sidecar, for use as a git merge driver (git passes
%O %A %B %P). Merges by claim id and field, and by citation and conflict-note
id inside claims, and writes the canonical result to OURS.

- Different claims, or different fields, changed on each side merge cleanly.
- The same field changed differently on both sides keeps both values between
  <<<<<<< ours / ======= / >>>>>>> theirs markers (text fields in place; for
  status and other fixed-value fields, ours is kept and theirs goes in the
  note) and counts as a conflict.
- Nothing is dropped except a claim, citation or conflict note that one side
  deleted and the other left unchanged.
BASE may be empty or missing (no common ancestor).

Set it up in a repository:
  echo '*.claims.json merge=claims' >> .gitattributes
  git config merge.claims.driver "claims merge %O %A %B -- %P"
(The "--" lets a sidecar whose name starts with "-" through; a fourth argument
starting with "-" is taken as PATH even without it.)

Exit: 0 merged cleanly, 1 merged with conflicts (listed), 2 an input is not a
valid sidecar (OURS is left untouched).
`;

const OPTIONS = { help: {} } as const;

function readSide(io: CliIo, file: string, label: string, optional: boolean): Sidecar | undefined {
  const read = readTextFile(io, file);
  const name = `${label} (${displayPath(io, file)})`;
  if (read.kind === 'missing') {
    if (optional) return undefined;
    throw new InputError(`${name}: no such file`);
  }
  if (read.kind === 'bad-encoding') throw new InputError(`${name}: ${read.problem}; sidecars are UTF-8 JSON`);
  if (read.kind === 'unreadable') throw new InputError(`${name}: ${read.problem}`);
  if (optional && read.text.trim() === '') return undefined;
  const parsed = parseSidecar(read.text);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    const more = parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more)` : '';
    throw new InputError(`${name}: not a valid sidecar: ${first ? `${first.line}:${first.column}: ${first.message}` : 'unknown problem'}${more}`);
  }
  return parsed.sidecar;
}

export function runMerge(io: CliIo, argv: readonly string[]): number {
  // A driver set up without "--" still passes a PATH such as "-story.md.claims.json" as the fourth argument.
  const withSeparator =
    argv.length === 4 && !argv.includes('--') && argv[3] !== '--help' && !argv.slice(0, 3).some((a) => a.startsWith('-'))
      ? [...argv.slice(0, 3), '--', argv[3]!]
      : argv;
  const args = parseArgs('merge', withSeparator, OPTIONS);
  if (args.flags.has('help')) {
    io.stdout(MERGE_HELP);
    return 0;
  }
  if (args.positionals.length < 3 || args.positionals.length > 4) throw new UsageError('expected BASE OURS THEIRS [PATH]', 'merge');
  const [baseFile, oursFile, theirsFile] = args.positionals.slice(0, 3).map((p) => path.resolve(io.cwd, p)) as [string, string, string];
  for (const file of [baseFile, oursFile, theirsFile]) allowRoot(io, path.dirname(file));
  const base = readSide(io, baseFile, 'BASE', true);
  const ours = readSide(io, oursFile, 'OURS', false)!;
  const theirs = readSide(io, theirsFile, 'THEIRS', false)!;
  const { merged, conflicts } = mergeSidecars(base, ours, theirs);
  writeSidecarAtomically(oursFile, serializeSidecar(merged));
  if (conflicts.length === 0) return 0;
  // git names the real path as %P; without it, the temporary file is the best name there is.
  const name = args.positionals[3] ?? displayPath(io, oursFile);
  printLines(io.stdout, ...formatMergeConflicts(name, conflicts));
  return 1;
}
