// The sentences a guard test runs every guarded pattern on: all debate and news text kept in the repository.
import fs from 'node:fs';
import path from 'node:path';
import { splitSentences } from '../../../src/core/spotting/sentences';

const repoRoot = path.resolve(__dirname, '../../..');

/**
 * Every sentence of the debate and news text kept in the repository (CheckThat! rows, the conflict-case, news-spotting
 * and fixture articles, and with `conflictCases` the marked sentences of data/conflict-cases), then `edgeCases`.
 */
export function repositorySentences(edgeCases: readonly string[], options: { conflictCases?: boolean } = {}): string[] {
  const found: string[] = [];
  const checkworthy = path.join(repoRoot, 'data/checkworthy');
  for (const file of fs.readdirSync(checkworthy).filter((f) => f.endsWith('.tsv'))) {
    for (const line of fs.readFileSync(path.join(checkworthy, file), 'utf8').split('\n').slice(1)) {
      const text = line.split('\t')[1];
      if (text) found.push(text);
    }
  }
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(?:txt|md)$/.test(entry.name)) found.push(...splitSentences(fs.readFileSync(full, 'utf8')).map((s) => s.text));
    }
  };
  for (const dir of ['data/conflict-cases/articles', 'data/news-spotting/articles', 'test/fixtures/articles']) walk(path.join(repoRoot, dir));
  if (options.conflictCases) {
    const cases = JSON.parse(fs.readFileSync(path.join(repoRoot, 'data/conflict-cases/cases.json'), 'utf8')) as {
      cases: Array<{ a: { text: string }; b: { text: string } }>;
    };
    for (const c of cases.cases) found.push(c.a.text, c.b.text);
  }
  found.push(...edgeCases);
  return found;
}
