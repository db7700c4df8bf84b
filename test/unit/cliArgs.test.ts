// The CLI's argument rules on top of node:util parseArgs: long options only, values from a fixed set, no option
// twice, and the usage errors worded as the CLI has always worded them (cli.test.ts runs them end to end).
import assert from 'node:assert/strict';
import { type OptionSpec, parseArgs, UsageError } from '../../src/cli/args';

const SPEC: Record<string, OptionSpec> = { out: { value: true }, format: { value: true, choices: ['csv', 'json'] }, json: {} };

const parse = (...argv: string[]) => {
  const parsed = parseArgs('export', argv, SPEC);
  return { positionals: parsed.positionals, flags: [...parsed.flags], options: Object.fromEntries(parsed.options) };
};

function usageError(argv: string[], message: string): void {
  assert.throws(
    () => parseArgs('export', argv, SPEC),
    (error: unknown) => error instanceof UsageError && error.message === message && error.command === 'export',
    `${JSON.stringify(argv)} → ${message}`,
  );
}

describe('CLI arguments (node:util parseArgs underneath)', () => {
  it('reads flags, options with a value (spaced or after "="), positionals, "-" and everything after "--"', () => {
    assert.deepEqual(parse('a.md', '--json', '--out', 'x.csv', '-', '--format=csv', '--', '--json', '-z'), {
      positionals: ['a.md', '-', '--json', '-z'],
      flags: ['json'],
      options: { out: 'x.csv', format: 'csv' },
    });
    assert.deepEqual(parse('--out', '--').options, { out: '--' }, 'a lone "--" right after an option is its value');
    assert.deepEqual(parse('--out', '-1').options, { out: '-1' }, 'a value may start with one dash');
    assert.deepEqual(parse('--out=').options, { out: '' });
  });

  it('words each usage mistake, at the first argument that makes it', () => {
    usageError(['--nope'], 'unknown option --nope');
    usageError(['--nope=1', '--json=1'], 'unknown option --nope');
    usageError(['-j'], 'unknown option -j');
    usageError(['-abc'], 'unknown option -abc');
    usageError(['-x=1'], 'unknown option -x');
    usageError(['--constructor'], 'unknown option --constructor');
    usageError(['--json=yes'], '--json does not take a value');
    usageError(['--out'], '--out needs a value');
    usageError(['--out', '--json'], '--out needs a value');
    usageError(['--format', 'xml'], '--format must be one of csv, json (got "xml")');
    usageError(['--out', 'a', '--out=b'], '--out is given twice');
  });
});
