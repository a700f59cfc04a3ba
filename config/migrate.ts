import dataSource from './data-source.js';
import { AppConfig, runMigrations } from '#app/core';

/** `npm run migration:run` applies pending migrations (creating the database if missing); `--revert` undoes the last one. */
async function main(): Promise<void> {
  if (process.argv.includes('--revert')) {
    await dataSource.initialize();
    await dataSource.undoLastMigration({ transaction: 'each' });
    await dataSource.destroy();
    console.log('Reverted the last migration');
    return;
  }
  const applied = await runMigrations(new AppConfig(process.env).databaseUrl);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
