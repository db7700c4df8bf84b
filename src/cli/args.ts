// Hand-written argument parsing: the CLI ships as one file with no dependencies, and its needs are small
// (flags, options with a value, positionals, `--`).

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
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      parsed.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      parsed.positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const name = (equals >= 0 ? arg.slice(0, equals) : arg).replace(/^--?/, '');
    const option = spec[name];
    if (!option || !arg.startsWith('--')) throw new UsageError(`unknown option ${equals >= 0 ? arg.slice(0, equals) : arg}`, command);
    if (!option.value) {
      if (equals >= 0) throw new UsageError(`--${name} does not take a value`, command);
      parsed.flags.add(name);
      continue;
    }
    let value: string | undefined;
    if (equals >= 0) value = arg.slice(equals + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || (value.startsWith('--') && value.length > 2)) throw new UsageError(`--${name} needs a value`, command);
      i++;
    }
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
