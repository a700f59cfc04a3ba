import { AppConfig, runMigrations } from '#app/core';
import {
  DEMO_AS_OF,
  DEMO_DEFAULT_SEED,
  DEMO_DEFAULT_SIZE,
  DEMO_PASSWORD,
  DemoDataPresentError,
  type DemoSummary,
  HISTORY_START,
  seedDemo,
} from '#app/demo';

/** `--name N` or `--name=N`; the fallback when absent. */
function integerOption(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  const index = args.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (index === -1) return fallback;
  const raw = args[index].includes('=') ? args[index].split('=')[1] : args[index + 1];
  const value = Number(raw);
  if (!Number.isInteger(value) || value < (name === 'size' ? 1 : 0)) {
    throw new RangeError(`--${name} must be ${name === 'size' ? 'a positive' : 'a non-negative'} integer`);
  }
  return value;
}

function printSummary(summary: DemoSummary, seconds: number, size: number, seed: number): void {
  const { counts } = summary;
  const rows: Array<[string, number]> = [
    ['people', counts.people],
    ['cases', counts.cases],
    ['placements (contracts)', counts.placements],
    ['people placed', counts.peoplePlaced],
    ['Board companies', counts.companies],
    ['case events', counts.events],
  ];
  console.log(
    `\nDemo data set loaded in ${seconds.toFixed(1)} s (--size ${size} --seed ${seed}, history ${HISTORY_START} .. ${DEMO_AS_OF})`,
  );
  for (const [label, value] of rows) console.log(`  ${label.padEnd(24)}${String(value).padStart(8)}`);
  console.log(`\nDemo accounts (password ${DEMO_PASSWORD}):`);
  for (const account of summary.accounts) {
    const password = account.password === DEMO_PASSWORD ? '' : `  ${account.password}`;
    const company = account.company ? `  ${account.company}` : '';
    console.log(`  ${account.role.padEnd(12)}${account.email.padEnd(30)}${company}${password}`);
  }
}

/** `npm run seed:demo [-- --size N --seed S]`: migrates DATABASE_URL (creating it if missing) and loads the demo. */
async function main(): Promise<void> {
  const size = integerOption('size', DEMO_DEFAULT_SIZE);
  const seed = integerOption('seed', DEMO_DEFAULT_SEED);
  const { databaseUrl } = new AppConfig(process.env);
  await runMigrations(databaseUrl);
  const started = performance.now();
  const summary = await seedDemo({ databaseUrl, size, seed, log: (line) => console.log(line) });
  printSummary(summary, (performance.now() - started) / 1000, size, seed);
}

main().catch((error: unknown) => {
  if (error instanceof DemoDataPresentError) console.error(`seed:demo refused: ${error.message}`);
  else if (error instanceof RangeError) console.error(`seed:demo: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
