// Argument parsing on Node's own `util.parseArgs` (no dependency: the CLI ships as one file): it splits the
// arguments into tokens; this file applies the CLI's rules (long options only, values from a fixed set, no
// option twice) and words the usage errors.
import { parseArgs as parseTokens } from 'node:util';

/** A usage mistake: unknown command or option, a missing or malformed value. Exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An input the command cannot work with: a missing path, an unreadable or malformed file. Exit code 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export interface OptionSpec {
  /** Takes a value (`--out FILE` or `--out=FILE`); otherwise a boolean flag. */
  value?: boolean;
  /** The allowed values, when there is a fixed set. */
  choices?: readonly string[];
}

export interface ParsedArgs {
  positionals: string[];
  flags: Set<string>;
  options: Map<string, string>;
}

export function parseArgs(command: string, argv: readonly string[], spec: Readonly<Record<string, OptionSpec>>): ParsedArgs {
  const parsed: ParsedArgs = { positionals: [], flags: new Set(), options: new Map() };
  const known = (name: string): OptionSpec | undefined => (Object.hasOwn(spec, name) ? spec[name] : undefined);
  // Node's parser splits the arguments into tokens; strict mode is off so that this file words the errors, in
  // the order the arguments come, the way the CLI always has.
  const { tokens } = parseTokens({
    args: [...argv],
    options: Object.fromEntries(Object.entries(spec).map(([name, option]) => [name, { type: option.value ? 'string' : 'boolean' } as const])),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind === 'positional') {
      parsed.positionals.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') continue;
    // Every option is long: a single dash (`-x`, or a group `-xy`, which Node splits) is unknown as written.
    const written = argv[token.index]!;
    const option = token.rawName.startsWith('--') ? known(token.name) : undefined;
    if (!option) throw new UsageError(`unknown option ${written.split('=')[0]}`, command);
    const name = token.name;
    if (!option.value) {
      if (token.inlineValue) throw new UsageError(`--${name} does not take a value`, command);
      parsed.flags.add(name);
      continue;
    }
    // `--out --json` is a forgotten value, not a file named "--json"; a lone `-` or `--` is a value.
    const value = token.value;
    if (value === undefined || (!token.inlineValue && value.startsWith('--') && value.length > 2)) throw new UsageError(`--${name} needs a value`, command);
    if (option.choices && !option.choices.includes(value)) {
      throw new UsageError(`--${name} must be one of ${option.choices.join(', ')} (got "${value}")`, command);
    }
    if (parsed.options.has(name)) throw new UsageError(`--${name} is given twice`, command);
    parsed.options.set(name, value);
  }
  return parsed;
}

/** A number option in [min, max], or the default when absent. */
export function numberOption(command: string, args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const raw = args.options.get(name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be a number from ${min} to ${max} (got "${raw}")`, command);
  }
  return value;
}
