// Two processes add 500 claims each to the same sidecar at the same time; all 1,000 must be there.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseSidecar } from '../../src/core/sidecar';
import { buildWriter } from './support/buildWriter';

const PER_WRITER = Number(process.env.CLAIMS_FAULT_WRITES ?? 500);

function runWriter(writer: string, article: string, prefix: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, article, 'add', String(PER_WRITER), prefix], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${prefix} exited ${code}: ${stderr}`))));
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
      await Promise.all([runWriter(writer, article, 'a'), runWriter(writer, article, 'b')]);
      const parsed = parseSidecar(fs.readFileSync(article + '.claims.json', 'utf8'));
      assert.ok(parsed.ok);
      const ids = new Set(parsed.sidecar.claims.map((c) => c.id));
      assert.equal(ids.size, 2 * PER_WRITER);
      for (let i = 0; i < PER_WRITER; i++) assert.ok(ids.has(`a${i}`) && ids.has(`b${i}`), `claim ${i} of both writers`);
      assert.deepEqual(fs.readdirSync(dir).filter((n) => n.includes('tmp') || n.endsWith('.lock')), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
