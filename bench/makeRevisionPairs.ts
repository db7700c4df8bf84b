// Builds a small corpus of real revision pairs of Markdown documents, for bench/revisionAnchoring.bench.ts, from two
// sources available on a machine without network access beyond the npm registry:
//   --npm name@v1,v2,...   the README of each published version of a package (npm pack; --offline uses the npm
//                          cache only); consecutive versions that differ form a pair (release to release, so
//                          usually several commits apart)
//   --git PATH@REV         a file's first-parent git history in this repository up to REV; consecutive revisions form
//                          a pair
// Pairs whose texts are equal, or either shorter than 1,500 characters, are skipped. Output: JSON lines of
// {id, repo, path, oldRev, newRev, oldText, newText}, written to --out (keep it outside the repository).
//
//   npx tsx bench/makeRevisionPairs.ts --out /tmp/own-pairs.jsonl --offline --npm lru-cache@6.0.0,7.18.3 --git README.md@64bf8c8
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const MIN_LENGTH = 1500;

interface Pair {
  id: string;
  repo: string;
  path: string;
  oldRev: string;
  newRev: string;
  oldText: string;
  newText: string;
}

function run(command: string, args: string[], cwd?: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr || result.error?.message}`);
  return result.stdout;
}

function readmeOf(name: string, version: string, offline: boolean, scratch: string): string | undefined {
  const file = run('npm', ['pack', ...(offline ? ['--offline'] : []), '--silent', '--pack-destination', scratch, `${name}@${version}`], scratch)
    .trim()
    .split('\n')
    .pop()!;
  const tarball = path.join(scratch, file);
  const entry = run('tar', ['-tzf', tarball])
    .split('\n')
    .find((line) => /^[^/]+\/readme\.(md|markdown)$/i.test(line));
  if (!entry) return undefined;
  return run('tar', ['-xzOf', tarball, entry]);
}

function npmPairs(spec: string, offline: boolean, scratch: string): Pair[] {
  const at = spec.lastIndexOf('@');
  const name = spec.slice(0, at);
  const versions = spec.slice(at + 1).split(',');
  const texts = versions.map((version) => {
    try {
      return { version, text: readmeOf(name, version, offline, scratch) };
    } catch (error) {
      console.error(`skipped ${name}@${version}: ${(error as Error).message.split('\n')[0]}`);
      return { version, text: undefined };
    }
  });
  const pairs: Pair[] = [];
  for (let i = 1; i < texts.length; i++) {
    const [older, newer] = [texts[i - 1], texts[i]];
    if (!older.text || !newer.text || older.text === newer.text) continue;
    pairs.push({
      id: `npm:${name}:README.md@${newer.version}`,
      repo: `npm:${name}`,
      path: 'README.md',
      oldRev: older.version,
      newRev: newer.version,
      oldText: older.text,
      newText: newer.text,
    });
  }
  return pairs;
}

function gitPairs(spec: string): Pair[] {
  const at = spec.lastIndexOf('@');
  const file = spec.slice(0, at);
  const until = spec.slice(at + 1);
  const revs = run('git', ['log', '--first-parent', '--format=%H', until, '--', file]).trim().split('\n').filter(Boolean).reverse();
  const pairs: Pair[] = [];
  for (let i = 1; i < revs.length; i++) {
    const oldText = run('git', ['show', `${revs[i - 1]}:${file}`]);
    const newText = run('git', ['show', `${revs[i]}:${file}`]);
    if (oldText === newText) continue;
    pairs.push({
      id: `git:claim-annotator:${file}@${revs[i].slice(0, 12)}`,
      repo: 'claim-annotator',
      path: file,
      oldRev: revs[i - 1],
      newRev: revs[i],
      oldText,
      newText,
    });
  }
  return pairs;
}

if (require.main === module) {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, npm: { type: 'string', multiple: true }, git: { type: 'string', multiple: true }, offline: { type: 'boolean' } },
  });
  if (!values.out) throw new Error('give --out FILE (outside the repository)');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'revision-pairs-'));
  try {
    const pairs = [...(values.npm ?? []).flatMap((spec) => npmPairs(spec, values.offline ?? false, scratch)), ...(values.git ?? []).flatMap(gitPairs)].filter(
      (p) => p.oldText.length >= MIN_LENGTH && p.newText.length >= MIN_LENGTH,
    );
    fs.writeFileSync(values.out, pairs.map((p) => JSON.stringify(p)).join('\n') + '\n');
    console.log(`${pairs.length} pairs from ${new Set(pairs.map((p) => p.repo)).size} documents written to ${values.out}`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
