// Two processes add 500 claims each to the same sidecar at the same time, each through its own ClaimStore
// (as two VS Code windows, or the extension and the CLI, would); all 1,000 must be there at the end.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseSidecar } from '../../src/core/sidecar/sidecar';
import { buildWriter } from './support/buildWriter';

const PER_WRITER = Number(process.env.CLAIMS_FAULT_WRITES ?? 500);

interface WriterRun {
  startedAt: number;
  finishedAt: number;
}

function runWriter(writer: string, article: string, prefix: string): Promise<WriterRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, article, 'add', String(PER_WRITER), prefix], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let startedAt = 0;
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (!startedAt && stdout.includes('ready')) startedAt = Date.now();
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => {
      if (code === 0 && stdout.includes('done')) resolve({ startedAt, finishedAt: Date.now() });
      else reject(new Error(`writer ${prefix} exited ${code}: ${stderr}`));
    });
  });
}

describe('two writers at once', function () {
  this.timeout(600_000);

  it(`keeps all ${2 * PER_WRITER} claims when two processes write the same sidecar`, async () => {
    const writer = buildWriter();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claims-writers-'));
    try {
      const article = path.join(dir, 'story.md');
      fs.writeFileSync(article, 'The initial investment was $1.25 billion in September 2023. '.repeat(100));
      const started = Date.now();
      const [a, b] = await Promise.all([runWriter(writer, article, 'a'), runWriter(writer, article, 'b')]);
      // Both were saving during the same stretch of time, so their read-merge-write cycles really raced.
      assert.ok(a.startedAt < b.finishedAt && b.startedAt < a.finishedAt, 'the writers overlapped in time');
      const parsed = parseSidecar(fs.readFileSync(article + '.claims.json', 'utf8'));
      assert.ok(parsed.ok);
      const ids = new Set(parsed.sidecar.claims.map((c) => c.id));
      assert.equal(parsed.sidecar.claims.length, 2 * PER_WRITER, 'no claim is there twice');
      for (let i = 0; i < PER_WRITER; i++) assert.ok(ids.has(`a${i}`) && ids.has(`b${i}`), `claim ${i} of both writers`);
      for (const claim of parsed.sidecar.claims) assert.equal(claim.note, claim.id, `claim ${claim.id} kept its own note`);
      assert.deepEqual(
        fs.readdirSync(dir).filter((n) => n.includes('tmp') || n.endsWith('.lock')),
        [],
      );
      console.log(`      ${2 * PER_WRITER} claims from 2 processes in ${((Date.now() - started) / 1000).toFixed(1)} s, all present`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
