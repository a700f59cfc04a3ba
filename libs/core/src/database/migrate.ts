import pg from 'pg';
import { DataSource } from 'typeorm';
import { ensureDatabase } from './ensure-database.js';
import { migrations } from './migrations/index.js';

const MIGRATION_LOCK_KEY = 727_001;

/**
 * Creates the database if missing and applies pending migrations; returns the names applied.
 * An advisory lock makes concurrent starts (several API replicas) migrate one at a time.
 */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  await ensureDatabase(databaseUrl);
  const lock = new pg.Client({ connectionString: databaseUrl });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const dataSource = new DataSource({
      type: 'postgres',
      url: databaseUrl,
      migrations,
      migrationsTableName: 'migrations',
      logging: ['error'],
    });
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await lock.end();
  }
}
