// What an independent adversarial probe broke (issue 20), one named test per finding, each reproducing the
// attack as the probe made it: a full disk, special files, a race on a stale lock, writes the reader would
// reject, forged CLI output, symlinks leaking outside text, one bad file stopping a whole run, and the
// smaller ones. Each was seen to fail on the code before its fix.
//
// The full disk is a real, tiny tmpfs when the suite runs as root (as in CI's container); the same fault is
// also injected in-process through a short-writing fs.writeSync, which runs everywhere.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { citationLink } from '../../src/core/interchange/links';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar/sidecar';
import type { Claim, Sidecar } from '../../src/core/sidecar/schema';
import { ClaimStore } from '../../src/store/claimStore';
import { buildCli, REPO_ROOT } from '../unit/cliBuild';
import { parseCitationsOffThread } from '../../src/editor/citationsOffThread';
import { buildWriter } from './support/buildWriter';
import { claimInText } from '../unit/support/builders';

interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

/** Runs the built `claims` executable; a run that outlives `timeoutMs` is killed and says so. */
async function runCli(args: string[], cwd: string, timeoutMs = 20_000): Promise<CliRun> {
  const cli = await buildCli();
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started, timedOut });
    });
  });
}

function scratch(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `claims-adversarial-${prefix}-`));
}

const ARTICLE_TEXT = 'Amazon said on Thursday it would invest $4 billion in Anthropic. Analysts were surprised by the size.\n';

const leftovers = (folder: string) => fs.readdirSync(folder).filter((name) => name.includes('.claims-tmp-') || name.endsWith('.lock'));

/** An article of numbered sentences and a sidecar holding a claim on each of the first `count`. */
function articleWithClaims(dir: string, count: number, sentences = count + 1): { article: string; sidecar: string; text: string; claims: Claim[] } {
  const text = Array.from({ length: sentences }, (_, i) => `Sentence ${i} says revenue rose ${i + 1}% to $${i + 2} billion.`).join('\n') + '\n';
  const article = path.join(dir, 'story.md');
  fs.writeFileSync(article, text);
  const claims = Array.from({ length: count }, (_, i) => {
    const claim = claimInText(text, `c${i}`, `Sentence ${i} says revenue rose ${i + 1}%`);
    claim.note = `note ${i} `.repeat(20);
    return claim;
  });
  const sidecar = article + '.claims.json';
  fs.writeFileSync(sidecar, serializeSidecar({ version: 1, article: 'story.md', claims }));
  return { article, sidecar, text, claims };
}

function w3cAnnotationFile(dir: string, exact: string): string {
  const file = path.join(dir, 'annotations.json');
  fs.writeFileSync(file, JSON.stringify([{ id: 'new1', target: { source: 'story.md', selector: { type: 'TextQuoteSelector', exact } } }]));
  return file;
}

/** Mounts a tmpfs of `size` bytes, or returns undefined when this machine does not allow it (not root). */
function mountTinyTmpfs(size: number): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const mount = fs.mkdtempSync(path.join(os.tmpdir(), 'claims-full-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mount], { stdio: 'ignore' });
    return mount;
  } catch {
    fs.rmdirSync(mount);
    return undefined;
  }
}

function unmount(mount: string): void {
  execFileSync('umount', [mount], { stdio: 'ignore' });
  fs.rmdirSync(mount);
}

/** Fills the file system holding `folder` until only `freeBytes` (whole pages) are left. */
function fillDisk(folder: string, freeBytes: number): void {
  const filler = path.join(folder, 'filler.bin');
  const fd = fs.openSync(filler, 'w');
  const page = Buffer.alloc(4096, 1);
  let size = 0;
  try {
    for (;;) {
      const written = fs.writeSync(fd, page);
      size += written;
      if (written < page.length) break;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
  fs.ftruncateSync(fd, Math.max(0, size - freeBytes));
  fs.closeSync(fd);
}

describe('what the adversarial probe broke (issue 20)', function () {
  this.timeout(300_000);

  describe('1. a full disk never tears a sidecar', () => {
    it('an injected short write (8,192 of ~20,000 bytes, then ENOSPC): the store rejects, the old file and no temp file remain', async () => {
      const dir = scratch('short-write');
      const realWriteSync = fs.writeSync;
      try {
        const { article, sidecar, text } = articleWithClaims(dir, 40, 42);
        const before = fs.readFileSync(sidecar);
        assert.ok(before.length > 16_000, 'the sidecar is big enough to need more than one short write');
        let calls = 0;
        const tornFds = new Set<number>();
        // What the kernel does on a nearly full disk: a big write is cut short without an error, the next one
        // on that file fails. Small writes (a lock's pid) still fit.
        (fs as { writeSync: unknown }).writeSync = (fd: number, data: unknown, ...rest: unknown[]) => {
          const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data as Uint8Array);
          const offset = typeof rest[0] === 'number' ? rest[0] : 0;
          const length = typeof rest[1] === 'number' ? rest[1] : bytes.length - offset;
          if (!tornFds.has(fd) && length <= 8192) return (realWriteSync as (...a: unknown[]) => number)(fd, data, ...rest);
          calls++;
          if (tornFds.has(fd)) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
          tornFds.add(fd);
          return realWriteSync(fd, bytes.subarray(offset, offset + 8192));
        };
        const store = new ClaimStore();
        try {
          await store.open(article);
          const start = text.indexOf('Sentence 41');
          await assert.rejects(store.addClaim(article, text, start, start + 20, {}, 'new1'), (error: Error) => {
            assert.match(error.message, /story\.md\.claims\.json/, `the error names the sidecar: ${error.message}`);
            assert.match(error.message, /no space left|ENOSPC/i, 'the error says why');
            return true;
          });
        } finally {
          (fs as { writeSync: unknown }).writeSync = realWriteSync;
          store.dispose();
        }
        assert.ok(calls >= 2, 'the writer went on after the short write instead of taking it as done');
        assert.deepEqual(fs.readFileSync(sidecar), before, 'the old sidecar is untouched');
        assert.deepEqual(leftovers(dir), [], 'no temporary or lock file is left behind');
      } finally {
        (fs as { writeSync: unknown }).writeSync = realWriteSync;
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a real full tmpfs: claims import exits 2 naming the file, the merge driver exits non-zero, nothing is lost or left behind', async function () {
      const mount = mountTinyTmpfs(512 * 1024);
      if (!mount) {
        console.log('      (not root or no tmpfs here: the full-disk case is covered by the injected short write above)');
        this.skip();
      }
      try {
        const { sidecar } = articleWithClaims(mount, 40, 42);
        const before = fs.readFileSync(sidecar);
        const annotations = w3cAnnotationFile(mount, 'Sentence 41 says revenue rose 42%');
        // The merge driver's inputs, written before the disk fills: ours is the sidecar, theirs adds claims.
        const theirsDoc = JSON.parse(before.toString('utf8')) as Sidecar;
        const theirsText = serializeSidecar({ ...theirsDoc, claims: theirsDoc.claims.map((c) => ({ ...c, note: c.note + ' and theirs' })) });
        fs.writeFileSync(path.join(mount, 'base.json'), before);
        fs.writeFileSync(path.join(mount, 'theirs.json'), theirsText);
        fillDisk(mount, 8192);

        const imported = await runCli(['import', '--format', 'w3c', annotations], mount);
        assert.equal(imported.code, 2, `claims import must fail with exit 2, got ${imported.code}: ${imported.stdout}${imported.stderr}`);
        assert.match(imported.stderr, /story\.md\.claims\.json/);
        assert.match(imported.stderr, /no space left|ENOSPC/i);
        assert.doesNotMatch(imported.stdout, /added 1 claim/);
        assert.deepEqual(fs.readFileSync(sidecar), before, 'claims import left the old sidecar untouched');
        assert.deepEqual(leftovers(mount), [], 'claims import left no temporary or lock file');

        const merged = await runCli(['merge', 'base.json', 'story.md.claims.json', 'theirs.json', 'story.md.claims.json'], mount);
        assert.notEqual(merged.code, 0, `the merge driver must not report a clean merge: ${merged.stdout}${merged.stderr}`);
        assert.notEqual(merged.code, 1);
        assert.match(merged.stderr, /no space left|ENOSPC/i);
        assert.deepEqual(fs.readFileSync(sidecar), before, 'the merge driver left OURS untouched');
        assert.deepEqual(leftovers(mount), [], 'the merge driver left no temporary file');
        console.log(`      tmpfs of 512 KB filled to 8 KB free: import exit ${imported.code}, merge exit ${merged.code}, ${before.length} bytes kept`);
      } finally {
        unmount(mount!);
      }
    });
  });

  describe('2. special files neither block nor exhaust memory', () => {
    it('claims check and export on a clone holding a.md -> /dev/zero, a FIFO article and a.md -> a file outside: finish, report each, leak nothing', async () => {
      const dir = scratch('special');
      const outside = scratch('outside');
      try {
        const secret = path.join(outside, 'credentials');
        fs.writeFileSync(secret, '[default]\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
        const sidecarFor = (name: string, exact: string, text: string) =>
          fs.writeFileSync(path.join(dir, `${name}.claims.json`), serializeSidecar({ version: 1, article: name, claims: [claimInText(text, 'c1', exact)] }));
        fs.symlinkSync('/dev/zero', path.join(dir, 'zero.md'));
        sidecarFor('zero.md', 'Amazon', ARTICLE_TEXT);
        execFileSync('mkfifo', [path.join(dir, 'fifo.md')]);
        sidecarFor('fifo.md', 'Amazon', ARTICLE_TEXT);
        fs.symlinkSync(secret, path.join(dir, 'notes.md'));
        // The stranger knows only the key's name, not the secret after it.
        const lure = claimInText('[default]\naws_secret_access_key = ', 'c1', 'aws_secret_access_key = ');
        fs.writeFileSync(path.join(dir, 'notes.md.claims.json'), serializeSidecar({ version: 1, article: 'notes.md', claims: [lure] }));
        fs.writeFileSync(path.join(dir, 'good.md'), ARTICLE_TEXT);
        sidecarFor('good.md', 'Amazon', ARTICLE_TEXT);

        const check = await runCli(['check', '.'], dir, 20_000);
        assert.ok(!check.timedOut, `claims check must not hang (killed after ${check.ms} ms)`);
        assert.equal(check.code, 1, `claims check reports findings: ${check.stdout}${check.stderr}`);
        assert.match(check.stdout, /article zero\.md: it is (not a regular file|a symbolic link to a place outside the workspace)/);
        assert.match(check.stdout, /article fifo\.md: it is not a regular file/);
        assert.match(check.stdout, /notes\.md.*outside the workspace/);
        assert.match(check.stdout, /good\.md:1:1: info: claim c1 has no citations/, 'the good article is still checked');

        const exported = await runCli(['export', '--format', 'w3c', '.'], dir, 20_000);
        assert.ok(!exported.timedOut, 'claims export must not hang');
        assert.equal(exported.code, 0, exported.stderr);
        assert.doesNotMatch(exported.stdout, /wJalrXUtnFEMI|EXAMPLEKEY/, 'no byte of the file outside is exported');
        console.log(`      check ${check.ms} ms, export ${exported.ms} ms on /dev/zero, a FIFO and a link outside`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
        fs.rmSync(outside, { recursive: true, force: true });
      }
    });
  });

  describe('3. a stale lock never lets two writers in', () => {
    const ROUNDS = Number(process.env.CLAIMS_FAULT_LOCK_ROUNDS ?? 100);
    const WRITERS = 4;

    /** A writer process that adds one claim per "go" line, each through a fresh store (as one claims import run). */
    class RoundWriter {
      private readonly child;
      private buffered = '';
      private waiting: ((line: string) => void) | undefined;
      private readonly lines: string[] = [];
      constructor(writer: string, article: string, prefix: string) {
        this.child = spawn(process.execPath, [writer, article, 'rounds', '0', prefix], { stdio: ['pipe', 'pipe', 'inherit'] });
        this.child.stdout.on('data', (chunk: Buffer) => {
          this.buffered += chunk.toString();
          let at: number;
          while ((at = this.buffered.indexOf('\n')) >= 0) {
            const line = this.buffered.slice(0, at);
            this.buffered = this.buffered.slice(at + 1);
            if (this.waiting) {
              const resolve = this.waiting;
              this.waiting = undefined;
              resolve(line);
            } else this.lines.push(line);
          }
        });
      }
      next(): Promise<string> {
        const line = this.lines.shift();
        return line !== undefined ? Promise.resolve(line) : new Promise((resolve) => (this.waiting = resolve));
      }
      go(round: number, start: number, end: number): Promise<string> {
        this.child.stdin.write(`go ${round} ${start} ${end}\n`);
        return this.next();
      }
      stop(): void {
        this.child.stdin.end();
        this.child.kill('SIGKILL');
      }
    }

    it(`${WRITERS} writer processes x ${ROUNDS} rounds, each round starting on a stale lock: every acknowledged claim is kept`, async () => {
      const dir = scratch('stale-race');
      const writers: RoundWriter[] = [];
      try {
        const sentences = ROUNDS * WRITERS;
        const text = Array.from({ length: sentences }, (_, i) => `Sentence ${i} says revenue rose ${i + 1}% to $${i + 2} billion.`).join('\n') + '\n';
        const article = path.join(dir, 'story.md');
        const sidecar = article + '.claims.json';
        const lock = sidecar + '.lock';
        fs.writeFileSync(article, text);
        const deadPid = await new Promise<number>((resolve) => {
          const child = spawn(process.execPath, ['-e', '']);
          child.on('exit', () => resolve(child.pid!));
        });
        const writer = buildWriter();
        for (let w = 0; w < WRITERS; w++) writers.push(new RoundWriter(writer, article, `w${w}r`));
        for (const w of writers) assert.equal(await w.next(), 'ready');
        const acknowledged: string[] = [];
        const refused: string[] = [];
        const started = Date.now();
        for (let round = 0; round < ROUNDS; round++) {
          // What a crashed writer leaves: a lock naming a process that is gone.
          fs.writeFileSync(lock, String(deadPid));
          const answers = await Promise.all(
            writers.map((w, i) => {
              const exact = `Sentence ${round * WRITERS + i} says revenue rose ${round * WRITERS + i + 1}%`;
              const start = text.indexOf(exact);
              return w.go(round, start, start + exact.length).then((answer) => ({ answer, id: `w${i}r${round}` }));
            }),
          );
          for (const { answer, id } of answers) {
            if (answer === `saved ${round}`) acknowledged.push(id);
            else refused.push(`${id}: ${answer}`);
          }
        }
        const parsed = parseSidecar(fs.readFileSync(sidecar, 'utf8'));
        assert.ok(parsed.ok, 'the sidecar parses');
        const onDisk = new Set(parsed.sidecar.claims.map((c) => c.id));
        const lost = acknowledged.filter((id) => !onDisk.has(id));
        assert.deepEqual(lost, [], `${lost.length} acknowledged claims were lost`);
        assert.deepEqual(refused, [], 'no writer was refused');
        assert.deepEqual(leftovers(dir), []);
        console.log(
          `      ${ROUNDS} rounds x ${WRITERS} processes on a stale lock: ${acknowledged.length} claims acknowledged, all on disk (${((Date.now() - started) / 1000).toFixed(1)} s)`,
        );
      } finally {
        for (const w of writers) w.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('4. nothing is written that the reader would reject', () => {
    it('claims import of a W3C annotation created "Sat, 13 Sep 275760": the sidecar still parses, the good annotation is imported', async () => {
      const dir = scratch('invalid-import');
      try {
        const { sidecar } = articleWithClaims(dir, 1, 3);
        const annotations = path.join(dir, 'annotations.json');
        fs.writeFileSync(
          annotations,
          JSON.stringify([
            {
              id: 'far',
              created: 'Sat, 13 Sep 275760 00:00:00 GMT',
              target: { source: 'story.md', selector: { type: 'TextQuoteSelector', exact: 'Sentence 1 says revenue rose 2%' } },
            },
            { id: 'fine', target: { source: 'story.md', selector: { type: 'TextQuoteSelector', exact: 'Sentence 2 says revenue rose 3%' } } },
          ]),
        );
        const run = await runCli(['import', '--format', 'w3c', annotations], dir);
        const parsed = parseSidecar(fs.readFileSync(sidecar, 'utf8'));
        assert.ok(parsed.ok, `the reader accepts what import wrote: ${parsed.ok ? '' : parsed.errors[0]?.message} (import said: ${run.stdout}${run.stderr})`);
        assert.ok(
          parsed.sidecar.claims.some((c) => c.quote.exact === 'Sentence 2 says revenue rose 3%'),
          'the good annotation is imported',
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    const deep = (levels: number): unknown => {
      let value: unknown = 'bottom';
      for (let i = 0; i < levels; i++) value = { next: value };
      return value;
    };
    const badWrites: { name: string; change: (sidecar: Sidecar) => void; reason: RegExp }[] = [
      {
        name: 'duplicate citation ids',
        change: (s) => s.claims[0]!.citations.push({ id: 's1', title: 'One' }, { id: 's1', title: 'Two' }),
        reason: /duplicate citation id "s1"/,
      },
      {
        name: 'duplicate conflict ids',
        change: (s) => {
          const note = {
            id: 'k1',
            other: { article: 'story.md', claim: 'c0' },
            kind: 'date' as const,
            thisValue: '',
            otherValue: '',
            note: '',
            state: 'open' as const,
            resolution: '',
          };
          s.claims[0]!.conflicts.push(note, { ...note });
        },
        reason: /duplicate conflict id "k1"/,
      },
      {
        name: 'a CSL number beyond 2^53',
        change: (s) => s.claims[0]!.citations.push({ id: 's2', title: 'Big', csl: { number: 2 ** 60 } }),
        reason: /too large to be kept exactly/,
      },
      {
        name: 'CSL nested deeper than the reader allows',
        change: (s) => s.claims[0]!.citations.push({ id: 's3', title: 'Deep', csl: { deep: deep(80) } }),
        reason: /nest|deep/i,
      },
      { name: 'a created date the schema rejects', change: (s) => (s.claims[0]!.created = '+275760-09-13T00:00:00Z'), reason: /ISO 8601/ },
    ];
    for (const bad of badWrites) {
      it(`the store refuses a write with ${bad.name}, naming the problem, and leaves the file as it was`, async () => {
        const dir = scratch('invalid-write');
        const store = new ClaimStore();
        try {
          const { article, sidecar } = articleWithClaims(dir, 1, 2);
          const before = fs.readFileSync(sidecar);
          await store.open(article);
          await assert.rejects(
            store.update(article, bad.change),
            (error: Error) => {
              assert.match(error.message, /story\.md\.claims\.json/);
              assert.match(error.message, bad.reason);
              return true;
            },
            'the write is refused',
          );
          assert.deepEqual(fs.readFileSync(sidecar), before, 'the file on disk is unchanged');
          assert.deepEqual(leftovers(dir), []);
        } finally {
          store.dispose();
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  });

  describe('6. CLI output cannot be forged', () => {
    // eslint-disable-next-line no-control-regex -- control characters are what this test looks for
    const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
    const assertInert = (output: string, what: string) => {
      assert.doesNotMatch(output, RAW_CONTROL, `${what}: no raw control character`);
      assert.doesNotMatch(output, /^::/m, `${what}: no line GitHub Actions would run as a workflow command`);
    };

    it('claims check, spot, conflicts and import print sidecar and article values with control characters and line breaks escaped', async () => {
      const dir = scratch('forge');
      try {
        const text =
          'Revenue rose 40% in 2023, the company said. Profit fell \u001b]8;;https://evil.example\u0007 12% \u001b]8;;\u0007in 2024, the \u009b31m company said on Monday.\n';
        fs.writeFileSync(path.join(dir, 'story.md'), text);
        const claim = claimInText(text, 'c1', 'Revenue rose');
        claim.conflicts.push({
          id: 'k1',
          other: { article: 'x.md\n::error file=README.md::forged\r\n::add-mask::x', claim: 'o1' },
          kind: 'amount',
          thisValue: '\u001b]0;pwned\u0007',
          otherValue: '\u2028::warning ::y',
          note: '',
          state: 'open',
          resolution: '',
        });
        fs.writeFileSync(path.join(dir, 'story.md.claims.json'), serializeSidecar({ version: 1, article: 'story.md', claims: [claim] }));

        const check = await runCli(['check'], dir);
        assert.equal(check.code, 1, check.stderr);
        assertInert(check.stdout + check.stderr, 'claims check');
        assert.match(check.stdout, /x\.md\\n::error file=README\.md::forged\\r\\n::add-mask::x/, 'the value is shown, escaped');
        assert.match(check.stdout, /\\e\]0;pwned\\x07/);
        const json = await runCli(['check', '--json'], dir);
        assertInert(json.stdout, 'claims check --json');
        assert.ok(
          JSON.parse(json.stdout).some((f: { message: string }) => f.message.includes('\n::error file=README.md::forged')),
          'the JSON keeps the exact value',
        );

        const spot = await runCli(['spot', '--all', 'story.md'], dir);
        assertInert(spot.stdout + spot.stderr, 'claims spot');
        assert.match(spot.stdout, /\\e\]8;;https:\/\/evil\.example\\x07/);
        assertInert((await runCli(['spot', '--all', '--json', 'story.md'], dir)).stdout, 'claims spot --json');
        assertInert((await runCli(['conflicts'], dir)).stdout, 'claims conflicts');

        const annotations = path.join(dir, 'forged.json');
        fs.writeFileSync(
          annotations,
          JSON.stringify([
            {
              id: 'a\n::error ::forged',
              target: { source: 'story.md', selector: { type: 'TextQuoteSelector', exact: 'nowhere\n::error ::in the text\u001b[2J' } },
            },
          ]),
        );
        const imported = await runCli(['import', '--format', 'w3c', annotations], dir);
        assert.equal(imported.code, 1, imported.stderr);
        assertInert(imported.stdout + imported.stderr, 'claims import');
        assert.match(imported.stdout, /annotation a\\n::error ::forged/);

        for (const format of ['markdown', 'csv', 'w3c']) {
          assertInert((await runCli(['export', '--format', format], dir)).stdout.replace(/\r\n/g, '\n'), `claims export --format ${format}`);
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('7. symbolic links never leak outside text', () => {
    it('a committed notes.md -> a credentials file outside: claims export prints none of the secret, claims check says why', async () => {
      const dir = scratch('leak');
      const outside = scratch('home');
      try {
        const secret = path.join(outside, 'credentials');
        fs.writeFileSync(secret, '[default]\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
        fs.symlinkSync(secret, path.join(dir, 'notes.md'));
        // The stranger knows only the key's name, not the secret after it; the export would fill in the suffix.
        const lure = claimInText('[default]\naws_secret_access_key = ', 'c1', 'aws_secret_access_key = ');
        fs.writeFileSync(path.join(dir, 'notes.md.claims.json'), serializeSidecar({ version: 1, article: 'notes.md', claims: [lure] }));
        for (const format of ['w3c', 'markdown', 'csv']) {
          const exported = await runCli(['export', '--format', format], dir);
          assert.equal(exported.code, 0, exported.stderr);
          assert.doesNotMatch(exported.stdout, /wJalr|EXAMPLEKEY/, `the ${format} export holds none of the secret`);
          assert.match(exported.stderr, /notes\.md: warning: article unreadable \(it is a symbolic link to a place outside the workspace/);
        }
        const check = await runCli(['check'], dir);
        assert.match(check.stdout, /article notes\.md: it is a symbolic link to a place outside the workspace/);
        assert.doesNotMatch(check.stdout + check.stderr, /wJalr|EXAMPLEKEY/);
        // A link inside the workspace is still followed.
        fs.writeFileSync(path.join(dir, 'real.md'), ARTICLE_TEXT);
        fs.symlinkSync('real.md', path.join(dir, 'alias.md'));
        fs.writeFileSync(
          path.join(dir, 'alias.md.claims.json'),
          serializeSidecar({ version: 1, article: 'alias.md', claims: [claimInText(ARTICLE_TEXT, 'c1', 'Amazon')] }),
        );
        const inside = await runCli(['check', 'alias.md'], dir);
        assert.match(inside.stdout, /^alias\.md:1:1: info: claim c1 has no citations/m);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
        fs.rmSync(outside, { recursive: true, force: true });
      }
    });
  });

  describe('8. one bad file never stops a whole run', () => {
    const zeros = Array(130_000).fill(0).join(',');
    const ZERO_SIDECARS = {
      'claims of 130,000 zeros': `{"version":1,"article":"zeros.md","claims":[${zeros}]}`,
      'a version 0 file of 130,000 zeros': `{"article":"zeros.md","claims":[${zeros}]}`,
      '130,000 zeros as dismissed candidates': `{"version":1,"article":"zeros.md","claims":[],"dismissed":{"candidates":[${zeros}]}}`,
    };

    for (const [name, text] of Object.entries(ZERO_SIDECARS)) {
      it(`parseSidecar on ${name}: located problems, no stack overflow`, () => {
        const parsed = parseSidecar(text);
        assert.equal(parsed.ok, false);
        if (parsed.ok) return;
        assert.ok(parsed.errors.length >= 1 && parsed.errors.length <= 101, `${parsed.errors.length} issues`);
        assert.ok(parsed.errors[0]!.line === 1 && parsed.errors[0]!.column > 1, 'the first problem is located');
      });
    }

    it('claims check . with the 130,000-zeros sidecar beside a good one: reports it as a finding and checks the other', async () => {
      const dir = scratch('zeros');
      try {
        fs.writeFileSync(path.join(dir, 'zeros.md'), ARTICLE_TEXT);
        fs.writeFileSync(path.join(dir, 'zeros.md.claims.json'), ZERO_SIDECARS['claims of 130,000 zeros']);
        fs.writeFileSync(path.join(dir, 'good.md'), ARTICLE_TEXT);
        fs.writeFileSync(
          path.join(dir, 'good.md.claims.json'),
          serializeSidecar({ version: 1, article: 'good.md', claims: [claimInText(ARTICLE_TEXT, 'c1', 'Amazon')] }),
        );
        const check = await runCli(['check', '.'], dir, 60_000);
        assert.equal(check.code, 1, `${check.stdout.slice(0, 500)}${check.stderr}`);
        assert.match(check.stdout, /^zeros\.md\.claims\.json:1:\d+: error: /m);
        assert.match(check.stdout, /^good\.md:1:1: info: claim c1 has no citations/m);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('claims spot --all on 130,000 tiny sentences finishes', async () => {
      const dir = scratch('tiny');
      try {
        fs.writeFileSync(path.join(dir, 'tiny.md'), 'It rose. '.repeat(130_000));
        // 60 s is generous (about 3 s at load 5); before sentenceRole stopped slicing each sentence's whole line
        // it took 95-105 s on an idle machine, and over 240 s under load.
        const spot = await runCli(['spot', '--all', '--json', 'tiny.md'], dir, 60_000);
        assert.equal(spot.code, 0, spot.timedOut ? `not finished after ${spot.ms} ms` : spot.stderr.slice(0, 500));
        assert.equal((JSON.parse(spot.stdout) as unknown[]).length, 130_000);
        console.log(`      130,000 sentences spotted in ${(spot.ms / 1000).toFixed(1)} s`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('one Latin-1 .txt: claims spot . and claims conflicts . report it and analyse the others', async () => {
      const dir = scratch('latin1');
      try {
        fs.writeFileSync(path.join(dir, 'legacy.txt'), Buffer.from('Caf\xe9 prices rose 12% in 2023, the minist\xe8re said.\n', 'latin1'));
        fs.writeFileSync(path.join(dir, 'a.md'), 'The initial investment was $1.25 billion in September 2023, the company said on Monday.\n');
        fs.writeFileSync(path.join(dir, 'b.md'), 'The initial investment was $4 billion in September 2023, the company said on Monday.\n');
        const spot = await runCli(['spot', '.'], dir);
        assert.equal(spot.code, 0, spot.stderr);
        assert.match(spot.stderr, /legacy\.txt: warning: not analysed: /);
        assert.match(spot.stdout, /^a\.md:1:1: info: candidate claim/m);
        const conflicts = await runCli(['conflicts', '.'], dir);
        assert.equal(conflicts.code, 1, conflicts.stderr);
        assert.match(conflicts.stderr, /legacy\.txt: warning: not analysed: /);
        assert.match(conflicts.stdout, /possible amount conflict/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('9. the smaller ones', () => {
    describe('a lock that is a dangling symlink, a folder or unreadable goes stale instead of refusing saves forever', () => {
      const isRoot = process.getuid?.() === 0;
      const user = isRoot ? { uid: 65534, gid: 65534 } : undefined;
      const kinds: { name: string; make: (lock: string) => void }[] = [
        { name: 'a dangling symbolic link', make: (lock) => fs.symlinkSync('/nonexistent/owner-gone', lock) },
        { name: 'a symbolic link to a file outside', make: (lock) => fs.symlinkSync('/etc/hostname', lock) },
        { name: 'an empty folder', make: (lock) => fs.mkdirSync(lock) },
        { name: 'a FIFO', make: (lock) => execFileSync('mkfifo', [lock]) },
        {
          name: 'an unreadable file, a minute old',
          make: (lock) => {
            fs.writeFileSync(lock, '12345', { mode: 0o000 });
            if (user) fs.chownSync(lock, 0, 0);
            const aged = new Date(Date.now() - 60_000);
            fs.utimesSync(lock, aged, aged);
          },
        },
      ];
      for (const kind of kinds) {
        it(`${kind.name}: the next save goes through within a few seconds`, async () => {
          const dir = scratch('odd-lock');
          try {
            const article = path.join(dir, 'story.md');
            fs.writeFileSync(article, 'Amazon will invest up to $4 billion in Anthropic.\n');
            kind.make(article + '.claims.json.lock');
            if (user) {
              fs.chmodSync(dir, 0o777);
              fs.chownSync(article, user.uid, user.gid);
            }
            const writer = buildWriter();
            fs.chmodSync(path.dirname(writer), 0o755);
            const started = Date.now();
            const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
              const child = spawn(process.execPath, [writer, article, 'add', '1', 'x'], { stdio: ['ignore', 'pipe', 'pipe'], ...(user ?? {}) });
              let output = '';
              const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
              child.stdout.on('data', (chunk) => (output += chunk));
              child.stderr.on('data', (chunk) => (output += chunk));
              child.on('close', (code) => {
                clearTimeout(timer);
                resolve({ code, output });
              });
            });
            assert.equal(result.code, 0, `the save must go through: ${result.output}`);
            assert.ok(Date.now() - started < 8_000, `the save waited ${Date.now() - started} ms`);
            const parsed = parseSidecar(fs.readFileSync(article + '.claims.json', 'utf8'));
            assert.ok(parsed.ok && parsed.sidecar.claims.some((c) => c.id === 'x0'));
            assert.ok(!fs.existsSync(article + '.claims.json.lock') && !fs.lstatSync(dir).isSymbolicLink(), 'the odd lock is gone');
            assert.deepEqual(leftovers(dir), []);
            if (kind.name.includes('outside')) assert.ok(fs.existsSync('/etc/hostname'), 'the symlink target is untouched');
          } finally {
            fs.rmSync(dir, { recursive: true, force: true });
          }
        });
      }
    });
    it('the merge driver merges a sidecar whose name starts with "-" (git runs it with -- before %P)', async () => {
      const dir = scratch('dash');
      try {
        const text = ARTICLE_TEXT;
        const base: Sidecar = { version: 1, article: '-story.md', claims: [claimInText(text, 'c1', 'Amazon')] };
        const ours: Sidecar = { ...base, claims: [{ ...base.claims[0]!, note: 'ours' }] };
        const theirs: Sidecar = { ...base, claims: [...base.claims, claimInText(text, 'c2', 'Anthropic')] };
        fs.writeFileSync(path.join(dir, 'base'), serializeSidecar(base));
        fs.writeFileSync(path.join(dir, 'ours'), serializeSidecar(ours));
        fs.writeFileSync(path.join(dir, 'theirs'), serializeSidecar(theirs));
        // What git runs for `merge.claims.driver = claims merge %O %A %B -- %P` on "-story.md.claims.json".
        const merged = await runCli(['merge', 'base', 'ours', 'theirs', '--', '-story.md.claims.json'], dir);
        assert.equal(merged.code, 0, merged.stderr);
        const parsed = parseSidecar(fs.readFileSync(path.join(dir, 'ours'), 'utf8'));
        assert.ok(parsed.ok);
        assert.deepEqual(
          parsed.sidecar.claims.map((c) => [c.id, c.note]),
          [
            ['c1', 'ours'],
            ['c2', ''],
          ],
        );
        // A driver configured before (no "--") gets the same result.
        fs.writeFileSync(path.join(dir, 'ours'), serializeSidecar(ours));
        const old = await runCli(['merge', 'base', 'ours', 'theirs', '-story.md.claims.json'], dir);
        assert.equal(old.code, 0, old.stderr);
        const help = await runCli(['merge', '--help'], dir);
        assert.match(help.stdout, /claims merge %O %A %B -- %P/, 'the documented driver line has -- before %P');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a ")" or "*" in a citation URL\'s user-info cannot end the hover link early or add emphasis', () => {
      for (const url of ['https://a)b*c*d@x.example/p', 'https://u:p)[x](command:claims.removeClaim)@x.example/', 'https://(x)_y_@x.example/']) {
        const link = citationLink({ url });
        assert.ok(link, url);
        assert.doesNotMatch(link, /[()[\]<>*_\s]/, `${url} -> ${link}: nothing in the link can end it or start Markdown syntax`);
        assert.equal(new URL(link).hostname, 'x.example', 'it still points at the same host');
      }
    });
    it('BibTeX import runs off the calling thread: the event loop keeps ticking while 2 MB of entries parse', async function () {
      const build = (await import(path.join(REPO_ROOT, 'esbuild.mjs'))) as { buildEntry: (name: string) => Promise<string> };
      const workerFile = await build.buildEntry('citationsWorker').catch(() => undefined);
      const entry = (i: number) =>
        `@article{key${i},\n  title = {Amazon invests {$4} billion in Anthropic, part ${i}},\n  author = {Doe, Jane and Roe, Richard},\n  journal = {The Verge},\n  year = {2024},\n  url = {https://example.com/${i}},\n}\n`;
      let bibtex = '';
      for (let i = 0; bibtex.length < 2_000_000; i++) bibtex += entry(i);
      let longestGap = 0;
      let last = Date.now();
      const ticker = setInterval(() => {
        const now = Date.now();
        longestGap = Math.max(longestGap, now - last);
        last = now;
      }, 5);
      const started = Date.now();
      try {
        const parsed = await parseCitationsOffThread(bibtex, workerFile);
        assert.ok(parsed.entries.length > 5_000, `${parsed.entries.length} entries`);
      } finally {
        clearInterval(ticker);
        longestGap = Math.max(longestGap, Date.now() - last);
      }
      const took = Date.now() - started;
      console.log(`      ${(bibtex.length / 1e6).toFixed(1)} MB of BibTeX parsed in ${took} ms; the calling thread's longest pause ${longestGap} ms`);
      // On a loaded machine the thread may pause now and then, but never for the parse's duration.
      assert.ok(longestGap < Math.max(250, took / 4), `the calling thread paused ${longestGap} ms of a ${took} ms parse`);
    });
  });
});
