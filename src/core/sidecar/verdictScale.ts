// Verdict scales: the ordered labels a newsroom rates claims with ("True" … "Pants on Fire", "Misleading"),
// each with a number for ClaimReview's ratingValue, a colour, and the claim status it counts as. The four
// statuses (unverified, supported, disputed, refuted) stay what highlights, grouping and Problems use, so
// every label maps onto one of them and a claim rated on any scale still looks right everywhere.
//
// A scale comes from a built-in preset or from a JSON file in the repository (`.claims/verdict-scale.json`),
// so a newsroom shares one scale through git. A bad file is reported with its file, line and column and is
// never used in part.
import * as z from 'zod';
import { formatJsonPath, LineIndex, scanJson, type JsonPath } from './jsonLocation';
import type { Claim, ClaimStatus, Verdict } from './schema';

/** The statuses a verdict can count as; "unverified" means no verdict yet. */
export const VERDICT_STATUSES = ['supported', 'disputed', 'refuted'] as const;
export type VerdictStatus = (typeof VERDICT_STATUSES)[number];

export interface ScaleLabel {
  label: string;
  /** The label's number on the scale (ClaimReview ratingValue). */
  value: number;
  /** Which claim status a claim with this verdict gets. */
  status: VerdictStatus;
  /** `#rrggbb` or `#rrggbbaa`; undefined uses the status's theme colour. */
  color?: string;
  description?: string;
}

export interface VerdictScale {
  name: string;
  /** Best first, worst last. */
  labels: ScaleLabel[];
  best: number;
  worst: number;
  /** Where it came from: a preset's id or the scale file's path, for messages. */
  source: string;
}

/** The workspace-relative path of the shared scale file. */
export const SCALE_FILE = '.claims/verdict-scale.json';
export const DEFAULT_PRESET = 'statuses';

const COLOR_PATTERN = /^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$/;

function preset(id: string, name: string, labels: ScaleLabel[]): VerdictScale {
  return { name, labels, best: labels[0]!.value, worst: labels[labels.length - 1]!.value, source: id };
}

export const SCALE_PRESETS: Readonly<Record<string, VerdictScale>> = {
  // The default: the three settled statuses as verdicts, so a plain Claim Annotator workspace publishes as is.
  statuses: preset('statuses', 'Statuses', [
    { label: 'Supported', value: 3, status: 'supported', color: '#2ecc71' },
    { label: 'Disputed', value: 2, status: 'disputed', color: '#f39c12' },
    { label: 'Refuted', value: 1, status: 'refuted', color: '#e74c3c' },
  ]),
  // A six-level numeric scale in the manner of PolitiFact's Truth-O-Meter.
  'six-level': preset('six-level', 'Six levels', [
    { label: 'True', value: 6, status: 'supported', color: '#1e8449', description: 'accurate, nothing significant missing' },
    { label: 'Mostly True', value: 5, status: 'supported', color: '#58d68d', description: 'accurate but needs clarification' },
    { label: 'Half True', value: 4, status: 'disputed', color: '#f4d03f', description: 'partially accurate, leaves out important details' },
    { label: 'Mostly False', value: 3, status: 'disputed', color: '#f39c12', description: 'some truth, ignores critical facts' },
    { label: 'False', value: 2, status: 'refuted', color: '#e74c3c', description: 'not accurate' },
    { label: 'Pants on Fire', value: 1, status: 'refuted', color: '#922b21', description: 'not accurate and makes a ridiculous claim' },
  ]),
  'true-misleading-false': preset('true-misleading-false', 'True / Misleading / False', [
    { label: 'True', value: 3, status: 'supported', color: '#2ecc71' },
    { label: 'Misleading', value: 2, status: 'disputed', color: '#f39c12' },
    { label: 'False', value: 1, status: 'refuted', color: '#e74c3c' },
  ]),
};

export const PRESET_IDS = Object.keys(SCALE_PRESETS);

const ScaleLabelSchema = z.strictObject({
  label: z.string().trim().min(1, 'a label must not be empty').max(80, 'a label must be at most 80 characters (ClaimReview shows it as a short phrase)'),
  value: z.number(),
  status: z.enum(VERDICT_STATUSES, { message: `expected one of ${VERDICT_STATUSES.join(', ')}: the status a claim with this verdict gets` }),
  color: z.string().regex(COLOR_PATTERN, 'expected a colour such as "#2ecc71"').optional(),
  description: z.string().optional(),
});

const ScaleFileSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().trim().min(1, 'the scale needs a name'),
  labels: z.array(ScaleLabelSchema).min(2, 'a scale needs at least two labels, best first'),
  best: z.number().optional(),
  worst: z.number().optional(),
});

export interface ScaleIssue {
  message: string;
  path: JsonPath;
  /** 1-based. */
  line: number;
  column: number;
}

export type ScaleParseResult = { ok: true; scale: VerdictScale } | { ok: false; errors: ScaleIssue[] };

/**
 * Reads a scale file. Labels are listed best first; their values must run strictly from best to worst (either
 * direction: 6 → 1 or 0 → 5), and `best`/`worst` default to the first and last label's values.
 */
export function parseVerdictScale(text: string, source: string): ScaleParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const offset = text.length - body.length;
  const lines = new LineIndex(text);
  const at = (path: JsonPath, message: string): ScaleIssue => {
    const location = scanJson(text, [path], offset).locations[0];
    const position = lines.at(location ? (location.key ?? location.value).offset : offset);
    return { message: path.length > 0 ? `${formatJsonPath(path)}: ${message}` : message, path, line: position.line, column: position.column };
  };
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    const { syntaxError } = scanJson(text, [], offset);
    const position = lines.at(syntaxError?.offset ?? offset);
    return { ok: false, errors: [{ message: `invalid JSON: ${syntaxError?.message ?? 'the file is empty'}`, path: [], ...position }] };
  }
  const parsed = ScaleFileSchema.safeParse(document);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => {
        const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
        const message = issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}` : issue.message;
        return at(issue.code === 'unrecognized_keys' ? [...path, issue.keys[0]!] : path, message);
      }),
    };
  }
  const file = parsed.data;
  const errors: ScaleIssue[] = [];
  const seenLabels = new Map<string, number>();
  file.labels.forEach((label, index) => {
    const key = label.label.toLowerCase();
    const earlier = seenLabels.get(key);
    if (earlier !== undefined) errors.push(at(['labels', index, 'label'], `"${label.label}" is already labels[${earlier}]; labels must differ`));
    else seenLabels.set(key, index);
  });
  const first = file.labels[0]!.value;
  const last = file.labels[file.labels.length - 1]!.value;
  const descending = first > last;
  for (let index = 1; index < file.labels.length; index++) {
    const previous = file.labels[index - 1]!.value;
    const value = file.labels[index]!.value;
    if (descending ? value >= previous : value <= previous) {
      errors.push(
        at(
          ['labels', index, 'value'],
          `${value} does not follow ${previous}: list labels best first, with values strictly ${descending ? 'falling' : 'rising'} from best to worst`,
        ),
      );
    }
  }
  const best = file.best ?? first;
  const worst = file.worst ?? last;
  if (best === worst) errors.push(at(file.best !== undefined ? ['best'] : ['labels'], 'best and worst must differ'));
  const low = Math.min(best, worst);
  const high = Math.max(best, worst);
  file.labels.forEach((label, index) => {
    if (label.value < low || label.value > high) {
      errors.push(at(['labels', index, 'value'], `${label.value} lies outside the scale, which runs from ${worst} (worst) to ${best} (best)`));
    }
  });
  if (file.best !== undefined && file.worst !== undefined && best > worst !== descending && first !== last) {
    errors.push(at(['best'], `best (${best}) and worst (${worst}) run the other way from the labels, which are listed best first`));
  }
  if (errors.length > 0) return { ok: false, errors };
  const labels = file.labels.map(({ label, value, status, color, description }) => ({
    label,
    value,
    status,
    ...(color ? { color } : {}),
    ...(description ? { description } : {}),
  }));
  return { ok: true, scale: { name: file.name, labels, best, worst, source } };
}

/** `file:line:col: message`, as editors and CI logs link it. */
export function formatScaleIssue(file: string, issue: ScaleIssue): string {
  return `${file}:${issue.line}:${issue.column}: ${issue.message}`;
}

/** The verdict a claim gets when rated with `label` on `scale`. */
export function verdictFor(scale: VerdictScale, label: ScaleLabel): Verdict {
  return { label: label.label, value: label.value, best: scale.best, worst: scale.worst, scale: scale.name };
}

/** The label a claim shows on `scale`: its recorded verdict, or the scale's first label for its status. */
export interface DisplayedVerdict {
  label: string;
  value?: number;
  color?: string;
  /** True when the claim carries a verdict itself, false when the label stands for its status. */
  recorded: boolean;
}

export function displayedVerdict(claim: Pick<Claim, 'status' | 'verdict'>, scale: VerdictScale): DisplayedVerdict | undefined {
  if (claim.verdict) {
    const onScale = scale.labels.find((l) => l.label === claim.verdict!.label);
    return { label: claim.verdict.label, value: claim.verdict.value, color: onScale?.color, recorded: true };
  }
  const label = labelForStatus(scale, claim.status);
  return label ? { label: label.label, value: label.value, color: label.color, recorded: false } : undefined;
}

/** The scale's label standing for a status (the first one that counts as it); undefined for unverified. */
export function labelForStatus(scale: VerdictScale, status: ClaimStatus): ScaleLabel | undefined {
  if (status === 'unverified') return undefined;
  return scale.labels.find((l) => l.status === status);
}

/** The verdict for a claim that has only a status: the scale's label for it, when there is one. */
export function verdictFromStatus(claim: Pick<Claim, 'status' | 'verdict'>, scale: VerdictScale): Verdict | undefined {
  if (claim.verdict) return claim.verdict;
  const label = labelForStatus(scale, claim.status);
  return label ? verdictFor(scale, label) : undefined;
}

export type ScaleChoice = { kind: 'preset'; id: string } | { kind: 'file'; path: string };

/**
 * What the `claims.verdictScale` setting names: a preset id, or a path to a scale file (relative to the
 * workspace folder). Empty means the shared file when the repository has one, else the default preset.
 */
export function scaleChoice(setting: string | undefined, sharedFileExists: boolean): ScaleChoice {
  const value = (setting ?? '').trim();
  if (value === '') return sharedFileExists ? { kind: 'file', path: SCALE_FILE } : { kind: 'preset', id: DEFAULT_PRESET };
  if (Object.hasOwn(SCALE_PRESETS, value)) return { kind: 'preset', id: value };
  return { kind: 'file', path: value };
}
