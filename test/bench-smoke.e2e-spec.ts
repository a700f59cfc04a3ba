import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ROW_IDS } from '../bench/table.js';

const RUN = join(process.cwd(), 'dist/bench/run.js');

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runBench(args: string[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUN, ...args], { env: { ...process.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run bench, on a tiny size', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-smoke-'));

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs every benchmark end to end and prints a row for each figure', async () => {
    if (!existsSync(RUN))
      throw new Error('The bench smoke test runs the built harness: run `npm run build` first');
    const json = join(dir, 'report.json');
    const outcome = await runBench(['--tiny', '--no-write', '--json', json]);

    expect({ code: outcome.code, stderr: outcome.code === 0 ? '' : outcome.stderr }).toEqual({
      code: 0,
      stderr: '',
    });
    const report = JSON.parse(readFileSync(json, 'utf8')) as {
      rows: Array<{ id: string; value: string; baseline: string }>;
      failures: string[];
    };
    expect(report.failures).toEqual([]);
    expect(report.rows.map((row) => row.id)).toEqual([...ROW_IDS]);
    for (const row of report.rows) {
      expect(row.value).not.toBe('');
      expect(row.value).not.toMatch(/^failed/);
      expect(row.baseline).not.toBe('');
      expect(outcome.stdout).toContain(row.value);
    }
    // A smoke run never overwrites the committed figures.
    expect(outcome.stderr).not.toContain('wrote docs/BENCHMARKS.md');
  }, 600_000);
});
