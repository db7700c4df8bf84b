// Sample articles for tests: test/fixtures/articles/, or ../shared/samples beside the repo until they are copied.
import fs from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../..');

export function articlesDir(): string {
  for (const dir of [path.join(repoRoot, 'test/fixtures/articles'), path.resolve(repoRoot, '../shared/samples')]) {
    if (fs.existsSync(path.join(dir, 'amazon-anthropic-pymnts.txt'))) return dir;
  }
  throw new Error('sample articles not found in test/fixtures/articles or ../shared/samples');
}

export function readArticle(name: string): string {
  return fs.readFileSync(path.join(articlesDir(), name), 'utf8');
}

export const SAMPLE_ARTICLES = ['amazon-anthropic-maginative.txt', 'amazon-anthropic-pymnts.txt'];
