// The editor's side of verdict scales: which scale an article's workspace folder uses (the
// `claims.verdictScale` setting, else the shared `.claims/verdict-scale.json`, else the default preset), read
// through the core parser. A bad scale file is refused with its file, line and column; nothing is guessed.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ClaimsConfig } from './config';
import { UserFacingError } from './context';
import { formatScaleIssue, parseVerdictScale, SCALE_FILE, SCALE_PRESETS, scaleChoice, type VerdictScale } from '../core/sidecar/verdictScale';

/** Reads the scale for `articlePath`; throws a UserFacingError naming the file and place when it is bad. */
export function verdictScaleFor(config: ClaimsConfig, articlePath: string): VerdictScale {
  const uri = vscode.Uri.file(articlePath);
  const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? path.dirname(articlePath);
  const choice = scaleChoice(config.verdictScale(uri), existsSync(path.join(folder, SCALE_FILE)));
  if (choice.kind === 'preset') return SCALE_PRESETS[choice.id]!;
  const file = path.resolve(folder, choice.path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? vscode.l10n.t('the file does not exist') : (error as Error).message;
    throw new UserFacingError(
      vscode.l10n.t(
        'The verdict scale {0} cannot be read: {1}. Set "claims.verdictScale" to a preset ({2}) or to a scale file.',
        file,
        reason,
        Object.keys(SCALE_PRESETS).join(', '),
      ),
    );
  }
  const parsed = parseVerdictScale(text, file);
  if (!parsed.ok) {
    const where = parsed.errors.map((issue) => formatScaleIssue(file, issue)).join('\n');
    throw new UserFacingError(vscode.l10n.t('The verdict scale file is invalid, so its labels cannot be offered:\n{0}', where));
  }
  return parsed.scale;
}

const displayCache = new Map<string, { key: string; scale: VerdictScale | undefined }>();

/**
 * The scale for drawing (verdict colours): like verdictScaleFor, but a bad or missing file gives undefined
 * instead of an error (Set Claim Status reports it where the user acts), and the file is read again only
 * when it changes, since decorations are redrawn after every pause in typing.
 */
export function verdictScaleForDisplay(config: ClaimsConfig, articlePath: string): VerdictScale | undefined {
  const uri = vscode.Uri.file(articlePath);
  const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? path.dirname(articlePath);
  const setting = config.verdictScale(uri);
  let stamp = 'none';
  const file = path.resolve(folder, setting.trim() && !Object.hasOwn(SCALE_PRESETS, setting.trim()) ? setting.trim() : SCALE_FILE);
  try {
    const stat = statSync(file);
    stamp = `${stat.mtimeMs}:${stat.size}`;
  } catch {
    // No file: a preset, or the default.
  }
  const key = `${setting}\u0000${stamp}`;
  const cached = displayCache.get(folder);
  if (cached?.key === key) return cached.scale;
  let scale: VerdictScale | undefined;
  try {
    scale = verdictScaleFor(config, articlePath);
  } catch {
    scale = undefined;
  }
  displayCache.set(folder, { key, scale });
  return scale;
}

/** The colours of the labels of the scale `articlePath`'s folder uses, by label; empty when it has none. */
export function verdictColors(config: ClaimsConfig, articlePath: string): ReadonlyMap<string, string> {
  const scale = verdictScaleForDisplay(config, articlePath);
  return new Map((scale?.labels ?? []).flatMap((l) => (l.color ? [[l.label, l.color] as const] : [])));
}
