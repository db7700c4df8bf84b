// One plural rule for every count a user reads, in the editor and the CLI. The editor passes its two
// localized forms (vscode.l10n has no plural categories, so each count has a "one" and an "other" string);
// the CLI, which stays English, passes the nouns. No "(s)" anywhere.

/** The form for `count`: `one` for exactly 1, `other` for everything else (0 claims, 2 claims, 1.5 claims). */
export function pluralForm<T>(count: number, one: T, other: T): T {
  return count === 1 ? one : other;
}

/** "1 claim", "0 claims", "3 claims"; the plural defaults to the noun with an "s". */
export function countOf(count: number, one: string, other = `${one}s`): string {
  return `${count} ${pluralForm(count, one, other)}`;
}
