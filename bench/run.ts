import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { benchmarksDoc } from './benchmarks-doc.js';
import { BENCHMARKS, type BenchmarkName, runBench } from './harness.js';
import type { SizeName } from './sizes.js';
import { textTable } from './table.js';

const DOC = 'docs/BENCHMARKS.md';

/**
 * `npm run bench [-- --tiny | --scale full] [--only engine,api] [--no-write] [--json file]`: runs the
 * benchmarks of SPEC section 10, prints the table and writes docs/BENCHMARKS.md.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tiny: { type: 'boolean', default: false },
      scale: { type: 'string' },
      only: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      json: { type: 'string' },
    },
  });
  if (values.scale && values.scale !== 'full' && values.scale !== 'default') {
    throw new Error('--scale is "full" or "default"');
  }
  const size: SizeName = values.tiny ? 'tiny' : values.scale === 'full' ? 'full' : 'default';
  const only = values.only?.split(',').map((name) => name.trim()) as BenchmarkName[] | undefined;
  const unknown = only?.filter((name) => !BENCHMARKS.includes(name));
  if (unknown?.length) throw new Error(`--only takes ${BENCHMARKS.join(', ')}; not ${unknown.join(', ')}`);

  const started = Date.now();
  const log = (message: string) =>
    console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
  const report = await runBench({ size, only, log });

  console.log(textTable(report.rows));
  if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 2));
  // A partial or smoke run never replaces the committed figures.
  if (!values['no-write'] && !only && size !== 'tiny') {
    writeFileSync(DOC, benchmarksDoc(report));
    console.error(`bench: wrote ${DOC}`);
  }
  if (report.failures.length) {
    console.error(`bench: ${report.failures.length} benchmark(s) failed:\n${report.failures.join('\n')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
