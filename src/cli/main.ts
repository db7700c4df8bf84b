// The `claims` command line: dispatch, help and exit codes. Commands report through the injected CliIo so
// tests can run them in-process with their own argv, stdout and stdin.
import { version } from '../../package.json';
import { InputError, UsageError } from './args';
import { CHECK_HELP, runCheck } from './check';
import { CONFLICTS_HELP, runConflicts } from './conflicts';
import { EXPORT_HELP, runExport } from './export';
import { IMPORT_HELP, runImport } from './import';
import { printLines, type CliIo } from './io';
import { MATCH_HELP, runMatch } from './match';
import { MERGE_HELP, runMerge } from './merge';
import { runSpot, SPOT_HELP } from './spot';

export const EXIT_OK = 0;
export const EXIT_USAGE = 2;

export const MAIN_HELP = `Usage: claims <command> [options]

Claim Annotator on the command line: check, spot, export and merge the claims
kept in *.claims.json sidecars beside articles.

Commands:
  check [paths...]         validate sidecars, re-anchor claims, report orphans,
                           uncited claims and open conflicts
  spot FILE...             list check-worthy sentences that are not claims yet
  spot --lines             score sentences from standard input, one per line
  conflicts [paths...]     suggest conflicting dates and amounts across articles
  export [paths...] --format markdown|csv|w3c|claimreview [--out FILE]
  import --format w3c FILE import W3C / Hypothesis annotations as claims
  import --format claimreview FILE
                           add ClaimReview markup to the fact-check archive
  merge BASE OURS THEIRS   three-way merge of a sidecar (git merge driver)
  match --archive FILE [paths...] | --lines
                           find earlier fact-checks of claims or sentences

Options:
  --help       this help; "claims <command> --help" for a command's
  --version    print the version

Exit codes: 0 clean, 1 findings (or merge conflicts), 2 usage or input error.
`;

type Command = (io: CliIo, argv: readonly string[]) => number | Promise<number>;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  check: { run: runCheck, help: CHECK_HELP },
  spot: { run: runSpot, help: SPOT_HELP },
  conflicts: { run: runConflicts, help: CONFLICTS_HELP },
  export: { run: runExport, help: EXPORT_HELP },
  import: { run: runImport, help: IMPORT_HELP },
  merge: { run: runMerge, help: MERGE_HELP },
  match: { run: runMatch, help: MATCH_HELP },
};

/** Runs one CLI invocation and returns its exit code; never throws for expected problems. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr(MAIN_HELP);
    return EXIT_USAGE;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = rest[0] !== undefined ? COMMANDS[rest[0]] : undefined;
    io.stdout(topic ? topic.help : MAIN_HELP);
    return EXIT_OK;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`${version}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS[first];
  if (!command) {
    const message = first.startsWith('-') ? `unknown option ${first}` : `unknown command "${first}"`;
    printLines(io.stderr, `claims: ${message}; commands are ${Object.keys(COMMANDS).join(', ')} (see claims --help)`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(io, rest);
  } catch (error) {
    if (error instanceof UsageError) {
      printLines(io.stderr, `claims ${first}: ${error.message} (see claims ${first} --help)`);
      return EXIT_USAGE;
    }
    if (error instanceof InputError) {
      // A message may list several problems, one a line; each line is still escaped on its own.
      const [head, ...rest] = error.message.split('\n');
      printLines(io.stderr, `claims ${first}: ${head}`, ...rest);
      return EXIT_USAGE;
    }
    const err = error as NodeJS.ErrnoException;
    printLines(io.stderr, `claims ${first}: ${err.path ? `${err.path}: ` : ''}${err.message ?? String(error)}`);
    return EXIT_USAGE;
  }
}
