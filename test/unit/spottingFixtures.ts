// Sample articles for tests, in test/fixtures/articles/ (the repository stands alone: nothing outside it is read).
import fs from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../..');

export function articlesDir(): string {
  return path.join(repoRoot, 'test/fixtures/articles');
}

export function readArticle(name: string): string {
  return fs.readFileSync(path.join(articlesDir(), name), 'utf8');
}

export const SAMPLE_ARTICLES = ['amazon-anthropic-maginative.txt', 'amazon-anthropic-pymnts.txt'];
